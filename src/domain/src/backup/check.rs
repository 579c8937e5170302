//! What is checked after a backup parsed: ids unique, references resolvable, values plausible.

use std::collections::{HashMap, HashSet};

use super::{Backup, BackupError};
use crate::model::*;
use crate::record::{each_kind, Record, Visit};
use crate::validate::{validate_client, validate_order, FieldProblem};

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

pub(super) fn check(b: &Backup) -> Result<Vec<BackupWarning>, BackupError> {
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
    let mut set_of = |kind| ids.sets.remove(&kind).unwrap_or_default();
    let (clients, products, staff) = (
        set_of(RecordKind::Client),
        set_of(RecordKind::Product),
        set_of(RecordKind::Staff),
    );
    let deleted: HashSet<Id> = d.tombstones.iter().map(|t| t.id).collect();
    let known_client = |id: &Id| clients.contains(id) || deleted.contains(id);

    for (i, c) in d.clients.iter().enumerate() {
        if let Some(owner) = &c.owner {
            reference(
                staff.contains(owner) || deleted.contains(owner),
                || format!("clients[{i}].owner"),
                owner,
                "staff member",
            )?;
        }
        if let Some(into) = &c.merged_into {
            reference(
                known_client(into),
                || format!("clients[{i}].merged_into"),
                into,
                "client",
            )?;
        }
    }
    for (i, o) in d.orders.iter().enumerate() {
        reference(
            known_client(&o.client),
            || format!("orders[{i}].client"),
            &o.client,
            "client",
        )?;
        for (j, l) in o.lines.iter().enumerate() {
            if let Some(p) = &l.product {
                reference(
                    products.contains(p) || deleted.contains(p),
                    || format!("orders[{i}].lines[{j}].product"),
                    p,
                    "product",
                )?;
            }
        }
    }
    for (i, l) in d.letters.iter().enumerate() {
        reference(
            known_client(&l.client),
            || format!("letters[{i}].client"),
            &l.client,
            "client",
        )?;
    }
    for (i, r) in d.requests.iter().enumerate() {
        reference(
            known_client(&r.client),
            || format!("requests[{i}].client"),
            &r.client,
            "client",
        )?;
    }
    for (i, c) in d.changes.iter().enumerate() {
        reference(
            known_client(&c.client),
            || format!("changes[{i}].client"),
            &c.client,
            "client",
        )?;
    }

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
    if more > 0 {
        warnings.push(BackupWarning {
            path: String::new(),
            message: format!("and {more} more doubtful values"),
        });
    }
    Ok(warnings)
}
