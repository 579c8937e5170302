//! A record as sync sees it: slots (each field, and each element of the lists whose elements have
//! an identity), each with the stamp of its last write, plus the stamp of a deletion. Merging two
//! states keeps, slot by slot, the later write; that is a join (commutative, associative,
//! idempotent), so every computer that has seen the same edits holds the same record, whatever the
//! order they arrived in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use super::slots::{canonical, key_rule, quiet, slots_of};

use super::hlc::Hlc;
use crate::model::{Id, RecordKind, Timestamp};

/// When a slot was last written, and the stamp of the value that write replaced: a write that
/// replaced a value it never saw was made on another computer at the same time (a conflict).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub at: Hlc,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Hlc>,
}

impl Stamp {
    pub fn new(at: Hlc) -> Stamp {
        Stamp { at, parent: None }
    }
}

/// The clocks of one record, kept next to it in storage (`clock/NN`) and in backups. A record
/// without clocks was last written before this computer kept them: every slot has the stamp
/// [`Hlc::legacy`] of its `updated_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clocks {
    pub id: Id,
    pub kind: RecordKind,
    /// The stamp of every slot not listed in `slots`.
    pub at: Stamp,
    /// Slots written at another stamp; a slot listed here and missing from the record was removed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub slots: BTreeMap<String, Stamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<Hlc>,
    /// The record as it was when deleted: an edit made elsewhere after the deletion brings it
    /// back whole, the same on every computer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Value>,
}

impl Clocks {
    /// The latest stamp of any write to the record, its deletion included.
    pub fn latest(&self) -> &Hlc {
        let mut latest = &self.at.at;
        for s in self.slots.values() {
            latest = latest.max(&s.at);
        }
        match &self.deleted {
            Some(d) => latest.max(d),
            None => latest,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub stamp: Stamp,
    /// `None`: removed.
    pub value: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    pub slots: BTreeMap<String, Slot>,
    pub deleted: Option<Hlc>,
}

fn updated_at(record: &Value) -> Option<Timestamp> {
    record
        .get("updated_at")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
}

impl State {
    /// A stored record (or the last state of a deleted one) with its clocks; without clocks,
    /// every slot has the stamp of its `updated_at`. `deleted_at` is the tombstone's time, for a
    /// record deleted before clocks were kept.
    pub fn of(
        kind: RecordKind,
        record: Option<&Value>,
        clocks: Option<&Clocks>,
        deleted_at: Option<Timestamp>,
    ) -> State {
        let record = record.or(clocks.and_then(|c| c.last.as_ref()));
        let default = match clocks {
            Some(c) => c.at.clone(),
            None => Stamp::new(Hlc::legacy(
                record
                    .and_then(updated_at)
                    .or(deleted_at)
                    .unwrap_or_default(),
            )),
        };
        let mut state = State {
            slots: BTreeMap::new(),
            deleted: clocks
                .and_then(|c| c.deleted.clone())
                .or(deleted_at.map(Hlc::legacy)),
        };
        if let Some(r) = record {
            for (path, value) in slots_of(kind, r) {
                let stamp = clocks
                    .and_then(|c| c.slots.get(&path))
                    .cloned()
                    .unwrap_or_else(|| default.clone());
                state.slots.insert(
                    path,
                    Slot {
                        stamp,
                        value: Some(value),
                    },
                );
            }
        }
        if let Some(c) = clocks {
            for (path, stamp) in &c.slots {
                state.slots.entry(path.clone()).or_insert(Slot {
                    stamp: stamp.clone(),
                    value: None,
                });
            }
        }
        state
    }

    /// Whether the record exists: never deleted, or written after its deletion.
    pub fn alive(&self) -> bool {
        match &self.deleted {
            None => !self.slots.is_empty(),
            Some(d) => self.slots.values().any(|s| &s.stamp.at > d),
        }
    }

    /// The latest write to any slot.
    pub fn latest(&self) -> Option<&Hlc> {
        self.slots.values().map(|s| &s.stamp.at).max()
    }

    /// The record's JSON from its live slots (whether or not it is deleted).
    pub fn record(&self, kind: RecordKind, id: Id) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), Value::String(id.to_string()));
        let mut lists: BTreeMap<&str, (Vec<String>, BTreeMap<&str, &Value>)> = BTreeMap::new();
        for (path, slot) in &self.slots {
            let Some(v) = &slot.value else { continue };
            if let Some((field, rest)) = path.split_once('[') {
                if key_rule(kind, field).is_some() {
                    let key = rest.strip_suffix(']').unwrap_or(rest);
                    lists.entry(field).or_default().1.insert(key, v);
                    continue;
                }
            }
            if let Some(field) = path.strip_suffix('#') {
                if key_rule(kind, field).is_some() {
                    let order = v
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|k| k.as_str().map(String::from))
                                .collect()
                        })
                        .unwrap_or_default();
                    lists.entry(field).or_default().0 = order;
                    continue;
                }
            }
            m.insert(path.clone(), v.clone());
        }
        for (field, (order, mut items)) in lists {
            let mut list = Vec::with_capacity(items.len());
            for key in &order {
                if let Some(v) = items.remove(key.as_str()) {
                    list.push(v.clone());
                }
            }
            // Elements added elsewhere, not in the order this side last wrote: after, by key.
            list.extend(items.into_values().cloned());
            m.insert(field.to_string(), Value::Array(list));
        }
        Value::Object(m)
    }

    /// The clocks to store for this state: the commonest stamp as the default, the rest listed.
    pub fn clocks(&self, kind: RecordKind, id: Id) -> Clocks {
        let mut count: BTreeMap<&Stamp, usize> = BTreeMap::new();
        for s in self.slots.values().filter(|s| s.value.is_some()) {
            *count.entry(&s.stamp).or_default() += 1;
        }
        let at = count
            .iter()
            .max_by_key(|(s, n)| (**n, std::cmp::Reverse(*s)))
            .map(|(s, _)| (*s).clone())
            .or_else(|| self.deleted.clone().map(Stamp::new))
            .unwrap_or_else(|| Stamp::new(Hlc::default()));
        let slots = self
            .slots
            .iter()
            .filter(|(_, s)| s.value.is_none() || s.stamp != at)
            .map(|(p, s)| (p.clone(), s.stamp.clone()))
            .collect();
        let alive = self.alive();
        Clocks {
            id,
            kind,
            at,
            slots,
            deleted: if alive { None } else { self.deleted.clone() },
            last: (!alive && !self.slots.is_empty()).then(|| self.record(kind, id)),
        }
    }
}

