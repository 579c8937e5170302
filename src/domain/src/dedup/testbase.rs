//! Test bases with known duplicates, to measure the duplicate search honestly (precision, recall,
//! F1) and to compare it with other tools on the same data (`pismo-cli dedup-testbase`).
//! Originals are the demo company's clients; a share of them get one or two copies written the
//! ways a real base writes them: legal forms spelled out or in Latin letters, quotes, ё/е, typos,
//! transliteration, person names reordered or with initials, phones in other formats, e-mails in
//! capitals, addresses with other abbreviations, fields left out, and contacts that changed (a new
//! phone, another mailbox, a move). Some originals are Latin-script foreign companies.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::demo::{generate_sized, Rng};
use crate::model::*;
use crate::text::latin;

pub mod persons;

/// A base and its truth: the groups of records that are one client.
pub struct TestBase {
    pub clients: Vec<Client>,
    pub truth: Vec<Vec<Id>>,
}

const FOREIGN: [&str; 8] = [
    "Nordic Trophy",
    "Baltic Awards",
    "Alpine Cups",
    "Sigma Sport",
    "Victory Medals",
    "Green Field",
    "Atlas Events",
    "Orion Club",
];
const FOREIGN_FORMS: [&str; 4] = ["LLC", "Ltd", "GmbH", "Inc"];

fn typo(rng: &mut Rng, s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    if chars.len() < 5 {
        return s.to_string();
    }
    let i = 1 + rng.below(chars.len() - 2);
    match rng.below(3) {
        0 => chars.swap(i, i + 1),
        1 => {
            chars.remove(i);
        }
        _ => {
            let c = chars[i];
            chars.insert(i, c);
        }
    }
    chars.into_iter().collect()
}

/// How hard a test base is to deduplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difficulty {
    /// Two to four corruptions per copy.
    Usual,
    /// Three to six corruptions per copy (several contacts changed at once), sparse copies (the
    /// name, the city and the contact person only), and look-alikes that are not duplicates: a
    /// school № 5 beside a school № 15 in the same city, sharing the district's office phone.
    Hard,
    /// Private persons with a name and an address only ([`persons`]).
    Persons,
}

fn corrupt(rng: &mut Rng, src: &Client, id: Id, difficulty: Difficulty) -> Client {
    let mut d = src.clone();
    d.id = id;
    d.owner = None;
    d.contacts
        .iter_mut()
        .for_each(|p| p.id = Id::from_u128(rng.next_u64() as u128));
    let n = match difficulty {
        Difficulty::Usual => 2 + rng.below(3),
        Difficulty::Hard | Difficulty::Persons => 3 + rng.below(4),
    };
    if difficulty == Difficulty::Hard && rng.chance(10) {
        // What an old card keeps: the name, the city, the person to ask for.
        d.phones.clear();
        d.emails.clear();
        d.inn.clear();
        d.addresses.iter_mut().for_each(|a| {
            a.street.clear();
            a.postcode.clear();
        });
        if rng.chance(50) {
            d.name = typo(rng, &d.name);
        }
        return d;
    }
    for _ in 0..n {
        match rng.below(14) {
            0 => {
                if d.legal_form == "ООО" {
                    d.legal_form = "Общество с ограниченной ответственностью".into();
                } else if !d.legal_form.is_empty() {
                    d.name = format!("{} {}", d.legal_form, d.name);
                    d.legal_form.clear();
                }
            }
            1 => d.name = format!("«{}»", d.name.trim_matches(['«', '»', '"'])),
            2 => d.name = d.name.replace('е', "ё").replace('Е', "Ё"),
            3 => d.name = typo(rng, &d.name),
            4 => {
                d.name = latin(&d.name);
                d.legal_form = latin(&d.legal_form);
            }
            5 if d.kind == ClientKind::Person => {
                let w: Vec<&str> = d.name.split_whitespace().collect();
                if let [last, first, patronymic] = w.as_slice() {
                    d.name = if rng.chance(50) {
                        format!("{first} {patronymic} {last}")
                    } else {
                        let i = |s: &str| {
                            s.chars()
                                .next()
                                .map(|c| format!("{c}."))
                                .unwrap_or_default()
                        };
                        format!("{last} {} {}", i(first), i(patronymic))
                    };
                }
            }
            6 => {
                for p in &mut d.phones {
                    let digits: String = p.number.chars().filter(char::is_ascii_digit).collect();
                    let ten = &digits[digits.len().saturating_sub(10)..];
                    if ten.len() == 10 {
                        p.number = match rng.below(3) {
                            0 => format!("8 ({}) {}", &ten[..3], &ten[3..]),
                            1 => ten.to_string(),
                            _ => format!("+7{ten} доб. {}", 10 + rng.below(90)),
                        };
                    }
                }
            }
            7 => d
                .emails
                .iter_mut()
                .for_each(|e| e.address = format!(" {} ", e.address.to_uppercase())),
            8 => {
                for a in &mut d.addresses {
                    a.street = a
                        .street
                        .replace("ул. ", "улица ")
                        .replace("д. ", "дом ")
                        .replace("пр-т ", "проспект ");
                    a.city = format!("г. {}", a.city);
                }
            }
            9 => {
                if rng.chance(50) {
                    d.phones.clear();
                } else {
                    d.emails.clear();
                }
            }
            10 => d.inn.clear(),
            // The contact changed: another phone, another mailbox, another address.
            11 => {
                for p in &mut d.phones {
                    p.number = format!(
                        "+7 9{:02} {:03}-{:02}-{:02}",
                        rng.below(100),
                        rng.below(1000),
                        rng.below(100),
                        rng.below(100)
                    );
                }
            }
            12 => {
                for e in &mut d.emails {
                    if let Some((_, domain)) = e.address.split_once('@') {
                        e.address = format!(
                            "{}@{domain}",
                            ["zakaz", "office", "buh", "sekretar"][rng.below(4)]
                        );
                    }
                }
            }
            _ => {
                for a in &mut d.addresses {
                    a.street = format!("ул. Новая, д. {}", 1 + rng.below(150));
                }
            }
        }
    }
    d
}

