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

#[cfg(test)]
mod tests {
    use super::*;

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
