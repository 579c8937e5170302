//! Records from another computer merged into the base: slot by slot by their clocks
//! ([`state::join`](super::state::join)), each checked as an import checks it; a value that lost to
//! a concurrent write goes into the client's history.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use super::local::stored_state;
use super::state::{join, quiet, Lost, State};
use super::{Clock, Hlc, Version};
use crate::base::{Base, Batch};
use crate::model::*;
use crate::record::{KindFn, Record};
use crate::validate::{validate_client, validate_product, validate_staff, Problem};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub added: usize,
    pub updated: usize,
    pub deleted: usize,
    /// Already here as sent.
    pub same: usize,
    /// Values that lost to a concurrent write of the same field (in the history).
    pub replaced: usize,
    /// Records of a client deleted meanwhile: they went with it.
    pub of_deleted: usize,
}

/// A record that was not taken, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refused {
    pub kind: String,
    pub id: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// What to write (and apply in memory): records, tombstones, clocks, history.
    pub batch: Batch,
    pub stats: Stats,
    pub refused: Vec<Refused>,
    /// How far ahead of this computer's clock the latest stamp that arrived is, when more than
    /// [`SKEW_WARN_MS`](super::hlc::SKEW_WARN_MS): a computer's clock is wrong (0 otherwise).
    pub ahead_ms: i64,
    /// The history entries of values lost to a concurrent write, before they are stamped.
    lost: Vec<ChangeLogEntry>,
}

/// Merges `incoming` (any number of versions of any records, in any order) into the base. The
/// clock of this computer takes in every stamp that arrives (so what it writes next comes after)
/// and stamps the history entries the merge writes, so that they travel on like its own edits.
pub fn plan(base: &Base, incoming: &[Version], clock: &mut Clock, wall_ms: i64) -> Plan {
    let mut plan = Plan::default();
    let mut remote: BTreeMap<(RecordKind, Id), Incoming> = BTreeMap::new();
    // Records that came with clocks; the others were last written before clocks were kept, and
    // stay without (their `updated_at` is their stamp), which spares a joining computer 100,000
    // entries.
    let mut clocked: HashSet<Id> = HashSet::new();
    for v in incoming {
        if v.clocks.is_some() {
            clocked.insert(v.id);
        }
        if let Some(h) = latest_of(v) {
            let ahead = clock.observe(&h, wall_ms);
            // Only a stamp read off a computer's own wall clock (counter 0) says that clock is
            // off: an `updated_at` from before clocks were kept may be anything (an import, a
            // demo dated ahead), and a stamp with a counter follows one seen before.
            if let (Some(ahead), false, 0) = (ahead, h.device.is_empty(), h.n) {
                plan.ahead_ms = plan.ahead_ms.max(ahead);
            }
        }
        match remote.entry((v.kind, v.id)) {
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert(Incoming::One(v));
            }
            std::collections::btree_map::Entry::Occupied(mut e) => {
                let joined = join(&e.get().state(), &v.state()).0;
                e.insert(Incoming::Many(joined));
            }
        }
    }
    // Clients come first (the map is ordered by kind), so a record of a client knows whether
    // its client ends alive after this merge.
    let mut clients: HashMap<Id, bool> = HashMap::new();
    for ((kind, id), incoming) in &remote {
        kind.dispatch(MergeOne {
            base,
            id: *id,
            remote: incoming,
            clocked: clocked.contains(id),
            clients: &mut clients,
            plan: &mut plan,
        });
    }
    // History written here is this computer's write: stamped, it is sent on with its own edits.
    let mut history = Batch {
        changes: std::mem::take(&mut plan.lost)
            .into_iter()
            .filter(|c| base.changes.get(&c.id).is_none())
            .collect(),
        ..Batch::default()
    };
    super::local::stamp(base, &mut history, clock, wall_ms);
    plan.batch.changes.extend(history.changes);
    plan.batch.clocks.extend(history.clocks);
    plan
}

/// What arrived for one record: one version (nearly always), or several already merged.
enum Incoming<'a> {
    One(&'a Version),
    Many(State),
}

impl Incoming<'_> {
    fn state(&self) -> State {
        match self {
            Incoming::One(v) => v.state(),
            Incoming::Many(s) => s.clone(),
        }
    }
}

