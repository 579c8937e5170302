//! What is checked after a backup parsed: ids unique, references resolvable, values plausible.

use std::collections::{HashMap, HashSet};

use super::{Backup, BackupError};
use crate::model::*;
use crate::record::{each_kind, Record, Visit};
use crate::validate::{
    validate_client, validate_order, validate_product, validate_staff, FieldProblem, Problem,
};

/// A value the file holds that is doubtful but the user's own (an old phone typed badly): it is
/// imported as it is and shown, not refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupWarning {
    pub path: String,
    pub message: String,
}

/// How many warnings are listed: the rest are counted only, so a file full of old phone formats
/// does not flood the preview.
pub const MAX_WARNINGS: usize = 200;

fn unique_ids<T: Record>(name: &str, rows: &[T]) -> Result<HashSet<Id>, BackupError> {
    let mut seen = HashSet::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        if !seen.insert(r.id()) {
            return Err(BackupError::Invalid {
                path: format!("{name}[{i}].id"),
                message: format!("the id {} appears twice", r.id()),
            });
        }
    }
    Ok(seen)
}

/// Checks every kind's ids (see [`unique_ids`]), keeping each kind's set.
struct UniqueIds<'a> {
    data: &'a crate::base::Batch,
    sets: HashMap<RecordKind, HashSet<Id>>,
    failed: Option<BackupError>,
}

impl Visit for UniqueIds<'_> {
    fn visit<K: Record>(&mut self) {
        if self.failed.is_some() {
            return;
        }
        match unique_ids(K::FIELD, K::rows(self.data)) {
            Ok(set) => drop(self.sets.insert(K::KIND, set)),
            Err(e) => self.failed = Some(e),
        }
    }
}

fn reference(
    ok: bool,
    path: impl FnOnce() -> String,
    id: &Id,
    what: &str,
) -> Result<(), BackupError> {
    if ok {
        Ok(())
    } else {
        Err(BackupError::Invalid {
            path: path(),
            message: format!("refers to {what} {id}, which is not in the file"),
        })
    }
}

/// Every record that belongs to a client names one in the file (or deleted in it).
struct ClientRefs<'a> {
    data: &'a crate::base::Batch,
    known: &'a dyn Fn(&Id) -> bool,
    failed: Option<BackupError>,
}

impl Visit for ClientRefs<'_> {
    fn visit<K: Record>(&mut self) {
        if self.failed.is_some() || !K::OWNED {
            return;
        }
        for (i, r) in K::rows(self.data).iter().enumerate() {
            if let Some(client) = r.client() {
                if let Err(e) = reference(
                    (self.known)(&client),
                    || format!("{}[{i}].client", K::FIELD),
                    &client,
                    "client",
                ) {
                    self.failed = Some(e);
                    return;
                }
            }
        }
    }
}

/// The ids of one kind in the file, and those deleted in it: what a reference may name.
struct Known {
    ids: HashSet<Id>,
}

impl Known {
    fn has(&self, deleted: &HashSet<Id>, id: &Id) -> bool {
        self.ids.contains(id) || deleted.contains(id)
    }
}

