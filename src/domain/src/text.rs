//! Text brought to the form search compares: lower case, ё as е, words without punctuation.

/// Lower-cases and folds ё into е, which Russian writes interchangeably.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// The words of a text, folded; quotes, dots, dashes and other punctuation separate words.
pub fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
}

/// Russian letters in Latin, after the 2013 passport rules (ICAO): «Щукин» → «Shchukin».
/// Ten lines of table instead of a transliteration crate, whose matcher would add ~65 KB of wasm
/// for what is a per-letter lookup.
fn latin_letter(c: char) -> Option<&'static str> {
    const TABLE: [&str; 33] = [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia", "e",
    ];
    match c {
        'а'..='я' => Some(TABLE[c as usize - 'а' as usize]),
        'ё' => Some(TABLE[32]),
        _ => None,
    }
}

pub fn latin(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        match latin_letter(lower) {
            Some(l) if c != lower => {
                let mut chars = l.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            }
            Some(l) => out.push_str(l),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_follows_the_passport_rules() {
        assert_eq!(latin("Щукин Юрий"), "Shchukin Iurii");
        assert_eq!(latin("Жуков-Ёлкин"), "Zhukov-Elkin");
        assert_eq!(latin("Объединение «Цветы»"), "Obieedinenie «Tsvety»");
        assert_eq!(latin("Хлебозавод №5"), "Khlebozavod №5");
        assert_eq!(latin("Ольга"), "Olga");
    }

    #[test]
    fn folding_and_words() {
        assert_eq!(fold("Ёлкин ЁЖ"), "елкин еж");
        let w: Vec<String> = words("ООО «Рога и Копыта», г. Екатеринбург-Сити").collect();
        assert_eq!(
            w,
            ["ооо", "рога", "и", "копыта", "г", "екатеринбург", "сити"]
        );
    }
}
