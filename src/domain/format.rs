//! How numbers, money and dates read in the app and in letters.

use chrono::NaiveDate;

use super::model::Lang;

/// Groups thousands with a narrow no-break space, as Russian typography does (and English
/// readers understand): 1 234 567.
pub fn group(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
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

pub fn date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ru => d.format("%d.%m.%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn money_as_typed() {
        assert_eq!(parse_money("1 200,50"), Some(120_050));
        assert_eq!(parse_money("1200.5"), Some(120_050));
        assert_eq!(parse_money("300"), Some(30_000));
        assert_eq!(parse_money(""), Some(0));
        assert_eq!(parse_money("12,345"), None);
        assert_eq!(parse_money("abc"), None);
        assert_eq!(parse_money("-5"), None);
    }
}
