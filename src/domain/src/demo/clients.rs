//! The demo's clients, their order history, and the duplicates planted for the client-base section.

use chrono::{Days, NaiveDate, NaiveTime, TimeZone, Utc};

use super::names::*;
use super::{address, latin, person, phone, Rng};
use crate::base::Batch;
use crate::contact::complete_inn;
use crate::model::*;
use crate::text;

/// Foreign companies the demo writes to in English: their Russian office's phone and address,
/// their own name, legal form and people.
const ABROAD: &[(&str, &str, &str, &str, Gender)] = &[
    ("Nordic Trophy", "Oy", "Virtanen", "Anna", Gender::Female),
    ("Baltic Events", "AS", "Tamm", "Martin", Gender::Male),
    (
        "Alpine Sports Group",
        "GmbH",
        "Huber",
        "Thomas",
        Gender::Male,
    ),
    ("Thames Awards", "Ltd", "Clarke", "Emily", Gender::Female),
    (
        "Danube Logistics",
        "GmbH",
        "Wagner",
        "Julia",
        Gender::Female,
    ),
    (
        "Northern Lights Travel",
        "AB",
        "Lindqvist",
        "Erik",
        Gender::Male,
    ),
    (
        "Harbour Engineering",
        "Ltd",
        "Walsh",
        "Patrick",
        Gender::Male,
    ),
];

/// Makes the `i`-th client a foreign company.
fn abroad(c: &mut Client, i: usize) {
    let (name, form, last, first, gender) = ABROAD[i % ABROAD.len()];
    // Numbered so no two are namesakes: a name and a contact person alike are one company.
    c.name = format!("{name} {}", i / ABROAD.len() + 1);
    c.legal_form = form.to_string();
    c.inn = String::new();
    c.segments = vec!["Иностранные компании".to_string()];
    for p in &mut c.contacts {
        p.last = last.to_string();
        p.first = first.to_string();
        p.patronymic = String::new();
        p.gender = Some(gender);
        p.position = "manager".to_string();
    }
}

pub(super) fn client(rng: &mut Rng, i: usize, now: Timestamp) -> Client {
    let (addr, area) = address(rng);
    let roll = rng.below(100);
    let contact = person(rng);
    let (kind, name, legal_form, segment) = match roll {
        0..=44 => {
            let w = rng.pick(COMPANY_WORDS);
            let name = format!("{w}{}", rng.pick(COMPANY_SUFFIXES));
            let lf = *rng.pick(&["ООО", "ООО", "ООО", "АО", "ПАО", "ЗАО"]);
            (ClientKind::Company, name, lf.to_string(), "Компании")
        }
        45..=59 => (
            ClientKind::Company,
            format!("{} {}", contact.last, contact.first),
            "ИП".to_string(),
            "Предприниматели",
        ),
        60..=74 => {
            let kind = *rng.pick(&["СОШ", "Лицей", "Гимназия", "ДЮСШ", "Детский сад"]);
            (
                ClientKind::Company,
                format!("{kind} № {}", 1 + rng.below(180)),
                "МБОУ".to_string(),
                "Школы",
            )
        }
        75..=86 => {
            let sport = rng.pick(SPORTS);
            let w = rng.pick(COMPANY_WORDS);
            (
                ClientKind::Company,
                format!("{sport} «{w}»"),
                "АНО".to_string(),
                "Спортивные клубы",
            )
        }
        87..=91 => {
            let org = *rng.pick(&[
                "Администрация района",
                "Управление образования",
                "Дворец культуры",
                "Центр творчества",
            ]);
            (
                ClientKind::Company,
                format!("{org} г. {}", addr.city),
                "МКУ".to_string(),
                "Госучреждения",
            )
        }
        _ => (
            ClientKind::Person,
            format!("{} {} {}", contact.last, contact.first, contact.patronymic),
            String::new(),
            "Частные лица",
        ),
    };
    let inn = match (kind, legal_form.as_str()) {
        (ClientKind::Person, _) => String::new(),
        (_, "ИП") => {
            complete_inn(&format!("66{:08}", rng.below(100_000_000))).unwrap_or_default()
        }
        _ => complete_inn(&format!("66{:07}", rng.below(10_000_000))).unwrap_or_default(),
    };
    let lat_last = latin(&contact.last);
    let email = match kind {
        ClientKind::Person => format!(
            "{}.{}@{}",
            latin(&contact.first),
            lat_last,
            rng.pick(MAIL_DOMAINS)
        ),
        _ if rng.chance(50) => format!("{}{}@{}", lat_last, i % 100, rng.pick(MAIL_DOMAINS)),
        _ => format!("info{}@{}", i, rng.pick(MAIL_DOMAINS)),
    };
    let mut phones = vec![Phone {
        number: phone(rng, area),
        label: String::new(),
    }];
    if rng.chance(30) {
        phones.push(Phone {
            number: phone(rng, area),
            label: "моб.".into(),
        });
    }
    let contacts = if kind == ClientKind::Person || rng.chance(8) {
        vec![]
    } else {
        vec![ContactPerson {
            id: rng.uuid(),
            last: contact.last.clone(),
            first: contact.first.clone(),
            patronymic: contact.patronymic.clone(),
            gender: if rng.chance(85) {
                Some(contact.gender)
            } else {
                None
            },
            position: rng.pick(POSITIONS).to_string(),
            phones: vec![],
            emails: vec![],
        }]
    };
    let mut addresses = vec![];
    if !rng.chance(4) {
        addresses.push(addr);
    }
    let created = now - chrono::Duration::days(200 + rng.below(1200) as i64);
    let mut c = Client {
        id: rng.uuid(),
        kind,
        name,
        legal_form,
        inn,
        kpp: String::new(),
        segments: vec![segment.to_string()],
        addresses,
        phones,
        emails: if rng.chance(90) {
            vec![Email {
                address: email,
                label: String::new(),
            }]
        } else {
            vec![]
        },
        contacts,
        owner: None,
        do_not_contact: if rng.chance(2) {
            Some(DoNotContact {
                reason: "просили не писать".into(),
                since: created,
            })
        } else {
            None
        },
        // English only for a foreign company (see `abroad`); the draw stays, so the rest of the
        // demo is the same company as before.
        language: if rng.chance(2) && segment == "Компании" {
            Lang::En
        } else {
            Lang::Ru
        },
        notes: String::new(),
        corporate: false,
        merged_into: None,
        created_at: created,
        updated_at: created,
        verified_at: if rng.chance(70) {
            Some(now - chrono::Duration::days(rng.below(500) as i64))
        } else {
            None
        },
    };
    if c.language == Lang::En {
        abroad(&mut c, i);
    }
    c
}

