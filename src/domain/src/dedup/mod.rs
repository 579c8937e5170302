//! Duplicate detection. Every client is reduced to a [`Profile`] (`normalize`); candidate pairs
//! come from blocking keys, never from all pairs (`blocking`); each pair is scored field by field
//! with the evidence kept, so the user is told why (`score`); pairs above the threshold are joined
//! into clusters strongest first, never across a hard «no» (`cluster`).

pub mod address;
pub(crate) mod blocking;
mod cluster;
pub mod compare;
mod legal_form;
pub mod merge;
mod model;
pub mod normalize;
mod par;
pub mod person;
mod score;
mod similar;
pub mod testbase;

use std::collections::HashSet;

use serde::Serialize;

use crate::base::Table;
use crate::model::{Client, Id};
pub use cluster::Cluster;
pub use compare::{Field, Match};
pub use model::Model;
pub use normalize::Profile;
pub use score::{Evidence, Pair, Scorer};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DedupSettings {
    /// Pairs scoring at least this are proposed (0–1).
    pub threshold: f64,
    /// A phone or e-mail shared by more clients than this is an office switchboard or a generic
    /// mailbox: weak evidence, and no blocking key (so it cannot chain a cluster together).
    pub shared_limit: usize,
    /// Neighbours compared on each side in the sorted-name pass.
    pub window: usize,
}

impl Default for DedupSettings {
    fn default() -> Self {
        DedupSettings {
            threshold: 0.6,
            shared_limit: 4,
            window: 8,
        }
    }
}

/// Two clients someone said are not the same: never proposed again. Kept ordered (smaller id
/// first) so either way round is the same pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct NotDuplicate(pub Id, pub Id);

impl NotDuplicate {
    pub fn new(a: Id, b: Id) -> NotDuplicate {
        if a <= b {
            NotDuplicate(a, b)
        } else {
            NotDuplicate(b, a)
        }
    }
}

/// Profiles of the clients a search considers: merged-away records are out.
/// Profiles made a slice at a time while the base could change: drops those of clients deleted
/// or merged since (and any met twice, moved in the table), and adds the clients not profiled
/// yet, so the search sees the base as it is now.
pub fn settle(all: &mut Vec<Profile>, clients: &Table<Client>) {
    let mut seen: HashSet<Id> = HashSet::with_capacity(all.len());
    all.retain(|p| {
        clients.get(&p.id).is_some_and(|c| c.merged_into.is_none()) && seen.insert(p.id)
    });
    all.extend(profiles(clients.iter().filter(|c| !seen.contains(&c.id))));
}

pub fn profiles<'a>(clients: impl Iterator<Item = &'a Client>) -> Vec<Profile> {
    let live: Vec<&Client> = clients.filter(|c| c.merged_into.is_none()).collect();
    par::map(&live, |c| Profile::of(c))
}

/// The proposed clusters, most certain first.
pub fn find(
    profiles: &[Profile],
    not_duplicates: &HashSet<NotDuplicate>,
    settings: &DedupSettings,
) -> Vec<Cluster> {
    find_with_model(profiles, not_duplicates, settings).0
}

/// The clusters and the model learned on the way (what each field's agreement was worth here).
pub fn find_with_model(
    profiles: &[Profile],
    not_duplicates: &HashSet<NotDuplicate>,
    settings: &DedupSettings,
) -> (Vec<Cluster>, Model) {
    let counts = blocking::SharedCounts::of(profiles);
    let candidates = blocking::candidate_pairs(profiles, &counts, settings);
    let compared: Vec<(u32, u32, compare::Levels, u8)> =
        par::filter_map(&candidates, |&(i, j, from)| {
            let (a, b) = (&profiles[i as usize], &profiles[j as usize]);
            if !not_duplicates.is_empty() && not_duplicates.contains(&NotDuplicate::new(a.id, b.id))
            {
                return None;
            }
            Some((i, j, compare::levels(a, b, &counts, settings)?, from))
        });
    let mut by_name: rustc_hash::FxHashMap<u64, u32> = Default::default();
    let mut by_other = by_name.clone();
    for (_, _, l, from) in &compared {
        let p = compare::pattern(l);
        if from & blocking::BY_NAME != 0 {
            *by_name.entry(p).or_insert(0) += 1;
        }
        if from & (blocking::BY_KEY | blocking::BY_ADDRESS) != 0 {
            *by_other.entry(p).or_insert(0) += 1;
        }
    }
    let model = Model::learn(profiles, &counts, settings, &by_name, &by_other);
    let scorer = Scorer {
        model: &model,
        counts: &counts,
        settings,
        named: named(profiles),
    };
    let bar = (settings.threshold / (1.0 - settings.threshold)).ln();
    let mut pairs: Vec<Pair> = compared
        .iter()
        .filter_map(|(i, j, l, _)| {
            let (a, b) = (&profiles[*i as usize], &profiles[*j as usize]);
            (scorer.log_odds(a, l) >= bar).then(|| scorer.pair_of(a, b, l))
        })
        .collect();
    pairs.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then((a.a, a.b).cmp(&(b.a, b.b)))
    });
    (cluster::build(profiles, pairs, not_duplicates), model)
}