/// The latest stamp a version carries, read off its clocks (no slots built: a computer joining
/// a base takes in hundreds of thousands).
fn latest_of(v: &Version) -> Option<Hlc> {
    match &v.clocks {
        Some(c) => Some(c.latest().clone()),
        None => v
            .record
            .as_ref()
            .and_then(|r| r.get("updated_at"))
            .and_then(|t| serde_json::from_value(t.clone()).ok())
            .or(v.deleted_at)
            .map(Hlc::legacy),
    }
}

struct MergeOne<'a> {
    base: &'a Base,
    id: Id,
    remote: &'a Incoming<'a>,
    /// Whether it came with clocks.
    clocked: bool,
    /// The clients merged so far, and whether each ended alive.
    clients: &'a mut HashMap<Id, bool>,
    plan: &'a mut Plan,
}

impl KindFn for MergeOne<'_> {
    type Out = ();
    fn call<K: Record>(self) {
        let refuse = |plan: &mut Plan, reason: String| {
            plan.refused.push(Refused {
                kind: K::KIND.as_str().to_string(),
                id: self.id.to_string(),
                reason,
            })
        };
        let local = stored_state::<K>(self.base, &self.id);
        // New here, alive, sent once: taken as sent, without splitting it into slots (the first
        // sync of a whole base is nearly all this).
        if let (None, Incoming::One(v)) = (&local, self.remote) {
            let deleted =
                v.deleted_at.is_some() || v.clocks.as_ref().is_some_and(|c| c.deleted.is_some());
            if let (Some(record), false) = (&v.record, deleted) {
                return self.take_new::<K>(record.clone(), v.clocks.clone());
            }
        }
        let owned = self.remote.state();
        let remote = &owned;
        // The record as sent must be one this version can read and would accept.
        let mut sent = None;
        if remote.alive() {
            match check::<K>(self.base, remote.record(K::KIND, self.id), self.clients) {
                Ok(r) => sent = Some(r),
                Err(Unfit::ClientDeleted) => {
                    self.plan.stats.of_deleted += 1;
                    return;
                }
                Err(Unfit::Bad(reason)) => return refuse(self.plan, reason),
            }
        }
        let (merged, lost, sent) = match &local {
            Some(l) => {
                let (m, lost) = join(l, remote);
                (m, lost, None)
            }
            // New here: the record is the one sent, already read.
            None => (remote.clone(), Vec::new(), sent),
        };
        if local.as_ref() == Some(&merged) {
            self.plan.stats.same += 1;
            return;
        }
        let was_alive = local.as_ref().is_some_and(State::alive);
        if K::KIND == RecordKind::Client {
            self.clients.insert(self.id, merged.alive());
        }
        let b = &mut self.plan.batch;
        if merged.alive() {
            let record: K = match sent
                .map(Ok)
                .unwrap_or_else(|| serde_json::from_value(merged.record(K::KIND, self.id)))
            {
                Ok(r) => r,
                Err(e) => {
                    return refuse(self.plan, format!("the merged record does not read: {e}"))
                }
            };
            let client = record.client().unwrap_or(self.id);
            K::rows_mut(b).push(record);
            let s = &mut self.plan.stats;
            if was_alive {
                s.updated += 1;
            } else {
                s.added += 1;
            }
            s.replaced += lost.len();
            // History is written once and never edited: nothing of it can be lost to a merge.
            if (K::KIND == RecordKind::Client || K::OWNED) && K::KIND != RecordKind::Change {
                for l in &lost {
                    self.plan.lost.push(history::<K>(self.id, client, l));
                }
            }
        } else if was_alive || !self.base.tombstones.contains_key(&self.id) {
            let at = merged
                .deleted
                .as_ref()
                .map(|d| d.time())
                .unwrap_or_default();
            if K::KIND == RecordKind::Client {
                // Its orders, letters and history go with it, as when it is deleted here.
                b.tombstones
                    .extend(self.base.delete_client(self.id, at).tombstones);
            } else {
                b.tombstones.push(Tombstone {
                    id: self.id,
                    kind: K::KIND,
                    deleted_at: at,
                });
            }
            if was_alive {
                self.plan.stats.deleted += 1;
            }
        }
        if self.clocked || local.is_some() {
            b.clocks.push(merged.clocks(K::KIND, self.id));
        }
    }
}

