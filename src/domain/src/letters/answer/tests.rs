use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::letters::pool::{pool_status, OutOfPool};

fn at() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).unwrap()
}

fn ids() -> impl FnMut() -> Id {
    let mut n = 1000u128;
    move || {
        n += 1;
        Uuid::from_u128(n)
    }
}

/// A demo base with one letter sent by `channel` to a pool client.
fn with_sent_letter(channel: Channel) -> (Base, Id, Id) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let (_, data) = crate::demo::generate_sized(today, 300);
    let mut base = Base::from_batch(&data);
    let client = base
        .clients
        .iter()
        .find(|c| pool_status(&base, c).is_ok() && !c.emails.is_empty())
        .unwrap()
        .id;
    let letter = Letter {
        id: Uuid::from_u128(5),
        client,
        contact: None,
        cycle: 0,
        planned_for: today,
        subject: "Письмо".into(),
        body: "Текст".into(),
        channel,
        status: LetterStatus::Sent,
        sent_at: Some(at()),
        response: None,
        phrasing: String::new(),
        updated_at: at(),
    };
    base.apply(&Batch {
        letters: vec![letter],
        ..Batch::default()
    });
    (base, client, Uuid::from_u128(5))
}

#[test]
fn interested_hands_over_to_the_freest_salesperson() {
    let (mut base, client, letter) = with_sent_letter(Channel::Post);
    let people = salespeople(&base);
    assert!(people.len() >= 2);
    let free = |s: &Staff, n: u32| i64::from(s.capacity) - i64::from(n);
    for w in people.windows(2) {
        assert!(free(w[0].0, w[0].1) >= free(w[1].0, w[1].1));
    }
    let to = suggest_salesperson(&base).unwrap();
    assert_eq!(to, people[0].0.id);
    let before = load_by_owner(&base).get(&to).copied().unwrap_or(0);

    let batch = record_answer(&base, letter, Answer::Interested { to }, "", at(), ids()).unwrap();
    assert_eq!(batch.clients.len(), 1);
    assert!(batch.changes.iter().any(|c| c.field == "owner"));
    base.apply(&batch);
    let c = base.clients.get(&client).unwrap();
    assert_eq!(c.owner, Some(to));
    assert_eq!(pool_status(&base, c), Err(OutOfPool::Owned));
    assert_eq!(load_by_owner(&base)[&to], before + 1);
    let l = base.letters.get(&letter).unwrap();
    assert_eq!(
        l.response.as_ref().map(|r| r.kind),
        Some(ResponseKind::Interested)
    );
}

#[test]
fn a_hand_off_starts_the_clock_and_waits_for_the_salesperson() {
    let (mut base, client, letter) = with_sent_letter(Channel::Post);
    let to = suggest_salesperson(&base).unwrap();
    let note = "Хочет кубки к весеннему турниру";
    let batch = record_answer(&base, letter, Answer::Interested { to }, note, at(), ids()).unwrap();
    assert_eq!(batch.activities.len(), 1);
    assert_eq!(batch.activities[0].kind, ActivityKind::Reassigned);
    assert_eq!(batch.activities[0].text, note);
    base.apply(&batch);
    // A minute later the client is not «quiet», though it was created long ago.
    let later = at() + chrono::Duration::minutes(1);
    assert!(base.clients.get(&client).unwrap().created_at < at() - chrono::Duration::days(180));
    assert!(!crate::sales::quiet(&base, later, 180)
        .iter()
        .any(|q| q.client == client));
    // The salesperson sees it with the note, until they log a contact.
    let waiting = crate::sales::handed_over(&base, to);
    assert_eq!(waiting.len(), 1);
    assert_eq!(
        (waiting[0].client, waiting[0].note.as_str()),
        (client, note)
    );
    base.apply(&crate::sales::log(
        client,
        Some(to),
        ActivityKind::Call,
        "Позвонил",
        later,
        Uuid::from_u128(9),
    ));
    assert!(crate::sales::handed_over(&base, to).is_empty());
}

