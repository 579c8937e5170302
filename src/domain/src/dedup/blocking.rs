//! Candidate pairs without comparing all pairs: clients that share a blocking key (a phone, an
//! e-mail, an ИНН, a word of a person's name), and neighbours in the list sorted by name key, both
//! forwards and backwards (so a typo early in a name still lands near its twin). A pair chosen
//! for its name whose names turn out unlike is marked so here, while the block or the stretch
//! of the sorted list it came from is still in the processor's cache, and dropped unless
//! something else chose it too: that is most candidates of a base of persons, and comparing
//! them pair by pair later, each profile fetched anew, cost more than the rest of the search.

use rustc_hash::FxHashMap;

use super::compare::{self, Match};
use super::normalize::Profile;
use super::par;
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

/// A blocking key as a hash of its parts: no string is built for the millions of keys of a big
/// base. Two keys hashing alike would only add a candidate pair, which the scoring turns down.
fn key(parts: &[&[u8]]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    for part in parts {
        h.write(part);
        h.write_u8(0xff);
    }
    h.finish()
}

/// What a key is of, so that a phone and a name word written alike are two keys.
const PHONE: u8 = 0;
const EMAIL: u8 = 1;
const INN: u8 = 2;
const NAME_WORD: u8 = 3;
const CONTACT: u8 = 4;
const WORD_PAIR: u8 = 5;
const DOOR: u8 = 6;
const CONTACT_NAME: u8 = 7;

/// Keys that pair a word with another part, for bases where a word alone is too common to
/// block on: a surname with the first letter of each other part («zverev|f» for «Зверев Ф.»
/// and «Зверев Фёдор Романович»), a company's word with its number («green|144»).
fn pair_keys(p: &Profile, mut push: impl FnMut(u64)) {
    let mut buf = [0u8; 4];
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
                    let c = c.encode_utf8(&mut buf).as_bytes();
                    push(key(&[&[WORD_PAIR], w.as_bytes(), c]));
                }
            }
        }
        None => {
            let digits = |w: &&String| w.bytes().any(|c| c.is_ascii_digit());
            for n in p.name_words.iter().filter(digits) {
                for w in p.name_words.iter().filter(|w| w.len() >= 4 && !digits(w)) {
                    push(key(&[&[WORD_PAIR], w.as_bytes(), n.as_bytes()]));
                }
            }
        }
    }
}

/// One door: house and flat or office, so a block is one door; the numbers alone in the city,
/// for a door whose street took a typo (with a flat the door is telling enough without the city
/// or the street, either of which may be missing or mistyped); the flat on its street, for a
/// house number mistyped; the house with a letter of the name, for a flat left out and a name
/// mistyped.
fn door_keys(p: &Profile, mut push: impl FnMut(u64)) {
    let mut buf = [0u8; 4];
    let letters = letters(p);
    for a in p.addresses.iter().filter(|a| !a.street.is_empty()) {
        let Some(house) = a.numbers.first() else {
            continue;
        };
        let numbers = a.numbers.join(" ");
        let (city, street) = (a.city.as_bytes(), a.street.as_bytes());
        if !city.is_empty() {
            push(key(&[&[DOOR], city, street, numbers.as_bytes()]));
            for c in &letters {
                let c = c.encode_utf8(&mut buf).as_bytes();
                push(key(&[&[DOOR, 1], city, street, house.as_bytes(), c]));
            }
        }
        if a.numbers.len() >= 2 {
            // House and flat with a letter of the name: for a street and a name both mistyped,
            // or a city left out.
            for c in &letters {
                let c = c.encode_utf8(&mut buf).as_bytes();
                push(key(&[&[DOOR, 5], numbers.as_bytes(), c]));
            }
            push(key(&[&[DOOR, 2], city, numbers.as_bytes()]));
            push(key(&[&[DOOR, 3], street, numbers.as_bytes()]));
            let flat = a.numbers[1..].join(" ");
            push(key(&[&[DOOR, 4], city, street, flat.as_bytes()]));
        }
    }
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
            .map(|x| (PHONE, x.as_str())),
    );
    k.extend(
        p.emails
            .iter()
            .filter(|x| counts.email(x) as usize <= limit)
            .map(|x| (EMAIL, x.as_str())),
    );
    k.extend(p.inn.iter().map(|x| (INN, x.as_str())));
    // Name words: a person's in any order; a company's long enough not to be a common word
    // (blocks past `BLOCK_MAX` are dropped anyway).
    match &p.person {
        Some(person) => k.extend(
            person
                .words
                .iter()
                .filter(|w| w.len() >= 3)
                .map(|w| (NAME_WORD, w.as_str())),
        ),
        None => k.extend(
            p.name_words
                .iter()
                .filter(|w| w.len() >= 4 && !w.bytes().any(|c| c.is_ascii_digit()))
                .map(|w| (NAME_WORD, w.as_str())),
        ),
    }
    // The contact person's surname: what a sparse old card still has.
    k.extend(
        p.contacts
            .iter()
            .flat_map(|c| c.words.iter())
            .filter(|w| w.len() >= 5)
            .map(|w| (CONTACT, w.as_str())),
    );
    k
}

/// Where a candidate pair came from: the name (its words, the sorted neighbourhood), a key (a
/// phone, an e-mail, the ИНН, a contact person's surname) or the address (one door). The model
/// learns each field's worth only from pairs not chosen for agreeing on it.
pub const BY_NAME: u8 = 1;
pub const BY_KEY: u8 = 2;
pub const BY_ADDRESS: u8 = 4;

