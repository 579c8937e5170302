//! A letter as e-mail: a `mailto:` link when it is short enough for mail programs to take, else a
//! `.eml` file (UTF-8, MIME headers, base64 body) that opens in the mail program as a draft.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::model::Timestamp;

/// Longer links are cut or refused by some mail programs and browsers.
pub const MAILTO_MAX: usize = 2000;

/// RFC 6068: everything but unreserved characters is escaped; spaces as %20, line breaks as %0D%0A.
const MAILTO_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// The `mailto:` link, or `None` when it would be longer than [`MAILTO_MAX`].
pub fn mailto(to: &str, subject: &str, body: &str) -> Option<String> {
    let link = format!(
        "mailto:{}?subject={}&body={}",
        utf8_percent_encode(to.trim(), MAILTO_SET)
            .to_string()
            .replace("%40", "@"),
        utf8_percent_encode(subject, MAILTO_SET),
        utf8_percent_encode(&crlf(body), MAILTO_SET),
    );
    (link.len() <= MAILTO_MAX).then_some(link)
}

/// RFC 2047 encoded words short enough that even the first, after «Subject: », stays under 78
/// characters; split on character boundaries.
fn encoded_words(text: &str) -> String {
    if text.is_ascii() && !text.contains(['\r', '\n']) {
        return text.to_string();
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for ch in text.chars().filter(|c| !c.is_control()) {
        if chunk.len() + ch.len_utf8() > 39 {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(ch);
    }
    if !chunk.is_empty() {
        words.push(chunk);
    }
    words
        .iter()
        .map(|w| format!("=?UTF-8?B?{}?=", STANDARD.encode(w)))
        .collect::<Vec<_>>()
        .join("\r\n ")
}

/// The `.eml` text: headers, then the body in base64 lines of 76 characters. `From:` names the
/// sender with their address; without an address it is left out, and the mail program puts its
/// own account there (a name alone is not a valid `From:`).
pub fn eml(
    from: (&str, Option<&str>),
    to: &str,
    subject: &str,
    body: &str,
    date: Timestamp,
) -> String {
    let encoded = STANDARD.encode(crlf(body));
    let lines: Vec<&str> = encoded
        .as_bytes()
        .chunks(76)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    let from = match (from.0.trim(), from.1.map(str::trim)) {
        (_, None | Some("")) => String::new(),
        ("", Some(address)) => format!("From: {address}\r\n"),
        (name, Some(address)) => format!("From: {}\r\n <{address}>\r\n", encoded_words(name)),
    };
    format!(
        "{from}To: {to}\r\nSubject: {subject}\r\nDate: {date}\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\
         X-Unsent: 1\r\n\r\n{body}\r\n",
        to = to.trim().replace(['\r', '\n'], ""),
        subject = encoded_words(subject),
        date = date.to_rfc2822(),
        body = lines.join("\r\n"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn short_letters_go_as_links() {
        let link = mailto("zakaz@kubok.ru", "Кубки & медали", "Добрый день!\nСпасибо.").unwrap();
        assert!(link.starts_with("mailto:zakaz@kubok.ru?subject=%D0%9A"));
        assert!(link.contains("%20%26%20"), "{link}");
        assert!(link.contains("%0D%0A"), "line breaks are CRLF");
        assert!(!link.contains(' '));
        assert!(mailto("a@b.ru", "Тема", &"Длинное письмо. ".repeat(200)).is_none());
    }

    #[test]
    fn long_letters_go_as_eml_files() {
        let at = Utc.with_ymd_and_hms(2026, 11, 26, 9, 30, 0).unwrap();
        let subject = "Ваши хрустальные кубки: не пора ли обновить награды к весеннему турниру?";
        let body = "Уважаемая Анна Сергеевна!\n\nПишу Вам…";
        let from = ("Иван Петров", Some("letters@lavr-venets.ru"));
        let text = eml(from, "anna@school.ru", subject, body, at);
        let (head, encoded) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.contains("Content-Type: text/plain; charset=UTF-8"));
        assert!(head.contains("Date: Thu, 26 Nov 2026 09:30:00 +0000"));
        assert!(head.contains("To: anna@school.ru"));
        assert!(head.contains(" <letters@lavr-venets.ru>\r\n"), "{head}");
        for line in head.split("\r\n") {
            assert!(line.len() <= 78, "header line too long: {line}");
            assert!(line.is_ascii());
        }
        // The subject decodes back to what was written.
        let words: String = head
            .split("=?UTF-8?B?")
            .skip(1)
            .filter_map(|w| w.split("?=").next())
            .map(|b| String::from_utf8(STANDARD.decode(b).unwrap()).unwrap())
            .collect();
        assert_eq!(words, format!("Иван Петров{subject}"));
        let decoded = STANDARD
            .decode(encoded.replace("\r\n", ""))
            .map(String::from_utf8)
            .unwrap()
            .unwrap();
        assert_eq!(decoded, body.replace('\n', "\r\n"));
    }

    #[test]
    fn from_has_the_address_or_is_left_to_the_mail_program() {
        let at = Utc.with_ymd_and_hms(2026, 11, 26, 9, 30, 0).unwrap();
        let head = |from| eml(from, "a@b.ru", "Тема", "Текст", at);
        assert!(!head(("Иван Петров", None)).contains("From:"));
        assert!(!head(("Иван Петров", Some(" "))).contains("From:"));
        assert!(head(("", Some("letters@lavr-venets.ru")))
            .starts_with("From: letters@lavr-venets.ru\r\nTo: a@b.ru\r\n"));
        assert!(head(("Ivan Petrov", Some("letters@lavr-venets.ru")))
            .starts_with("From: Ivan Petrov\r\n <letters@lavr-venets.ru>\r\n"));
    }
}
