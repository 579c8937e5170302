//! What each agreement level is worth, learned from the base itself: the Fellegi–Sunter model that
//! splink and recordlinkage use. For every field and level, `u` is how often two *different*
//! clients agree so by chance — measured on random pairs of this base (a big city or a common
//! surname agrees by chance often, a rare one rarely) — and `m` how often two records of *one*
//! client do, estimated by expectation–maximisation over the candidate pairs with `u` held fixed
//! (as splink recommends: EM left free to move `u` too can settle on «same city» as the sign of a
//! duplicate). Candidate pairs are chosen for agreeing on something, so no field is learned from
//! pairs chosen for it (splink's rule too): the name's `m` from pairs found by address, every
//! other field's from pairs found by name, phone, e-mail or ИНН — the field that chose a pair is
//! left out of that round. A level adds ln(m/u) to a pair's log-odds; a missing value adds
//! nothing. The starting `m` is also a prior worth `PRIOR_PAIRS` pairs, so a small base keeps
//! sensible weights.

use rustc_hash::FxHashMap;

use super::blocking::SharedCounts;
use super::compare::{levels, unpattern, Field, Levels, Match, FIELDS, MATCHES};
use super::normalize::Profile;
use super::DedupSettings;
use crate::demo::Rng;
use start::{start_m, start_u};

mod start;

const F: usize = FIELDS.len();
pub type Table = [[f64; MATCHES]; F];

/// Random pairs looked at to measure `u`.
const SAMPLE: usize = 40_000;
/// How many pairs' worth the starting values weigh against what the base shows.
const PRIOR_PAIRS: f64 = 50.0;
const ITERATIONS: usize = 60;
/// The most a weak sign (a value many share, or shared by unrelated names) may add to the
/// log-odds: odds times e².
const WEAK: f64 = 2.0;
/// The share of candidate pairs taken for duplicates before EM has looked.
const PRIOR_LAMBDA: f64 = 0.05;

#[derive(Debug, Clone)]
pub struct Model {
    pub m: Table,
    pub u: Table,
    /// The share of all pairs of the base that are one client.
    pub lambda: f64,
    /// ln(m/u) per field and level.
    weight: Table,
    /// Average chance that two clients share a name, against which a name's own frequency is
    /// weighed.
    name_chance: f64,
}

/// `u` measured on random pairs of the base, each level smoothed towards [`start_u`] and never
/// below half a pair in the sample.
fn chance(profiles: &[Profile], counts: &SharedCounts, settings: &DedupSettings) -> Table {
    let u0 = start_u();
    let mut seen = [[0.0f64; MATCHES]; F];
    let mut total = [0.0f64; F];
    let n = profiles.len();
    if n >= 2 {
        let pairs = (n * (n - 1) / 2).min(SAMPLE);
        let mut rng = Rng::new(0x5eed ^ n as u64);
        for _ in 0..pairs {
            let i = rng.below(n);
            let j = (i + 1 + rng.below(n - 1)) % n;
            let Some(l) = levels(&profiles[i], &profiles[j], counts, settings) else {
                continue;
            };
            for (f, level) in l.iter().enumerate() {
                if let Some(m) = level {
                    seen[f][m.index()] += 1.0;
                    total[f] += 1.0;
                }
            }
        }
    }
    let mut u = [[0.0; MATCHES]; F];
    for f in 0..F {
        for l in 0..MATCHES {
            if u0[f][l] > 0.0 {
                let k = 20.0;
                u[f][l] = ((seen[f][l] + k * u0[f][l]) / (total[f] + k)).max(0.5 / (total[f] + k));
            }
        }
    }
    // A name partly alike (a surname and initials) agrees by chance about as often as a common
    // surname: a sample of whole names seldom shows it.
    for field in [Field::Name, Field::Person, Field::Contact] {
        let row = &mut u[field.index()];
        row[Match::Similar.index()] = row[Match::Similar.index()].max(1e-3);
        row[Match::Close.index()] = row[Match::Close.index()].max(1e-4);
    }
    // Exact agreement on a rare value hardly ever shows in a sample: counted from the values.
    let name_present = profiles.iter().filter(|p| !p.name_key.is_empty()).count();
    let names = counts.name_chance(name_present);
    for (field, exact) in [
        (Field::Name, names),
        (Field::Person, names),
        (Field::Inn, counts.inn_chance()),
        (Field::Phone, counts.phone_chance(settings.shared_limit)),
        (Field::Email, counts.email_chance(settings.shared_limit)),
    ] {
        if let Some(x) = exact {
            let s = &mut u[field.index()][Match::Same.index()];
            *s = s.min(x.max(1e-9));
        }
    }
    u
}

impl Model {
    fn with(m: Table, u: Table, lambda: f64, name_chance: f64) -> Model {
        let mut weight = [[0.0; MATCHES]; F];
        for f in 0..F {
            for l in 0..MATCHES {
                if m[f][l] > 0.0 && u[f][l] > 0.0 {
                    weight[f][l] = (m[f][l] / u[f][l]).ln();
                }
            }
            // A switchboard many share, or a phone on two companies with unrelated names, is a
            // weak sign by what it is, whatever EM makes of the pairs that have it: sister
            // companies share phones, and random pairs (where `u` is measured) are no sisters.
            // Nor is it a sign against: a copy shares the switchboard as the others do.
            for l in [Match::Shared, Match::Unrelated] {
                let w = &mut weight[f][l.index()];
                *w = w.clamp(0.0, WEAK);
            }
        }
        // Another house on the same street is another address, whatever a base's moves make
        // EM think: two branches of a chain, or namesakes, live so more often than one client.
        let w = &mut weight[Field::Address.index()][Match::SameStreet.index()];
        *w = w.min(0.0);
        Model {
            m,
            u,
            lambda,
            weight,
            name_chance,
        }
    }

