//! The Russian a letter needs: plural forms, how long ago, months, the gender a patronymic shows,
//! and lists joined the way people write them. The plural rule is the CLDR one for Russian, five
//! lines here rather than a locale-data crate in the wasm.

use chrono::{Datelike, NaiveDate};

use crate::model::Gender;

pub use super::ago::{ago, ago_en, ago_words, number_words};

/// One of three forms by the number: 1 / 21 кубок, 2 / 22 кубка, 5 / 11 / 25 кубков.
pub fn plural<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => one,
        (2..=4, r) if !(12..=14).contains(&r) => few,
        _ => many,
    }
}

pub fn months(n: u64) -> String {
    format!("{n} {}", plural(n, "месяц", "месяца", "месяцев"))
}

pub fn years(n: u64) -> String {
    format!("{n} {}", plural(n, "год", "года", "лет"))
}

/// Whole months from `from` to `to` (a month is counted when its day is reached).
pub fn months_between(from: NaiveDate, to: NaiveDate) -> u64 {
    if to <= from {
        return 0;
    }
    let mut m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() < from.day() {
        m -= 1;
    }
    m.max(0) as u64
}

const MONTHS_IN: [&str; 12] = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
];

pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// «в марте 2024 года».
pub fn in_month(d: NaiveDate) -> String {
    format!("в {} {} года", MONTHS_IN[d.month0() as usize], d.year())
}

pub fn in_month_en(d: NaiveDate) -> String {
    format!("in {} {}", MONTHS_EN[d.month0() as usize], d.year())
}

/// «26 ноября 2026 г.»: the date line of a letter.
pub fn date_line(d: NaiveDate) -> String {
    const GENITIVE: [&str; 12] = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ];
    format!(
        "{} {} {} г.",
        d.day(),
        GENITIVE[d.month0() as usize],
        d.year()
    )
}

/// The gender a patronymic shows: -вич, -ич, -оглы, -улы are a man's; -вна, -ична, -кызы, -гызы
/// a woman's.
pub fn gender_of_patronymic(p: &str) -> Option<Gender> {
    let p = p.trim().to_lowercase();
    if p.ends_with("вич")
        || p.ends_with("ич")
        || p.ends_with("оглы")
        || p.ends_with("улы")
        || p.ends_with("уулу")
    {
        Some(Gender::Male)
    } else if p.ends_with("вна") || p.ends_with("чна") || p.ends_with("кызы") || p.ends_with("гызы")
    {
        Some(Gender::Female)
    } else {
        None
    }
}

/// «кубки», «кубки и медали», «кубки, медали и грамоты».
pub fn join(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// «в январе»: the month alone.
pub fn month_in(month0: u32) -> &'static str {
    MONTHS_IN[month0 as usize % 12]
}