pub(super) fn check(b: &Backup) -> Result<Vec<BackupWarning>, BackupError> {
    if let Some(p) = b.settings.problems().first() {
        return Err(BackupError::Invalid {
            path: format!("settings.{}", p.field()),
            message: p.message(),
        });
    }
    let d = &b.data;
    let mut ids = UniqueIds {
        data: d,
        sets: HashMap::new(),
        failed: None,
    };
    each_kind(&mut ids);
    if let Some(e) = ids.failed {
        return Err(e);
    }
    let mut set_of = |kind| Known {
        ids: ids.sets.remove(&kind).unwrap_or_default(),
    };
    let (clients, products, staff, letters, orders) = (
        set_of(RecordKind::Client),
        set_of(RecordKind::Product),
        set_of(RecordKind::Staff),
        set_of(RecordKind::Letter),
        set_of(RecordKind::Order),
    );
    let deleted: HashSet<Id> = d.tombstones.iter().map(|t| t.id).collect();
    let known_client = |id: &Id| clients.has(&deleted, id);
    let mut refs = ClientRefs {
        data: d,
        known: &known_client,
        failed: None,
    };
    each_kind(&mut refs);
    if let Some(e) = refs.failed {
        return Err(e);
    }
    // (path, known, id, what) of every other reference between records.
    let staff_ref = |path: String, id: &Option<Id>| id.map(|id| (path, &staff, id, "staff member"));
    let mut others: Vec<(String, &Known, Id, &str)> = Vec::new();
    for (i, c) in d.clients.iter().enumerate() {
        others.extend(staff_ref(format!("clients[{i}].owner"), &c.owner));
        if let Some(into) = c.merged_into {
            others.push((
                format!("clients[{i}].merged_into"),
                &clients,
                into,
                "client",
            ));
        }
    }
    for (i, o) in d.orders.iter().enumerate() {
        others.extend(staff_ref(format!("orders[{i}].staff"), &o.staff));
        if let Some(l) = o.letter {
            others.push((format!("orders[{i}].letter"), &letters, l, "letter"));
        }
        for (j, l) in o.lines.iter().enumerate() {
            if let Some(p) = l.product {
                let path = format!("orders[{i}].lines[{j}].product");
                others.push((path, &products, p, "product"));
            }
        }
    }
    for (i, x) in d.deals.iter().enumerate() {
        others.extend(staff_ref(format!("deals[{i}].staff"), &x.staff));
        if let Some(o) = x.order {
            others.push((format!("deals[{i}].order"), &orders, o, "order"));
        }
    }
    for (i, x) in d.activities.iter().enumerate() {
        others.extend(staff_ref(format!("activities[{i}].staff"), &x.staff));
    }
    for (i, x) in d.requests.iter().enumerate() {
        others.extend(staff_ref(format!("requests[{i}].staff"), &x.staff));
    }
    for (path, known, id, what) in others {
        reference(known.has(&deleted, &id), || path, &id, what)?;
    }
    Ok(warnings(d))
}

/// Far beyond any order an awards maker takes (a billion roubles): a typo or a hostile file.
const MAX_PLAUSIBLE_KOP: i64 = 100_000_000_000;

/// Doubtful values that are kept, each with its path (the first [`MAX_WARNINGS`] listed).
fn warnings(d: &crate::base::Batch) -> Vec<BackupWarning> {
    let mut warnings = Vec::new();
    let mut more = 0usize;
    let mut push = |prefix: String, problems: Vec<FieldProblem>| {
        for p in problems {
            if warnings.len() < MAX_WARNINGS {
                warnings.push(BackupWarning {
                    path: format!("{prefix}.{}", p.field),
                    message: p.problem.message().to_string(),
                });
            } else {
                more += 1;
            }
        }
    };
    for (i, c) in d.clients.iter().enumerate() {
        push(format!("clients[{i}]"), validate_client(c));
    }
    for (i, o) in d.orders.iter().enumerate() {
        push(format!("orders[{i}]"), validate_order(o));
    }
    for (i, s) in d.staff.iter().enumerate() {
        push(format!("staff[{i}]"), validate_staff(s));
    }
    for (i, p) in d.products.iter().enumerate() {
        push(format!("products[{i}]"), validate_product(p));
    }
    // A letter's contact person the client no longer has (removed since): the letter stays, the
    // name on it is kept in its text; said, not refused.
    let contacts: HashMap<Id, HashSet<Id>> = d
        .clients
        .iter()
        .map(|c| (c.id, c.contacts.iter().map(|p| p.id).collect()))
        .collect();
    for (i, l) in d.letters.iter().enumerate() {
        if let Some(p) = l.contact {
            if contacts.get(&l.client).is_some_and(|set| !set.contains(&p)) {
                push(
                    format!("letters[{i}]"),
                    vec![FieldProblem::new("contact", Problem::UnknownContact)],
                );
            }
        }
    }
    let amount = |kop: i64| {
        if (0..=MAX_PLAUSIBLE_KOP).contains(&kop) {
            vec![]
        } else {
            vec![FieldProblem::new("amount_kop", Problem::ImplausibleAmount)]
        }
    };
    for (i, x) in d.deals.iter().enumerate() {
        push(format!("deals[{i}]"), amount(x.amount_kop));
        for (j, p) in x.payments.iter().enumerate() {
            push(format!("deals[{i}].payments[{j}]"), amount(p.amount_kop));
        }
    }
    for (i, x) in d.contracts.iter().enumerate() {
        push(format!("contracts[{i}]"), amount(x.amount_kop));
    }
    for (i, o) in d.orders.iter().enumerate() {
        push(format!("orders[{i}]"), amount(o.total_kop()));
    }
    if more > 0 {
        warnings.push(BackupWarning {
            path: String::new(),
            message: format!("and {more} more doubtful values"),
        });
    }
    warnings
}
