//! A day's letters as records: the draft the writer edited (kept so a reload does not lose it) and
//! the letter as sent (its text frozen, so the history shows what the client actually read).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::compose::{compose, pick_contact, seed, Draft, LetterInput};
use super::learning::{learn, Learned};
use super::pool::{usable_address, usable_email};
use crate::base::Base;
use crate::model::*;
use crate::settings::Settings;

/// Letters already sent to the client: the next letter belongs to this cycle.
pub fn cycle_of(base: &Base, client: Id) -> u32 {
    base.letters
        .iter()
        .filter(|l| l.client == client && l.status == LetterStatus::Sent)
        .count() as u32
}

/// The letter record for `client` planned on `day`, if the writer already edited or sent it.
pub fn stored_for_day(base: &Base, client: Id, day: NaiveDate) -> Option<&Letter> {
    base.letters
        .iter()
        .filter(|l| l.client == client && l.planned_for == day)
        .filter(|l| l.status != LetterStatus::Skipped)
        .max_by_key(|l| (l.status == LetterStatus::Sent, l.updated_at))
}

/// The letter most recently sent to the client before `day`: what the next one must not repeat.
pub fn previous_letter(base: &Base, client: Id, day: NaiveDate) -> Option<&Letter> {
    base.letters
        .iter()
        .filter(|l| l.client == client && l.status == LetterStatus::Sent && l.planned_for < day)
        .max_by_key(|l| (l.planned_for, l.sent_at))
}

/// What the letters taught, when the composer is to favour the phrasings answered best.
fn learned_for(base: &Base, settings: &Settings) -> Option<Learned> {
    settings
        .favour_answers
        .then(|| learn(base, settings.attribution_days, None))
}

/// A fresh draft for the client's next letter.
pub fn draft_for(base: &Base, client: &Client, settings: &Settings, today: NaiveDate) -> Draft {
    let orders = base.orders_of(&client.id);
    let learned = learned_for(base, settings);
    compose(&LetterInput {
        client,
        orders: &orders,
        products: base.products.as_slice(),
        settings,
        today,
        seed: seed(client.id, cycle_of(base, client.id)),
        previous: previous_letter(base, client.id, today),
        learned: learned.as_ref(),
    })
}

/// By post when an address can take a letter, else by e-mail.
pub fn default_channel(c: &Client) -> Channel {
    if c.addresses.iter().any(usable_address) || usable_email(c).is_none() {
        Channel::Post
    } else {
        Channel::Email
    }
}

/// The address a posted letter goes to: the first usable postal one, else any usable one.
pub fn letter_address(c: &Client) -> Option<&Address> {
    c.addresses
        .iter()
        .filter(|a| usable_address(a))
        .min_by_key(|a| a.kind != AddressKind::Postal)
}

/// The lines of the recipient's block on an envelope, label or letter, in the Russian postal
/// order (who, street, city, region, postcode); `None` when no address can take a letter.
pub fn envelope_lines(c: &Client) -> Option<Vec<String>> {
    let a = letter_address(c)?;
    let mut lines = vec![crate::format::full_name(c)];
    if c.kind == ClientKind::Company {
        if let Some(p) = pick_contact(c) {
            let name = crate::format::person_name(&p.last, &p.first, &p.patronymic);
            if !name.is_empty() {
                lines.push(name);
            }
        }
    }
    lines.extend(
        [&a.street, &a.city, &a.region, &a.postcode]
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
    );
    Some(lines)
}

/// A client's letter for a day as the writer sees it: the kept draft or the sent text when there
/// is one (`stored`), else a fresh draft (`draft`, with its facts and warnings).
#[derive(Debug, Clone)]
pub struct DayLetter {
    pub client: Id,
    pub subject: String,
    pub body: String,
    pub stored: Option<Letter>,
    pub draft: Option<Draft>,
}

/// The day's letters for `ids`, in their order, reading the orders and letters once for all of
/// them, so 40 letters cost the same at 3,000 clients as at 100,000.
pub fn day_letters(base: &Base, settings: &Settings, day: NaiveDate, ids: &[Id]) -> Vec<DayLetter> {
    let wanted: HashSet<Id> = ids.iter().copied().collect();
    let mut orders: HashMap<Id, Vec<&Order>> = HashMap::new();
    for o in base.orders.iter().filter(|o| wanted.contains(&o.client)) {
        orders.entry(o.client).or_default().push(o);
    }
    let learned = learned_for(base, settings);
    let mut sent: HashMap<Id, u32> = HashMap::new();
    let mut stored: HashMap<Id, &Letter> = HashMap::new();
    let mut previous: HashMap<Id, &Letter> = HashMap::new();
    for l in base.letters.iter().filter(|l| wanted.contains(&l.client)) {
        if l.status == LetterStatus::Sent {
            *sent.entry(l.client).or_insert(0) += 1;
            if l.planned_for < day {
                let key = |l: &Letter| (l.planned_for, l.sent_at);
                let e = previous.entry(l.client).or_insert(l);
                if key(l) > key(e) {
                    *e = l;
                }
            }
        }
        if l.planned_for == day && l.status != LetterStatus::Skipped {
            let key = |l: &Letter| (l.status == LetterStatus::Sent, l.updated_at);
            let e = stored.entry(l.client).or_insert(l);
            if key(l) > key(e) {
                *e = l;
            }
        }
    }
    ids.iter()
        .filter_map(|id| base.clients.get(id))
        .map(|c| match stored.get(&c.id) {
            Some(l) => DayLetter {
                client: c.id,
                subject: l.subject.clone(),
                body: l.body.clone(),
                stored: Some((*l).clone()),
                draft: None,
            },
            None => {
                let own = orders.get(&c.id).map(Vec::as_slice).unwrap_or_default();
                let d = compose(&LetterInput {
                    client: c,
                    orders: own,
                    products: base.products.as_slice(),
                    settings,
                    today: day,
                    seed: seed(c.id, sent.get(&c.id).copied().unwrap_or(0)),
                    previous: previous.get(&c.id).copied(),
                    learned: learned.as_ref(),
                });
                DayLetter {
                    client: c.id,
                    subject: d.subject.clone(),
                    body: d.body.clone(),
                    stored: None,
                    draft: Some(d),
                }
            }
        })
        .collect()
}

