//! Pairs into clusters, strongest pair first. Two groups are joined only if no member of one is
//! known to differ from a member of the other (different valid ИНН, «not a duplicate»), and a
//! cluster stops growing at a size no real duplicate reaches: so one shared office phone or a
//! chain of weak likenesses cannot pull unrelated clients together.

use std::collections::HashSet;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::normalize::Profile;
use super::score::Pair;
use super::NotDuplicate;
use crate::model::Id;

const MAX_CLUSTER: usize = 12;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    /// Sorted by id.
    pub members: Vec<Id>,
    /// The weakest pair that holds the cluster together.
    pub score: f64,
    /// The pairs inside the cluster, strongest first, with their evidence.
    pub pairs: Vec<Pair>,
}

pub fn build(
    profiles: &[Profile],
    pairs: Vec<Pair>,
    not_duplicates: &HashSet<NotDuplicate>,
) -> Vec<Cluster> {
    let index: FxHashMap<Id, usize> = profiles
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let mut root: Vec<usize> = (0..profiles.len()).collect();
    let mut members: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    let mut weakest: FxHashMap<usize, f64> = FxHashMap::default();
    let mut kept: Vec<Pair> = Vec::new();
    let differ = |x: usize, y: usize| {
        let (p, q) = (&profiles[x], &profiles[y]);
        matches!((&p.inn, &q.inn), (Some(a), Some(b)) if a != b)
            || not_duplicates.contains(&NotDuplicate::new(p.id, q.id))
    };
    for pair in pairs {
        let (Some(&i), Some(&j)) = (index.get(&pair.a), index.get(&pair.b)) else {
            continue;
        };
        let (ri, rj) = (root[i], root[j]);
        if ri == rj {
            kept.push(pair);
            continue;
        }
        let mi = members.get(&ri).cloned().unwrap_or_else(|| vec![i]);
        let mj = members.get(&rj).cloned().unwrap_or_else(|| vec![j]);
        if mi.len() + mj.len() > MAX_CLUSTER || mi.iter().any(|&x| mj.iter().any(|&y| differ(x, y)))
        {
            continue;
        }
        for &m in &mj {
            root[m] = ri;
        }
        let w = pair
            .score
            .min(weakest.remove(&rj).unwrap_or(1.0))
            .min(weakest.get(&ri).copied().unwrap_or(1.0));
        weakest.insert(ri, w);
        members.remove(&rj);
        let mut all = mi;
        all.extend(mj);
        members.insert(ri, all);
        kept.push(pair);
    }
    let mut by_root: FxHashMap<usize, Vec<Pair>> = FxHashMap::default();
    for p in kept {
        if let Some(&i) = index.get(&p.a) {
            by_root.entry(root[i]).or_default().push(p);
        }
    }
    let mut clusters: Vec<Cluster> = members
        .into_iter()
        .filter(|(_, m)| m.len() >= 2)
        .map(|(r, m)| {
            let mut ids: Vec<Id> = m.iter().map(|&i| profiles[i].id).collect();
            ids.sort();
            Cluster {
                members: ids,
                score: weakest.get(&r).copied().unwrap_or(0.0),
                pairs: by_root.remove(&r).unwrap_or_default(),
            }
        })
        .collect();
    clusters.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.members.cmp(&b.members)));
    clusters
}
