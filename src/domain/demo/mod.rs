//! The demo company: an awards maker with ~3,000 clients, six salespeople, a catalogue introduced
//! over the years and four years of orders, so a newcomer sees the product working at once.
//! Deterministic: the same `today` gives the same base, in the app and in `pismo-cli demo`.

mod names;

use chrono::{Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use uuid::Uuid;

use super::base::Batch;
use super::contact::complete_inn;
use super::model::*;
use super::settings::Settings;
use super::text;
use names::*;

pub const CLIENTS: usize = 3000;

/// SplitMix64: small, fast and the same on every platform, which is all a demo needs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// A version-4 UUID from the generator's bits.
    pub fn uuid(&mut self) -> Uuid {
        let hi = u128::from(self.next_u64()) << 64;
        let bytes = (hi | u128::from(self.next_u64())).to_be_bytes();
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

fn feminine(surname: &str) -> String {
    if let Some(stem) = surname.strip_suffix("ий") {
        format!("{stem}ая")
    } else if surname.ends_with("ов")
        || surname.ends_with("ев")
        || surname.ends_with("ёв")
        || surname.ends_with("ин")
    {
        format!("{surname}а")
    } else {
        surname.to_string()
    }
}

struct Person {
    last: String,
    first: String,
    patronymic: String,
    gender: Gender,
}

fn person(rng: &mut Rng) -> Person {
    let male = rng.chance(50);
    let surname = *rng.pick(SURNAMES);
    if male {
        Person {
            last: surname.to_string(),
            first: rng.pick(MALE_FIRST).to_string(),
            patronymic: rng.pick(PATRONYMIC_MALE).to_string(),
            gender: Gender::Male,
        }
    } else {
        Person {
            last: feminine(surname),
            first: rng.pick(FEMALE_FIRST).to_string(),
            patronymic: rng.pick(PATRONYMIC_FEMALE).to_string(),
            gender: Gender::Female,
        }
    }
}

/// A phone written the way people write them: in one of several formats.
fn phone(rng: &mut Rng, area: &str) -> String {
    let mobile = rng.chance(55);
    let (code, rest_len) = if mobile {
        (format!("9{:02}", rng.below(100)), 7)
    } else {
        (area.to_string(), 10 - area.len())
    };
    let rest: String = (0..rest_len)
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect();
    let n = format!("{code}{rest}");
    match rng.below(5) {
        0 => format!("+7 {} {}-{}-{}", &n[..3], &n[3..6], &n[6..8], &n[8..]),
        1 => format!("8 ({}) {}", &n[..3], &n[3..]),
        2 => n,
        3 => format!("8-{}-{}-{}-{}", &n[..3], &n[3..6], &n[6..8], &n[8..]),
        _ => format!("+7({}){}{}", &n[..3], &n[3..6], &n[6..]),
    }
}

fn latin(s: &str) -> String {
    text::latin(&s.to_lowercase())
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

fn address(rng: &mut Rng) -> (Address, &'static str) {
    let (city, region, post, area) = *rng.pick(CITIES);
    let street = format!(
        "{}, д. {}{}",
        rng.pick(STREETS),
        1 + rng.below(120),
        if rng.chance(40) {
            format!(", оф. {}", 1 + rng.below(400))
        } else {
            String::new()
        }
    );
    let a = Address {
        kind: AddressKind::Postal,
        postcode: format!("{post}{:03}", rng.below(1000)),
        region: region.to_string(),
        city: city.to_string(),
        street,
        returned: false,
    };
    (a, area)
}

pub fn settings() -> Settings {
    Settings {
        company: "Лавровый венец".into(),
        sender_name: "Иван Петров".into(),
        sender_title: "менеджер по работе с постоянными клиентами".into(),
        signature: "Иван Петров\nменеджер по работе с постоянными клиентами\nООО «Лавровый венец»\n+7 (343) 222-33-44, letters@lavr-venets.ru".into(),
        ..Settings::default()
    }
}

/// The demo base as of `today`.
pub fn generate(today: NaiveDate) -> (Settings, Batch) {
    generate_sized(today, CLIENTS)
}

/// The same company with `clients` clients: the benchmarks use 10,000 and 100,000.
pub fn generate_sized(today: NaiveDate, clients: usize) -> (Settings, Batch) {
    let mut rng = Rng::new(0x5049_534D_4F00 ^ clients as u64);
    let now = Utc
        .from_utc_datetime(&today.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default()));
    let mut b = Batch::default();

    for (name, role) in STAFF {
        let role = match *role {
            "salesperson" => Role::Salesperson,
            "account_manager" => Role::AccountManager,
            "letter_writer" => Role::LetterWriter,
            _ => Role::BaseKeeper,
        };
        let last = name.rsplit(' ').next().unwrap_or(name);
        b.staff.push(Staff {
            id: rng.uuid(),
            name: name.to_string(),
            role,
            capacity: if role == Role::Salesperson || role == Role::AccountManager {
                50
            } else {
                0
            },
            email: format!("{}@lavr-venets.ru", latin(last)),
            phone: format!("+7 343 222-33-{:02}", 40 + b.staff.len()),
            active: true,
            updated_at: now,
        });
    }
    let sellers: Vec<Id> = b
        .staff
        .iter()
        .filter(|s| s.role == Role::Salesperson)
        .map(|s| s.id)
        .collect();
    let account_manager = b
        .staff
        .iter()
        .find(|s| s.role == Role::AccountManager)
        .map(|s| s.id);

    let years_back = today.year() - 4;
    for (name, letter_form, category, year, price) in PRODUCTS {
        // Products of the last four years get a date inside their year so "new since" varies.
        let introduced =
            NaiveDate::from_ymd_opt(*year, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
                .unwrap_or(today)
                .min(today);
        let introduced = if *year > today.year() {
            today
        } else {
            introduced
        };
        let _ = years_back;
        b.products.push(Product {
            id: rng.uuid(),
            name: name.to_string(),
            letter_form: letter_form.to_string(),
            letter_form_en: String::new(),
            category: category.to_string(),
            introduced_on: introduced,
            price_kop: price * 100,
            discontinued: false,
            updated_at: now,
        });
    }

    let first_day = today.checked_sub_days(Days::new(4 * 365)).unwrap_or(today);
    for i in 0..clients {
        let c = client(&mut rng, i, now);
        orders_for(
            &mut rng,
            &c,
            &b.products,
            first_day,
            today,
            now,
            &mut b.orders,
        );
        b.clients.push(c);
    }

    // Six salespeople work about 50 clients each; the account manager has the big accounts.
    let mut owned = 0;
    for (i, c) in b.clients.iter_mut().enumerate() {
        if c.kind == ClientKind::Company && i % 9 == 0 && owned < sellers.len() * 50 {
            c.owner = Some(sellers[owned % sellers.len()]);
            owned += 1;
        } else if c.kind == ClientKind::Company && i % 97 == 5 {
            c.owner = account_manager;
        }
    }
    plant_duplicates(&mut rng, &mut b, now);
    (settings(), b)
}

fn client(rng: &mut Rng, i: usize, now: Timestamp) -> Client {
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
    Client {
        id: rng.uuid(),
        kind,
        name,
        legal_form,
        inn,
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
        language: if rng.chance(2) { Lang::En } else { Lang::Ru },
        notes: String::new(),
        merged_into: None,
        created_at: created,
        updated_at: created,
        verified_at: if rng.chance(70) {
            Some(now - chrono::Duration::days(rng.below(500) as i64))
        } else {
            None
        },
    }
}

fn orders_for(
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
fn plant_duplicates(rng: &mut Rng, b: &mut Batch, now: Timestamp) {
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

#[cfg(test)]
mod tests;
