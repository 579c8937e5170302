//! Every kind of `record_kinds!` goes everywhere: a fixture holding one record of each kind
//! (the test fails first if a new kind is missing from it), then through a backup, the storage
//! buckets, the base, a merge, startup's store lists and a client's deletion.

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::base::buckets;
use crate::model::{AddressList, Decision, DecisionKind, ListFilter, Mailing, Snapshot};
use crate::{backup, demo, merge};

fn at() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 30, 0).unwrap()
}

/// The demo (which has most kinds) and one record of each kind the demo does not make.
fn one_of_each() -> Batch {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let (_, mut b) = demo::generate_sized(today, 120);
    let id = |n: u128| Id::from_u128(0x5eed_0000 + n);
    let filter = ListFilter::default();
    b.decisions.push(Decision {
        by: None,
        id: id(1),
        what: DecisionKind::NotDuplicate {
            a: b.clients[0].id,
            b: b.clients[1].id,
        },
        at: at(),
        updated_at: at(),
    });
    b.address_lists.push(AddressList {
        id: id(2),
        name: "Школы".into(),
        filter: filter.clone(),
        updated_at: at(),
    });
    b.mailings.push(Mailing {
        by: None,
        id: id(3),
        list: Some(id(2)),
        name: "Школы".into(),
        filter,
        given_to: "Отдел продвижения".into(),
        format: "csv".into(),
        addresses: 12,
        at: at(),
        updated_at: at(),
    });
    b.snapshots.push(Snapshot {
        id: id(4),
        month: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        clients: 120,
        coverage: 0.5,
        confirmed_share: 0.25,
        invalid_contacts: 3,
        pending_duplicates: Some(2),
        updated_at: at(),
    });
    b.tombstones.push(Tombstone {
        id: id(5),
        kind: RecordKind::Product,
        deleted_at: at(),
    });
    // One record edited since sync kept clocks (the rest have none: as if written before).
    let mut clock = crate::sync::Clock::new("test", None);
    let mut edit = Batch {
        clients: vec![b.clients[2].clone()],
        ..Batch::default()
    };
    edit.clients[0].notes = "Звонить после обеда".into();
    crate::sync::stamp(&crate::base::Base::from_batch(&b), &mut edit, &mut clock, 1);
    b.clients[2] = edit.clients[0].clone();
    b.clocks = edit.clocks;
    b
}

/// The kinds (by store name) whose counts in `a` and `b` fail `test`.
struct Compare<'a> {
    a: &'a Batch,
    b: &'a Batch,
    test: fn(usize, usize) -> bool,
    failed: Vec<&'static str>,
}

impl Visit for Compare<'_> {
    fn visit<K: Record>(&mut self) {
        if !(self.test)(K::rows(self.a).len(), K::rows(self.b).len()) {
            self.failed.push(K::STORE);
        }
    }
}

fn compare(a: &Batch, b: &Batch, test: fn(usize, usize) -> bool) -> Vec<&'static str> {
    let mut c = Compare {
        a,
        b,
        test,
        failed: Vec::new(),
    };
    each_kind(&mut c);
    c.failed
}

#[test]
fn the_fixture_holds_every_kind() {
    let b = one_of_each();
    assert_eq!(compare(&b, &b, |n, _| n > 0), Vec::<&str>::new());
    assert!(!b.tombstones.is_empty());
}

#[test]
fn a_backup_carries_every_kind() {
    let b = one_of_each();
    let text = backup::write(&Default::default(), &b, at()).expect("writes");
    let (read, _) = backup::read(&text).expect("reads");
    assert_eq!(compare(&b, &read.data, |a, b| a == b), Vec::<&str>::new());
    assert_eq!(read.data, b);
    let (kept, _) = backup::read_keeping(text).expect("reads keeping the text");
    assert_eq!(kept.data, b);
}

