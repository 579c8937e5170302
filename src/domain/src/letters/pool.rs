//! The letter pool: the clients no salesperson or account manager is working with, who may be
//! written to and can be reached. Every client outside it has a reason, shown to the user.

use crate::base::Base;
use crate::contact::normalize_email;
use crate::model::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum OutOfPool {
    /// An active salesperson or account manager works with the client.
    Owned,
    DoNotContact,
    /// Folded into another record by a duplicate merge.
    Merged,
    /// No postal address a letter can reach, and no valid e-mail.
    Unreachable,
}

/// An address a letter can be sent to: a postcode, a city and a street, and not returned.
pub fn usable_address(a: &Address) -> bool {
    !a.returned
        && !a.postcode.trim().is_empty()
        && !a.city.trim().is_empty()
        && !a.street.trim().is_empty()
}

pub fn usable_email(c: &Client) -> Option<String> {
    c.emails
        .iter()
        .chain(c.contacts.iter().flat_map(|p| p.emails.iter()))
        .find_map(|e| normalize_email(&e.address).ok())
}

/// A postal address that can take a letter, or a valid e-mail.
pub fn reachable(c: &Client) -> bool {
    c.addresses.iter().any(usable_address) || usable_email(c).is_some()
}

/// Why `c` is out of the pool, checked in this order; `reachable` is asked last, and only then.
fn status(base: &Base, c: &Client, reachable: impl FnOnce() -> bool) -> Result<(), OutOfPool> {
    if c.merged_into.is_some() {
        return Err(OutOfPool::Merged);
    }
    if c.do_not_contact.is_some() {
        return Err(OutOfPool::DoNotContact);
    }
    let owned = c
        .owner
        .and_then(|o| base.staff.get(&o))
        .is_some_and(|s| s.active && matches!(s.role, Role::Salesperson | Role::AccountManager));
    if owned {
        return Err(OutOfPool::Owned);
    }
    if !reachable() {
        return Err(OutOfPool::Unreachable);
    }
    Ok(())
}

pub fn pool_status(base: &Base, c: &Client) -> Result<(), OutOfPool> {
    status(base, c, || reachable(c))
}

/// Whether a stored client is in the pool (reachability from the base's own index).
pub fn in_pool(base: &Base, c: &Client) -> bool {
    status(base, c, || base.is_reachable(&c.id)).is_ok()
}

/// The pool's clients, in the base's order.
pub fn pool(base: &Base) -> Vec<&Client> {
    base.clients.iter().filter(|c| in_pool(base, c)).collect()
}

