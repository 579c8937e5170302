//! How big the type on an address label can be. A label (70 × 37 mm) has room for six lines at
//! the normal size; a long school name or street wraps and would push the postcode, the last
//! line, off the label, so such a label is set smaller. The sizes and widths here match
//! `style/print.css` (`.labels .label`, `.dense`, `.denser`).

/// The type size of one label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LabelSize {
    /// 9.5 pt: six lines of about 32 characters.
    Normal,
    /// 8 pt: seven lines of about 38.
    Dense,
    /// 7 pt: eight lines of about 43. Past that the recipient's name is cut, never the address.
    Denser,
}

impl LabelSize {
    const ALL: [LabelSize; 3] = [LabelSize::Normal, LabelSize::Dense, LabelSize::Denser];

    /// (characters a line, lines a label) at this size.
    fn room(self) -> (usize, usize) {
        match self {
            LabelSize::Normal => (32, 6),
            LabelSize::Dense => (38, 7),
            LabelSize::Denser => (43, 8),
        }
    }

    /// The CSS class the print style sets the size by.
    pub fn class(self) -> &'static str {
        match self {
            LabelSize::Normal => "label",
            LabelSize::Dense => "label dense",
            LabelSize::Denser => "label denser",
        }
    }
}

/// Lines `text` takes when wrapped at word boundaries `width` characters wide.
fn wrapped(text: &str, width: usize) -> usize {
    let mut lines = 0;
    let mut used = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if used == 0 {
            lines += 1;
            used = n;
        } else if used + 1 + n <= width {
            used += 1 + n;
        } else {
            lines += 1;
            used = n;
        }
        // A word longer than the line breaks inside it.
        while used > width {
            lines += 1;
            used -= width;
        }
    }
    lines
}

/// The largest size at which every line fits.
pub fn label_size(lines: &[String]) -> LabelSize {
    LabelSize::ALL
        .into_iter()
        .find(|size| {
            let (width, room) = size.room();
            lines.iter().map(|l| wrapped(l, width)).sum::<usize>() <= room
        })
        .unwrap_or(LabelSize::Denser)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn wrapping_counts_words_and_long_words() {
        assert_eq!(wrapped("", 10), 0);
        assert_eq!(wrapped("ул. Ленина, 5", 32), 1);
        assert_eq!(wrapped("aaaa bbbb cccc", 9), 2);
        assert_eq!(wrapped(&"я".repeat(70), 32), 3);
    }

    #[test]
    fn a_long_name_makes_the_type_smaller() {
        let usual = lines(&[
            "ООО «Кубок»",
            "Иванов Иван Иванович",
            "ул. Ленина, д. 5",
            "г. Екатеринбург",
            "Свердловская обл.",
            "620014",
        ]);
        assert_eq!(label_size(&usual), LabelSize::Normal);
        let school = lines(&[
            "МБОУ «Средняя общеобразовательная школа № 113 с углублённым изучением отдельных предметов»",
            "Петрова Анна Сергеевна",
            "ул. Комсомольская, д. 15, корп. 2",
            "г. Екатеринбург",
            "Свердловская обл.",
            "620014",
        ]);
        assert!(label_size(&school) > LabelSize::Normal);
        let huge = lines(&[
            &"Очень длинное название ".repeat(20),
            "ул. Ленина, 5",
            "620014",
        ]);
        assert_eq!(label_size(&huge), LabelSize::Denser);
        assert_eq!(LabelSize::Dense.class(), "label dense");
    }
}
