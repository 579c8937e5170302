//! The legal form apart from the name: «ООО», «Общество с ограниченной ответственностью»,
//! «OOO», «LLC» are one form wherever they are written, and a public body's code («МБОУ») is
//! recognised by its shape.

use crate::text::{fold, is_word_char};

/// Legal forms by canonical code, each with the ways people write it (folded, as words).
const FORMS: &[(&str, &[&str])] = &[
    (
        "ООО",
        &["ооо", "ooo", "общество с ограниченной ответственностью"],
    ),
    (
        "ЗАО",
        &["зао", "zao", "закрытое акционерное общество", "cjsc"],
    ),
    (
        "ПАО",
        &["пао", "pao", "публичное акционерное общество", "pjsc"],
    ),
    (
        "ОАО",
        &["оао", "oao", "открытое акционерное общество", "ojsc"],
    ),
    ("АО", &["ао", "ao", "акционерное общество", "jsc"]),
    ("ИП", &["ип", "ip", "индивидуальный предприниматель"]),
    (
        "АНО",
        &["ано", "ano", "автономная некоммерческая организация"],
    ),
    ("НКО", &["нко", "некоммерческая организация"]),
    ("LLC", &["llc", "limited liability company", "l l c"]),
    ("Ltd", &["ltd", "limited"]),
    ("Inc", &["inc", "incorporated", "corp", "corporation"]),
    ("GmbH", &["gmbh"]),
];

/// Public bodies: МБОУ, ГБОУ, МАДОУ, ФГБОУ ВО... Many combinations of a few letters; recognised by
/// shape rather than listed. Written in Latin letters too («MBOU», «MKU»: an export for a foreign
/// partner, a transliterated base), and then given back its Russian code, the form the other
/// spelling has.
fn public_body(word: &str) -> Option<String> {
    let code = if word.is_ascii() {
        russian_code(word)?
    } else {
        word.to_string()
    };
    let n = code.chars().count();
    ((3..=7).contains(&n)
        && code.chars().all(|c| "мгфбакоудпвчсн".contains(c))
        && (code.ends_with('у') || code.ends_with("оу") || code.ends_with("уз"))
        && (code.starts_with('м') || code.starts_with('г') || code.starts_with('ф')))
    .then(|| code.to_uppercase())
}

/// A public body's code written in Latin letters, letter by letter back in Russian ones.
fn russian_code(word: &str) -> Option<String> {
    const LETTERS: [(&str, char); 14] = [
        ("ch", 'ч'),
        ("m", 'м'),
        ("g", 'г'),
        ("f", 'ф'),
        ("b", 'б'),
        ("a", 'а'),
        ("k", 'к'),
        ("o", 'о'),
        ("u", 'у'),
        ("d", 'д'),
        ("p", 'п'),
        ("v", 'в'),
        ("s", 'с'),
        ("n", 'н'),
    ];
    let mut rest = word;
    let mut out = String::new();
    while !rest.is_empty() {
        let (latin, russian) = LETTERS.iter().find(|(l, _)| rest.starts_with(l))?;
        out.push(*russian);
        rest = &rest[latin.len()..];
    }
    Some(out)
}

pub(super) fn split_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !is_word_char(c) && c != '№')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

type Spelling = (usize, usize, &'static str);

/// Every spelling of [`FORMS`] by its first word, with its form's and its own place: a name is
/// looked up word by word instead of trying some forty spellings on it (a fifth of the time the
/// search spent profiling clients).
fn spellings_by_first_word() -> &'static rustc_hash::FxHashMap<&'static str, Vec<Spelling>> {
    static BY_FIRST: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, Vec<Spelling>>> =
        std::sync::OnceLock::new();
    BY_FIRST.get_or_init(|| {
        let mut map: rustc_hash::FxHashMap<&'static str, Vec<Spelling>> = Default::default();
        for (f, (_, spellings)) in FORMS.iter().enumerate() {
            for (k, sp) in spellings.iter().enumerate() {
                let first = sp.split(' ').next().unwrap_or(sp);
                map.entry(first).or_default().push((f, k, sp));
            }
        }
        map
    })
}

/// The legal form found in `legal_form` or in the name (in any spelling), and the name's own words
/// without it. Public bodies keep their code (`мбоу`) as the form.
pub fn split_legal_form(legal_form: &str, name: &str) -> (Option<String>, Vec<String>) {
    let mut form: Option<String> = None;
    let mut found = |words: &mut Vec<String>| {
        // The first form in `FORMS` order (then spelling order, then place) that the words have.
        let by_first = spellings_by_first_word();
        let best = (0..words.len())
            .flat_map(|at| {
                let words = &*words;
                by_first
                    .get(words[at].as_str())
                    .into_iter()
                    .flatten()
                    .filter(move |(_, _, sp)| {
                        let len = sp.split(' ').count();
                        words.len() >= at + len
                            && words[at..at + len]
                                .iter()
                                .map(String::as_str)
                                .eq(sp.split(' '))
                    })
                    .map(move |&(f, k, sp)| (f, k, at, sp.split(' ').count()))
            })
            .min();
        if let Some((f, _, at, len)) = best {
            words.drain(at..at + len);
            form.get_or_insert_with(|| FORMS[f].0.to_string());
            return;
        }
        if let Some((at, code)) = words
            .iter()
            .enumerate()
            .find_map(|(at, w)| Some((at, public_body(w)?)))
        {
            words.remove(at);
            form.get_or_insert(code);
        }
    };
    let mut lf = split_words(legal_form);
    found(&mut lf);
    let mut words = split_words(name);
    found(&mut words);
    (form, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_in_every_spelling_are_kept_apart() {
        let cases = [
            ("", "ООО «Ромашка»", Some("ООО"), "ромашка"),
            ("", "OOO Romashka", Some("ООО"), "romashka"),
            (
                "Общество с ограниченной ответственностью",
                "Ромашка",
                Some("ООО"),
                "ромашка",
            ),
            ("", "\"Ромашка\", ООО", Some("ООО"), "ромашка"),
            (
                "",
                "Закрытое акционерное общество „Заря“",
                Some("ЗАО"),
                "заря",
            ),
            ("АО", "Заря", Some("АО"), "заря"),
            (
                "",
                "Индивидуальный предприниматель Иванов Иван",
                Some("ИП"),
                "иванов иван",
            ),
            ("", "МБОУ СОШ № 5", Some("МБОУ"), "сош № 5"),
            ("", "MBOU SOSh № 5", Some("МБОУ"), "sosh № 5"),
            (
                "",
                "MKU «Tsentr tvorchestva g. Ufa»",
                Some("МКУ"),
                "tsentr tvorchestva g ufa",
            ),
            ("", "ANO klub «Puls»", Some("АНО"), "klub puls"),
            ("", "Kung Fu Club", None, "kung fu club"),
            ("ГБОУ", "Лицей № 2", Some("ГБОУ"), "лицей № 2"),
            ("", "Romashka LLC", Some("LLC"), "romashka"),
            ("", "Acme Ltd.", Some("Ltd"), "acme"),
            ("", "Siemens GmbH", Some("GmbH"), "siemens"),
            ("", "Спортклуб «Старт»", None, "спортклуб старт"),
        ];
        for (lf, name, form, rest) in cases {
            let (f, words) = split_legal_form(lf, name);
            assert_eq!(f.as_deref(), form, "{lf} {name}");
            assert_eq!(words.join(" "), rest, "{lf} {name}");
        }
    }
}
