//! Text brought to the form search compares: lower case, ё as е, words without punctuation.

/// Characters that show nothing: zero-width spaces and joiners, direction marks, the soft hyphen,
/// the byte-order mark. Pasted from web pages and messengers they split a word in two for the
/// computer while it looks whole to the user («Ром\u{200b}ашка»).
pub fn invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// `char::is_alphanumeric` with the letters this app meets most (ASCII and Russian) answered
/// without the Unicode tables: the duplicate search asks it for every letter of every client.
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// Whether a text shows nothing: empty, spaces only, or invisible characters only.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || invisible(c))
}

/// Lower-cases and folds ё into е, which Russian writes interchangeably; drops invisible
/// characters.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !invisible(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// The words of a text, folded; quotes, dots, dashes and other punctuation separate words.
pub fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !is_word_char(c) && !invisible(c))
        .map(fold)
        .filter(|w| !w.is_empty())
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
    fn invisible_characters_neither_split_a_word_nor_make_a_name() {
        let w: Vec<String> = words("ООО «Ром\u{200b}ашка»\u{feff}").collect();
        assert_eq!(w, ["ооо", "ромашка"]);
        assert!(is_blank("\u{200b}\u{200d} \u{feff}"));
        assert!(!is_blank("\u{200b}Я"));
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
