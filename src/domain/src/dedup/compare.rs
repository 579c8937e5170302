//! Two profiles compared field by field: for each field an agreement level (or nothing, when a
//! side lacks it — a missing value says nothing either way). What each level is worth is not
//! decided here but learned from the base (`model`). One hard rule is: two different valid ИНН
//! are two clients.

use super::similar::{jaro_winkler, osa};
use serde::Serialize;

use super::address::{compare as compare_addresses, same_city, Likeness};
use super::blocking::SharedCounts;
use super::normalize::Profile;
use super::person::{compare as compare_persons, NameLikeness, PersonName};
use super::DedupSettings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Inn,
    Kpp,
    Phone,
    Email,
    /// The names of two companies (or a company and a person).
    Name,
    /// The names of two persons: surname, first name, patronymic.
    Person,
    /// A company's contact persons.
    Contact,
    Address,
    Postcode,
    LegalForm,
}

pub const FIELDS: [Field; 10] = [
    Field::Inn,
    Field::Kpp,
    Field::Phone,
    Field::Email,
    Field::Name,
    Field::Person,
    Field::Contact,
    Field::Address,
    Field::Postcode,
    Field::LegalForm,
];

/// An agreement level. Not every field has every level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Match {
    Same,
    /// Alike, not equal: a typo, another spelling.
    Close,
    /// Partly alike: initials for names, a word more or less.
    Similar,
    /// The same value, but many clients have it (an office switchboard).
    Shared,
    /// The same phone or e-mail on two companies whose names have nothing in common: one
    /// person working for both far more often than one client.
    Unrelated,
    /// Addresses: the same street, another house or flat.
    SameStreet,
    /// Addresses: the same city, the street another or on one side only.
    SameCity,
    Different,
}

pub const MATCHES: usize = 8;

impl Match {
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Option<Match> {
        use Match::*;
        [
            Same, Close, Similar, Shared, Unrelated, SameStreet, SameCity, Different,
        ]
        .get(i)
        .copied()
    }
}

impl Field {
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One pair's agreement level per field (`FIELDS` order); `None`: missing on a side.
pub type Levels = [Option<Match>; FIELDS.len()];

/// A pattern of levels as one number (4 bits a field), to count identical patterns.
pub fn pattern(levels: &Levels) -> u64 {
    levels.iter().fold(0u64, |acc, l| {
        (acc << 4) | l.map_or(0, |m| m.index() as u64 + 1)
    })
}

pub fn unpattern(mut p: u64) -> Levels {
    let mut levels: Levels = [None; FIELDS.len()];
    for slot in levels.iter_mut().rev() {
        let v = (p & 0xF) as usize;
        *slot = v.checked_sub(1).and_then(Match::from_index);
        p >>= 4;
    }
    levels
}

fn name_level(s: f64) -> Match {
    if s >= 0.97 {
        Match::Same
    } else if s >= 0.9 {
        Match::Close
    } else if s >= 0.82 {
        Match::Similar
    } else {
        Match::Different
    }
}

fn person_level(l: NameLikeness) -> Match {
    match l {
        NameLikeness::Same => Match::Same,
        NameLikeness::Close => Match::Close,
        NameLikeness::Similar => Match::Similar,
        NameLikeness::Different => Match::Different,
    }
}

/// Name similarity of two companies, 0–1: the whole key, or one name's words all inside the
/// other's («Ромашка» and «Ромашка-Плюс» are not the same, but «Ромашка» and «Ромашка» with a
/// dropped generic word are close).
fn company_similarity(a: &Profile, b: &Profile) -> f64 {
    let whole = jaro_winkler(&a.name_key, &b.name_key);
    let sorted = if !a.reorders() && !b.reorders() {
        whole
    } else {
        jaro_winkler(a.sorted_key(), b.sorted_key())
    };
    let best = whole.max(sorted);
    // Unlike already: what follows only lowers it (most neighbours by name end here).
    if name_level(best) == Match::Different {
        return best;
    }
    // A space lost or put in the wrong place («Детскийсад», «Orion Clu b59») is no other name:
    // the words run together are compared too, and they tell whether the names differ by
    // slips only or by a word.
    let (glued_a, glued_b) = (&a.glued, &b.glued);
    let best = best.max(jaro_winkler(glued_a, glued_b));
    // Numbers must agree exactly: «Школа № 5» and «Школа № 6» are two schools — read across
    // the spaces, so that «Sport1 2» is «Sport 12».
    let digits = |g: &str| g.bytes().filter(u8::is_ascii_digit).collect::<Vec<u8>>();
    let numbered = |g: &str| g.bytes().any(|c| c.is_ascii_digit());
    if (numbered(glued_a) || numbered(glued_b)) && digits(glued_a) != digits(glued_b) {
        return best.min(0.5);
    }
    // A whole word more («Ромашка» and «Ромашка Плюс», «Альфа» and «Альфа Групп») is another
    // company of a group far more often than a copy: another name — unless, run together, the
    // names are two slips apart (the «word» was one split off by a misplaced space).
    let slips_only = || glued_a.len().abs_diff(glued_b.len()) <= 2 && osa(glued_a, glued_b) <= 2;
    if (extra_word(a, b) || extra_word(b, a)) && !slips_only() {
        best.min(0.6)
    } else {
        best
    }
}

/// A word of `x` that stands for none of `y`'s (each word of `y` stands for one of `x`:
/// «Волга-Групп Групп» has a word more than «Волга-Групп»).
fn extra_word(x: &Profile, y: &Profile) -> bool {
    let mut used = 0u64;
    x.name_words.iter().any(|w| {
        let free = (0..y.name_words.len().min(64)).filter(|i| used & (1 << i) == 0);
        let alike = free.clone().find(|&i| y.name_words[i] == *w).or_else(|| {
            free.clone()
                .find(|&i| jaro_winkler(w, &y.name_words[i]) >= 0.85)
        });
        match alike {
            Some(i) => {
                used |= 1 << i;
                false
            }
            None => w.chars().count() >= 3,
        }
    })
}

/// The best agreement between any contact person of `a` and any of `b`.
fn contacts(a: &[PersonName], b: &[PersonName]) -> Option<Match> {
    a.iter()
        .flat_map(|x| b.iter().map(move |y| compare_persons(x, y)))
        .min()
        .map(person_level)
}

/// A phone or e-mail in common: `Same`, `Shared` when many clients have it, `Unrelated` when the
/// two are companies with nothing alike in their names; `Different` when both have some and none
/// agree.
fn contact_point(
    a: &[String],
    b: &[String],
    count: impl Fn(&str) -> u32,
    limit: usize,
    unrelated: bool,
) -> Option<Match> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    Some(match a.iter().find(|x| b.contains(x)) {
        Some(x) if count(x) as usize > limit => Match::Shared,
        Some(_) if unrelated => Match::Unrelated,
        Some(_) => Match::Same,
        None => Match::Different,
    })
}