/// How many clients are in the pool, and how many are out of it for each reason.
pub fn breakdown(base: &Base) -> (usize, Vec<(OutOfPool, usize)>) {
    let mut inside = 0;
    let mut out = [0usize; 4];
    for c in base.clients.iter() {
        match status(base, c, || base.is_reachable(&c.id)) {
            Ok(()) => inside += 1,
            Err(r) => out[r as usize] += 1,
        }
    }
    let reasons = [
        OutOfPool::Owned,
        OutOfPool::DoNotContact,
        OutOfPool::Merged,
        OutOfPool::Unreachable,
    ];
    (
        inside,
        reasons.into_iter().map(|r| (r, out[r as usize])).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::Batch;
    use chrono::{NaiveDate, TimeZone, Utc};

    #[test]
    fn who_is_in_the_pool_and_why_not() {
        let (_, data) =
            crate::demo::generate_sized(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 400);
        let mut base = Base::from_batch(&data);
        let owned = base
            .clients
            .iter()
            .find(|c| c.owner.is_some())
            .unwrap()
            .clone();
        assert_eq!(pool_status(&base, &owned), Err(OutOfPool::Owned));

        // The salesperson leaves: the client goes back to the pool.
        let mut seller = base.staff.get(&owned.owner.unwrap()).unwrap().clone();
        seller.active = false;
        base.apply(&Batch {
            staff: vec![seller],
            ..Batch::default()
        });
        assert_eq!(pool_status(&base, &owned), Ok(()));

        let mut c = owned.clone();
        c.do_not_contact = Some(DoNotContact {
            reason: "просили".into(),
            since: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        });
        assert_eq!(pool_status(&base, &c), Err(OutOfPool::DoNotContact));

        let mut c = owned.clone();
        c.addresses.iter_mut().for_each(|a| a.returned = true);
        c.emails.clear();
        c.contacts.iter_mut().for_each(|p| p.emails.clear());
        assert_eq!(pool_status(&base, &c), Err(OutOfPool::Unreachable));
        c.emails.push(Email {
            address: "ok@example.ru".into(),
            label: String::new(),
        });
        assert_eq!(pool_status(&base, &c), Ok(()));

        let mut c = owned;
        c.merged_into = Some(uuid::Uuid::from_u128(1));
        assert_eq!(pool_status(&base, &c), Err(OutOfPool::Merged));

        let n = pool(&base).len();
        assert!(n > 300 && n < 400, "{n}");
        let (inside, out) = breakdown(&base);
        assert_eq!(inside, n);
        assert_eq!(
            inside + out.iter().map(|x| x.1).sum::<usize>(),
            base.clients.len()
        );
        assert!(out.iter().any(|(r, k)| *r == OutOfPool::Owned && *k > 0));
    }

    #[test]
    fn the_bulk_pool_agrees_with_each_clients_status_through_edits() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let (_, data) = crate::demo::generate_sized(today, 300);
        let mut base = Base::from_batch(&data);
        let agree = |base: &Base| {
            let bulk: Vec<Id> = pool(base).iter().map(|c| c.id).collect();
            let each: Vec<Id> = base
                .clients
                .iter()
                .filter(|c| pool_status(base, c).is_ok())
                .map(|c| c.id)
                .collect();
            assert_eq!(bulk, each);
        };
        agree(&base);
        // Every address returned and no e-mail: out; an e-mail added back: in.
        let mut c = pool(&base)[0].clone();
        c.addresses.iter_mut().for_each(|a| a.returned = true);
        c.emails.clear();
        c.contacts.iter_mut().for_each(|p| p.emails.clear());
        base.apply(&Batch {
            clients: vec![c.clone()],
            ..Batch::default()
        });
        assert!(!base.is_reachable(&c.id));
        agree(&base);
        c.emails.push(Email {
            address: "new@example.ru".into(),
            label: String::new(),
        });
        base.apply(&Batch {
            clients: vec![c.clone()],
            ..Batch::default()
        });
        assert!(base.is_reachable(&c.id));
        agree(&base);
        let at = Utc.with_ymd_and_hms(2026, 11, 26, 0, 0, 0).unwrap();
        base.apply(&base.delete_client(c.id, at));
        agree(&base);
    }

    #[test]
    fn revenue_per_client_follows_order_edits_and_deletes() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let (_, data) = crate::demo::generate_sized(today, 200);
        let mut base = Base::from_batch(&data);
        let sum = |b: &Base, id: &Id| -> i64 {
            b.orders
                .iter()
                .filter(|o| o.client == *id)
                .map(Order::total_kop)
                .sum()
        };
        let o = base.orders.iter().next().unwrap().clone();
        let client = o.client;
        assert_eq!(base.revenue_of(&client), sum(&base, &client));
        let mut bigger = o.clone();
        bigger.lines[0].qty += 5;
        base.apply(&Batch {
            orders: vec![bigger.clone()],
            ..Batch::default()
        });
        assert_eq!(base.revenue_of(&client), sum(&base, &client));
        // Moved to another client.
        let other = base.clients.iter().find(|c| c.id != client).unwrap().id;
        let mut moved = bigger;
        moved.client = other;
        base.apply(&Batch {
            orders: vec![moved.clone()],
            ..Batch::default()
        });
        assert_eq!(base.revenue_of(&client), sum(&base, &client));
        assert_eq!(base.revenue_of(&other), sum(&base, &other));
        let at = Utc.with_ymd_and_hms(2026, 11, 26, 0, 0, 0).unwrap();
        base.apply(&Base::tombstone(RecordKind::Order, moved.id, at));
        assert_eq!(base.revenue_of(&other), sum(&base, &other));
    }
}
