//! A base of private persons known only by name and postal address, as an old base holds them: no
//! phone, e-mail or ИНН. Copies have a typo or two in the name and in the address, first and last
//! names swapped, the patronymic left out or cut to an initial, the street's type written another
//! way, words joined, the flat or the city left out — and, now and then, a house number mistyped.
//! Namesakes are many (a few hundred surnames, forty first names): only the address tells them apart.

use chrono::{TimeZone, Utc};

use super::{shuffle, typo, TestBase};
use crate::demo::feminine;
use crate::demo::names::*;
use crate::demo::Rng;
use crate::model::*;
use crate::text::latin;

struct Person {
    last: String,
    first: String,
    patronymic: String,
    city: &'static str,
    region: &'static str,
    postcode: String,
    street: &'static str,
    house: usize,
    flat: Option<usize>,
}

fn person(rng: &mut Rng) -> Person {
    let male = rng.chance(50);
    let surname = *rng.pick(SURNAMES);
    let (city, region, post, _) = *rng.pick(CITIES);
    Person {
        last: if male {
            surname.to_string()
        } else {
            feminine(surname)
        },
        first: rng
            .pick(if male { MALE_FIRST } else { FEMALE_FIRST })
            .to_string(),
        patronymic: rng
            .pick(if male {
                PATRONYMIC_MALE
            } else {
                PATRONYMIC_FEMALE
            })
            .to_string(),
        city,
        region,
        postcode: if rng.chance(70) {
            format!("{post}{:03}", rng.below(1000))
        } else {
            String::new()
        },
        street: rng.pick::<&str>(STREETS),
        house: 1 + rng.below(120),
        flat: rng.chance(80).then(|| 1 + rng.below(250)),
    }
}

fn initial(s: &str) -> String {
    s.chars()
        .next()
        .map(|c| format!("{c}."))
        .unwrap_or_default()
}

/// The name as a copy writes it: one or two changes.
fn written_name(rng: &mut Rng, p: &Person) -> String {
    let (mut last, mut first, mut patr) = (p.last.clone(), p.first.clone(), p.patronymic.clone());
    let mut order = 0;
    for _ in 0..1 + rng.below(2) {
        match rng.below(7) {
            0 => last = typo(rng, &last),
            1 => first = typo(rng, &first),
            2 => patr = typo(rng, &patr),
            3 => order = 1 + rng.below(3),
            4 => patr.clear(),
            5 => {
                first = initial(&first);
                patr = if rng.chance(70) {
                    initial(&patr)
                } else {
                    String::new()
                };
            }
            _ => {
                last = last.replace('ё', "е");
                first = first.replace('ё', "е");
                if rng.chance(30) {
                    last = last.to_uppercase();
                }
            }
        }
    }
    let words: Vec<&str> = match order {
        1 => vec![&first, &patr, &last],
        2 => vec![&first, &last],
        3 => vec![&first, &last, &patr],
        _ => vec![&last, &first, &patr],
    };
    let name = words
        .into_iter()
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if rng.chance(5) {
        latin(&name)
    } else {
        name
    }
}

fn street_line(street: &str, house: &str, flat: Option<String>, style: usize) -> String {
    let flat = flat.unwrap_or_default();
    match (style, flat.is_empty()) {
        (0, true) => format!("{street}, д. {house}"),
        (0, false) => format!("{street}, д. {house}, кв. {flat}"),
        (1, true) => format!("{street} {house}"),
        (1, false) => format!("{street}, {house}, {flat}"),
        (_, true) => format!("{street} дом {house}"),
        (_, false) => format!("{street} д.{house} кв.{flat}"),
    }
}

