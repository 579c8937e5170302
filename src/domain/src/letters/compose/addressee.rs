//! Who the letter greets and who signs it: the contact person or a private client's own name
//! (never initials alone), the English salutation, and the sender from the settings (in Latin
//! letters for an English letter whose sender was set only in Russian).

use super::{non_empty, DraftWarning};
use crate::letters::russian::gender_of_patronymic;
use crate::model::*;
use crate::settings::Settings;

/// The contact a letter greets: the first with a first name, else the first.
pub fn pick_contact(c: &Client) -> Option<&ContactPerson> {
    c.contacts
        .iter()
        .find(|p| !p.first.trim().is_empty())
        .or(c.contacts.first())
}

/// «М.», «О», «М.О.»: an initial (or two run together), not a name one can greet.
fn is_initial(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters > 0 && letters <= 2 && s.trim().ends_with('.') || letters == 1
}

/// The name a letter greets by («Иван Иванович»; «Mr Ivanov» in English) and the gender its
/// words agree with; the warnings a missing name or gender deserves.
pub(super) fn greeted(
    c: &Client,
    contact: Option<&ContactPerson>,
    warnings: &mut Vec<DraftWarning>,
) -> (Option<String>, Option<Gender>) {
    let (addressee, gender) = match contact {
        // «Доброго дня, М. О.!» greets nobody: initials alone are no name to address.
        Some(p) if non_empty(&p.first).is_some() && !is_initial(&p.first) => {
            let patronymic = if is_initial(&p.patronymic) {
                ""
            } else {
                p.patronymic.trim()
            };
            let name = [p.first.trim(), patronymic]
                .iter()
                .filter(|x| !x.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let gender = p.gender.or_else(|| gender_of_patronymic(&p.patronymic));
            if gender.is_none() {
                warnings.push(DraftWarning::GenderUnknown);
            }
            (Some(name), gender)
        }
        _ if c.kind == ClientKind::Person => {
            // A private client's name is «Фамилия Имя Отчество».
            let parts: Vec<&str> = c.name.split_whitespace().collect();
            match parts.as_slice() {
                [_, first, patronymic] if !is_initial(first) && !is_initial(patronymic) => (
                    Some(format!("{first} {patronymic}")),
                    gender_of_patronymic(patronymic),
                ),
                _ => {
                    warnings.push(DraftWarning::NoContactPerson);
                    (None, None)
                }
            }
        }
        _ => {
            warnings.push(DraftWarning::NoContactPerson);
            (None, None)
        }
    };

    let addressee = match c.language {
        Lang::Ru => addressee,
        Lang::En => salutation_en(c, contact, gender),
    };
    (addressee, gender)
}

/// «Mr Ivanov», «Ms Petrova», or the first name when the gender is unknown, in Latin letters.
fn salutation_en(
    c: &Client,
    contact: Option<&ContactPerson>,
    gender: Option<Gender>,
) -> Option<String> {
    let (last, first) = match contact {
        Some(p) => (p.last.trim().to_string(), p.first.trim().to_string()),
        None if c.kind == ClientKind::Person => {
            let mut parts = c.name.split_whitespace();
            let last = parts.next().unwrap_or_default().to_string();
            (last, parts.next().unwrap_or_default().to_string())
        }
        None => return None,
    };
    let name = |s: &str| (!s.is_empty() && !is_initial(s)).then(|| crate::text::latin(s));
    match (gender, name(&last), name(&first)) {
        (Some(Gender::Male), Some(l), _) => Some(format!("Mr {l}")),
        (Some(Gender::Female), Some(l), _) => Some(format!("Ms {l}")),
        (_, _, Some(f)) => Some(f),
        _ => None,
    }
}

/// Who signs: from the settings for the letter's language.
pub(super) struct Sender<'a> {
    pub name: Option<String>,
    pub title: Option<&'a str>,
    pub company: Option<String>,
    pub signature: Option<String>,
}

impl<'a> Sender<'a> {
    pub fn of(s: &'a Settings, lang: Lang, warnings: &mut Vec<DraftWarning>) -> Sender<'a> {
        let [company, sender, title, signature] = s.sender_for(lang);
        // An English letter whose sender was set only in Russian: names in Latin letters, and
        // no Russian job title.
        let english = lang == Lang::En;
        let cyrillic = |t: &str| {
            t.chars()
                .any(|ch| matches!(ch, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
        };
        let latin_if = |t: &str| {
            if english && cyrillic(t) {
                crate::text::latin(t)
            } else {
                t.to_string()
            }
        };
        let name = non_empty(sender).map(latin_if);
        if name.is_none() {
            warnings.push(DraftWarning::NoSenderName);
        }
        let company = non_empty(company).map(|x| latin_if(x.trim_matches(['«', '»', '"'])));
        if company.is_none() {
            warnings.push(DraftWarning::NoCompany);
        }
        Sender {
            name,
            title: non_empty(title).filter(|t| !(english && cyrillic(t))),
            company,
            signature: non_empty(signature).map(latin_if),
        }
    }
}
