//! How alike two clients are, field by field, with the evidence kept so the interface can say why.
//! Strong evidence: the same ИНН, phone, e-mail, or the same name. Weak: a phone many clients
//! share, the same postcode. Hard rules: two different valid ИНН are never the same client; two
//! different legal forms may be proposed but never merged automatically.

use serde::Serialize;
use strsim::jaro_winkler;

use super::address::{compare, Likeness};
use super::blocking::SharedCounts;
use super::normalize::{PersonName, Profile};
use super::DedupSettings;
use crate::model::Id;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Inn,
    Phone,
    Email,
    Name,
    Address,
    Postcode,
    LegalForm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Match {
    Same,
    /// Alike, not equal: a typo, another spelling, initials for names.
    Similar,
    /// The same value, but many clients have it (an office switchboard).
    Shared,
    Different,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub field: Field,
    pub how: Match,
    /// What it added to the score (negative: what it took away).
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    pub a: Id,
    pub b: Id,
    /// 0–1.
    pub score: f64,
    pub evidence: Vec<Evidence>,
    /// False when the legal forms differ: a person must decide.
    pub auto_merge: bool,
}

/// Name similarity of two persons, 0–1: full words matched in any order, allowing typos; an
/// initial must agree with a word of the other.
fn person_similarity(a: &PersonName, b: &PersonName) -> f64 {
    let (short, long) = if a.words.len() <= b.words.len() {
        (a, b)
    } else {
        (b, a)
    };
    if short.words.is_empty() {
        return 0.0;
    }
    let mut used = vec![false; long.words.len()];
    let mut total = 0.0;
    for w in &short.words {
        let best = long
            .words
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .map(|(i, x)| (i, jaro_winkler(w, x)))
            .max_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((i, s)) = best {
            used[i] = true;
            total += s;
        }
    }
    let mut sim = total / short.words.len() as f64;
    // A word the shorter name lacks is usually a patronymic left out (Latin spellings seldom have
    // one): a small doubt, unless an initial accounts for it («Иванов И. И.»).
    let unmatched: Vec<&String> = long
        .words
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(w, _)| w)
        .collect();
    for w in &unmatched {
        let first = w.chars().next();
        if !short.initials.iter().any(|c| Some(*c) == first) {
            sim -= 0.04;
        }
    }
    for c in &short.initials {
        if !long.words.iter().any(|w| w.starts_with(*c)) && !long.initials.contains(c) {
            sim -= 0.2;
        }
    }
    sim.clamp(0.0, 1.0)
}

/// Name similarity of two companies, 0–1: the whole key, or one name's words all inside the
/// other's («Ромашка» and «Ромашка-Плюс» are not the same, but «Ромашка» and «Ромашка» with a
/// dropped generic word are close).
fn company_similarity(a: &Profile, b: &Profile) -> f64 {
    if a.name_key.is_empty() || b.name_key.is_empty() {
        return 0.0;
    }
    let whole = jaro_winkler(&a.name_key, &b.name_key);
    let sorted = if !a.reorders() && !b.reorders() {
        whole
    } else {
        jaro_winkler(a.sorted_key(), b.sorted_key())
    };
    // Numbers must agree exactly: «Школа № 5» and «Школа № 6» are two schools.
    fn digits(p: &Profile) -> impl Iterator<Item = &String> {
        p.name_words
            .iter()
            .filter(|w| w.bytes().any(|c| c.is_ascii_digit()))
    }
    let best = whole.max(sorted);
    // A whole word more («Ромашка» and «Ромашка Плюс», «Альфа» and «Альфа Групп») is another
    // company of a group far more often than a copy: similar at most, never the same.
    let extra = |x: &Profile, y: &Profile| {
        x.name_words.iter().any(|w| {
            w.chars().count() >= 3 && !y.name_words.iter().any(|v| jaro_winkler(w, v) >= 0.85)
        })
    };
    if !digits(a).eq(digits(b)) {
        best.min(0.5)
    } else if a.name_words.len() != b.name_words.len() && (extra(a, b) || extra(b, a)) {
        best.min(0.85)
    } else {
        best
    }
}

fn add_name(add: &mut impl FnMut(Field, Match, f64), name: f64) {
    if name >= 0.97 {
        add(Field::Name, Match::Same, 0.45);
    } else if name >= 0.9 {
        add(Field::Name, Match::Similar, 0.3);
    } else if name >= 0.82 {
        add(Field::Name, Match::Similar, 0.1);
    } else if name < 0.6 {
        add(Field::Name, Match::Different, -0.3);
    }
}

pub fn score(
    a: &Profile,
    b: &Profile,
    counts: &SharedCounts,
    settings: &DedupSettings,
) -> Option<Pair> {
    let mut ev: Vec<Evidence> = Vec::new();
    let mut add = |field, how, weight| ev.push(Evidence { field, how, weight });

    match (&a.inn, &b.inn) {
        (Some(x), Some(y)) if x == y => add(Field::Inn, Match::Same, 0.5),
        (Some(_), Some(_)) => return None,
        _ => {}
    }
    if let Some(shared) = a.phones.iter().find(|p| b.phones.contains(p)) {
        if counts.phone(shared) as usize <= settings.shared_limit {
            add(Field::Phone, Match::Same, 0.35);
        } else {
            add(Field::Phone, Match::Shared, 0.05);
        }
    }
    if let Some(shared) = a.emails.iter().find(|e| b.emails.contains(e)) {
        if counts.email(shared) as usize <= settings.shared_limit {
            add(Field::Email, Match::Same, 0.35);
        } else {
            add(Field::Email, Match::Shared, 0.05);
        }
    }
    let name = match (&a.person, &b.person) {
        // A name not typed yet says nothing either way.
        _ if a.name_key.is_empty() || b.name_key.is_empty() => None,
        (Some(x), Some(y)) => Some(person_similarity(x, y)),
        _ => Some(company_similarity(a, b)),
    };
    if let Some(name) = name {
        add_name(&mut add, name);
    }
    let address = a
        .addresses
        .iter()
        .flat_map(|x| b.addresses.iter().filter_map(move |y| compare(x, y)))
        .min_by_key(|l| *l != Likeness::Same);
    if address == Some(Likeness::Same) {
        add(Field::Address, Match::Same, 0.2);
    } else if address == Some(Likeness::Similar) {
        add(Field::Address, Match::Similar, 0.1);
    } else if a.postcodes.iter().any(|x| b.postcodes.contains(x)) {
        add(Field::Postcode, Match::Same, 0.05);
    }
    let forms_differ = matches!((&a.form, &b.form), (Some(x), Some(y)) if x != y);
    if forms_differ {
        add(Field::LegalForm, Match::Different, -0.1);
    }
    let total: f64 = ev.iter().map(|e| e.weight).sum();
    let (a_id, b_id) = if a.id <= b.id {
        (a.id, b.id)
    } else {
        (b.id, a.id)
    };
    Some(Pair {
        a: a_id,
        b: b_id,
        score: total.clamp(0.0, 1.0),
        evidence: ev,
        auto_merge: !forms_differ,
    })
}
