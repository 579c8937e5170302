//! Addresses compared part by part: the city, the street's name (its type — «ул.», «пл.»,
//! «пр-т», «проспект» — in any spelling left out), and the numbers (house, building, flat).
//! A street's name is compared with its spaces removed, so a joined or split word («Карла
//! Маркса» / «Карламаркса») and a typo still agree; the numbers must agree exactly. A city alone
//! is no address: two clients of Perm with no street are only «in the same city», which the
//! scoring weighs as the weak sign it is.

use super::similar::{edits_apart, jaro_winkler, osa};

use super::normalize::skeleton;
use crate::model::Address;
use crate::text::{fold, is_word_char};

/// The words a street's or a house's type is written with, in any of the usual spellings.
const TYPES: &[&str] = &[
    "г",
    "город",
    "ул",
    "улица",
    "пр",
    "пр-т",
    "прт",
    "просп",
    "проспект",
    "пл",
    "площадь",
    "пер",
    "переулок",
    "б-р",
    "бр",
    "бул",
    "бульвар",
    "ш",
    "шоссе",
    "наб",
    "набережная",
    "мкр",
    "мкрн",
    "микрорайон",
    "пр-д",
    "проезд",
    "туп",
    "тупик",
    "д",
    "дом",
    "кв",
    "квартира",
    "оф",
    "офис",
    "корп",
    "корпус",
    "к",
    "стр",
    "строение",
    "литер",
    "лит",
    "пом",
    "помещение",
    "п",
    "пос",
    "поселок",
    "с",
    "село",
    // «у. Мира»: «ул.» with a letter lost.
    "у",
];

/// One address, ready to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressParts {
    pub city: String,
    /// The street's name: its words' skeletons, joined without spaces.
    pub street: String,
    /// House, building, flat, in the order written («5», «12а»).
    pub numbers: Vec<String>,
}

/// The parts of `a`; `None` with neither a street name nor a city.
pub fn parts(a: &Address) -> Option<AddressParts> {
    let words = |text: &str| -> Vec<String> {
        let mut words: Vec<String> = fold(text)
            .split(|c: char| !is_word_char(c) && c != '-' && c != '/')
            .map(|w| w.trim_matches('-').to_string())
            .filter(|w| !w.is_empty())
            .collect();
        // «у.л Мира»: a type's letters split by a slipped dot; «уилца Мира»: a type mistyped.
        let split_type = |w: &[String]| {
            w.len() > 2
                && w[0].len() + w[1].len() <= 8
                && TYPES.contains(&[w[0].as_str(), w[1].as_str()].concat().as_str())
        };
        if split_type(&words) {
            words.drain(..2);
        }
        // «пр-тП обеды»: a space slipped past a letter after the type.
        if words.len() > 1 {
            let glued = TYPES
                .iter()
                .filter(|t| t.chars().count() >= 4)
                .find_map(|t| {
                    let rest = words[0].strip_prefix(t)?;
                    (!rest.is_empty() && rest.chars().count() <= 2).then(|| rest.to_string())
                });
            if let Some(rest) = glued {
                words.remove(0);
                words[0].insert_str(0, &rest);
            }
        }
        if words.len() > 1 && words[0].chars().count() >= 5 && !TYPES.contains(&words[0].as_str()) {
            let typo = |t: &&str| t.chars().count() >= 5 && osa(t, &words[0]) == 1;
            if TYPES.iter().any(typo) {
                words.remove(0);
            }
        }
        words.retain(|w| !TYPES.contains(&w.as_str()));
        words
    };
    let mut street = String::new();
    let mut numbers = Vec::new();
    for w in words(&a.street) {
        if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            // «3-15» is house 3, flat 15.
            numbers.extend(w.split('-').filter(|n| !n.is_empty()).map(str::to_string));
        } else {
            street.push_str(&skeleton(&w));
        }
    }
    let city: String = words(&a.city).iter().map(|w| skeleton(w)).collect();
    if street.is_empty() && city.is_empty() {
        return None;
    }
    Some(AddressParts {
        city,
        street,
        numbers,
    })
}

/// How alike two addresses are, most alike first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Likeness {
    Same,
    /// The same house on a street spelt with a typo or a joined word, or a flat on one side only.
    Similar,
    /// The same street and one number a slip of the other («76» / «67»): likely the same house.
    Slip,
    /// The same street, another house or flat.
    SameStreet,
    /// The same city, and a street on one side only or another street.
    SameCity,
    /// Another city.
    Different,
}

