//! Several computers, one base: what each computer sends (its records with their clocks) and how
//! what arrives is merged, field by field, so that no edit is lost and every computer ends with the
//! same base whatever order the changes reach it in. How the changes travel (a shared folder,
//! CouchDB) is the app's business; the files a folder holds are described in [`folder`].
//!
//! - [`hlc`]: the clock every write is stamped with;
//! - [`slots`]: which parts of a record are merged one by one;
//! - [`state`]: a record as slots with stamps, and the merge of two;
//! - [`local`]: stamping this computer's writes (every commit);
//! - [`incoming`]: merging what arrives into the base, checked as an import is;
//! - [`couch`]: the records as CouchDB documents, and what to read and write to replicate.

pub mod couch;
pub mod folder;
pub mod hlc;
pub mod incoming;
pub mod local;
pub mod slots;
pub mod state;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use hlc::{Clock, Hlc};
pub use incoming::{plan, Plan, Refused, Stats};
pub use local::stamp;
pub use state::{Clocks, Stamp, State};

use crate::base::Base;
use crate::model::*;
use crate::record::{each_kind, KindFn, Record, Visit};

/// One record as sent to another computer: its JSON (none once deleted) and its clocks (none for a
/// record last written before clocks were kept: its `updated_at` is its stamp).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Version {
    pub kind: RecordKind,
    pub id: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clocks: Option<Clocks>,
    /// For a record deleted before clocks were kept: when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<Timestamp>,
}

impl Version {
    pub fn state(&self) -> State {
        State::of(
            self.kind,
            self.record.as_ref(),
            self.clocks.as_ref(),
            self.deleted_at,
        )
    }

    /// The latest stamp it carries (for the receiving computer's clock).
    pub fn latest(&self) -> Option<Hlc> {
        let s = self.state();
        s.latest().cloned().max(s.deleted)
    }
}

struct VersionOf<'a> {
    base: &'a Base,
    id: Id,
}

impl KindFn for VersionOf<'_> {
    type Out = Version;
    fn call<K: Record>(self) -> Version {
        Version {
            kind: K::KIND,
            id: self.id,
            record: K::table(self.base)
                .get(&self.id)
                .and_then(|r| serde_json::to_value(r).ok()),
            clocks: self
                .base
                .clocks
                .get(&self.id)
                .filter(|c| c.kind == K::KIND)
                .cloned(),
            deleted_at: self.base.tombstones.get(&self.id).map(|t| t.deleted_at),
        }
    }
}

/// The version of one record as the base holds it.
pub fn version_of(base: &Base, kind: RecordKind, id: Id) -> Version {
    kind.dispatch(VersionOf { base, id })
}

/// The latest stamp `device` put on a record.
fn latest_by<'a>(c: &'a Clocks, device: &str) -> Option<&'a Hlc> {
    std::iter::once(&c.at.at)
        .chain(c.slots.values().map(|s| &s.at))
        .chain(c.deleted.as_ref())
        .filter(|h| h.device == device)
        .max()
}

/// What this computer (`device`) wrote after `after` (everything it wrote, without one), in a
/// stable order.
pub fn changed_here(base: &Base, device: &str, after: Option<&Hlc>) -> Vec<Version> {
    let mut ids: Vec<(RecordKind, Id)> = base
        .clocks
        .values()
        .filter(|c| latest_by(c, device).is_some_and(|h| after.is_none_or(|a| h > a)))
        .map(|c| (c.kind, c.id))
        .collect();
    ids.sort();
    ids.into_iter()
        .map(|(kind, id)| version_of(base, kind, id))
        .collect()
}

/// Every record and tombstone of the base: what a computer joining the folder starts from.
pub fn snapshot(base: &Base) -> Vec<Version> {
    snapshot_ids(base)
        .into_iter()
        .map(|(kind, id)| version_of(base, kind, id))
        .collect()
}

/// Which records [`snapshot`] holds, clients first (so a computer reading them in order meets
/// each client before its orders).
pub fn snapshot_ids(base: &Base) -> Vec<(RecordKind, Id)> {
    struct All<'a> {
        base: &'a Base,
        out: Vec<(RecordKind, Id)>,
    }
    impl Visit for All<'_> {
        fn visit<K: Record>(&mut self) {
            for r in K::table(self.base).iter() {
                self.out.push((K::KIND, r.id()));
            }
        }
    }
    let mut all = All {
        base,
        out: Vec::new(),
    };
    each_kind(&mut all);
    let mut out = all.out;
    out.extend(base.tombstone_list().into_iter().map(|t| (t.kind, t.id)));
    out
}

/// A value a concurrent write replaced, put back: the client with `path` (as the history names
/// it) set to `value` again. `None` if the path is not one of the client's.
pub fn restore(client: &Client, path: &str, value: &Value) -> Option<Client> {
    let mut record = serde_json::to_value(client).ok()?;
    let obj = record.as_object_mut()?;
    match path.split_once('[') {
        None => {
            obj.insert(path.to_string(), value.clone());
        }
        Some((field, _)) => {
            let list = obj
                .entry(field.to_string())
                .or_insert(Value::Array(Vec::new()));
            let items = list.as_array_mut()?;
            let key =
                |v: &Value| state::slots_of(RecordKind::Client, &serde_json::json!({ field: [v] }));
            let wanted = key(value);
            // The element of the same identity is replaced; otherwise the value is added.
            match items.iter().position(|v| key(v).keys().eq(wanted.keys())) {
                Some(i) => items[i] = value.clone(),
                None => items.push(value.clone()),
            }
        }
    }
    serde_json::from_value(record).ok()
}
