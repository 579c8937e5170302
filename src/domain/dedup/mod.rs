//! Duplicate detection. Every client is reduced to a [`Profile`] (`normalize`); candidate pairs
//! come from blocking keys, never from all pairs (`blocking`); each pair is scored field by field
//! with the evidence kept, so the user is told why (`score`); pairs above the threshold are joined
//! into clusters strongest first, never across a hard «no» (`cluster`).

mod blocking;
mod cluster;
pub mod merge;
pub mod normalize;
mod score;

use std::collections::HashSet;

use serde::Serialize;

use crate::domain::model::{Client, Id};
pub use cluster::Cluster;
pub use normalize::Profile;
pub use score::{score, Evidence, Field, Match, Pair};

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
pub fn profiles<'a>(clients: impl Iterator<Item = &'a Client>) -> Vec<Profile> {
    clients
        .filter(|c| c.merged_into.is_none())
        .map(Profile::of)
        .collect()
}

/// The proposed clusters, most certain first.
pub fn find(
    profiles: &[Profile],
    not_duplicates: &HashSet<NotDuplicate>,
    settings: &DedupSettings,
) -> Vec<Cluster> {
    let counts = blocking::SharedCounts::of(profiles);
    let mut pairs: Vec<Pair> = blocking::candidate_pairs(profiles, &counts, settings)
        .into_iter()
        .filter_map(|(i, j)| {
            let (a, b) = (&profiles[i as usize], &profiles[j as usize]);
            if not_duplicates.contains(&NotDuplicate::new(a.id, b.id)) {
                return None;
            }
            score(a, b, &counts, settings).filter(|p| p.score >= settings.threshold)
        })
        .collect();
    pairs.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then((a.a, a.b).cmp(&(b.a, b.b)))
    });
    cluster::build(profiles, pairs, not_duplicates)
}

/// Existing clients that look like the one being typed in, best first (at most `limit`).
pub fn likely_matches(
    typed: &Profile,
    profiles: &[Profile],
    settings: &DedupSettings,
    limit: usize,
) -> Vec<Pair> {
    let counts = blocking::SharedCounts::of(profiles);
    let mut found: Vec<Pair> = blocking::matches_for(typed, profiles, &counts)
        .into_iter()
        .filter_map(|i| score(typed, &profiles[i as usize], &counts, settings))
        .filter(|p| p.score >= settings.threshold * 0.75)
        .collect();
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests;