/// The names' field (a person's or a company's) and level; `None` when a name is not typed yet,
/// which says nothing either way.
pub fn names(a: &Profile, b: &Profile) -> (Field, Option<Match>) {
    match (&a.person, &b.person) {
        _ if a.name_key.is_empty() || b.name_key.is_empty() => (Field::Name, None),
        (Some(x), Some(y)) => (Field::Person, Some(person_level(compare_persons(x, y)))),
        _ => (Field::Name, Some(name_level(company_similarity(a, b)))),
    }
}

/// Schools, kindergartens, clubs are numbered within their town: «Детский сад № 162» of
/// Первоуральск and of Каменск-Уральский are two kindergartens, however alike the rest. True of a
/// company with a number in its name too, unless an ИНН says otherwise.
fn numbered_elsewhere(a: &Profile, b: &Profile) -> bool {
    let numbered = |p: &Profile| {
        p.person.is_none()
            && p.name_words
                .iter()
                .any(|w| w.bytes().any(|c| c.is_ascii_digit()))
    };
    let towns = |p: &Profile| p.addresses.iter().filter(|x| !x.city.is_empty()).count() > 0;
    numbered(a)
        && numbered(b)
        && towns(a)
        && towns(b)
        && !a
            .addresses
            .iter()
            .any(|x| b.addresses.iter().any(|y| same_city(x, y) == Some(true)))
}

/// The levels of one pair; `None` when a hard rule says they are two clients.
pub fn levels(
    a: &Profile,
    b: &Profile,
    counts: &SharedCounts,
    settings: &DedupSettings,
) -> Option<Levels> {
    let mut l: Levels = [None; FIELDS.len()];
    let mut set = |f: Field, m: Option<Match>| l[f.index()] = m;
    match (&a.inn, &b.inn) {
        (Some(x), Some(y)) if x == y => set(Field::Inn, Some(Match::Same)),
        (Some(_), Some(_)) => return None,
        _ => {}
    }
    if let (Some(x), Some(y)) = (&a.kpp, &b.kpp) {
        set(
            Field::Kpp,
            Some(if x == y {
                Match::Same
            } else {
                Match::Different
            }),
        );
    }
    let same_inn = matches!((&a.inn, &b.inn), (Some(x), Some(y)) if x == y);
    if !same_inn && numbered_elsewhere(a, b) {
        return None;
    }
    let (field, name) = names(a, b);
    set(field, name);
    // What two clients with unrelated names share (a phone, a mailbox, a contact person, a
    // house) is far more often one person working for both, neighbours, or a business centre
    // than one client: its own level, weighed by what the base shows.
    let unrelated = name == Some(Match::Different);
    let limit = settings.shared_limit;
    set(
        Field::Phone,
        contact_point(&a.phones, &b.phones, |x| counts.phone(x), limit, unrelated),
    );
    set(
        Field::Email,
        contact_point(&a.emails, &b.emails, |x| counts.email(x), limit, unrelated),
    );
    let weaken = |m: Option<Match>| match m {
        Some(Match::Same | Match::Close) if unrelated => Some(Match::Unrelated),
        m => m,
    };
    set(Field::Contact, weaken(contacts(&a.contacts, &b.contacts)));
    let address = a
        .addresses
        .iter()
        .flat_map(|x| {
            b.addresses
                .iter()
                .filter_map(move |y| compare_addresses(x, y))
        })
        .min();
    set(
        Field::Address,
        weaken(address.map(|l| match l {
            Likeness::Same => Match::Same,
            Likeness::Similar => Match::Close,
            Likeness::Slip => Match::Similar,
            Likeness::SameStreet => Match::SameStreet,
            Likeness::SameCity => Match::SameCity,
            Likeness::Different => Match::Different,
        })),
    );
    // The postcode repeats what two streets say (a neighbour has it too); it counts only where
    // a street is missing.
    let streets = |p: &Profile| p.addresses.iter().any(|x| !x.street.is_empty());
    let comparable = !a.postcodes.is_empty() && !b.postcodes.is_empty();
    if comparable && !(streets(a) && streets(b)) {
        let same = a.postcodes.iter().any(|x| b.postcodes.contains(x));
        set(
            Field::Postcode,
            Some(if same { Match::Same } else { Match::Different }),
        );
    }
    if let (Some(x), Some(y)) = (&a.form, &b.form) {
        set(
            Field::LegalForm,
            Some(if x == y {
                Match::Same
            } else {
                Match::Different
            }),
        );
    }
    Some(l)
}

#[cfg(test)]
mod tests;
