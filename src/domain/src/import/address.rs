//! One address field as 1C and Excel files often hold it, «656965, Алтайский край, г. Барнаул,
//! ул. Попова, д. 12», split into postcode, region, city and the street line; an envelope and
//! the duplicate search need them apart.

use crate::model::Address;

const REGION: [&str; 9] = [
    "край",
    "обл",
    "обл.",
    "область",
    "респ",
    "респ.",
    "республика",
    "ао",
    "округ",
];
const CITY_BEFORE: [&str; 7] = ["г.", "г", "город", "пгт", "пгт.", "пос.", "с."];
const STREET: [&str; 22] = [
    "ул",
    "ул.",
    "улица",
    "пр",
    "пр.",
    "пр-т",
    "просп.",
    "проспект",
    "пер",
    "пер.",
    "переулок",
    "ш.",
    "шоссе",
    "наб.",
    "набережная",
    "пл.",
    "площадь",
    "б-р",
    "бульвар",
    "мкр",
    "мкр.",
    "д.",
];

fn words(part: &str) -> Vec<String> {
    part.split_whitespace().map(crate::text::fold).collect()
}

/// The city's name if the part is marked as one («г. Барнаул», «Барнаул г», «город Барнаул»).
fn marked_city(part: &str) -> Option<String> {
    let w: Vec<&str> = part.split_whitespace().collect();
    let lower = words(part);
    if w.len() >= 2 && CITY_BEFORE.contains(&lower[0].as_str()) {
        return Some(w[1..].join(" "));
    }
    // «г.Барнаул» written together.
    if let Some(rest) = part
        .strip_prefix("г.")
        .filter(|r| !r.starts_with(' ') && !r.is_empty())
    {
        return Some(rest.trim().to_string());
    }
    if w.len() >= 2 && matches!(lower[w.len() - 1].as_str(), "г" | "г.") {
        return Some(w[..w.len() - 1].join(" "));
    }
    None
}

fn is_region(part: &str) -> bool {
    words(part).iter().any(|w| REGION.contains(&w.as_str()))
}

fn is_street_or_house(part: &str) -> bool {
    part.chars().any(|c| c.is_ascii_digit())
        || words(part).iter().any(|w| STREET.contains(&w.as_str()))
}

/// Splits a combined address; the parts it cannot place stay in the street line, in order, so
/// nothing of what the file says is lost.
pub fn split(text: &str) -> Address {
    let mut a = Address::default();
    let mut rest: Vec<&str> = Vec::new();
    for (i, part) in text.split([',', '\n']).map(str::trim).enumerate() {
        if part.is_empty() {
            continue;
        }
        let digits = part.chars().all(|c| c.is_ascii_digit());
        // A postcode of five or seven digits is still one (a typo the postcode check reports).
        if i == 0 && digits && (5..=7).contains(&part.len()) {
            a.postcode = part.to_string();
        } else if a.city.is_empty() && rest.is_empty() && is_region(part) && a.region.is_empty() {
            a.region = part.to_string();
        } else if let Some(city) = marked_city(part).filter(|_| a.city.is_empty()) {
            a.city = city;
        } else {
            rest.push(part);
        }
    }
    // Unmarked, the first part before the street is the city: «620014, Екатеринбург, ул. …».
    if a.city.is_empty() && !rest.is_empty() && !is_street_or_house(rest[0]) {
        a.city = rest.remove(0).to_string();
    }
    a.street = rest.join(", ");
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(a: &Address) -> [&str; 4] {
        [&a.postcode, &a.region, &a.city, &a.street]
    }

    #[test]
    fn a_1c_address_is_split_into_its_parts() {
        let a = split("656965, Алтайский край, г. Барнаул, ул. Попова, д. 12, кв. 5");
        assert_eq!(
            parts(&a),
            [
                "656965",
                "Алтайский край",
                "Барнаул",
                "ул. Попова, д. 12, кв. 5"
            ]
        );
        let a = split("656965,Алтайский край,,Барнаул г,,Попова ул,д. 12,,");
        assert_eq!(
            parts(&a),
            ["656965", "Алтайский край", "Барнаул", "Попова ул, д. 12"]
        );
        let a = split("620014, Екатеринбург,\nул. Малышева, 5");
        assert_eq!(parts(&a), ["620014", "", "Екатеринбург", "ул. Малышева, 5"]);
        let a = split("г.Тверь, пр-т Чайковского, 19");
        assert_eq!(parts(&a), ["", "", "Тверь", "пр-т Чайковского, 19"]);
    }

    #[test]
    fn what_cannot_be_placed_stays_in_the_street_line() {
        assert_eq!(
            parts(&split("ул. Ленина, 1")),
            ["", "", "", "ул. Ленина, 1"]
        );
        assert_eq!(parts(&split("Москва")), ["", "", "Москва", ""]);
        assert_eq!(
            parts(&split("12345, Тверь, ул. Мира, 2")),
            ["12345", "", "Тверь", "ул. Мира, 2"]
        );
        assert_eq!(parts(&split("Тверская 5")), ["", "", "", "Тверская 5"]);
    }
}
