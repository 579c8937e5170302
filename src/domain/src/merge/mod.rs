//! Merging records from elsewhere (a backup, later a sync peer) into the base, per record:
//! the newer `updated_at` wins, and a tombstone newer than a record keeps it deleted.

use serde::Serialize;

pub mod fields;

use super::base::{Base, Batch, Table};
use super::model::*;
use super::record::{each_kind, KindFn, Record, Visit};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MergeStats {
    pub added: usize,
    pub updated: usize,
    /// The local copy is as new or newer: left as it is.
    pub kept: usize,
    pub deleted: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergePlan {
    /// Exactly what must be written to storage (and applied in memory).
    pub batch: Batch,
    pub stats: MergeStats,
}

fn merge_kind<T: Record>(
    local: &Table<T>,
    base: &Base,
    incoming: &[T],
    out: &mut Vec<T>,
    stats: &mut MergeStats,
) {
    for r in incoming {
        if let Some(t) = base.tombstones.get(&r.id()) {
            if t.deleted_at >= r.updated_at() {
                stats.kept += 1;
                continue;
            }
        }
        match local.get(&r.id()) {
            Some(l) if l.updated_at() >= r.updated_at() => stats.kept += 1,
            Some(_) => {
                stats.updated += 1;
                out.push(r.clone());
            }
            None => {
                stats.added += 1;
                out.push(r.clone());
            }
        }
    }
}

/// The `updated_at` of the local record a tombstone names, if there is one.
struct UpdatedAt<'a> {
    base: &'a Base,
    id: Id,
}

impl KindFn for UpdatedAt<'_> {
    type Out = Option<Timestamp>;
    fn call<K: Record>(self) -> Option<Timestamp> {
        K::table(self.base).get(&self.id).map(Record::updated_at)
    }
}

/// Merges each kind's incoming records (see [`merge_kind`]).
struct MergeKinds<'a> {
    base: &'a Base,
    incoming: &'a Batch,
    plan: &'a mut MergePlan,
}

impl Visit for MergeKinds<'_> {
    fn visit<K: Record>(&mut self) {
        let (b, s) = (&mut self.plan.batch, &mut self.plan.stats);
        merge_kind(
            K::table(self.base),
            self.base,
            K::rows(self.incoming),
            K::rows_mut(b),
            s,
        );
    }
}

pub fn plan_merge(base: &Base, incoming: &Batch) -> MergePlan {
    let mut plan = MergePlan::default();
    each_kind(&mut MergeKinds {
        base,
        incoming,
        plan: &mut plan,
    });
    let (b, s) = (&mut plan.batch, &mut plan.stats);
    for t in &incoming.tombstones {
        if base.tombstones.contains_key(&t.id) {
            continue;
        }
        match t.kind.dispatch(UpdatedAt { base, id: t.id }) {
            // An edit made here after the deletion elsewhere wins: the record stays.
            Some(local) if local > t.deleted_at => s.kept += 1,
            Some(_) => {
                s.deleted += 1;
                b.tombstones.push(t.clone());
            }
            None => b.tombstones.push(t.clone()),
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    fn staff(id: u128, name: &str, day: u32) -> Staff {
        Staff {
            id: Uuid::from_u128(id),
            name: name.into(),
            role: Role::Salesperson,
            capacity: 50,
            email: String::new(),
            phone: String::new(),
            active: true,
            updated_at: Utc.with_ymd_and_hms(2026, 1, day, 0, 0, 0).unwrap(),
        }
    }

    #[test]
    fn newer_wins_and_older_is_kept_out() {
        let mut base = Base::default();
        base.apply(&Batch {
            staff: vec![staff(1, "Анна", 5), staff(2, "Борис", 5)],
            ..Batch::default()
        });
        let incoming = Batch {
            staff: vec![
                staff(1, "Анна Н.", 6),
                staff(2, "Борис old", 4),
                staff(3, "Вера", 1),
            ],
            ..Batch::default()
        };
        let plan = plan_merge(&base, &incoming);
        assert_eq!(
            plan.stats,
            MergeStats {
                added: 1,
                updated: 1,
                kept: 1,
                deleted: 0
            }
        );
        base.apply(&plan.batch);
        let names: Vec<&str> = [1, 2, 3]
            .iter()
            .map(|i| base.staff.get(&Uuid::from_u128(*i)).unwrap().name.as_str())
            .collect();
        assert_eq!(names, ["Анна Н.", "Борис", "Вера"]);
    }

    #[test]
    fn a_tombstone_keeps_a_deleted_record_from_coming_back() {
        let mut base = Base::default();
        base.apply(&Batch {
            staff: vec![staff(1, "Анна", 5)],
            ..Batch::default()
        });
        base.apply(&Base::tombstone(
            RecordKind::Staff,
            Uuid::from_u128(1),
            Utc.with_ymd_and_hms(2026, 1, 7, 0, 0, 0).unwrap(),
        ));
        let plan = plan_merge(
            &base,
            &Batch {
                staff: vec![staff(1, "Анна", 6)],
                ..Batch::default()
            },
        );
        assert!(plan.batch.staff.is_empty());
        assert_eq!(plan.stats.kept, 1);
    }

    #[test]
    fn an_incoming_tombstone_deletes_an_older_local_record_only() {
        let mut base = Base::default();
        base.apply(&Batch {
            staff: vec![staff(1, "Анна", 5), staff(2, "Борис", 9)],
            ..Batch::default()
        });
        let at = Utc.with_ymd_and_hms(2026, 1, 7, 0, 0, 0).unwrap();
        let incoming = Batch {
            tombstones: vec![
                Tombstone {
                    id: Uuid::from_u128(1),
                    kind: RecordKind::Staff,
                    deleted_at: at,
                },
                Tombstone {
                    id: Uuid::from_u128(2),
                    kind: RecordKind::Staff,
                    deleted_at: at,
                },
            ],
            ..Batch::default()
        };
        let plan = plan_merge(&base, &incoming);
        base.apply(&plan.batch);
        assert!(base.staff.get(&Uuid::from_u128(1)).is_none());
        assert!(base.staff.get(&Uuid::from_u128(2)).is_some());
        assert_eq!(plan.stats.deleted, 1);
        assert_eq!(plan.stats.kept, 1);
    }
}