impl MergeOne<'_> {
    /// A record this base never had, alive: checked as an import checks it and taken with the
    /// clocks it came with.
    fn take_new<K: Record>(self, record: Value, clocks: Option<super::Clocks>) {
        let record: K = match check::<K>(self.base, record, self.clients) {
            Ok(r) => r,
            Err(Unfit::ClientDeleted) => {
                self.plan.stats.of_deleted += 1;
                return;
            }
            Err(Unfit::Bad(reason)) => {
                return self.plan.refused.push(Refused {
                    kind: K::KIND.as_str().to_string(),
                    id: self.id.to_string(),
                    reason,
                })
            }
        };
        if K::KIND == RecordKind::Client {
            self.clients.insert(self.id, true);
        }
        K::rows_mut(&mut self.plan.batch).push(record);
        self.plan.stats.added += 1;
        if let (Some(mut c), true) = (clocks, self.clocked) {
            // Kept beside this record, whatever the sender wrote in them.
            c.id = self.id;
            c.kind = K::KIND;
            self.plan.batch.clocks.push(c);
        }
    }
}

enum Unfit {
    /// A record of a client deleted (here or on its way): it goes with the client.
    ClientDeleted,
    Bad(String),
}

/// Whether a record from elsewhere is one this version reads and an import would take.
fn check<K: Record>(base: &Base, value: Value, clients: &HashMap<Id, bool>) -> Result<K, Unfit> {
    let named = matches!(
        K::KIND,
        RecordKind::Client | RecordKind::Product | RecordKind::Staff
    );
    let kept = named.then(|| value.clone());
    let record: K = serde_json::from_value(value)
        .map_err(|e| Unfit::Bad(format!("not a readable {}: {e}", K::KIND.as_str())))?;
    if let Some(client) = record.client() {
        match clients.get(&client) {
            Some(true) => {}
            Some(false) => return Err(Unfit::ClientDeleted),
            None if base.tombstones.contains_key(&client) => return Err(Unfit::ClientDeleted),
            None if base.clients.get(&client).is_none() => {
                return Err(Unfit::Bad(format!(
                    "refers to client {client}, which is not in the base"
                )))
            }
            None => {}
        }
    }
    // The kinds with a name: one without it is not a record the app would make.
    let problems = match (K::KIND, kept) {
        (RecordKind::Client, Some(v)) => serde_json::from_value(v).map(|c| validate_client(&c)),
        (RecordKind::Product, Some(v)) => serde_json::from_value(v).map(|p| validate_product(&p)),
        (RecordKind::Staff, Some(v)) => serde_json::from_value(v).map(|s| validate_staff(&s)),
        _ => Ok(Vec::new()),
    }
    .unwrap_or_default();
    if problems.iter().any(|p| p.problem == Problem::EmptyName) {
        return Err(Unfit::Bad("it has no name".to_string()));
    }
    Ok(record)
}

/// A short text of a slot's value for the history: strings as they are, lists and objects as
/// their JSON.
fn text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(m)) => ["number", "address", "street", "last", "text"]
            .iter()
            .filter_map(|k| m.get(*k).and_then(Value::as_str))
            .next()
            .map(String::from)
            .unwrap_or_else(|| Value::Object(m.clone()).to_string()),
        Some(other) => other.to_string(),
    }
}

/// The same on every computer for the same lost value, so two computers that both record it
/// hold one entry, not two.
fn history_id(id: Id, path: &str, stamps: &str) -> Id {
    // FNV-1a, 128 bits: no cryptography needed, only the same bits everywhere.
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for b in id
        .as_bytes()
        .iter()
        .chain(path.as_bytes())
        .chain(stamps.as_bytes())
    {
        h ^= u128::from(*b);
        h = h.wrapping_mul(0x0000000001000000000000000000013B);
    }
    uuid::Builder::from_custom_bytes(h.to_be_bytes()).into_uuid()
}

fn history<K: Record>(id: Id, client: Id, l: &Lost) -> ChangeLogEntry {
    let field = if K::KIND == RecordKind::Client {
        l.path.clone()
    } else {
        format!("{}:{}.{}", K::KIND.as_str(), id, l.path)
    };
    debug_assert!(!quiet(&l.path));
    ChangeLogEntry {
        // The same loss seen against two different winners is two entries (each true when made).
        id: history_id(id, &l.path, &format!("{}/{}", l.lost_at, l.at)),
        client,
        field,
        old: text(Some(&l.lost)),
        new: text(l.kept.as_ref()),
        at: l.at.time(),
        by: None,
        lost: Some(l.lost.clone()),
        updated_at: l.at.time(),
    }
}
