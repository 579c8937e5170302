//! What a client record means once the ways of writing it are taken away: the legal form apart
//! from the name, names as a spelling-free key (Cyrillic and Latin alike), person names in any
//! order and with initials, phones, e-mails, ИНН and addresses in one form each.

use crate::contact::{check_inn, normalize_email, normalize_phone};
use crate::model::*;
use crate::text::{fold, is_word_char, latin};

pub use super::legal_form::split_legal_form;
use super::legal_form::split_words;
pub use super::person::{person_name, PersonName};

/// A spelling-free key of one word: Latin letters, with the differences between transliteration
/// systems and common misspellings folded away (Юрий, Yuri, Yury, Iurii → «uri»; Щукин, Schukin,
/// Shchukin → «sukin»), and doubled letters single.
pub fn skeleton(word: &str) -> String {
    MADE.with(|made| {
        if let Some(s) = made.borrow().get(word) {
            return s.clone();
        }
        let s = make_skeleton(word);
        let mut made = made.borrow_mut();
        if made.len() < MADE_MAX {
            made.insert(word.to_string(), s.clone());
        }
        s
    })
}

/// Words met again are skeletonised once: a base of 100,000 clients has some hundreds of
/// thousands of name, street and city words but only tens of thousands of distinct ones, and
/// the search profiles every client (this was a third of its time). Bounded: past the limit a
/// word is simply made again.
const MADE_MAX: usize = 200_000;

thread_local! {
    static MADE: std::cell::RefCell<rustc_hash::FxHashMap<String, String>> = Default::default();
}