/// Street names a typo apart: Jaro–Winkler forgives a late slip, one edit (a swap included)
/// forgives an early one («Фрунзе» / «рФнзе»).
fn alike(x: &str, y: &str) -> bool {
    let jw = jaro_winkler(x, y);
    jw >= 0.9 || (x.len().min(y.len()) >= 5 && edits_apart(x, y, jw, 1).is_some())
}

/// Street names two slips apart, for addresses whose house and flat agree exactly («Фрунзе» /
/// «рФнзе»): two streets of one city so alike with the same door are one street mistyped.
fn near(x: &str, y: &str) -> bool {
    let jw = jaro_winkler(x, y);
    x.len().min(y.len()) >= 5 && x.len().max(y.len()) >= 6 && edits_apart(x, y, jw, 2).is_some()
}

/// A number mistyped: a digit more, fewer, another or two swapped, or the digits reversed
/// («76» / «67», «115» / «511», «5» / «55»); but «5» and «7» are two houses.
fn number_slip(a: &str, b: &str) -> bool {
    a.len().max(b.len()) >= 2 && (osa(a, b) <= 1 || a.chars().rev().eq(b.chars()))
}

/// Whether two addresses are in one city (a typo forgiven); `None` when a city is missing.
pub fn same_city(x: &AddressParts, y: &AddressParts) -> Option<bool> {
    (!x.city.is_empty() && !y.city.is_empty()).then(|| jaro_winkler(&x.city, &y.city) >= 0.9)
}

