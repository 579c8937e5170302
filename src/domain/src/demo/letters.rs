//! The demo company has written letters with Pismo for the last 20 working days: the letters as
//! the rotation would have queued them, the answers that came back (and what they did: hand-offs,
//! opt-outs, returned letters) and the orders that followed, so the section's figures show
//! something from the first click.

use std::collections::HashMap;

use chrono::{Days, NaiveDate, NaiveTime, TimeZone, Utc};

use super::Rng;
use crate::base::{Base, Batch};
use crate::history;
use crate::letters::compose::{compose, seed, LetterInput};
use crate::letters::rotation::{candidates, plan_day};
use crate::letters::send::{default_channel, letter_address};
use crate::model::*;
use crate::settings::Settings;

const DAYS: usize = 20;

fn at(day: NaiveDate, hour: u32, minute: u32) -> Timestamp {
    let t = NaiveTime::from_hms_opt(hour, minute % 60, 0).unwrap_or_default();
    Utc.from_utc_datetime(&day.and_time(t))
}

/// The last `DAYS` working days before `today`, oldest first.
fn past_working_days(settings: &Settings, today: NaiveDate) -> Vec<NaiveDate> {
    let mut v = Vec::new();
    let mut d = today;
    for _ in 0..(DAYS * 3) {
        let Some(prev) = d.checked_sub_days(Days::new(1)) else {
            break;
        };
        d = prev;
        if settings.is_working_day(d) {
            v.push(d);
            if v.len() == DAYS {
                break;
            }
        }
    }
    v.reverse();
    v
}

pub(super) fn letter_history(
    rng: &mut Rng,
    b: &mut Batch,
    settings: &Settings,
    today: NaiveDate,
    now: Timestamp,
) {
    let days = past_working_days(settings, today);
    let Some(first) = days.first().copied() else {
        return;
    };
    let base = Base::from_batch(b);
    let quota = settings.quota as usize;
    let whole = Settings {
        quota: settings.quota * DAYS as u32,
        ..settings.clone()
    };
    let order = plan_day(&candidates(&base, first, &HashMap::new()), &whole, first);
    let sellers: Vec<&Staff> = base
        .staff
        .iter()
        .filter(|s| s.active && s.role == Role::Salesperson)
        .collect();
    let mut load: HashMap<Id, u32> = HashMap::new();
    for c in base.clients.iter() {
        if let Some(o) = c.owner {
            *load.entry(o).or_insert(0) += 1;
        }
    }
    let mut changed: HashMap<Id, Client> = HashMap::new();
    let mut letters = Vec::new();
    let mut orders = Vec::new();
    let mut changes = Vec::new();
    let mut activities = Vec::new();

    for (day, chunk) in days.iter().zip(order.chunks(quota.max(1))) {
        // Some days the writer gets through fewer than the quota.
        let sent = chunk.len() - rng.below(6).min(chunk.len());
        for (i, id) in chunk.iter().take(sent).enumerate() {
            let Some(client) = base.clients.get(id) else {
                continue;
            };
            let own = base.orders_of(id);
            let draft = compose(&LetterInput {
                client,
                orders: &own,
                products: base.products.as_slice(),
                settings,
                today: *day,
                seed: seed(client.id, 0),
                previous: None,
                learned: None,
            });
            let channel = default_channel(client);
            let sent_at = at(*day, 7 + (i / 8) as u32, (i * 7) as u32);
            let mut letter = Letter {
                id: rng.uuid(),
                client: client.id,
                contact: crate::letters::compose::pick_contact(client).map(|p| p.id),
                cycle: 0,
                planned_for: *day,
                subject: draft.subject,
                body: draft.body,
                channel,
                status: LetterStatus::Sent,
                sent_at: Some(sent_at),
                response: None,
                phrasing: draft.phrasing,
                updated_at: sent_at,
            };
            let answered_on = *day + Days::new(2 + rng.below(14) as u64);
            let answered = at(answered_on, 8, rng.below(60) as u32);
            let roll = rng.below(100);
            let mut kind = match roll {
                0..=2 => Some(ResponseKind::Interested),
                3..=9 => Some(ResponseKind::NotNow),
                10 => Some(ResponseKind::Complaint),
                11..=12 => Some(ResponseKind::OptOut),
                13..=14 if channel == Channel::Post => Some(ResponseKind::Returned),
                _ => None,
            }
            .filter(|_| answered <= now);
            let mut c = client.clone();
            match kind {
                Some(ResponseKind::Interested) => {
                    let free = sellers
                        .iter()
                        .filter(|s| load.get(&s.id).copied().unwrap_or(0) < s.capacity)
                        .min_by_key(|s| load.get(&s.id).copied().unwrap_or(0));
                    match free {
                        Some(s) => {
                            c.owner = Some(s.id);
                            *load.entry(s.id).or_insert(0) += 1;
                        }
                        None => kind = Some(ResponseKind::NotNow),
                    }
                }
                Some(ResponseKind::OptOut) => {
                    c.do_not_contact = Some(DoNotContact {
                        reason: "Попросили больше не писать".into(),
                        since: answered,
                    });
                }
                Some(ResponseKind::Returned) => {
                    let bad = letter_address(&c).cloned();
                    if let Some(a) = c.addresses.iter_mut().find(|a| Some(&**a) == bad.as_ref()) {
                        a.returned = true;
                    }
                }
                _ => {}
            }
            if let Some(kind) = kind {
                let note = handed_over(&mut activities, &letter, &c, kind, answered);
                letter.response = Some(Response {
                    by: None,
                    kind,
                    at: answered,
                    note,
                    followed_up: false,
                });
                letter.updated_at = answered;
            }
            if c != *client {
                c.updated_at = answered;
                changes.extend(history::changes(Some(client), &c, answered, || rng.uuid()));
                changed.insert(c.id, c.clone());
            }
            // Interested clients mostly order; a few others order on their own after the letter.
            let orders_now = kind == Some(ResponseKind::Interested) && rng.chance(70)
                || kind.is_none() && rng.chance(3);
            let order_day = answered_on + Days::new(3 + rng.below(20) as u64);
            if orders_now && order_day < today {
                orders.push(order_after(rng, &base, &c, &letter, order_day, now));
            }
            letters.push(letter);
        }
    }
    for c in &mut b.clients {
        if let Some(new) = changed.remove(&c.id) {
            *c = new;
        }
    }
    b.letters.extend(letters);
    b.orders.extend(orders);
    b.changes.extend(changes);
    b.activities.extend(activities);
}