#[test]
fn nobody_is_suggested_when_everyone_is_full() {
    let (mut base, _, letter) = with_sent_letter(Channel::Post);
    let full: Vec<Staff> = base
        .staff
        .iter()
        .map(|s| Staff {
            capacity: 0,
            ..s.clone()
        })
        .collect();
    base.apply(&Batch {
        staff: full,
        ..Batch::default()
    });
    assert_eq!(suggest_salesperson(&base), None);
    let writer = base
        .staff
        .iter()
        .find(|s| s.role != Role::Salesperson)
        .map(|s| s.id)
        .unwrap();
    assert_eq!(
        record_answer(
            &base,
            letter,
            Answer::Interested { to: writer },
            "",
            at(),
            ids()
        ),
        Err(AnswerError::NotASalesperson)
    );
}

#[test]
fn opt_out_sets_do_not_contact() {
    let (mut base, client, letter) = with_sent_letter(Channel::Email);
    let batch = record_answer(&base, letter, Answer::OptOut, "", at(), ids()).unwrap();
    base.apply(&batch);
    let c = base.clients.get(&client).unwrap();
    let dnc = c.do_not_contact.as_ref().unwrap();
    assert!(dnc.reason.contains("26.11.2026"), "{}", dnc.reason);
    assert_eq!(pool_status(&base, c), Err(OutOfPool::DoNotContact));
}

#[test]
fn a_returned_letter_marks_the_address_and_queues_a_fix() {
    let (mut base, client, letter) = with_sent_letter(Channel::Post);
    assert!(fix_address_queue(&base).iter().all(|c| c.id != client));
    let address = letter_address(base.clients.get(&client).unwrap())
        .cloned()
        .unwrap();
    let batch = record_answer(&base, letter, Answer::Returned, "", at(), ids()).unwrap();
    base.apply(&batch);
    let c = base.clients.get(&client).unwrap();
    let marked: Vec<&Address> = c.addresses.iter().filter(|a| a.returned).collect();
    assert_eq!(marked.len(), 1);
    assert_eq!(marked[0].street, address.street);
    assert!(fix_address_queue(&base).iter().any(|c| c.id == client));

    // Fixing the address takes it out of the queue.
    let mut fixed = c.clone();
    fixed.addresses.iter_mut().for_each(|a| a.returned = false);
    fixed.updated_at = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
    base.apply(&Batch {
        clients: vec![fixed],
        ..Batch::default()
    });
    assert!(fix_address_queue(&base).iter().all(|c| c.id != client));
}

#[test]
fn a_bounced_email_queues_a_fix_until_the_client_is_edited() {
    let (mut base, client, letter) = with_sent_letter(Channel::Email);
    let batch = record_answer(&base, letter, Answer::Returned, "", at(), ids()).unwrap();
    assert!(batch.clients.is_empty(), "no address to mark for an e-mail");
    base.apply(&batch);
    assert!(fix_address_queue(&base).iter().any(|c| c.id == client));
    let mut c = base.clients.get(&client).unwrap().clone();
    c.updated_at = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
    base.apply(&Batch {
        clients: vec![c],
        ..Batch::default()
    });
    assert!(fix_address_queue(&base).iter().all(|c| c.id != client));
}

#[test]
fn complaints_wait_for_follow_up() {
    let (mut base, client, letter) = with_sent_letter(Channel::Post);
    let batch = record_answer(&base, letter, Answer::Complaint, " медали", at(), ids()).unwrap();
    assert!(
        batch.clients.is_empty(),
        "a complaint leaves the client as is"
    );
    let before = open_complaints(&base).len();
    base.apply(&batch);
    let open = open_complaints(&base);
    assert_eq!(open.len(), before + 1);
    let ours = open.iter().find(|l| l.id == letter).unwrap();
    assert_eq!(ours.client, client);
    assert_eq!(ours.response.as_ref().unwrap().note, "медали");
    let mut done = (*ours).clone();
    done.response.as_mut().unwrap().followed_up = true;
    base.apply(&Batch {
        letters: vec![done],
        ..Batch::default()
    });
    assert_eq!(open_complaints(&base).len(), before);
}

#[test]
fn only_sent_letters_take_answers() {
    let (mut base, _, letter) = with_sent_letter(Channel::Post);
    let mut draft = base.letters.get(&letter).unwrap().clone();
    draft.status = LetterStatus::Draft;
    base.apply(&Batch {
        letters: vec![draft],
        ..Batch::default()
    });
    assert_eq!(
        record_answer(&base, letter, Answer::NotNow, "", at(), ids()),
        Err(AnswerError::NotSent)
    );
    assert_eq!(
        record_answer(&base, Uuid::from_u128(9), Answer::NotNow, "", at(), ids()),
        Err(AnswerError::NoLetter)
    );
}