/// Marks a pair chosen by name whose names are unlike (see the module's notes).
const UNLIKE: u8 = 8;

/// A candidate pair in one number (smaller index, larger index, where from), to sort millions
/// of them fast; profiles are numbered below 2²⁸.
fn pack(i: u32, j: u32, from: u8) -> u64 {
    let (i, j) = (i.min(j), i.max(j));
    (u64::from(i) << 36) | (u64::from(j) << 4) | u64::from(from)
}

/// Where a pair chosen by name came from: [`BY_NAME`], and [`UNLIKE`] when the names are unlike.
/// Unless another key chose it too (a phone, an e-mail, an ИНН, a contact, a door), such a pair
/// never reaches the bar; as a certain non-duplicate it is left out of EM as well (only `u` is
/// about those).
fn by_name(profiles: &[Profile], i: u32, j: u32) -> u8 {
    let (a, b) = (&profiles[i as usize], &profiles[j as usize]);
    match compare::names(a, b).1 {
        Some(Match::Different) => BY_NAME | UNLIKE,
        _ => BY_NAME,
    }
}

/// The pairs inside every block of 2 to `BLOCK_MAX` profiles; `entries` are (key, profile).
fn push_blocks(pairs: &mut Vec<u64>, mut entries: Vec<(u64, u32)>, from: u8, ps: &[Profile]) {
    entries.sort_unstable();
    entries.dedup();
    let blocks: Vec<&[(u64, u32)]> = entries
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|b| (2..=BLOCK_MAX).contains(&b.len()))
        .collect();
    // Blocks a thousand at a time on every core natively (see `par`), each with its names
    // compared.
    let groups: Vec<&[&[(u64, u32)]]> = blocks.chunks(1000).collect();
    for part in par::map(&groups, |group| {
        let mut out = Vec::new();
        for block in group.iter() {
            for (x, &(_, i)) in block.iter().enumerate() {
                out.extend(block[x + 1..].iter().map(|&(_, j)| {
                    let from = if from == BY_NAME {
                        by_name(ps, i, j)
                    } else {
                        from
                    };
                    pack(i, j, from)
                }));
            }
        }
        out
    }) {
        pairs.extend(part);
    }
}

/// Neighbours in the list sorted by name key, forwards and backwards (a typo early in a name
/// still lands near its twin). Equal keys keep the profiles' order.
fn push_neighbours(pairs: &mut Vec<u64>, profiles: &[Profile], window: usize) {
    const STRETCH: usize = 4096;
    let name = |i: &u32| profiles[*i as usize].name_key.as_str();
    let mut order: Vec<u32> = (0..profiles.len() as u32).collect();
    for reversed in [false, true] {
        if reversed {
            order.sort_by(|a, b| name(a).chars().rev().cmp(name(b).chars().rev()));
        } else {
            order.sort_by(|a, b| name(a).cmp(name(b)));
        }
        // Stretches of the sorted list on every core natively, each with its names compared.
        let starts: Vec<usize> = (0..order.len()).step_by(STRETCH).collect();
        for part in par::map(&starts, |&start| {
            let mut out = Vec::new();
            for x in start..(start + STRETCH).min(order.len()) {
                let i = order[x];
                let next = order.iter().skip(x + 1).take(window);
                out.extend(next.map(|&j| pack(i, j, by_name(profiles, i, j))));
            }
            out
        }) {
            pairs.extend(part);
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
    let (mut by_key, mut by_name, mut by_door) = (Vec::new(), Vec::new(), Vec::new());
    for (i, p) in profiles.iter().enumerate() {
        let i = i as u32;
        for (kind, k) in keys(p, counts, settings.shared_limit) {
            let entry = (key(&[&[kind], k.as_bytes()]), i);
            if kind == NAME_WORD {
                by_name.push(entry);
            } else {
                by_key.push(entry);
            }
        }
        // A contact person's whole name: what a sparse old card shares with the full one when a
        // surname alone is too common to block on.
        for c in p.contacts.iter().filter(|c| c.words.len() >= 2) {
            let mut parts: Vec<&[u8]> = vec![&[CONTACT_NAME]];
            parts.extend(c.words.iter().map(|w| w.as_bytes()));
            by_key.push((key(&parts), i));
        }
        pair_keys(p, |k| by_name.push((k, i)));
        door_keys(p, |k| by_door.push((k, i)));
    }
    let mut pairs: Vec<u64> = Vec::new();
    push_blocks(&mut pairs, by_key, BY_KEY, profiles);
    push_blocks(&mut pairs, by_name, BY_NAME, profiles);
    push_blocks(&mut pairs, by_door, BY_ADDRESS, profiles);
    push_neighbours(&mut pairs, profiles, settings.window.max(1));
    pairs.sort_unstable();
    let mut merged: Vec<(u32, u32, u8)> = Vec::with_capacity(pairs.len());
    for p in pairs {
        let (i, j, from) = ((p >> 36) as u32, (p >> 4) as u32, (p & 15) as u8);
        match merged.last_mut() {
            Some(last) if last.0 == i && last.1 == j => last.2 |= from,
            _ => merged.push((i, j, from)),
        }
    }
    merged.retain(|p| p.2 & UNLIKE == 0 || p.2 & (BY_KEY | BY_ADDRESS) != 0);
    for p in &mut merged {
        p.2 &= !UNLIKE;
    }
    merged
}
