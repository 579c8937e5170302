//! The demo company: an awards maker with ~3,000 clients, six salespeople, a catalogue introduced
//! over the years and four years of orders, so a newcomer sees the product working at once.
//! Deterministic: the same `today` gives the same base, in the app and in `pismo-cli demo`.

mod clients;
mod letters;
pub(crate) mod names;
mod sales;

use clients::{client, orders_for, plant_duplicates};

use chrono::{Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use uuid::Uuid;

use super::base::Batch;
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

pub(crate) fn feminine(surname: &str) -> String {
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
        sender_email: "letters@lavr-venets.ru".into(),
        sender_title: "менеджер по работе с постоянными клиентами".into(),
        signature: "Иван Петров\nменеджер по работе с постоянными клиентами\nООО «Лавровый венец»\n+7 (343) 222-33-44, letters@lavr-venets.ru".into(),
        company_en: "Lavrovy Venets".into(),
        sender_name_en: "Ivan Petrov".into(),
        sender_title_en: "regular clients manager".into(),
        return_address: "ул. Малышева, 51, офис 405\nг. Екатеринбург\n620014".into(),
        signature_en: "Ivan Petrov\nRegular clients manager\nLavrovy Venets LLC\n+7 (343) 222-33-44, letters@lavr-venets.ru".into(),
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
            "director" => Role::Director,
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
    for (name, letter_form, letter_form_en, category, year, price) in PRODUCTS {
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
            letter_form_en: letter_form_en.to_string(),
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

    // Six salespeople work 44–48 clients each (capacity 50: the letters' hand-offs fill them up);
    // the account manager has the big accounts.
    const BOOKS: [usize; 6] = [46, 48, 45, 47, 45, 44];
    let mut books = vec![0usize; sellers.len()];
    let mut turn = 0;
    for (i, c) in b.clients.iter_mut().enumerate() {
        let open = (0..sellers.len())
            .map(|k| (turn + k) % sellers.len())
            .find(|k| books[*k] < BOOKS[*k % BOOKS.len()]);
        if let (true, Some(k)) = (c.kind == ClientKind::Company && i % 9 == 0, open) {
            c.owner = Some(sellers[k]);
            books[k] += 1;
            turn = k + 1;
        } else if c.kind == ClientKind::Company && i % 97 == 5 {
            c.owner = account_manager;
        }
    }
    // A salesperson's clients' orders are that salesperson's sales.
    let owners: std::collections::HashMap<Id, Id> = b
        .clients
        .iter()
        .filter_map(|c| c.owner.filter(|o| sellers.contains(o)).map(|o| (c.id, o)))
        .collect();
    for o in &mut b.orders {
        o.staff = owners.get(&o.client).copied();
    }
    plant_duplicates(&mut rng, &mut b, now);
    let settings = settings();
    letters::letter_history(&mut rng, &mut b, &settings, today, now);
    sales::sales_history(&mut rng, &mut b, &settings, today);
    (settings, b)
}

#[cfg(test)]
mod tests;