pub struct LetterText<'a> {
    pub subject: &'a str,
    pub body: &'a str,
    pub channel: Channel,
    /// `Some` once sent.
    pub sent_at: Option<Timestamp>,
    /// The composer's phrasing of the draft this text came from; empty: keep the stored one.
    pub phrasing: &'a str,
}

/// The record for a draft the writer edited, or for the letter as sent (`sent_at` given).
/// `existing` is the record already stored for this client and day, which keeps its id.
pub fn letter_record(
    base: &Base,
    client: &Client,
    day: NaiveDate,
    text: &LetterText,
    existing: Option<&Letter>,
    at: Timestamp,
    new_id: impl FnOnce() -> Id,
) -> Letter {
    Letter {
        id: existing.map(|l| l.id).unwrap_or_else(new_id),
        client: client.id,
        contact: pick_contact(client).map(|p| p.id),
        cycle: existing
            .map(|l| l.cycle)
            .unwrap_or_else(|| cycle_of(base, client.id)),
        planned_for: day,
        subject: text.subject.to_string(),
        body: text.body.to_string(),
        channel: text.channel,
        status: if text.sent_at.is_some() {
            LetterStatus::Sent
        } else {
            LetterStatus::Draft
        },
        sent_at: text.sent_at,
        response: existing.and_then(|l| l.response.clone()),
        phrasing: if text.phrasing.is_empty() {
            existing.map(|l| l.phrasing.clone()).unwrap_or_default()
        } else {
            text.phrasing.to_string()
        },
        updated_at: at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::Batch;
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    #[test]
    fn a_draft_is_kept_then_frozen_as_sent() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let (settings, data) = crate::demo::generate_sized(today, 300);
        let mut base = Base::from_batch(&data);
        let client = base
            .clients
            .iter()
            .find(|c| {
                super::super::pool::pool_status(&base, c).is_ok() && cycle_of(&base, c.id) == 0
            })
            .unwrap()
            .clone();
        let draft = draft_for(&base, &client, &settings, today);
        assert_eq!(cycle_of(&base, client.id), 0);
        let fresh = day_letters(&base, &settings, today, &[client.id]);
        assert_eq!(
            fresh[0].body, draft.body,
            "one pass over all gives the same draft"
        );
        let at = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
        let edited = format!("{}\nP.S. Звоните!", draft.body);
        let mut text = LetterText {
            subject: &draft.subject,
            body: &edited,
            channel: default_channel(&client),
            sent_at: None,
            phrasing: "",
        };
        let kept = letter_record(&base, &client, today, &text, None, at, || {
            Uuid::from_u128(77)
        });
        assert_eq!(kept.status, LetterStatus::Draft);
        base.apply(&Batch {
            letters: vec![kept.clone()],
            ..Batch::default()
        });
        let stored = stored_for_day(&base, client.id, today).unwrap();
        assert_eq!(stored.body, edited);
        let day = day_letters(&base, &settings, today, &[client.id]);
        assert_eq!(day[0].body, edited, "the kept draft is what the day shows");
        assert!(day[0].draft.is_none());

        text.sent_at = Some(at);
        let sent = letter_record(&base, &client, today, &text, Some(stored), at, || {
            Uuid::from_u128(78)
        });
        assert_eq!(sent.id, kept.id, "sending keeps the draft's record");
        assert_eq!(sent.status, LetterStatus::Sent);
        assert!(sent.body.ends_with("Звоните!"));
        base.apply(&Batch {
            letters: vec![sent],
            ..Batch::default()
        });
        assert_eq!(cycle_of(&base, client.id), 1);
        // Next cycle the same client gets another letter.
        let next = draft_for(&base, &client, &settings, today);
        assert_ne!(next.body, draft.body);
    }

    #[test]
    fn post_first_then_email() {
        let mut c = crate::demo::generate_sized(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 50)
            .1
            .clients
            .into_iter()
            .find(|c| !c.emails.is_empty() && c.addresses.iter().any(usable_address))
            .unwrap();
        assert_eq!(default_channel(&c), Channel::Post);
        assert!(letter_address(&c).is_some());
        let lines = envelope_lines(&c).unwrap();
        assert_eq!(lines[0], crate::format::full_name(&c));
        assert_eq!(lines.last(), letter_address(&c).map(|a| &a.postcode));
        c.addresses.iter_mut().for_each(|a| a.returned = true);
        assert_eq!(default_channel(&c), Channel::Email);
        assert!(letter_address(&c).is_none());
    }
}
