//! How long ago, said four ways from one rule: in figures for the letter card («3 месяца
//! назад», «3 months ago») and in words for a letter («три месяца назад», «three months ago»,
//! since a letter writes small numbers in words and never opens a sentence with a figure).

use chrono::NaiveDate;

use super::russian::{months_between, plural};

/// The rule: what a span of whole months is called. Less than a month is too recent to write
/// about.
enum Span {
    Month,
    HalfYear,
    Months(u64),
    Year,
    YearAndHalf,
    Years(u64),
}

fn span(from: NaiveDate, to: NaiveDate) -> Option<Span> {
    let m = months_between(from, to);
    Some(match m {
        0 => return None,
        1 => Span::Month,
        6 => Span::HalfYear,
        2..=11 => Span::Months(m),
        12..=16 => Span::Year,
        17..=21 => Span::YearAndHalf,
        _ => Span::Years((m + 6) / 12),
    })
}

fn russian(from: NaiveDate, to: NaiveDate, number: fn(u64) -> String) -> Option<String> {
    Some(match span(from, to)? {
        Span::Month => "месяц назад".into(),
        Span::HalfYear => "полгода назад".into(),
        Span::Months(m) => format!(
            "{} {} назад",
            number(m),
            plural(m, "месяц", "месяца", "месяцев")
        ),
        Span::Year => "год назад".into(),
        Span::YearAndHalf => "полтора года назад".into(),
        Span::Years(y) => format!("{} {} назад", number(y), plural(y, "год", "года", "лет")),
    })
}

fn english(
    from: NaiveDate,
    to: NaiveDate,
    number: fn(u64) -> String,
    half: &str,
) -> Option<String> {
    Some(match span(from, to)? {
        Span::Month => "a month ago".into(),
        Span::HalfYear => half.into(),
        Span::Months(m) => format!("{} months ago", number(m)),
        Span::Year => "a year ago".into(),
        Span::YearAndHalf => "a year and a half ago".into(),
        Span::Years(y) => format!("{} years ago", number(y)),
    })
}

/// «месяц назад», «3 месяца назад», «полгода назад», «год назад», «полтора года назад»,
/// «2 года назад», «21 год назад»; `None` for less than a month.
pub fn ago(from: NaiveDate, to: NaiveDate) -> Option<String> {
    russian(from, to, |n| n.to_string())
}

/// [`ago`] in words, for a letter: «два года назад», «одиннадцать месяцев назад».
pub fn ago_words(from: NaiveDate, to: NaiveDate) -> Option<String> {
    russian(from, to, number_words)
}

pub fn ago_en(from: NaiveDate, to: NaiveDate) -> Option<String> {
    english(from, to, |n| n.to_string(), "half a year ago")
}

/// [`ago_en`] in words, for a letter: «ten months ago», «three years ago».
pub fn ago_en_words(from: NaiveDate, to: NaiveDate) -> Option<String> {
    english(from, to, number_en, "six months ago")
}

/// A number in words, as a letter writes small numbers (and any that opens a sentence): «два»,
/// «одиннадцать», «двадцать один». Masculine, nominative: «год», «месяц». Past 99, figures.
pub fn number_words(n: u64) -> String {
    const UNITS: [&str; 10] = [
        "",
        "один",
        "два",
        "три",
        "четыре",
        "пять",
        "шесть",
        "семь",
        "восемь",
        "девять",
    ];
    const TEENS: [&str; 10] = [
        "десять",
        "одиннадцать",
        "двенадцать",
        "тринадцать",
        "четырнадцать",
        "пятнадцать",
        "шестнадцать",
        "семнадцать",
        "восемнадцать",
        "девятнадцать",
    ];
    const TENS: [&str; 10] = [
        "",
        "",
        "двадцать",
        "тридцать",
        "сорок",
        "пятьдесят",
        "шестьдесят",
        "семьдесят",
        "восемьдесят",
        "девяносто",
    ];
    match n {
        0 => "ноль".into(),
        1..=9 => UNITS[n as usize].into(),
        10..=19 => TEENS[(n - 10) as usize].into(),
        20..=99 if n.is_multiple_of(10) => TENS[(n / 10) as usize].into(),
        20..=99 => format!("{} {}", TENS[(n / 10) as usize], UNITS[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// English numbers to twenty in words; past it, figures.
pub fn number_en(n: u64) -> String {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}