/// Like [`join`], but forms that differ only in their adjective share the noun: «стеклянные и
/// деревянные плакетки», not «стеклянные плакетки и деревянные плакетки».
pub fn join_forms(items: &[String], and: &str) -> String {
    let split = |f: &String| -> Option<(String, String)> {
        let (adj, noun) = f.split_once(' ')?;
        let adjective = ["ые", "ие", "ой", "ый", "ий"]
            .iter()
            .any(|e| adj.ends_with(e));
        (adjective && !noun.contains(' ') && noun.chars().all(char::is_alphabetic))
            .then(|| (adj.to_string(), noun.to_string()))
    };
    let mut out: Vec<String> = Vec::new();
    let mut used = vec![false; items.len()];
    for (i, f) in items.iter().enumerate() {
        if used[i] {
            continue;
        }
        used[i] = true;
        let Some((adj, noun)) = split(f) else {
            out.push(f.clone());
            continue;
        };
        let mut adjectives = vec![adj];
        for (j, g) in items.iter().enumerate().skip(i + 1) {
            if let Some((a, _)) = split(g).filter(|(_, n)| *n == noun) {
                adjectives.push(a);
                used[j] = true;
            }
        }
        out.push(format!("{} {noun}", join(&adjectives, and)));
    }
    join(&out, and)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_ages_in_words() {
        assert_eq!(number_words(2), "два");
        assert_eq!(number_words(11), "одиннадцать");
        assert_eq!(number_words(21), "двадцать один");
        assert_eq!(number_words(40), "сорок");
        let today = d(2026, 12, 1);
        assert_eq!(
            ago_words(d(2024, 11, 20), today).as_deref(),
            Some("два года назад")
        );
        assert_eq!(
            ago_words(d(2026, 1, 15), today).as_deref(),
            Some("десять месяцев назад")
        );
        assert_eq!(
            ago_words(d(2005, 1, 15), today).as_deref(),
            Some("двадцать два года назад")
        );
        assert_eq!(
            ago_words(d(2001, 6, 15), today).as_deref(),
            Some("двадцать пять лет назад")
        );
        assert_eq!(ago_words(d(2026, 11, 20), today), None);
    }

    #[test]
    fn forms_with_one_noun_share_it() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            join_forms(&s(&["стеклянные плакетки", "деревянные плакетки"]), "и"),
            "стеклянные и деревянные плакетки"
        );
        assert_eq!(
            join_forms(&s(&["литые медали", "грамоты", "акриловые медали"]), "и"),
            "литые и акриловые медали и грамоты"
        );
        assert_eq!(
            join_forms(&s(&["кубки «Триумф»", "хрустальные кубки"]), "и"),
            "кубки «Триумф» и хрустальные кубки"
        );
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn plural_forms_of_months_and_years() {
        let cases = [
            (1, "1 месяц", "1 год"),
            (2, "2 месяца", "2 года"),
            (5, "5 месяцев", "5 лет"),
            (11, "11 месяцев", "11 лет"),
            (12, "12 месяцев", "12 лет"),
            (14, "14 месяцев", "14 лет"),
            (21, "21 месяц", "21 год"),
            (22, "22 месяца", "22 года"),
            (25, "25 месяцев", "25 лет"),
            (101, "101 месяц", "101 год"),
            (111, "111 месяцев", "111 лет"),
        ];
        for (n, m, y) in cases {
            assert_eq!(months(n), m);
            assert_eq!(years(n), y);
        }
    }

    #[test]
    fn how_long_ago() {
        let today = d(2026, 11, 26);
        let cases = [
            (d(2026, 11, 1), None),
            (d(2026, 10, 26), Some("месяц назад")),
            (d(2026, 8, 20), Some("3 месяца назад")),
            (d(2026, 6, 10), Some("5 месяцев назад")),
            (d(2026, 5, 26), Some("полгода назад")),
            (d(2025, 12, 20), Some("11 месяцев назад")),
            (d(2025, 11, 26), Some("год назад")),
            (d(2025, 5, 1), Some("полтора года назад")),
            (d(2024, 11, 1), Some("2 года назад")),
            (d(2021, 10, 1), Some("5 лет назад")),
            (d(2005, 11, 1), Some("21 год назад")),
            (d(2004, 11, 1), Some("22 года назад")),
            (d(2001, 11, 1), Some("25 лет назад")),
            (d(2015, 11, 1), Some("11 лет назад")),
        ];
        for (from, want) in cases {
            assert_eq!(ago(from, today).as_deref(), want, "{from}");
        }
        assert_eq!(
            ago_en(d(2025, 11, 26), today).as_deref(),
            Some("a year ago")
        );
        assert_eq!(
            ago_en(d(2026, 8, 20), today).as_deref(),
            Some("3 months ago")
        );
        assert_eq!(
            ago_en(d(2021, 10, 1), today).as_deref(),
            Some("5 years ago")
        );
    }

    #[test]
    fn months_and_dates() {
        assert_eq!(in_month(d(2024, 3, 15)), "в марте 2024 года");
        assert_eq!(in_month(d(2023, 5, 1)), "в мае 2023 года");
        assert_eq!(in_month_en(d(2024, 3, 15)), "in March 2024");
        assert_eq!(date_line(d(2026, 11, 26)), "26 ноября 2026 г.");
        assert_eq!(months_between(d(2026, 1, 31), d(2026, 2, 28)), 0);
        assert_eq!(months_between(d(2026, 1, 31), d(2026, 3, 1)), 1);
    }

    #[test]
    fn patronymics_tell_the_gender() {
        for p in ["Иванович", "Ильич", "Кузьмич", "Мамед оглы", "Нурсултанулы"]
        {
            assert_eq!(gender_of_patronymic(p), Some(Gender::Male), "{p}");
        }
        for p in [
            "Ивановна",
            "Ильинична",
            "Кузьминична",
            "Алиевна",
            "Мамед кызы",
        ] {
            assert_eq!(gender_of_patronymic(p), Some(Gender::Female), "{p}");
        }
        assert_eq!(gender_of_patronymic(""), None);
        assert_eq!(gender_of_patronymic("Smith"), None);
    }

    #[test]
    fn lists_read_naturally() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(join(&s(&["кубки"]), "и"), "кубки");
        assert_eq!(join(&s(&["кубки", "медали"]), "и"), "кубки и медали");
        assert_eq!(
            join(&s(&["кубки", "медали", "грамоты"]), "и"),
            "кубки, медали и грамоты"
        );
    }
}
