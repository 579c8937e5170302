//! Candidate pairs without comparing all pairs: clients that share a blocking key (a phone, an
//! e-mail, an ИНН, a word of a person's name), and neighbours in the list sorted by name key, both
//! forwards and backwards (so a typo early in a name still lands near its twin).

use rustc_hash::FxHashMap;

use super::normalize::Profile;
use super::person::Part;
use super::DedupSettings;

/// A block larger than this is a common word or a switchboard, not evidence.
const BLOCK_MAX: usize = 40;

/// How many clients have each phone, e-mail, name and ИНН.
pub struct SharedCounts {
    phones: FxHashMap<String, u32>,
    emails: FxHashMap<String, u32>,
    names: FxHashMap<String, u32>,
    inns: FxHashMap<String, u32>,
}

impl SharedCounts {
    pub fn of(profiles: &[Profile]) -> SharedCounts {
        let mut phones: FxHashMap<String, u32> = FxHashMap::default();
        let mut emails: FxHashMap<String, u32> = FxHashMap::default();
        let mut names: FxHashMap<String, u32> = FxHashMap::default();
        let mut inns: FxHashMap<String, u32> = FxHashMap::default();
        for p in profiles {
            if !p.name_key.is_empty() {
                *names.entry(p.sorted_key().to_string()).or_insert(0) += 1;
            }
            if let Some(x) = &p.inn {
                *inns.entry(x.clone()).or_insert(0) += 1;
            }
            for x in &p.phones {
                *phones.entry(x.clone()).or_insert(0) += 1;
            }
            for x in &p.emails {
                *emails.entry(x.clone()).or_insert(0) += 1;
            }
        }
        SharedCounts {
            phones,
            emails,
            names,
            inns,
        }
    }

    /// The chance that two random clients with names have the same one.
    pub fn name_chance(&self, present: usize) -> Option<f64> {
        chance(self.names.values().copied(), present)
    }

    /// The chance that two random clients with phones share one that few others have (the
    /// `Same` level); likewise e-mails.
    pub fn phone_chance(&self, limit: usize) -> Option<f64> {
        few(&self.phones, limit)
    }

    pub fn email_chance(&self, limit: usize) -> Option<f64> {
        few(&self.emails, limit)
    }

    pub fn inn_chance(&self) -> Option<f64> {
        chance(
            self.inns.values().copied(),
            self.inns.values().sum::<u32>() as usize,
        )
    }

    /// The chance that another client has this profile's name exactly, when some other does.
    pub fn this_name_chance(&self, p: &Profile, present: usize) -> Option<f64> {
        let c = *self.names.get(p.sorted_key())?;
        (c >= 2 && present > 1).then(|| f64::from(c - 1) / (present - 1) as f64)
    }

    pub fn phone(&self, n: &str) -> u32 {
        self.phones.get(n).copied().unwrap_or(0)
    }

    pub fn email(&self, e: &str) -> u32 {
        self.emails.get(e).copied().unwrap_or(0)
    }
}

fn few(counts: &FxHashMap<String, u32>, limit: usize) -> Option<f64> {
    let n = counts.values().sum::<u32>() as usize;
    chance(counts.values().copied().filter(|c| *c as usize <= limit), n)
}

/// Σ c(c−1) / n(n−1): how often two of `n` random values are the same.
fn chance(counts: impl Iterator<Item = u32>, n: usize) -> Option<f64> {
    let pairs: f64 = counts
        .map(|c| f64::from(c) * f64::from(c.saturating_sub(1)))
        .sum();
    let n = n as f64;
    (n > 1.0).then(|| pairs / (n * (n - 1.0)))
}