/// Streets the look-alikes are put on: each on its own, as a different organisation would be.
const OTHER_STREETS: [&str; 6] = [
    "ул. Садовая",
    "ул. Заречная",
    "ул. Парковая",
    "ул. Полевая",
    "ул. Весенняя",
    "ул. Трудовая",
];

/// A client's name as the search reads it: its words, whatever joins them («Лидер-Сервис» is
/// «Лидер Сервис»).
fn name_words(c: &Client) -> String {
    crate::text::fold(&c.name)
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A different client that looks like `src`: the same name with another number or one more word,
/// the same city, and (often) the same switchboard phone. Its name is one no other client has
/// (`taken`): a «look-alike» with another client's very name would be that client's duplicate to
/// anyone (to a copy that kept only the name, surely), and the truth would call the search wrong
/// for finding it.
fn look_alike(rng: &mut Rng, src: &Client, id: Id, taken: &mut HashSet<String>) -> Option<Client> {
    let mut d = src.clone();
    d.id = id;
    d.inn.clear();
    d.contacts.clear();
    d.emails.clear();
    let digits: String = d.name.chars().filter(char::is_ascii_digit).collect();
    let names: Vec<String> = if digits.is_empty() {
        let words = ["Плюс", "Групп", "Сервис", "Центр"];
        let first = rng.below(words.len());
        (0..words.len())
            .map(|k| format!("{} {}", d.name, words[(first + k) % words.len()]))
            .collect()
    } else {
        (1..=9)
            .map(|k| d.name.replacen(&digits, &format!("{k}{digits}"), 1))
            .collect()
    };
    d.name = names.into_iter().find(|n| {
        let mut probe = d.clone();
        probe.name = n.clone();
        !taken.contains(&name_words(&probe))
    })?;
    taken.insert(name_words(&d));
    let street = OTHER_STREETS[rng.below(OTHER_STREETS.len())];
    for a in &mut d.addresses {
        a.street = format!("{street}, д. {}", 1 + rng.below(150));
    }
    if !rng.chance(60) {
        d.phones.clear();
    }
    Some(d)
}

/// `n` originals (about), `dup_share` percent of them with one or two corrupted copies.
pub fn generate(n: usize, dup_share: u64, seed: u64) -> TestBase {
    generate_with(n, dup_share, seed, Difficulty::Usual)
}

pub fn generate_with(n: usize, dup_share: u64, seed: u64, difficulty: Difficulty) -> TestBase {
    if difficulty == Difficulty::Persons {
        return persons::generate(n, dup_share, seed);
    }
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default();
    let (_, data) = generate_sized(today, n);
    // The demo plants twelve copies of its own at the end; the truth here starts clean.
    let mut originals: Vec<Client> = data.clients;
    originals.truncate(originals.len().saturating_sub(12));
    let mut rng = Rng::new(seed);
    let foreign = originals.len() / 50;
    for (k, c) in originals.iter_mut().take(foreign).enumerate() {
        c.kind = ClientKind::Company;
        c.name = format!("{} {}", FOREIGN[k % FOREIGN.len()], k / FOREIGN.len() + 1);
        c.legal_form = FOREIGN_FORMS[rng.below(FOREIGN_FORMS.len())].into();
        c.inn.clear();
        c.language = Lang::En;
    }
    let mut clients = originals.clone();
    let mut truth = Vec::new();
    let mut used = HashSet::new();
    for src in &originals {
        if !rng.chance(dup_share) || !used.insert(src.id) {
            continue;
        }
        let mut group = vec![src.id];
        for _ in 0..1 + usize::from(rng.chance(25)) {
            let id = rng.uuid();
            clients.push(corrupt(&mut rng, src, id, difficulty));
            group.push(id);
        }
        truth.push(group);
    }
    if difficulty == Difficulty::Hard {
        let mut taken: HashSet<String> = originals.iter().map(name_words).collect();
        for src in &originals {
            if src.kind != ClientKind::Company || !rng.chance(5) {
                continue;
            }
            let id = rng.uuid();
            clients.extend(look_alike(&mut rng, src, id, &mut taken));
        }
    }
    shuffle(&mut rng, &mut clients);
    TestBase { clients, truth }
}

/// Copies are typed in later, in no particular order.
fn shuffle(rng: &mut Rng, clients: &mut [Client]) {
    for i in (1..clients.len()).rev() {
        let j = rng.below(i + 1);
        clients.swap(i, j);
    }
}

/// Pairwise precision, recall and F1 of proposed groups against the truth.
pub fn quality(proposed: &[Vec<Id>], truth: &[Vec<Id>]) -> (f64, f64, f64) {
    fn pairs(groups: &[Vec<Id>]) -> HashSet<(Id, Id)> {
        let mut out = HashSet::new();
        for g in groups {
            for (i, a) in g.iter().enumerate() {
                for b in &g[i + 1..] {
                    out.insert(if a < b { (*a, *b) } else { (*b, *a) });
                }
            }
        }
        out
    }
    let p = pairs(proposed);
    let t = pairs(truth);
    let hit = p.intersection(&t).count() as f64;
    let precision = if p.is_empty() {
        1.0
    } else {
        hit / p.len() as f64
    };
    let recall = if t.is_empty() {
        1.0
    } else {
        hit / t.len() as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (precision, recall, f1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::{find, profiles, DedupSettings};

    #[test]
    fn the_search_finds_most_known_duplicates_and_few_false_ones() {
        let tb = generate(2000, 10, 7);
        assert!(tb.truth.len() > 150, "{}", tb.truth.len());
        let found = find(
            &profiles(tb.clients.iter()),
            &Default::default(),
            &DedupSettings::default(),
        );
        let proposed: Vec<Vec<Id>> = found.into_iter().map(|c| c.members).collect();
        let (p, r, f1) = quality(&proposed, &tb.truth);
        assert!(p > 0.9, "precision {p:.3}");
        assert!(r > 0.75, "recall {r:.3}");
        assert!(f1 > 0.85, "F1 {f1:.3}");
    }

    #[test]
    fn a_hard_base_still_gives_useful_answers() {
        let tb = generate_with(2000, 10, 7, Difficulty::Hard);
        let found = find(
            &profiles(tb.clients.iter()),
            &Default::default(),
            &DedupSettings::default(),
        );
        let proposed: Vec<Vec<Id>> = found.into_iter().map(|c| c.members).collect();
        let (p, r, _) = quality(&proposed, &tb.truth);
        assert!(p > 0.85, "precision {p:.3}");
        assert!(r > 0.6, "recall {r:.3}");
    }

    #[test]
    fn quality_counts_pairs() {
        let id = |n: u128| Id::from_u128(n);
        let truth = vec![vec![id(1), id(2), id(3)]];
        let proposed = vec![vec![id(1), id(2)], vec![id(4), id(5)]];
        let (p, r, _) = quality(&proposed, &truth);
        assert_eq!(p, 0.5);
        assert!((r - 1.0 / 3.0).abs() < 1e-9);
    }
}

pub mod report;