fn make_skeleton(word: &str) -> String {
    let mut s = latin(&fold(word)).to_lowercase();
    for (from, to) in [
        ("shch", "sh"),
        ("sch", "sh"),
        ("tch", "ch"),
        ("kh", "h"),
        ("zh", "z"),
        ("ch", "c"),
        ("sh", "s"),
        ("ts", "c"),
        ("tz", "c"),
        ("ph", "f"),
        ("w", "v"),
        ("x", "ks"),
        ("q", "k"),
        ("j", "i"),
        ("y", "i"),
        ("ie", "e"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    // «Юрий» → «iurii»: a final -ii / -ij is one sound; iu / ia are ю / я, and in Latin letters
    // io is ё («Fiodor»), which Russian writes as е — but a Cyrillic «ио» is two letters
    // («Ниолай» is a typo of «Николай», not «Нелай»).
    while s.ends_with("ii") {
        s.pop();
    }
    let io = if word.chars().any(|c| c.is_ascii_alphabetic()) {
        "io"
    } else {
        "\0"
    };
    for (from, to) in [("iu", "u"), ("ia", "a"), (io, "e")] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| is_word_char(*c)) {
        // Doubled letters are one sound; doubled digits are another number (157 / 1157).
        if !out.ends_with(c) || c.is_ascii_digit() {
            out.push(c);
        }
    }
    out
}

/// Street, house, city written out: «ул. Ленина, д. 5» and «улица Ленина дом 5» give the same key.
pub fn address_key(a: &Address) -> String {
    const DROP: [&str; 18] = [
        "г",
        "город",
        "ул",
        "улица",
        "д",
        "дом",
        "пр",
        "пр-т",
        "проспект",
        "пер",
        "переулок",
        "кв",
        "квартира",
        "оф",
        "офис",
        "корп",
        "к",
        "стр",
    ];
    // The region is left out: it is as often missing as written.
    let text = format!("{} {}", a.city, a.street);
    let mut words: Vec<String> = fold(&text)
        .replace("пр-т", " ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !DROP.contains(w))
        .map(skeleton)
        .collect();
    words.sort();
    words.dedup();
    words.join(" ")
}

/// Everything the duplicate search compares of one client, computed once.
#[derive(Debug, Clone)]
pub struct Profile {
    pub id: Id,
    pub kind: ClientKind,
    pub form: Option<String>,
    /// The name's word skeletons in their order (companies) — for persons see `person`.
    pub name_words: Vec<String>,
    /// The name as one key: skeletons joined, for the sorted neighbourhood and similarity.
    pub name_key: String,
    /// A company's skeletons in alphabetical order, joined, when that differs from `name_key`
    /// (see [`Profile::sorted_key`]): made once here, not for every pair scored.
    sorted_words: Option<String>,
    /// The name's skeletons run together («deckisad120»): a space lost or misplaced is no
    /// other name (`compare`). Made once here, not for every pair.
    pub glued: String,
    pub person: Option<PersonName>,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub inn: Option<String>,
    /// A valid КПП (nine digits, the fifth and sixth a reason code).
    pub kpp: Option<String>,
    /// A company's contact persons' names.
    pub contacts: Vec<PersonName>,
    /// Addresses with a street or a city, in parts (`address::parts`).
    pub addresses: Vec<super::address::AddressParts>,
    pub postcodes: Vec<String>,
}

impl Profile {
    pub fn of(c: &Client) -> Profile {
        let (form, words) = split_legal_form(&c.legal_form, &c.name);
        let is_person = c.kind == ClientKind::Person || form.as_deref() == Some("ИП");
        let name_words: Vec<String> = words
            .iter()
            .map(|w| skeleton(w))
            .filter(|w| !w.is_empty())
            .collect();
        let mut sorted = name_words.clone();
        sorted.sort();
        // Persons are keyed by their words in alphabetical order (any order of the parts), companies
        // by their words as written.
        let (name_key, sorted_words) = if is_person || sorted == name_words {
            (sorted.join(" "), None)
        } else {
            (name_words.join(" "), Some(sorted.join(" ")))
        };
        let phones = c
            .phones
            .iter()
            .chain(c.contacts.iter().flat_map(|p| p.phones.iter()))
            .filter_map(|p| normalize_phone(&p.number).ok())
            .map(|n| n.national().to_string())
            .fold(Vec::new(), push_unique);
        let emails = c
            .emails
            .iter()
            .chain(c.contacts.iter().flat_map(|p| p.emails.iter()))
            .filter_map(|e| normalize_email(&e.address).ok())
            .fold(Vec::new(), push_unique);
        Profile {
            id: c.id,
            kind: c.kind,
            form,
            name_key,
            sorted_words,
            glued: name_words.concat(),
            person: is_person.then(|| person_name(&words)),
            name_words,
            phones,
            emails,
            inn: check_inn(&c.inn).ok(),
            kpp: kpp(&c.kpp),
            contacts: c
                .contacts
                .iter()
                .map(|p| {
                    let words: Vec<String> = [&p.last, &p.first, &p.patronymic]
                        .iter()
                        .flat_map(|w| split_words(w))
                        .collect();
                    person_name(&words)
                })
                .filter(|n| !n.words.is_empty())
                .collect(),
            addresses: c
                .addresses
                .iter()
                .filter_map(super::address::parts)
                .fold(Vec::new(), push_unique),
            postcodes: c
                .addresses
                .iter()
                .map(|a| a.postcode.trim().to_string())
                .filter(|p| !p.is_empty())
                .fold(Vec::new(), push_unique),
        }
    }

    /// The name's skeletons in alphabetical order, joined: «Школа Спортивная» and «Спортивная
    /// Школа» have the same.
    pub fn sorted_key(&self) -> &str {
        self.sorted_words.as_deref().unwrap_or(&self.name_key)
    }

    /// Whether [`Profile::sorted_key`] differs from `name_key`.
    pub fn reorders(&self) -> bool {
        self.sorted_words.is_some()
    }
}

/// A КПП as the dedup compares it: nine digits (the fifth and sixth may be letters, as the tax
/// service allows), or nothing.
pub fn kpp(s: &str) -> Option<String> {
    let k: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let ok = k.chars().count() == 9
        && k.chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || ((4..6).contains(&i) && c.is_ascii_uppercase()));
    ok.then_some(k)
}

fn push_unique<T: PartialEq>(mut v: Vec<T>, s: T) -> Vec<T> {
    if !v.contains(&s) {
        v.push(s);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_forget_the_spelling() {
        for group in [
            &["Иванов", "Ivanov", "IVANOV"][..],
            &["Юрий", "Yuri", "Yury", "Iurii", "Yurij"],
            &["Щукин", "Schukin", "Shchukin", "Shukin"],
            &["Ёлкин", "Елкин", "Yolkin", "Elkin"],
            &["Хабаров", "Khabarov", "Habarov"],
            &["Жуков", "Zhukov"],
            &["Цветкова", "Tsvetkova", "Cvetkova"],
            &["Ромашка", "Romashka", "Romaschka"],
            &["Анна", "Ана", "Anna"],
        ] {
            let keys: Vec<String> = group.iter().map(|w| skeleton(w)).collect();
            assert!(keys.iter().all(|k| *k == keys[0]), "{group:?} → {keys:?}");
        }
        assert_ne!(skeleton("Иванов"), skeleton("Ивашов"));
    }

    #[test]
    fn addresses_without_their_abbreviations() {
        let a = Address {
            city: "г. Екатеринбург".into(),
            street: "ул. Ленина, д. 5, оф. 12".into(),
            ..Address::default()
        };
        let b = Address {
            city: "Екатеринбург".into(),
            street: "улица Ленина дом 5 офис 12".into(),
            region: "Свердловская обл.".into(),
            ..Address::default()
        };
        assert_eq!(address_key(&a), address_key(&b));
        let c = Address {
            city: "Екатеринбург".into(),
            street: "пр-т Ленина, 5".into(),
            ..Address::default()
        };
        assert_eq!(
            address_key(&c),
            address_key(&Address {
                street: "проспект Ленина 5".into(),
                ..c.clone()
            })
        );
    }
}
