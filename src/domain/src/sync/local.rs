//! Stamping what this computer writes: every slot an edit changes gets a fresh clock reading and
//! the stamp of the value it replaced; a new record one stamp; a deletion keeps the record's last
//! state with its stamps.

use serde_json::Value;

use super::hlc::{Clock, Hlc};
use super::state::{slots_of, Clocks, Slot, Stamp, State};
use crate::base::{Base, Batch};
use crate::model::*;
use crate::record::{each_kind, KindFn, Record, Visit};

/// The stored state of a record (alive, deleted with its clocks, or deleted before clocks).
pub fn stored_state<K: Record>(base: &Base, id: &Id) -> Option<State> {
    let record = K::table(base)
        .get(id)
        .and_then(|r| serde_json::to_value(r).ok());
    let clocks = base.clocks.get(id).filter(|c| c.kind == K::KIND);
    let deleted_at = base.tombstones.get(id).map(|t| t.deleted_at);
    if record.is_none() && clocks.is_none() && deleted_at.is_none() {
        return None;
    }
    Some(State::of(K::KIND, record.as_ref(), clocks, deleted_at))
}

/// A reading after every stamp of `state`, so an edit always comes after what it replaces.
fn reading(clock: &mut Clock, wall_ms: i64, state: Option<&State>) -> Hlc {
    if let Some(latest) = state.and_then(|s| s.latest().cloned().max(s.deleted.clone())) {
        clock.observe(&latest, wall_ms);
    }
    clock.tick(wall_ms)
}

struct StampKind<'a> {
    base: &'a Base,
    batch: &'a Batch,
    clock: &'a mut Clock,
    wall_ms: i64,
    out: Vec<Clocks>,
}

impl Visit for StampKind<'_> {
    fn visit<K: Record>(&mut self) {
        for r in K::rows(self.batch) {
            let id = r.id();
            let old = stored_state::<K>(self.base, &id);
            let at = reading(self.clock, self.wall_ms, old.as_ref());
            let Some(old) = old else {
                self.out.push(Clocks {
                    id,
                    kind: K::KIND,
                    at: Stamp::new(at),
                    slots: Default::default(),
                    deleted: None,
                    last: None,
                });
                continue;
            };
            let Ok(value) = serde_json::to_value(r) else {
                continue;
            };
            if let Some(state) = edited(&old, &slots_of(K::KIND, &value), at) {
                self.out.push(state.clocks(K::KIND, id));
            }
        }
    }
}

/// The state after an edit that left the record with `new` slots; `None` if nothing changed.
fn edited(old: &State, new: &std::collections::BTreeMap<String, Value>, at: Hlc) -> Option<State> {
    // A record put back after its deletion (an undo) is written anew, every slot after it.
    let revived = !old.alive();
    let mut state = old.clone();
    let mut changed = revived;
    let paths: std::collections::BTreeSet<&String> = old.slots.keys().chain(new.keys()).collect();
    for path in paths {
        let before = old.slots.get(path);
        let now = new.get(path);
        if !revived && before.and_then(|s| s.value.as_ref()) == now {
            continue;
        }
        if before.is_none_or(|s| s.value.is_none()) && now.is_none() {
            continue;
        }
        changed = true;
        state.slots.insert(
            path.clone(),
            Slot {
                stamp: Stamp {
                    at: at.clone(),
                    parent: before.map(|s| s.stamp.at.clone()),
                },
                value: now.cloned(),
            },
        );
    }
    changed.then_some(state)
}

/// Stamps a deleted record: its last state kept, the deletion after every write it saw.
struct Delete<'a> {
    base: &'a Base,
    id: Id,
    clock: &'a mut Clock,
    wall_ms: i64,
}

impl KindFn for Delete<'_> {
    type Out = Clocks;
    fn call<K: Record>(self) -> Clocks {
        let old = stored_state::<K>(self.base, &self.id);
        let at = reading(self.clock, self.wall_ms, old.as_ref());
        let mut state = old.unwrap_or_default();
        state.deleted = Some(at.clone());
        let mut clocks = state.clocks(K::KIND, self.id);
        if state.slots.is_empty() {
            clocks.at = Stamp::new(at);
        }
        clocks
    }
}

/// Adds to `batch` the clocks of everything it writes, as written on this computer now.
pub fn stamp(base: &Base, batch: &mut Batch, clock: &mut Clock, wall_ms: i64) {
    let mut v = StampKind {
        base,
        batch,
        clock,
        wall_ms,
        out: Vec::new(),
    };
    each_kind(&mut v);
    let mut out = v.out;
    for t in &batch.tombstones {
        out.push(t.kind.dispatch(Delete {
            base,
            id: t.id,
            clock,
            wall_ms,
        }));
    }
    batch.clocks.extend(out);
}