/// What an interested client asked for, as the letter writer notes it.
const ASKED: [&str; 4] = [
    "Просят перезвонить: нужны кубки к весеннему турниру",
    "Интересуются медалями с гравировкой, просят каталог",
    "Хотят повторить прошлый заказ, уточнить сроки",
    "Спрашивают про дипломы и рамки к выпускному",
];

/// The hand-off of an interested client, logged as the app logs it (`letters::answer`), with
/// its note; the id and the note come from the letter's id so the demo's random sequence, and
/// with it the rest of the demo, stays as it was.
fn handed_over(
    out: &mut Vec<Activity>,
    letter: &Letter,
    c: &Client,
    kind: ResponseKind,
    at: Timestamp,
) -> String {
    if kind != ResponseKind::Interested {
        return String::new();
    }
    let seed = letter.id.as_u128();
    let note = ASKED[(seed % ASKED.len() as u128) as usize].to_string();
    out.push(Activity {
        id: uuid::Uuid::from_u128(seed ^ 0x6861_6e64_6564),
        client: c.id,
        staff: None,
        kind: ActivityKind::Reassigned,
        at,
        text: note.clone(),
        updated_at: at,
    });
    note
}

/// A repeat of what the client bought last, credited to the letter.
fn order_after(
    rng: &mut Rng,
    base: &Base,
    c: &Client,
    letter: &Letter,
    date: NaiveDate,
    now: Timestamp,
) -> Order {
    let last = base.orders_of(&c.id).into_iter().max_by_key(|o| o.date);
    let lines: Vec<OrderLine> = match last {
        Some(o) if !o.lines.is_empty() => o.lines.clone(),
        _ => {
            let p = rng.pick(base.products.as_slice());
            vec![OrderLine {
                product: Some(p.id),
                description: p.name.clone(),
                qty: 10 + rng.below(40) as u32,
                price_kop: p.price_kop,
            }]
        }
    };
    Order {
        id: rng.uuid(),
        client: c.id,
        date,
        lines,
        source: OrderSource::Letter,
        stage: OrderStage::Paid,
        staff: c.owner,
        letter: Some(letter.id),
        updated_at: now.min(at(date, 12, 0)),
    }
}