pub(super) fn orders_for(
    rng: &mut Rng,
    c: &Client,
    products: &[Product],
    first_day: NaiveDate,
    today: NaiveDate,
    now: Timestamp,
    out: &mut Vec<Order>,
) {
    let span = (today - first_day).num_days().max(1) as usize;
    let n = match rng.below(10) {
        0 => 0,
        1..=4 => 1,
        5..=7 => 2,
        _ => 3 + rng.below(4),
    };
    // Awards are bought for yearly events: a client tends to order around the same date each year.
    let anchor = rng.below(365);
    for k in 0..n {
        let offset = if rng.chance(60) {
            (anchor + 365 * rng.below(4) + rng.below(14)).min(span - 1)
        } else {
            rng.below(span)
        };
        let date = first_day + Days::new(offset as u64);
        let available: Vec<&Product> = products
            .iter()
            .filter(|p| p.introduced_on <= date)
            .collect();
        if available.is_empty() {
            continue;
        }
        let lines = (0..1 + rng.below(3))
            .map(|_| {
                let p = *rng.pick(&available);
                let qty = match p.price_kop {
                    0..=50_000 => 10 + rng.below(200) as u32,
                    _ => 1 + rng.below(12) as u32,
                };
                OrderLine {
                    product: Some(p.id),
                    description: p.name.clone(),
                    qty,
                    price_kop: p.price_kop,
                }
            })
            .collect();
        let _ = k;
        out.push(Order {
            id: rng.uuid(),
            client: c.id,
            date,
            lines,
            source: OrderSource::Sales,
            stage: if (today - date).num_days() < 20 {
                OrderStage::Paid
            } else {
                OrderStage::Closed
            },
            staff: None,
            letter: None,
            updated_at: now.min(Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN))),
        });
    }
}

/// The client base section's daily bread: the same client typed in twice, differently.
pub(super) fn plant_duplicates(rng: &mut Rng, b: &mut Batch, now: Timestamp) {
    let mut planted = Vec::new();
    for k in 0..12 {
        let src = b.clients[(k * 211 + 17) % b.clients.len()].clone();
        let mut d = src.clone();
        d.id = rng.uuid();
        d.owner = None;
        d.created_at = now - chrono::Duration::days(30 + k as i64);
        d.updated_at = d.created_at;
        d.contacts.iter_mut().for_each(|p| p.id = rng.uuid());
        match k % 4 {
            // Quotes and the legal form written out.
            0 => {
                d.name = format!("«{}»", src.name);
                if d.legal_form == "ООО" {
                    d.legal_form = "Общество с ограниченной ответственностью".into();
                }
            }
            // The phone in another format, the e-mail in capitals.
            1 => {
                for p in &mut d.phones {
                    let digits: String = p.number.chars().filter(char::is_ascii_digit).collect();
                    p.number = format!("8{}", &digits[digits.len().saturating_sub(10)..]);
                }
                d.emails
                    .iter_mut()
                    .for_each(|e| e.address = e.address.to_uppercase());
            }
            // A typo in the name.
            2 => {
                let mut chars: Vec<char> = src.name.chars().collect();
                if chars.len() > 4 {
                    chars.swap(2, 3);
                }
                d.name = chars.into_iter().collect();
            }
            // Written in Latin letters.
            _ => d.name = text::latin(&src.name),
        }
        planted.push(d);
    }
    b.clients.extend(planted);
}
