//! Which phrasings get answers. Every letter keeps the phrasing its composer took for each
//! paragraph (`Letter::phrasing`); here the letters sent are counted by phrasing with their
//! answers, the clients who asked for a salesperson and the revenue credited to them (the same
//! attribution as the section's figures). With the setting `favour_answers` the composer takes
//! the phrasing with the best answer rate four times in five and still tries the others the fifth,
//! so a phrasing that starts to work better is noticed; until every phrasing of a paragraph has
//! [`ENOUGH`] letters it keeps choosing evenly.

use std::collections::{BTreeMap, HashMap};

use super::compose::{compose, seed, LetterInput};
use super::figures::{attribute, sent_on, Period};
use super::send::previous_letter;
use crate::base::Base;
use crate::model::*;
use crate::settings::Settings;

/// Letters a phrasing needs before its answer rate is shown or acted on: below it, one answer
/// more or less moves the rate by several points.
pub const ENOUGH: u32 = 30;

/// One phrasing's letters and what came of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub letters: u32,
    /// Any answer but a letter sent back by the post.
    pub answered: u32,
    pub interested: u32,
    pub revenue_kop: i64,
}

impl Tally {
    /// Answers per letter; `None` below [`ENOUGH`] letters («not enough letters yet»).
    pub fn rate(&self) -> Option<f64> {
        (self.letters >= ENOUGH).then(|| f64::from(self.answered) / f64::from(self.letters))
    }

    /// The expected answer rate with one answer and one silence assumed before any letter, so a
    /// phrasing with few letters is neither best nor worst by accident.
    fn expected(&self) -> f64 {
        f64::from(self.answered + 1) / f64::from(self.letters + 2)
    }
}

/// The letters sent in `period` (all, without one) counted by phrasing («question.1»).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Learned {
    pub by_phrasing: BTreeMap<String, Tally>,
}

pub fn learn(base: &Base, attribution_days: u32, period: Option<Period>) -> Learned {
    let credited = attribute(base, attribution_days);
    let mut revenue: HashMap<Id, i64> = HashMap::new();
    for o in base.orders.iter() {
        if let Some(letter) = credited.get(&o.id) {
            *revenue.entry(*letter).or_insert(0) += o.total_kop();
        }
    }
    let mut out = Learned::default();
    for l in base.letters.iter().filter(|l| !l.phrasing.is_empty()) {
        let Some(day) = sent_on(l) else { continue };
        if period.is_some_and(|p| !p.contains(day)) {
            continue;
        }
        let kind = l.response.as_ref().map(|r| r.kind);
        for key in l.phrasing.split_whitespace() {
            let t = out.by_phrasing.entry(key.to_string()).or_default();
            t.letters += 1;
            if kind.is_some_and(|k| k != ResponseKind::Returned) {
                t.answered += 1;
            }
            if kind == Some(ResponseKind::Interested) {
                t.interested += 1;
            }
            t.revenue_kop += revenue.get(&l.id).copied().unwrap_or(0);
        }
    }
    out
}

impl Learned {
    fn tally(&self, key: &str) -> Tally {
        self.by_phrasing.get(key).copied().unwrap_or_default()
    }

    /// Of the phrasings `keys` of paragraph `slot`, the one answered best, if every one of them
    /// has been tried enough to tell.
    pub fn best(&self, slot: &str, keys: &[&str]) -> Option<usize> {
        let tallies: Vec<Tally> = keys
            .iter()
            .map(|k| self.tally(&format!("{slot}.{k}")))
            .collect();
        if tallies.iter().any(|t| t.letters < ENOUGH) {
            return None;
        }
        tallies
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.expected().total_cmp(&b.1.expected()))
            .map(|(i, _)| i)
    }

    /// The paragraphs with their phrasings, in the order a letter reads (Russian first), for the
    /// figures page: (paragraph, phrasing, tally).
    pub fn rows(&self) -> Vec<(&str, &str, Tally)> {
        const ORDER: [&str; 9] = [
            "subject", "greeting", "intro", "ordered", "question", "reorder", "news", "call",
            "closing",
        ];
        let mut rows: Vec<(&str, &str, Tally)> = self
            .by_phrasing
            .iter()
            .filter_map(|(k, t)| k.rsplit_once('.').map(|(slot, key)| (slot, key, *t)))
            .collect();
        let place = |slot: &str| {
            let (english, bare) = slot
                .strip_prefix("en:")
                .map_or((false, slot), |s| (true, s));
            let first = bare.split('.').next().unwrap_or_default();
            let at = ORDER
                .iter()
                .position(|o| *o == first)
                .unwrap_or(ORDER.len());
            (english, at)
        };
        rows.sort_by(|a, b| (place(a.0), a.0, a.1).cmp(&(place(b.0), b.0, b.1)));
        rows
    }
}

/// A sentence each phrasing made, to show beside its figures: the latest letters that used it are
/// composed again as they were written (same client, day and seed); a phrasing no longer made
/// that way for them has no example.
pub fn examples(base: &Base, settings: &Settings, learned: &Learned) -> HashMap<String, String> {
    let mut latest: Vec<&Letter> = base
        .letters
        .iter()
        .filter(|l| !l.phrasing.is_empty() && sent_on(l).is_some())
        .collect();
    latest.sort_by_key(|l| std::cmp::Reverse((l.planned_for, l.id)));
    let mut out = HashMap::new();
    let mut tried = 0;
    for l in latest {
        let missing = l
            .phrasing
            .split_whitespace()
            .any(|k| learned.by_phrasing.contains_key(k) && !out.contains_key(k));
        if !missing {
            continue;
        }
        tried += 1;
        // Enough for every phrasing in practice; a bound, so a large base stays quick.
        if tried > 400 || out.len() == learned.by_phrasing.len() {
            break;
        }
        let Some(client) = base.clients.get(&l.client) else {
            continue;
        };
        let orders: Vec<&Order> = base
            .orders_of(&client.id)
            .into_iter()
            .filter(|o| o.date <= l.planned_for)
            .collect();
        let draft = compose(&LetterInput {
            client,
            orders: &orders,
            products: base.products.as_slice(),
            settings,
            today: l.planned_for,
            seed: seed(client.id, l.cycle),
            previous: previous_letter(base, client.id, l.planned_for),
            learned: None,
        });
        for (k, text) in draft.phrases {
            if l.phrasing.split_whitespace().any(|x| x == k) {
                out.entry(k).or_insert(text);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
