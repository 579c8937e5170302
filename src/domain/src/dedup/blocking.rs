//! Candidate pairs without comparing all pairs: clients that share a blocking key (a phone, an
//! e-mail, an ИНН, a word of a person's name), and neighbours in the list sorted by name key, both
//! forwards and backwards (so a typo early in a name still lands near its twin).

use rustc_hash::FxHashMap;

use super::normalize::Profile;
use super::DedupSettings;

/// A block larger than this is a common word or a switchboard, not evidence.
const BLOCK_MAX: usize = 40;

/// How many clients have each phone and e-mail.
pub struct SharedCounts {
    phones: FxHashMap<String, u32>,
    emails: FxHashMap<String, u32>,
}

impl SharedCounts {
    pub fn of(profiles: &[Profile]) -> SharedCounts {
        let mut phones: FxHashMap<String, u32> = FxHashMap::default();
        let mut emails: FxHashMap<String, u32> = FxHashMap::default();
        for p in profiles {
            for x in &p.phones {
                *phones.entry(x.clone()).or_insert(0) += 1;
            }
            for x in &p.emails {
                *emails.entry(x.clone()).or_insert(0) += 1;
            }
        }
        SharedCounts { phones, emails }
    }

    pub fn phone(&self, n: &str) -> u32 {
        self.phones.get(n).copied().unwrap_or(0)
    }

    pub fn email(&self, e: &str) -> u32 {
        self.emails.get(e).copied().unwrap_or(0)
    }
}

fn keys<'a>(p: &'a Profile, counts: &SharedCounts, limit: usize) -> Vec<(u8, &'a str)> {
    let mut k: Vec<(u8, &str)> = Vec::new();
    k.extend(
        p.phones
            .iter()
            .filter(|x| counts.phone(x) as usize <= limit)
            .map(|x| (0, x.as_str())),
    );
    k.extend(
        p.emails
            .iter()
            .filter(|x| counts.email(x) as usize <= limit)
            .map(|x| (1, x.as_str())),
    );
    k.extend(p.inn.iter().map(|x| (2, x.as_str())));
    if let Some(person) = &p.person {
        k.extend(
            person
                .words
                .iter()
                .filter(|w| w.len() >= 3)
                .map(|w| (3, w.as_str())),
        );
    }
    k
}

pub fn candidate_pairs(
    profiles: &[Profile],
    counts: &SharedCounts,
    settings: &DedupSettings,
) -> Vec<(u32, u32)> {
    let mut blocks: FxHashMap<(u8, &str), Vec<u32>> = FxHashMap::default();
    for (i, p) in profiles.iter().enumerate() {
        for key in keys(p, counts, settings.shared_limit) {
            blocks.entry(key).or_default().push(i as u32);
        }
    }
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for members in blocks
        .values()
        .filter(|m| m.len() >= 2 && m.len() <= BLOCK_MAX)
    {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    let mut order: Vec<u32> = (0..profiles.len() as u32).collect();
    let window = settings.window.max(1);
    for reversed in [false, true] {
        let key = |i: &u32| -> String {
            let k = &profiles[*i as usize].name_key;
            if reversed {
                k.chars().rev().collect()
            } else {
                k.clone()
            }
        };
        order.sort_by_cached_key(key);
        for (x, &i) in order.iter().enumerate() {
            for &j in order.iter().skip(x + 1).take(window) {
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}