/// `None` when nothing can be compared: no city on one side and no street on the other.
pub fn compare(x: &AddressParts, y: &AddressParts) -> Option<Likeness> {
    let cities = same_city(x, y);
    if cities == Some(false) {
        return Some(Likeness::Different);
    }
    if x.street.is_empty() || y.street.is_empty() {
        return cities.map(|_| Likeness::SameCity);
    }
    let n = x.numbers.len().min(y.numbers.len());
    let door = n > 0 && x.numbers[..n] == y.numbers[..n];
    let street =
        x.street == y.street || alike(&x.street, &y.street) || (door && near(&x.street, &y.street));
    if !street {
        return Some(match cities {
            Some(_) => Likeness::SameCity,
            None => Likeness::Different,
        });
    }
    // The house must agree. A flat or office on one side only leaves a doubt: companies of one
    // business centre share the house.
    if n == 0 {
        return Some(Likeness::SameStreet);
    }
    if !door {
        let off: Vec<usize> = (0..n).filter(|&i| x.numbers[i] != y.numbers[i]).collect();
        let slip = off.len() == 1 && number_slip(&x.numbers[off[0]], &y.numbers[off[0]]);
        return Some(match slip {
            // House and flat both written, one of them mistyped («22, кв. 26» / «2, кв. 26»):
            // the same door far more likely than a neighbour's.
            true if x.numbers.len() != y.numbers.len() => Likeness::SameStreet,
            true if n >= 2 => Likeness::Similar,
            true => Likeness::Slip,
            false => Likeness::SameStreet,
        });
    }
    if x.street == y.street && x.numbers.len() == y.numbers.len() {
        Some(Likeness::Same)
    } else {
        Some(Likeness::Similar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(city: &str, street: &str) -> Address {
        Address {
            city: city.into(),
            street: street.into(),
            ..Address::default()
        }
    }

    fn like(a: (&str, &str), b: (&str, &str)) -> Option<Likeness> {
        compare(&parts(&addr(a.0, a.1))?, &parts(&addr(b.0, b.1))?)
    }

    #[test]
    fn street_types_in_any_spelling() {
        assert_eq!(
            like(
                ("Пермь", "пл. Революции, д. 5"),
                ("г. Пермь", "площадь Революции 5")
            ),
            Some(Likeness::Same)
        );
        assert_eq!(
            like(
                ("Пермь", "пр-т Ленина, 12"),
                ("Пермь", "проспект Ленина д.12")
            ),
            Some(Likeness::Same)
        );
    }

    #[test]
    fn typos_and_joined_words_are_similar() {
        assert_eq!(
            like(
                ("Пермь", "ул. Карла Маркса, 7"),
                ("Пермь", "ул. Карламаркса, 7")
            ),
            Some(Likeness::Same)
        );
        assert_eq!(
            like(
                ("Пермь", "ул. Луначарского, 96"),
                ("Пермь", "ул. Луначарскаго, 96")
            ),
            Some(Likeness::Similar)
        );
    }

    #[test]
    fn a_city_alone_or_another_house_is_not_the_same_address() {
        assert_eq!(parts(&addr("", "")), None);
        assert_eq!(like(("Пермь", ""), ("Пермь", "")), Some(Likeness::SameCity));
        assert_eq!(like(("Пермь", "д. 5"), ("", "ул. Ленина, 5")), None);
        assert_eq!(
            like(("Пермь", "ул. Ленина, 5"), ("Пермь", "ул. Ленина, 7")),
            Some(Likeness::SameStreet)
        );
        assert_eq!(
            like(("Пермь", "ул. Ленина, 5"), ("Пермь", "ул. Мира, 5")),
            Some(Likeness::SameCity)
        );
        assert_eq!(
            like(("Пермь", "ул. Ленина, 5"), ("Омск", "ул. Ленина, 5")),
            Some(Likeness::Different)
        );
        // A flat on one side only leaves a doubt; two different flats are two addresses.
        assert_eq!(
            like(
                ("Пермь", "ул. Ленина, 5, кв. 3"),
                ("Пермь", "ул. Ленина, 5")
            ),
            Some(Likeness::Similar)
        );
        assert_eq!(
            like(
                ("Пермь", "ул. Ленина, 5, кв. 31"),
                ("Пермь", "ул. Ленина, 5, кв. 4")
            ),
            Some(Likeness::SameStreet)
        );
        // A house number alone mistyped: likely, not surely, the same house.
        assert_eq!(
            like(("Пермь", "ул. Ленина, 76"), ("Пермь", "ул. Ленина, 67")),
            Some(Likeness::Slip)
        );
        assert_eq!(
            like(("Пермь", "ул. Ленина, 76"), ("Пермь", "ул. Ленина, 74")),
            Some(Likeness::Slip)
        );
        assert_eq!(
            like(("Пермь", "ул. Ленина, 76"), ("Пермь", "ул. Ленина, 12")),
            Some(Likeness::SameStreet)
        );
        // A street two slips off with the same door; not with another door.
        assert_eq!(
            like(
                ("Пермь", "ул. Фрунзе, д. 54, кв. 56"),
                ("Пермь", "ул. рФнзе, д. 54, кв. 56")
            ),
            Some(Likeness::Similar)
        );
        assert_eq!(
            like(
                ("Пермь", "ул. Фрунзе, д. 54, кв. 56"),
                ("Пермь", "ул. рФнзе, д. 7, кв. 56")
            ),
            Some(Likeness::SameCity)
        );
        // A house with a flat against one without, the house mistyped: a neighbour as likely.
        assert_eq!(
            like(
                ("Москва", "пер. Почтовый, д. 82"),
                ("Москва", "пер. Почтовый, д. 8, кв. 60")
            ),
            Some(Likeness::SameStreet)
        );
        assert_eq!(
            like(
                ("Курган", "уилца Луначарского, 28"),
                ("Курган", "ул. Луначарского, 28")
            ),
            Some(Likeness::Same)
        );
        assert_eq!(
            like(
                ("Челябинск", "пр-тП обеды, д. 44"),
                ("Челябинск", "пр-т Победы, д. 44")
            ),
            Some(Likeness::Same)
        );
        // The type's letters split or one lost.
        assert_eq!(
            like(
                ("Казань", "у.л Мира, д. 98, кв. 59"),
                ("Казань", "ул. Мира, 98, 59")
            ),
            Some(Likeness::Same)
        );
        assert_eq!(
            like(("Казань", "у. Мира, д. 98"), ("Казань", "ул. Мира, 98")),
            Some(Likeness::Same)
        );
        // One number of two mistyped (reversed too): the same door, written carelessly.
        assert_eq!(
            like(
                ("Пермь", "ул. Молодёжная, д. 115, кв. 199"),
                ("Пермь", "ул. Молодёжная, д. 511, кв. 199")
            ),
            Some(Likeness::Similar)
        );
        assert_eq!(
            like(
                ("Пермь", "ул. Ленина, 22, кв. 26"),
                ("Пермь", "ул. Ленина, 2, кв. 26")
            ),
            Some(Likeness::Similar)
        );
    }
}
