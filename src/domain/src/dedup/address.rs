//! Addresses compared part by part: the city, the street's name (its type — «ул.», «пл.»,
//! «пр-т», «проспект» — in any spelling left out), and the numbers (house, building, flat).
//! A street's name is compared with its spaces removed, so a joined or split word («Карла
//! Маркса» / «Карламаркса») and a typo still agree; the numbers must agree exactly. A city alone
//! is no address: two clients of Perm with no street are not «at the same address».

use strsim::jaro_winkler;

use super::normalize::skeleton;
use crate::model::Address;
use crate::text::fold;

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

/// The parts of `a`; `None` without a street name (a city alone, or nothing).
pub fn parts(a: &Address) -> Option<AddressParts> {
    let words = |text: &str| -> Vec<String> {
        fold(text)
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '/')
            .map(|w| w.trim_matches('-').to_string())
            .filter(|w| !w.is_empty() && !TYPES.contains(&w.as_str()))
            .collect()
    };
    let mut street = String::new();
    let mut numbers = Vec::new();
    for w in words(&a.street) {
        if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            numbers.push(w);
        } else {
            street.push_str(&skeleton(&w));
        }
    }
    if street.is_empty() {
        return None;
    }
    let city = words(&a.city).iter().map(|w| skeleton(w)).collect();
    Some(AddressParts {
        city,
        street,
        numbers,
    })
}

/// How alike two addresses are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likeness {
    Same,
    /// The same house on a street spelt with a typo or a joined word.
    Similar,
}

pub fn compare(x: &AddressParts, y: &AddressParts) -> Option<Likeness> {
    // A city written on one side only says nothing; written on both, it must agree.
    if !x.city.is_empty() && !y.city.is_empty() && jaro_winkler(&x.city, &y.city) < 0.9 {
        return None;
    }
    // The house must agree. A flat or office on one side only leaves a doubt: companies of one
    // business centre share the house.
    let n = x.numbers.len().min(y.numbers.len());
    if n == 0 || x.numbers[..n] != y.numbers[..n] {
        return None;
    }
    let all_numbers = x.numbers.len() == y.numbers.len();
    if x.street == y.street && all_numbers {
        return Some(Likeness::Same);
    }
    (jaro_winkler(&x.street, &y.street) >= 0.9).then_some(Likeness::Similar)
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
        assert_eq!(parts(&addr("Пермь", "")), None);
        assert_eq!(parts(&addr("Пермь", "д. 5")), None);
        assert_eq!(
            like(("Пермь", "ул. Ленина, 5"), ("Пермь", "ул. Ленина, 7")),
            None
        );
        assert_eq!(
            like(("Пермь", "ул. Ленина, 5"), ("Омск", "ул. Ленина, 5")),
            None
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
                ("Пермь", "ул. Ленина, 5, кв. 3"),
                ("Пермь", "ул. Ленина, 5, кв. 4")
            ),
            None
        );
    }
}
