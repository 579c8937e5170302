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

/// The phones of a cell. A short piece after a comma is the extension of the phone before it
/// («+7 495 123-45-67, 457» is one phone with extension 457), not a phone of its own.
fn split_phones(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in split_list(s) {
        let digits = piece.chars().filter(char::is_ascii_digit).count();
        let only_ext = piece
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || ".доб".contains(c));
        match out.last_mut() {
            Some(last) if only_ext && (1..=5).contains(&digits) => {
                let ext: String = piece.chars().filter(char::is_ascii_digit).collect();
                last.push_str(" доб. ");
                last.push_str(&ext);
            }
            _ => out.push(piece),
        }
    }
    out
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
            // A whole address in one field, as 1C writes it: split when the file has no
            // separate city (and its postcode and region columns, if any, are empty here).
            if address.city.is_empty() && !address.street.is_empty() {
                let split = super::address::split(&address.street);
                if address.postcode.is_empty() {
                    address.postcode = split.postcode;
                }
                if address.region.is_empty() {
                    address.region = split.region;
                }
                address.city = split.city;
                address.street = split.street;
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
                kpp: one(Column::Kpp),
                segments: get(Column::Segment)
                    .iter()
                    .flat_map(|s| split_list(s))
                    .collect(),
                addresses: vec![],
                phones: get(Column::Phone)
                    .iter()
                    .flat_map(|s| split_phones(s))
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

/// Rows of one file with the same name and legal form are one client unless their ИНН or city
/// differ: a 1C export repeats a client on a row per contract, each with another phone, and
/// nothing else on those rows would tell the duplicate search they are the same.
fn same_name_rows(rows: &[(u64, Client)], first_of: &mut HashMap<Id, u64>) {
    let key = |c: &Client| {
        crate::text::words(&format!("{} {}", c.legal_form, c.name))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let city = |c: &Client| {
        c.addresses
            .first()
            .map(|a| crate::text::fold(a.city.trim()))
    };
    let differ = |a: &str, b: &str| !a.is_empty() && !b.is_empty() && a != b;
    let mut seen: HashMap<String, Vec<&(u64, Client)>> = HashMap::new();
    for row in rows {
        let (_, c) = row;
        let k = key(c);
        if k.is_empty() {
            continue;
        }
        let group = seen.entry(k).or_default();
        let earlier = group.iter().find(|(_, e)| {
            !differ(e.inn.trim(), c.inn.trim())
                && !differ(&city(e).unwrap_or_default(), &city(c).unwrap_or_default())
        });
        match earlier {
            Some((first, e)) if !first_of.contains_key(&c.id) => {
                // Where the earlier row went, this one goes.
                let root = first_of.get(&e.id).copied().unwrap_or(*first);
                first_of.insert(c.id, root);
            }
            _ => {}
        }
        group.push(row);
    }
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
    same_name_rows(&rows, &mut first_of);
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