/// The address as a copy writes it: one or two changes.
fn written_address(rng: &mut Rng, p: &Person) -> Address {
    let mut street = p.street.to_string();
    let mut house = p.house.to_string();
    let mut flat = p.flat.map(|f| f.to_string());
    let mut city = p.city.to_string();
    let mut postcode = p.postcode.clone();
    let mut region = p.region.to_string();
    let mut style = 0;
    for _ in 0..1 + rng.below(2) {
        match rng.below(8) {
            0 => street = typo(rng, &street),
            1 => {
                street = street
                    .replace("ул. ", ["улица ", "", "ул."][rng.below(3)])
                    .replace("пр-т ", ["проспект ", "пр. ", "просп. "][rng.below(3)])
                    .replace("пер. ", "переулок ")
            }
            2 => style = 1 + rng.below(2),
            3 => flat = None,
            4 => {
                city = match rng.below(3) {
                    0 => typo(rng, &city),
                    1 => format!("г. {city}"),
                    _ => String::new(),
                }
            }
            5 => {
                postcode.clear();
                region.clear();
            }
            6 if street.contains("Карла Маркса") => {
                street = street.replace("Карла ", "Карла")
            }
            6 => street = street.to_lowercase(),
            _ if rng.chance(30) => {
                // A mistyped house number: a human still sees the same house.
                house = if house.len() > 1 {
                    house.chars().rev().collect()
                } else {
                    format!("{house}{house}")
                }
            }
            _ => street = typo(rng, &street),
        }
    }
    Address {
        kind: AddressKind::Postal,
        postcode,
        region,
        city,
        street: street_line(&street, &house, flat, style),
        returned: false,
    }
}

fn client(rng: &mut Rng, id: Id, name: String, address: Address) -> Client {
    let created = Utc
        .with_ymd_and_hms(2020, 1, 1, 9, 0, 0)
        .single()
        .unwrap_or_default();
    Client {
        kind: ClientKind::Person,
        segments: vec!["Частные лица".into()],
        addresses: vec![address],
        verified_at: rng.chance(10).then_some(created),
        ..Client::named(id, &name, created)
    }
}

/// `n` persons (about), `dup_share` percent of them with one or two corrupted copies.
pub fn generate(n: usize, dup_share: u64, seed: u64) -> TestBase {
    let mut rng = Rng::new(seed);
    let mut clients = Vec::with_capacity(n + n / 5);
    let mut truth = Vec::new();
    for _ in 0..n {
        let p = person(&mut rng);
        let id = rng.uuid();
        let line = street_line(
            p.street,
            &p.house.to_string(),
            p.flat.map(|f| f.to_string()),
            0,
        );
        let original = Address {
            kind: AddressKind::Postal,
            postcode: p.postcode.clone(),
            region: p.region.to_string(),
            city: p.city.to_string(),
            street: line,
            returned: false,
        };
        let name = format!("{} {} {}", p.last, p.first, p.patronymic);
        clients.push(client(&mut rng, id, name, original));
        if !rng.chance(dup_share) {
            continue;
        }
        let mut group = vec![id];
        for _ in 0..1 + usize::from(rng.chance(25)) {
            let copy = rng.uuid();
            let (name, address) = (written_name(&mut rng, &p), written_address(&mut rng, &p));
            clients.push(client(&mut rng, copy, name, address));
            group.push(copy);
        }
        truth.push(group);
    }
    shuffle(&mut rng, &mut clients);
    TestBase { clients, truth }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persons_have_only_a_name_and_an_address_and_copies_differ() {
        let tb = generate(1000, 10, 3);
        assert!(tb.truth.len() > 60, "{}", tb.truth.len());
        let by_id: std::collections::HashMap<Id, &Client> =
            tb.clients.iter().map(|c| (c.id, c)).collect();
        for c in &tb.clients {
            assert!(c.phones.is_empty() && c.emails.is_empty() && c.inn.is_empty());
            assert_eq!(c.addresses.len(), 1);
        }
        for g in &tb.truth {
            let a = by_id[&g[0]];
            for id in &g[1..] {
                let b = by_id[id];
                assert!(a.name != b.name || a.addresses != b.addresses, "{}", a.name);
            }
        }
    }
}