/// Keys that pair a word with another part, for bases where a word alone is too common to
/// block on: a surname with the first letter of each other part («zverev|f» for «Зверев Ф.»
/// and «Зверев Фёдор Романович»), a company's word with its number («green|144»).
fn pair_keys(p: &Profile) -> Vec<String> {
    let mut out = Vec::new();
    match &p.person {
        Some(person) => {
            let letters: Vec<char> = person
                .words
                .iter()
                .filter_map(|w| w.chars().next())
                .chain(person.initials.iter().copied())
                .collect();
            // The surname: the word that is neither the first name nor the patronymic, when the
            // order told them; otherwise every word.
            fn slot(p: &Option<Part>) -> Option<&str> {
                match p {
                    Some(Part::Word(w)) => Some(w.as_str()),
                    _ => None,
                }
            }
            let (first, patronymic) = (slot(&person.first), slot(&person.patronymic));
            for w in person.words.iter().filter(|w| w.len() >= 3) {
                if Some(w.as_str()) == first || Some(w.as_str()) == patronymic {
                    continue;
                }
                let own = w.chars().next();
                let mut seen_own = false;
                for &c in &letters {
                    // Its own first letter once, for a name whose other part begins alike.
                    if Some(c) == own && !std::mem::replace(&mut seen_own, true) {
                        continue;
                    }
                    out.push(format!("{w}|{c}"));
                }
            }
        }
        None => {
            let digits = |w: &&String| w.bytes().any(|c| c.is_ascii_digit());
            for n in p.name_words.iter().filter(digits) {
                for w in p.name_words.iter().filter(|w| w.len() >= 4 && !digits(w)) {
                    out.push(format!("{w}|{n}"));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The first letters of a name's words and initials, each once.
fn letters(p: &Profile) -> Vec<char> {
    let mut out: Vec<char> = match &p.person {
        Some(person) => person
            .words
            .iter()
            .filter_map(|w| w.chars().next())
            .chain(person.initials.iter().copied())
            .collect(),
        None => p
            .name_words
            .iter()
            .filter_map(|w| w.chars().next())
            .collect(),
    };
    out.sort_unstable();
    out.dedup();
    out
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
    // Name words: a person's in any order; a company's long enough not to be a common word
    // (blocks past `BLOCK_MAX` are dropped anyway).
    match &p.person {
        Some(person) => k.extend(
            person
                .words
                .iter()
                .filter(|w| w.len() >= 3)
                .map(|w| (3, w.as_str())),
        ),
        None => k.extend(
            p.name_words
                .iter()
                .filter(|w| w.len() >= 4 && !w.bytes().any(|c| c.is_ascii_digit()))
                .map(|w| (3, w.as_str())),
        ),
    }
    // The contact person's surname: what a sparse old card still has.
    k.extend(
        p.contacts
            .iter()
            .flat_map(|c| c.words.iter())
            .filter(|w| w.len() >= 5)
            .map(|w| (4, w.as_str())),
    );
    k
}

/// Where a candidate pair came from: the name (its words, the sorted neighbourhood), a key (a
/// phone, an e-mail, the ИНН, a contact person's surname) or the address (one door). The model
/// learns each field's worth only from pairs not chosen for agreeing on it.
pub const BY_NAME: u8 = 1;
pub const BY_KEY: u8 = 2;
pub const BY_ADDRESS: u8 = 4;

fn push_blocks(pairs: &mut Vec<(u32, u32, u8)>, blocks: impl Iterator<Item = Vec<u32>>, from: u8) {
    for members in blocks.filter(|m| m.len() >= 2 && m.len() <= BLOCK_MAX) {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                pairs.push((i.min(j), i.max(j), from));
            }
        }
    }
}

/// Candidate pairs (smaller index first), each with where it came from ([`BY_NAME`],
/// [`BY_KEY`], [`BY_ADDRESS`], or several).
pub fn candidate_pairs(
    profiles: &[Profile],
    counts: &SharedCounts,
    settings: &DedupSettings,
) -> Vec<(u32, u32, u8)> {
    let mut blocks: FxHashMap<(u8, &str), Vec<u32>> = FxHashMap::default();
    let mut houses: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    let mut pairs_of_words: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    for (i, p) in profiles.iter().enumerate() {
        for key in keys(p, counts, settings.shared_limit) {
            blocks.entry(key).or_default().push(i as u32);
        }
        for key in pair_keys(p) {
            pairs_of_words.entry(key).or_default().push(i as u32);
        }
        for a in p.addresses.iter().filter(|a| !a.street.is_empty()) {
            if !a.numbers.is_empty() {
                // The whole number: house and flat or office, so a block is one door; and the
                // numbers alone in the city, for a door whose street took a typo.
                // With a flat or an office the door is telling enough without the city or the
                // street, either of which may be missing or mistyped.
                let numbers = a.numbers.join(" ");
                let mut keys = vec![];
                if !a.city.is_empty() {
                    keys.push(format!("{}|{}|{numbers}", a.city, a.street));
                }
                if a.numbers.len() >= 2 {
                    keys.push(format!("{}||{numbers}", a.city));
                    keys.push(format!("|{}|{numbers}", a.street));
                    // The flat on its street, for a house number mistyped.
                    keys.push(format!(
                        "{}|{}|*{}",
                        a.city,
                        a.street,
                        a.numbers[1..].join(" ")
                    ));
                }
                // The house with a letter of the name, for a flat left out and a name mistyped.
                if !a.city.is_empty() {
                    for c in letters(p) {
                        keys.push(format!("{}|{}|{}|{c}", a.city, a.street, a.numbers[0]));
                    }
                }
                for key in keys {
                    let members = houses.entry(key).or_default();
                    if members.last() != Some(&(i as u32)) {
                        members.push(i as u32);
                    }
                }
            }
        }
    }
    let mut pairs: Vec<(u32, u32, u8)> = Vec::new();
    for (key, members) in blocks {
        let from = if key.0 == 3 { BY_NAME } else { BY_KEY };
        push_blocks(&mut pairs, std::iter::once(members), from);
    }
    push_blocks(&mut pairs, pairs_of_words.into_values(), BY_NAME);
    push_blocks(&mut pairs, houses.into_values(), BY_ADDRESS);
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
                pairs.push((i.min(j), i.max(j), BY_NAME));
            }
        }
    }
    pairs.sort_unstable();
    let mut merged: Vec<(u32, u32, u8)> = Vec::with_capacity(pairs.len());
    for (i, j, from) in pairs {
        match merged.last_mut() {
            Some(last) if last.0 == i && last.1 == j => last.2 |= from,
            _ => merged.push((i, j, from)),
        }
    }
    merged
}