#[test]
fn storage_buckets_carry_every_kind() {
    let b = one_of_each();
    let encoded = buckets::encode(&b, None).expect("encodes");
    for store in STORES {
        assert!(
            encoded.iter().any(|(k, _)| buckets::kind_of(k) == *store),
            "no bucket of {store}"
        );
    }
    let (back, errors) = buckets::decode(encoded);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(back.counts(), b.counts());
}

#[test]
fn the_base_and_a_merge_take_every_kind() {
    let b = one_of_each();
    let base = Base::from_batch(&b);
    assert_eq!(base.counts(), b.counts());
    assert_eq!(
        compare(&base.to_batch(), &b, |a, b| a == b),
        Vec::<&str>::new()
    );
    let plan = merge::plan_merge(&Base::default(), &b);
    assert_eq!(compare(&plan.batch, &b, |a, b| a == b), Vec::<&str>::new());
    assert_eq!(plan.stats.added, b.counts().total() - b.tombstones.len());
}

#[test]
fn startup_reads_every_store_once() {
    let mut read: Vec<&str> = stores_loaded(Load::First);
    read.extend(stores_loaded(Load::History));
    let mut all = STORES.to_vec();
    read.sort_unstable();
    all.sort_unstable();
    assert_eq!(read, all);
    assert!(stores_loaded(Load::First).contains(&"client"));
    assert!(stores_loaded(Load::First).contains(&"tombstone"));
}

/// Gives the client one record of every kind that belongs to a client.
struct GiveEach<'a> {
    batch: &'a mut Batch,
    client: Id,
    owned: Vec<&'static str>,
}

impl Visit for GiveEach<'_> {
    fn visit<K: Record>(&mut self) {
        if !K::OWNED {
            return;
        }
        let rows = K::rows_mut(self.batch);
        if let Some(first) = rows.first().cloned() {
            rows.push(first.with_client(self.client, at()).with_id_for_test());
            self.owned.push(K::STORE);
        }
    }
}

trait WithId {
    fn with_id_for_test(self) -> Self;
}

impl<K: Record> WithId for K {
    /// A copy under a new id, through its JSON (records have no common setter).
    fn with_id_for_test(self) -> Self {
        let mut v = serde_json::to_value(&self).expect("encodes");
        v["id"] = serde_json::json!(Id::from_u128(self.id().as_u128() ^ 0xffff));
        serde_json::from_value(v).expect("decodes")
    }
}

/// Records still belonging to `client`, by kind.
struct Left<'a> {
    base: &'a Base,
    client: Id,
    left: Vec<&'static str>,
}

impl Visit for Left<'_> {
    fn visit<K: Record>(&mut self) {
        if K::table(self.base)
            .iter()
            .any(|r| r.client() == Some(self.client))
        {
            self.left.push(K::STORE);
        }
    }
}

#[test]
fn deleting_a_client_takes_every_record_that_belongs_to_it() {
    let mut b = one_of_each();
    let client = b.clients[7].id;
    let mut give = GiveEach {
        batch: &mut b,
        client,
        owned: Vec::new(),
    };
    each_kind(&mut give);
    let owned = give.owned;
    assert_eq!(
        owned,
        ["order", "letter", "request", "change", "activity", "deal", "contract", "step"]
    );
    let mut base = Base::from_batch(&b);
    let before = base.counts().total();
    let delete = base.delete_client(client, at());
    for kind in &owned {
        assert!(
            delete.tombstones.iter().any(|t| t.kind.as_str() == *kind),
            "the deletion leaves its {kind}"
        );
    }
    base.apply(&delete);
    let mut left = Left {
        base: &base,
        client,
        left: Vec::new(),
    };
    each_kind(&mut left);
    assert_eq!(left.left, Vec::<&str>::new());
    assert!(base.clients.get(&client).is_none());
    // Only the client's own records went: every other record is still there (a tombstone
    // was added for each record removed).
    assert_eq!(base.counts().total(), before);
    assert_eq!(base.revenue_of(&client), 0);
}