fn named(profiles: &[Profile]) -> usize {
    profiles.iter().filter(|p| !p.name_key.is_empty()).count()
}

/// The base prepared for «does this client exist already?» while one is typed in: built once,
/// asked at every keystroke.
pub struct Lookup {
    profiles: Vec<Profile>,
    counts: blocking::SharedCounts,
    /// `u` from this base, `m` at its starting values: learning `m` takes the whole search.
    model: Model,
    /// Phones, e-mails and ИНН → the profiles that have them.
    keyed: rustc_hash::FxHashMap<String, Vec<u32>>,
    /// Every name word's skeleton with its profile, sorted, for prefix ranges.
    words: Vec<(String, u32)>,
}

/// Name-word matches looked at per keystroke: enough for any real prefix, and a bound on the time.
const PREFIX_CANDIDATES: usize = 3000;

impl Lookup {
    pub fn new<'a>(clients: impl Iterator<Item = &'a Client>) -> Lookup {
        Lookup::from_profiles(profiles(clients))
    }

    /// Built from profiles made beforehand (a page makes them a slice at a time: at 100,000
    /// clients they are most of the cost).
    pub fn from_profiles(profiles: Vec<Profile>) -> Lookup {
        let counts = blocking::SharedCounts::of(&profiles);
        let mut keyed: rustc_hash::FxHashMap<String, Vec<u32>> = Default::default();
        let mut words = Vec::new();
        for (i, p) in profiles.iter().enumerate() {
            let i = i as u32;
            for k in p.phones.iter().chain(&p.emails).chain(&p.inn) {
                keyed.entry(k.clone()).or_default().push(i);
            }
            for w in p.name_words.iter().filter(|w| w.len() >= 2) {
                words.push((w.clone(), i));
            }
        }
        words.sort_unstable();
        let model = Model::learn(
            &profiles,
            &counts,
            &DedupSettings::default(),
            &Default::default(),
            &Default::default(),
        );
        Lookup {
            profiles,
            counts,
            model,
            keyed,
            words,
        }
    }

    /// Existing clients that look like `typed`, best first (at most `limit`). The bar is half
    /// that for proposing a merge (one strong match, such as the phone, is enough): here a person
    /// glances at the list before saving.
    pub fn likely(&self, typed: &Client, settings: &DedupSettings, limit: usize) -> Vec<Pair> {
        let typed = Profile::of(typed);
        let mut candidates: Vec<u32> = Vec::new();
        for k in typed.phones.iter().chain(&typed.emails).chain(&typed.inn) {
            candidates.extend(self.keyed.get(k).into_iter().flatten());
        }
        for w in typed.name_words.iter().filter(|w| w.len() >= 3) {
            let prefix = &w[..w.char_indices().nth(3).map_or(w.len(), |(i, _)| i)];
            let from = self.words.partition_point(|(x, _)| x.as_str() < prefix);
            candidates.extend(
                self.words[from..]
                    .iter()
                    .take_while(|(x, _)| x.starts_with(prefix))
                    .take(PREFIX_CANDIDATES)
                    .map(|(_, i)| *i),
            );
        }
        candidates.sort_unstable();
        candidates.dedup();
        let scorer = Scorer {
            model: &self.model,
            counts: &self.counts,
            settings,
            named: self.profiles.len(),
        };
        let mut found: Vec<Pair> = candidates
            .into_iter()
            .filter_map(|i| self.profiles.get(i as usize))
            .filter(|p| p.id != typed.id)
            .filter_map(|p| scorer.pair(&typed, p))
            .filter(|p| p.score >= settings.threshold * 0.5)
            .collect();
        found.sort_by(|a, b| b.score.total_cmp(&a.score));
        found.truncate(limit);
        found
    }
}

#[cfg(test)]
mod examples;
#[cfg(test)]
mod tests;
