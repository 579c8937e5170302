//! CSV rows as clients, each checked: its problems by column, and whether it is new, the same as a
//! client already in the base, or a repeat of an earlier row of the same file.

use std::collections::HashMap;

use serde::Serialize;

use super::{Column, Table};
use crate::dedup::{find, profiles, DedupSettings, Lookup, Profile};
use crate::letters::russian::gender_of_patronymic;
use crate::model::*;
use crate::validate::{validate_client, Problem};

const FORMS: [&str; 16] = [
    "ООО",
    "ЗАО",
    "ОАО",
    "ПАО",
    "АО",
    "ИП",
    "АНО",
    "НКО",
    "МБОУ",
    "МАОУ",
    "ГБОУ",
    "МБДОУ",
    "МАДОУ",
    "МБУ",
    "ГБУ",
    "ФГБОУ",
];

/// «ООО "Ромашка"» → («ООО», «Ромашка»): a leading legal form moves to its own field, and the
/// quotes around what is left go.
fn split_name(raw: &str) -> (String, String) {
    let raw = raw.trim();
    let (form, rest) = match raw.split_once(char::is_whitespace) {
        Some((first, rest)) if FORMS.contains(&first.to_uppercase().as_str()) => {
            (first.to_uppercase(), rest.trim())
        }
        _ => (String::new(), raw),
    };
    let unquoted = rest
        .strip_prefix(['«', '"', '“', '„'])
        .and_then(|r| r.strip_suffix(['»', '"', '”', '“']))
        .filter(|inner| !inner.contains(['«', '»', '"']))
        .unwrap_or(rest);
    (form, unquoted.trim().to_string())
}

fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn contact(s: &str, id: Id) -> Option<ContactPerson> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let (last, first, patronymic) = match words.as_slice() {
        [] => return None,
        [l] => (*l, "", ""),
        [l, f] => (*l, *f, ""),
        [l, f, p, ..] => (*l, *f, *p),
    };
    Some(ContactPerson {
        id,
        last: last.into(),
        first: first.into(),
        patronymic: patronymic.into(),
        gender: gender_of_patronymic(patronymic),
        position: String::new(),
        phones: vec![],
        emails: vec![],
    })
}

/// Each row as a client (blank where the file has nothing), with the line it starts on.
pub fn to_clients(
    table: &Table,
    columns: &[Option<Column>],
    at: Timestamp,
    mut new_id: impl FnMut() -> Id,
) -> Vec<(u64, Client)> {
    table
        .rows
        .iter()
        .map(|(line, fields)| {
            let get = |col: Column| -> Vec<&str> {
                columns
                    .iter()
                    .zip(fields)
                    .filter(|(c, _)| **c == Some(col))
                    .map(|(_, v)| v.as_str())
                    .filter(|v| !v.is_empty())
                    .collect()
            };
            let one = |col: Column| get(col).first().map(|s| s.to_string()).unwrap_or_default();
            let (mut form, name) = split_name(&one(Column::Name));
            let explicit = one(Column::LegalForm);
            if !explicit.is_empty() {
                form = explicit;
            }
            let mut address = Address {
                postcode: one(Column::Postcode),
                region: one(Column::Region),
                city: one(Column::City),
                street: one(Column::Address),
                ..Address::default()
            };
            // A postcode written at the start of the address: «620014, Екатеринбург, ...».
            if address.postcode.is_empty() {
                let head: String = address.street.chars().take(6).collect();
                if head.len() == 6 && head.chars().all(|c| c.is_ascii_digit()) {
                    address.postcode = head;
                    address.street = address.street[6..]
                        .trim_start_matches([',', ' '])
                        .to_string();
                }
            }
            let person = form.is_empty()
                && name.split_whitespace().count() == 3
                && name
                    .split_whitespace()
                    .nth(2)
                    .and_then(gender_of_patronymic)
                    .is_some();
            let mut c = Client {
                id: new_id(),
                kind: if person {
                    ClientKind::Person
                } else {
                    ClientKind::Company
                },
                name,
                legal_form: form,
                inn: one(Column::Inn),
                segments: get(Column::Segment)
                    .iter()
                    .flat_map(|s| split_list(s))
                    .collect(),
                addresses: vec![],
                phones: get(Column::Phone)
                    .iter()
                    .flat_map(|s| split_list(s))
                    .map(|number| Phone {
                        number,
                        label: String::new(),
                    })
                    .collect(),
                emails: get(Column::Email)
                    .iter()
                    .flat_map(|s| split_list(s))
                    .map(|address| Email {
                        address,
                        label: String::new(),
                    })
                    .collect(),
                contacts: vec![],
                owner: None,
                do_not_contact: None,
                language: Lang::Ru,
                notes: get(Column::Notes).join("\n"),
                corporate: false,
                merged_into: None,
                created_at: at,
                updated_at: at,
                verified_at: Some(at),
            };
            if !(address.street.is_empty()
                && address.city.is_empty()
                && address.postcode.is_empty())
            {
                c.addresses.push(address);
            }
            if let Some(mut p) = contact(&one(Column::Contact), new_id()) {
                p.position = one(Column::Position);
                c.contacts.push(p);
            }
            (*line, c)
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", content = "of", rename_all = "snake_case")]
pub enum Verdict {
    New,
    /// Looks like this client already in the base: update it or skip the row.
    Existing(Id),
    /// Repeats the row starting on this line.
    InFile(u64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowCheck {
    pub line: u64,
    pub client: Client,
    /// Problems by the field's path in the client (`phones[0].number`).
    pub problems: Vec<(String, Problem)>,
    pub verdict: Verdict,
}

/// Every row checked against the base (`lookup`) and against the file itself.
pub fn check(rows: Vec<(u64, Client)>, lookup: &Lookup) -> Vec<RowCheck> {
    let file = profiles(rows.iter().map(|(_, c)| c));
    check_with(rows, &file, lookup)
}

/// The same with the rows' duplicate profiles made already (`dedup::profiles` of the rows'
/// clients, in order): the import page makes them a slice at a time.
pub fn check_with(rows: Vec<(u64, Client)>, file: &[Profile], lookup: &Lookup) -> Vec<RowCheck> {
    let settings = DedupSettings::default();
    let line_of: HashMap<Id, u64> = rows.iter().map(|(l, c)| (c.id, *l)).collect();
    let mut first_of: HashMap<Id, u64> = HashMap::new();
    for cluster in find(file, &Default::default(), &settings) {
        let first = cluster
            .members
            .iter()
            .filter_map(|id| line_of.get(id))
            .min()
            .copied()
            .unwrap_or(0);
        for id in cluster.members {
            if line_of.get(&id) != Some(&first) {
                first_of.insert(id, first);
            }
        }
    }
    rows.into_iter()
        .map(|(line, client)| {
            let problems = validate_client(&client)
                .into_iter()
                .map(|p| (p.field, p.problem))
                .collect();
            let verdict = if let Some(first) = first_of.get(&client.id) {
                Verdict::InFile(*first)
            } else {
                match lookup
                    .likely(&client, &settings, 1)
                    .into_iter()
                    .find(|p| p.score >= settings.threshold)
                {
                    Some(p) => Verdict::Existing(if p.a == client.id { p.b } else { p.a }),
                    None => Verdict::New,
                }
            };
            RowCheck {
                line,
                client,
                problems,
                verdict,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