/// A value that lost to a later write of the same slot made without seeing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    pub path: String,
    pub kept: Option<Value>,
    pub lost: Value,
    /// The stamp of the write that won.
    pub at: Hlc,
    /// The stamp of the write that lost.
    pub lost_at: Hlc,
}

fn wins(a: &Slot, b: &Slot) -> bool {
    match a.stamp.at.cmp(&b.stamp.at) {
        std::cmp::Ordering::Equal => {
            let (va, vb) = (
                a.value.as_ref().map(canonical),
                b.value.as_ref().map(canonical),
            );
            (va, &a.stamp.parent) > (vb, &b.stamp.parent)
        }
        o => o == std::cmp::Ordering::Greater,
    }
}

/// Two states of one record merged, and the values that lost to a concurrent write.
pub fn join(a: &State, b: &State) -> (State, Vec<Lost>) {
    let mut out = State {
        slots: BTreeMap::new(),
        deleted: a.deleted.clone().max(b.deleted.clone()),
    };
    let mut lost = Vec::new();
    let paths: std::collections::BTreeSet<&String> = a.slots.keys().chain(b.slots.keys()).collect();
    for path in paths {
        let slot = match (a.slots.get(path), b.slots.get(path)) {
            (Some(x), None) | (None, Some(x)) => x.clone(),
            (Some(x), Some(y)) => {
                let (w, l) = if wins(x, y) { (x, y) } else { (y, x) };
                if let Some(lv) = &l.value {
                    let concurrent = w.stamp.parent.as_ref() < Some(&l.stamp.at);
                    if concurrent && w.value.as_ref() != Some(lv) && !quiet(path) {
                        lost.push(Lost {
                            path: path.clone(),
                            kept: w.value.clone(),
                            lost: lv.clone(),
                            at: w.stamp.at.clone(),
                            lost_at: l.stamp.at.clone(),
                        });
                    }
                }
                w.clone()
            }
            (None, None) => continue,
        };
        out.slots.insert(path.clone(), slot);
    }
    (out, lost)
}
