//! A pair's score from its agreement levels (`compare`) and what each level is worth in this base
//! (`model`): the log-odds of one client, turned into a probability, with every field's share kept
//! as evidence so the interface can say why («same phone, similar name, same street, another
//! house»). Two different legal forms may be proposed but are never merged automatically.

use serde::Serialize;

use super::blocking::SharedCounts;
use super::compare::{levels, Field, Levels, Match, FIELDS};
use super::model::Model;
use super::normalize::Profile;
use super::DedupSettings;
use crate::model::Id;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub field: Field,
    pub how: Match,
    /// What it added to the log-odds (negative: what it took away).
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    pub a: Id,
    pub b: Id,
    /// The probability that the two are one client, 0–1.
    pub score: f64,
    pub evidence: Vec<Evidence>,
    /// False when the legal forms differ: a person must decide.
    pub auto_merge: bool,
}

/// Everything a pair's score needs besides the two profiles.
pub struct Scorer<'a> {
    pub model: &'a Model,
    pub counts: &'a SharedCounts,
    pub settings: &'a DedupSettings,
    /// Profiles with a name: the frame a name's frequency is measured in.
    pub named: usize,
}

impl Scorer<'_> {
    /// The pair of `a` and `b` with its evidence; `None` when a hard rule separates them.
    pub fn pair(&self, a: &Profile, b: &Profile) -> Option<Pair> {
        let l = levels(a, b, self.counts, self.settings)?;
        Some(self.pair_of(a, b, &l))
    }

    /// The log-odds alone, for the many pairs that will not be shown.
    pub fn log_odds(&self, a: &Profile, l: &Levels) -> f64 {
        self.model.prior()
            + FIELDS
                .iter()
                .zip(l)
                .filter_map(|(f, m)| m.map(|m| self.weigh(a, *f, m)))
                .sum::<f64>()
    }

    fn weigh(&self, a: &Profile, field: Field, how: Match) -> f64 {
        let w = self.model.weight(field, how);
        if matches!(field, Field::Name | Field::Person) && how == Match::Same {
            w + self
                .model
                .name_frequency(self.counts.this_name_chance(a, self.named))
        } else {
            w
        }
    }

    pub fn pair_of(&self, a: &Profile, b: &Profile, l: &Levels) -> Pair {
        let evidence: Vec<Evidence> = FIELDS
            .iter()
            .zip(l)
            .filter_map(|(&field, m)| {
                let how = (*m)?;
                Some(Evidence {
                    field,
                    how,
                    weight: self.weigh(a, field, how),
                })
            })
            .collect();
        let odds = self.model.prior() + evidence.iter().map(|e| e.weight).sum::<f64>();
        let (a_id, b_id) = if a.id <= b.id {
            (a.id, b.id)
        } else {
            (b.id, a.id)
        };
        Pair {
            a: a_id,
            b: b_id,
            score: probability(odds),
            auto_merge: l[Field::LegalForm.index()] != Some(Match::Different),
            evidence,
        }
    }
}

pub fn probability(log_odds: f64) -> f64 {
    1.0 / (1.0 + (-log_odds).exp())
}
