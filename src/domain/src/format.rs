//! How numbers, money and dates read in the app and in letters.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use super::model::{Client, Lang};

/// A client's name as an envelope or a list shows it: «ООО «Ромашка»», «ИП Иванов Иван»,
/// «МБОУ «СОШ № 5»»; a name already in quotes or without a legal form stays as it is.
pub fn full_name(c: &Client) -> String {
    let name = c.name.trim();
    let form = c.legal_form.trim();
    if form.is_empty() {
        name.to_string()
    } else if form == "ИП" || form.eq_ignore_ascii_case("IE") || name.contains(['«', '"']) {
        format!("{form} {name}")
    } else {
        format!("{form} «{name}»")
    }
}

/// A person's name in full, «Фамилия Имя Отчество», the empty parts left out.
pub fn person_name(last: &str, first: &str, patronymic: &str) -> String {
    [last.trim(), first.trim(), patronymic.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Groups thousands with a narrow no-break space, as Russian typography does (and English
/// readers understand): 1 234 567.
pub fn group(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if n < 0 {
        format!("−{out}")
    } else {
        out
    }
}

/// Kopecks as roubles: «12 345,50 ₽», whole roubles without the kopecks.
pub fn money(kop: i64, lang: Lang) -> String {
    let rub = kop / 100;
    let k = (kop % 100).abs();
    let sep = if lang == Lang::Ru { ',' } else { '.' };
    if k == 0 {
        format!("{}\u{a0}₽", group(rub))
    } else {
        format!("{}{sep}{k:02}\u{a0}₽", group(rub))
    }
}

/// Roubles typed by a person («1 200,50», «1200.5») as kopecks.
pub fn parse_money(s: &str) -> Option<i64> {
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '₽')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Some(0);
    }
    let (whole, frac) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if frac.len() > 2
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(frac)
}

/// «26.11.2026». Written out by hand: chrono's format strings pull a parser into the wasm.
pub fn dmy(d: NaiveDate) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

/// «26.11.2026 09:05», for a local date and time.
pub fn dmy_hm(t: NaiveDateTime) -> String {
    format!("{} {:02}:{:02}", dmy(t.date()), t.hour(), t.minute())
}

/// A date as people type it: «26.11.2026» or «2026-11-26».
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let nums: Vec<&str> = s.split(['.', '-', '/']).collect();
    let [a, b, c] = nums.as_slice() else {
        return None;
    };
    let n = |x: &str| x.parse::<u32>().ok();
    if a.len() == 4 {
        NaiveDate::from_ymd_opt(a.parse().ok()?, n(b)?, n(c)?)
    } else if c.len() == 4 {
        NaiveDate::from_ymd_opt(c.parse().ok()?, n(b)?, n(a)?)
    } else {
        None
    }
}

/// Kopecks as typed back into a price field: «1200,50», no grouping or currency.
pub fn money_input(kop: i64) -> String {
    if kop % 100 == 0 {
        (kop / 100).to_string()
    } else {
        format!("{},{:02}", kop / 100, (kop % 100).abs())
    }
}

/// Hours as a clock reads them: 3.9 → «3:54», 26.5 → «26:30».
pub fn hours_minutes(hours: f64) -> String {
    let minutes = (hours * 60.0).round().max(0.0) as i64;
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// A download's file name from a name people read («Школа № 5» → «Школа_5-2026-11-26.eml»):
/// letters and digits kept, any run of other characters one «_», at most 60 characters of the
/// name, `fallback` for a name with nothing left.
pub fn file_name(name: &str, fallback: &str, day: NaiveDate, ext: &str) -> String {
    let mut stem = String::new();
    for c in name.trim().chars() {
        if c.is_alphanumeric() || c == '-' {
            stem.push(c);
        } else if !stem.is_empty() && !stem.ends_with('_') {
            stem.push('_');
        }
    }
    let stem: String = stem.chars().take(60).collect();
    let stem = stem.trim_end_matches('_');
    let stem = if stem.is_empty() { fallback } else { stem };
    format!("{stem}-{}.{ext}", day.format("%Y-%m-%d"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_an_envelope_shows_them() {
        let (_, data) =
            crate::demo::generate_sized(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 5);
        let mut c = data.clients[0].clone();
        let named = |c: &Client, name: &str, form: &str| {
            let mut c = c.clone();
            c.name = name.into();
            c.legal_form = form.into();
            full_name(&c)
        };
        assert_eq!(named(&c, "Ромашка", "ООО"), "ООО «Ромашка»");
        assert_eq!(named(&c, "СОШ № 5", "МБОУ"), "МБОУ «СОШ № 5»");
        assert_eq!(named(&c, "Иванов Иван", "ИП"), "ИП Иванов Иван");
        assert_eq!(named(&c, "«Заря»", "АО"), "АО «Заря»");
        assert_eq!(named(&c, " Орлова Анна ", ""), "Орлова Анна");
        c.legal_form.clear();
        assert_eq!(full_name(&c), c.name.trim());
    }

    #[test]
    fn money_reads_naturally() {
        assert_eq!(
            money(123_456_750, Lang::Ru),
            "1\u{202f}234\u{202f}567,50\u{a0}₽"
        );
        assert_eq!(money(100_000, Lang::En), "1\u{202f}000\u{a0}₽");
        assert_eq!(money(5, Lang::Ru), "0,05\u{a0}₽");
        assert_eq!(group(-1234), "−1\u{202f}234");
    }

    #[test]
    fn dates_and_prices_as_written() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(dmy(d), "05.03.2026");
        assert_eq!(dmy_hm(d.and_hms_opt(9, 7, 0).unwrap()), "05.03.2026 09:07");
        assert_eq!(money_input(120_050), "1200,50");
        assert_eq!(parse_date("05.03.2026"), Some(d));
        assert_eq!(parse_date("2026-03-05"), Some(d));
        assert_eq!(parse_date("31.02.2026"), None);
        assert_eq!(parse_date("5 марта"), None);
        assert_eq!(money_input(30_000), "300");
        assert_eq!(parse_money(&money_input(120_005)), Some(120_005));
    }

    #[test]
    fn money_as_typed() {
        assert_eq!(parse_money("1 200,50"), Some(120_050));
        assert_eq!(parse_money("1200.5"), Some(120_050));
        assert_eq!(parse_money("300"), Some(30_000));
        assert_eq!(parse_money(""), Some(0));
        assert_eq!(parse_money("12,345"), None);
        assert_eq!(parse_money("abc"), None);
        assert_eq!(parse_money("-5"), None);
    }

    #[test]
    fn file_names_keep_letters_and_digits() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(
            file_name("МБОУ «Школа № 5»", "x", day, "eml"),
            "МБОУ_Школа_5-2026-11-26.eml"
        );
        assert_eq!(
            file_name(" ?? ", "letter", day, "eml"),
            "letter-2026-11-26.eml"
        );
        assert_eq!(
            file_name(&"Я".repeat(100), "x", day, "csv").chars().count(),
            60 + "-2026-11-26.csv".len()
        );
    }

    #[test]
    fn hours_read_as_hours_and_minutes() {
        assert_eq!(hours_minutes(3.9), "3:54");
        assert_eq!(hours_minutes(26.5), "26:30");
        assert_eq!(hours_minutes(0.0), "0:00");
        assert_eq!(hours_minutes(1.999), "2:00");
    }
}