    /// `u` from the base; `m` by EM over the patterns of levels of the candidate pairs (each
    /// distinct pattern with how many pairs have it): `by_name` (pairs found by the name) teaches
    /// every field but the name; `by_other` (pairs found by a phone, an e-mail, the ИНН, a
    /// contact person or a door) teaches the name. Without patterns, `m` stays at its starting
    /// values.
    pub fn learn(
        profiles: &[Profile],
        counts: &SharedCounts,
        settings: &DedupSettings,
        by_name: &FxHashMap<u64, u32>,
        by_other: &FxHashMap<u64, u32>,
    ) -> Model {
        let u = chance(profiles, counts, settings);
        let present = profiles.iter().filter(|p| !p.name_key.is_empty()).count();
        let name_chance = counts.name_chance(present).unwrap_or(1e-4).max(1e-9);
        // The legal form goes with the name («СОШ» with «МБОУ»): pairs found by the name agree on
        // it far more often than random pairs, which would teach EM that agreeing on it is a sign.
        let names = [Field::Name, Field::Person, Field::LegalForm];
        let (mut m, lambda) = expectation_maximisation(by_name, &u, &names);
        let others = [
            Field::Phone,
            Field::Email,
            Field::Inn,
            Field::Contact,
            Field::Address,
            Field::Postcode,
        ];
        let (m_names, lambda_other) = expectation_maximisation(by_other, &u, &others);
        for f in names {
            m[f.index()] = m_names[f.index()];
        }
        // `u` is the chance among all pairs of the base, so the prior must be too: the
        // duplicates expected among the candidates over all pairs — what EM found, weighed
        // against one client in twenty having a copy, as a prior of `PRIOR_PAIRS` pairs.
        let n = profiles.len().max(2) as f64;
        let size = |p: &FxHashMap<u64, u32>| p.values().map(|c| f64::from(*c)).sum::<f64>();
        let (a, b) = (size(by_name), size(by_other));
        let found = (lambda * a).max(lambda_other * b);
        let pairs = a.max(b);
        let expected = (found * pairs + PRIOR_LAMBDA * n * PRIOR_PAIRS) / (pairs + PRIOR_PAIRS);
        let all_pairs = n * (n - 1.0) / 2.0;
        Model::with(m, u, (expected.max(1.0) / all_pairs).min(0.5), name_chance)
    }

    pub fn weight(&self, field: Field, level: Match) -> f64 {
        self.weight[field.index()][level.index()]
    }

    /// The log-odds that two clients of the base, taken at random, are one.
    pub fn prior(&self) -> f64 {
        (self.lambda / (1.0 - self.lambda)).ln()
    }

    /// How much more (or less) an exact name tells when `chance` is this name's own chance of
    /// turning up twice: a common name less, a rare one more (bounded, as splink does).
    pub fn name_frequency(&self, chance: Option<f64>) -> f64 {
        chance.map_or(0.0, |c| {
            (self.name_chance / c.max(1e-9)).ln().clamp(-4.0, 2.0)
        })
    }
}

fn log_odds(levels: &Levels, m: &Table, u: &Table, prior: f64, skip: &[bool; F]) -> f64 {
    levels
        .iter()
        .enumerate()
        .filter(|(f, _)| !skip[*f])
        .filter_map(|(f, l)| l.map(|l| (f, l.index())))
        .filter(|&(f, l)| m[f][l] > 0.0 && u[f][l] > 0.0)
        .map(|(f, l)| (m[f][l] / u[f][l]).ln())
        .sum::<f64>()
        + prior
}

/// `m` and λ by EM over `patterns`; the `skip` fields (those that chose the pairs) neither
/// count in the E-step nor move from their starting values.
fn expectation_maximisation(
    patterns: &FxHashMap<u64, u32>,
    u: &Table,
    skip: &[Field],
) -> (Table, f64) {
    let mut skipped = [false; F];
    skip.iter().for_each(|f| skipped[f.index()] = true);
    let m0 = start_m();
    let mut m = m0;
    let mut lambda = PRIOR_LAMBDA;
    let decoded: Vec<(Levels, f64)> = patterns
        .iter()
        .map(|(p, n)| (unpattern(*p), f64::from(*n)))
        .collect();
    let pairs: f64 = decoded.iter().map(|(_, n)| n).sum();
    if pairs == 0.0 {
        return (m, lambda);
    }
    for _ in 0..ITERATIONS {
        let prior = (lambda / (1.0 - lambda)).ln();
        let mut acc = m0.map(|row| row.map(|p| p * PRIOR_PAIRS));
        let mut total = [PRIOR_PAIRS; F];
        let mut matches = 0.0;
        for (l, n) in &decoded {
            let post = n / (1.0 + (-log_odds(l, &m, u, prior, &skipped)).exp());
            matches += post;
            for (f, level) in l.iter().enumerate() {
                if let Some(x) = level {
                    acc[f][x.index()] += post;
                    total[f] += post;
                }
            }
        }
        let mut moved: f64 = 0.0;
        for f in (0..F).filter(|f| !skipped[*f]) {
            for x in 0..MATCHES {
                let new = if m0[f][x] > 0.0 {
                    acc[f][x] / total[f]
                } else {
                    0.0
                };
                moved = moved.max((new - m[f][x]).abs());
                m[f][x] = new;
            }
        }
        let new_lambda = (matches / pairs).clamp(1e-6, 0.999);
        moved = moved.max((new_lambda - lambda).abs());
        lambda = new_lambda;
        if moved < 1e-5 {
            break;
        }
    }
    (m, lambda)
}
