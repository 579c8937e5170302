//! Phones, e-mails, ИНН and postcodes: how they are checked and brought to one form.
//! The normal forms are what search and duplicate detection compare; the user's own spelling is kept.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormPhone {
    /// `+` and digits, E.164.
    pub e164: String,
    pub ext: Option<String>,
}

impl NormPhone {
    /// The ten-digit national number of a Russian phone, which is what people type when they search.
    pub fn national(&self) -> &str {
        self.e164.strip_prefix("+7").unwrap_or(&self.e164[1..])
    }

    pub fn display(&self) -> String {
        let mut s = match self.e164.strip_prefix("+7") {
            Some(n) if n.len() == 10 => {
                format!("+7 {} {}-{}-{}", &n[..3], &n[3..6], &n[6..8], &n[8..])
            }
            _ => self.e164.clone(),
        };
        if let Some(ext) = &self.ext {
            s.push_str(" доб. ");
            s.push_str(ext);
        }
        s
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneProblem {
    Empty,
    /// Letters where only digits and `+ ( ) - .` belong.
    BadCharacters,
    /// Too few digits: a city code is probably missing.
    TooShort,
    TooLong,
}

/// Splits off an extension written as «доб. 123», «ext. 12», «x12» or «#12». Compared a
/// character at a time, ignoring case: a lower-cased copy of the text may have another byte
/// length («İ», «ẞ»), so offsets found in it must never slice the original.
fn split_extension(raw: &str) -> (&str, Option<String>) {
    for marker in ["доб.", "доб", "ext.", "ext", "вн.", "x", "#"] {
        for (pos, _) in raw.char_indices() {
            let Some(len) = starts_with_ignoring_case(&raw[pos..], marker) else {
                continue;
            };
            let ext: String = raw[pos + len..]
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect();
            if !ext.is_empty() {
                return (&raw[..pos], Some(ext));
            }
        }
    }
    (raw, None)
}

/// The byte length of `text`'s prefix that is `marker` (lower case) in any case.
fn starts_with_ignoring_case(text: &str, marker: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for m in marker.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(std::iter::once(m)) {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(i, _)| i))
}

pub fn normalize_phone(raw: &str) -> Result<NormPhone, PhoneProblem> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(PhoneProblem::Empty);
    }
    let (main, ext) = if trimmed
        .bytes()
        .any(|b| b.is_ascii_alphabetic() || b == b'#' || b >= 0x80)
    {
        split_extension(trimmed)
    } else {
        (trimmed, None)
    };
    if main
        .chars()
        .any(|c| !(c.is_ascii_digit() || " +-().\u{a0}\t".contains(c)))
    {
        return Err(PhoneProblem::BadCharacters);
    }
    let plus = main.trim_start().starts_with('+');
    let digits: String = main.chars().filter(|c| c.is_ascii_digit()).collect();
    let e164 = if plus {
        digits
    } else {
        // Without a `+` only Russian numbers are understood: ten digits, or eleven after 7 or 8.
        match digits.len() {
            0..=9 => return Err(PhoneProblem::TooShort),
            10 => format!("7{digits}"),
            11 if digits.starts_with('8') || digits.starts_with('7') => {
                format!("7{}", &digits[1..])
            }
            _ => return Err(PhoneProblem::TooLong),
        }
    };
    if e164.len() < 10 {
        return Err(PhoneProblem::TooShort);
    }
    if e164.len() > 15 {
        return Err(PhoneProblem::TooLong);
    }
    if e164.starts_with('7') && e164.len() != 11 {
        return Err(if e164.len() < 11 {
            PhoneProblem::TooShort
        } else {
            PhoneProblem::TooLong
        });
    }
    Ok(NormPhone {
        e164: format!("+{e164}"),
        ext,
    })
}

/// The digit strings a phone-like search query may mean: the national number without a leading
/// trunk `8` or country `7` (as dialled), and the digits as typed (a fragment, an ИНН).
pub fn phone_query_digits(query: &str) -> Vec<String> {
    let digits: String = query.chars().filter(|c| c.is_ascii_digit()).collect();
    let others = query
        .chars()
        .filter(|c| !c.is_ascii_digit() && !" +-().".contains(*c))
        .count();
    if digits.len() < 3 || others > 0 {
        return Vec::new();
    }
    let t = query.trim_start();
    if t.starts_with("+7") {
        return vec![digits[1..].to_string()];
    }
    let mut out = vec![digits.clone()];
    if digits.starts_with('8') || digits.starts_with('7') {
        out.push(digits[1..].to_string());
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailProblem {
    Empty,
    NoAt,
    BadLocal,
    BadDomain,
    Spaces,
}

pub fn normalize_email(raw: &str) -> Result<String, EmailProblem> {
    let e = raw.trim().to_lowercase();
    if e.is_empty() {
        return Err(EmailProblem::Empty);
    }
    if e.chars().any(char::is_whitespace) {
        return Err(EmailProblem::Spaces);
    }
    let Some((local, domain)) = e.rsplit_once('@') else {
        return Err(EmailProblem::NoAt);
    };
    // Letters, digits and RFC 5322's atext only: a `<`, `>`, `,` or `"` in the part before @
    // would end the address in a mail header and start another one there.
    let atext = |c: char| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c);
    if local.is_empty()
        || !local.chars().all(atext)
        || local.starts_with('.')
        || local.ends_with('.')
        || local.contains("..")
    {
        return Err(EmailProblem::BadLocal);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    if labels.len() < 2
        || !labels.iter().all(label_ok)
        || labels.last().is_some_and(|l| l.len() < 2)
    {
        return Err(EmailProblem::BadDomain);
    }
    Ok(e)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InnProblem {
    NotDigits,
    /// A company's ИНН has 10 digits, a person's or an ИП's 12.
    Length,
    Checksum,
}

fn inn_check(digits: &[u32], weights: &[u32]) -> u32 {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    sum % 11 % 10
}

/// Checks an ИНН (taxpayer number) with its control digits. Spaces are ignored.
pub fn check_inn(raw: &str) -> Result<String, InnProblem> {
    let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(InnProblem::NotDigits);
    }
    let d: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    let ok = match d.len() {
        10 => inn_check(&d[..9], &[2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[9],
        12 => {
            inn_check(&d[..10], &[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[10]
                && inn_check(&d[..11], &[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[11]
        }
        _ => return Err(InnProblem::Length),
    };
    if ok {
        Ok(s)
    } else {
        Err(InnProblem::Checksum)
    }
}

/// Completes the first nine (or eleven) digits of an ИНН with valid control digits.
pub fn complete_inn(prefix: &str) -> Option<String> {
    let mut d: Vec<u32> = prefix
        .chars()
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()?;
    match d.len() {
        9 => {
            d.push(inn_check(&d, &[2, 4, 10, 3, 5, 9, 4, 6, 8]));
        }
        10 => {
            d.push(inn_check(&d, &[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
            d.push(inn_check(&d, &[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]));
        }
        _ => return None,
    }
    Some(
        d.iter()
            .map(|x| char::from_digit(*x, 10).unwrap_or('0'))
            .collect(),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostcodeProblem {
    /// A Russian postcode has six digits.
    NotSixDigits,
}

pub fn check_postcode(raw: &str) -> Result<(), PostcodeProblem> {
    let s = raw.trim();
    // No postcode is allowed: a 1C export has none, and the base keeper's report lists them.
    // Foreign postcodes contain letters or spaces; only all-digit codes are held to the Russian form.
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) && s.len() != 6 {
        return Err(PostcodeProblem::NotSixDigits);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
