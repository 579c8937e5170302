//! Field checks of records before they are saved, each problem named with the field it belongs to,
//! so a form can show it next to that field and an import can show its path.

use super::contact::*;
use super::model::*;
use super::text::is_blank;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    EmptyName,
    Phone(PhoneProblem),
    Email(EmailProblem),
    Inn(InnProblem),
    /// Nine characters: digits, the fifth and sixth may be capital Latin letters.
    Kpp,
    Postcode(PostcodeProblem),
    ContactWithoutName,
    EmptyDescription,
    ZeroQuantity,
    NegativePrice,
    UnknownClient,
    UnknownProduct,
    UnknownStaff,
    UnknownContact,
    ZeroCapacity,
    EmptyLetterForm,
    /// Negative, or more than any real order (a typo or a hostile file).
    ImplausibleAmount,
}

impl Problem {
    /// English text for logs and the command line; the app translates the variant itself.
    pub fn message(&self) -> &'static str {
        match self {
            Problem::EmptyName => "the name is empty",
            Problem::Phone(PhoneProblem::Empty) => "the phone is empty",
            Problem::Phone(PhoneProblem::BadCharacters) => {
                "a phone may hold only digits, spaces and + ( ) -"
            }
            Problem::Phone(PhoneProblem::TooShort) => {
                "too few digits for a phone (is the city code missing?)"
            }
            Problem::Phone(PhoneProblem::TooLong) => "too many digits for a phone",
            Problem::Email(EmailProblem::Empty) => "the e-mail is empty",
            Problem::Email(EmailProblem::NoAt) => "an e-mail needs an @",
            Problem::Email(EmailProblem::BadLocal) => "the part before @ is not valid",
            Problem::Email(EmailProblem::BadDomain) => "the domain after @ is not valid",
            Problem::Email(EmailProblem::Spaces) => "an e-mail cannot contain spaces",
            Problem::Inn(InnProblem::NotDigits) => "an ИНН has only digits",
            Problem::Inn(InnProblem::Length) => "an ИНН has 10 digits (company) or 12 (person, ИП)",
            Problem::Inn(InnProblem::Checksum) => "the ИНН control digits do not match: a typo?",
            Problem::Kpp => "a КПП has 9 digits",
            Problem::Postcode(PostcodeProblem::NotSixDigits) => "a Russian postcode has 6 digits",
            Problem::ContactWithoutName => "a contact person needs a last or first name",
            Problem::EmptyDescription => "an order line needs a description",
            Problem::ZeroQuantity => "the quantity must be at least 1",
            Problem::NegativePrice => "the price cannot be negative",
            Problem::UnknownClient => "no client with this id",
            Problem::UnknownProduct => "no product with this id",
            Problem::UnknownStaff => "no staff member with this id",
            Problem::UnknownContact => "the client has no contact person with this id",
            Problem::ZeroCapacity => "a salesperson's capacity must be at least 1",
            Problem::EmptyLetterForm => "the letter form is empty",
            Problem::ImplausibleAmount => "the amount is negative or implausibly large",
        }
    }
}

/// A problem and where it is: a path such as `phones[1].number`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub problem: Problem,
}

impl FieldProblem {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        FieldProblem {
            field: field.into(),
            problem,
        }
    }
}

fn phones(prefix: &str, list: &[Phone], out: &mut Vec<FieldProblem>) {
    for (i, p) in list.iter().enumerate() {
        if let Err(e) = normalize_phone(&p.number) {
            out.push(FieldProblem::new(
                format!("{prefix}phones[{i}].number"),
                Problem::Phone(e),
            ));
        }
    }
}

fn emails(prefix: &str, list: &[Email], out: &mut Vec<FieldProblem>) {
    for (i, e) in list.iter().enumerate() {
        if let Err(p) = normalize_email(&e.address) {
            out.push(FieldProblem::new(
                format!("{prefix}emails[{i}].address"),
                Problem::Email(p),
            ));
        }
    }
}

pub fn validate_client(c: &Client) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if is_blank(&c.name) {
        out.push(FieldProblem::new("name", Problem::EmptyName));
    }
    if !c.inn.trim().is_empty() {
        if let Err(e) = check_inn(&c.inn) {
            out.push(FieldProblem::new("inn", Problem::Inn(e)));
        }
    }
    if !c.kpp.trim().is_empty() && crate::dedup::normalize::kpp(&c.kpp).is_none() {
        out.push(FieldProblem::new("kpp", Problem::Kpp));
    }
    phones("", &c.phones, &mut out);
    emails("", &c.emails, &mut out);
    for (i, a) in c.addresses.iter().enumerate() {
        if let Err(e) = check_postcode(&a.postcode) {
            out.push(FieldProblem::new(
                format!("addresses[{i}].postcode"),
                Problem::Postcode(e),
            ));
        }
    }
    for (i, p) in c.contacts.iter().enumerate() {
        let prefix = format!("contacts[{i}].");
        if is_blank(&p.last) && is_blank(&p.first) {
            out.push(FieldProblem::new(
                format!("{prefix}last"),
                Problem::ContactWithoutName,
            ));
        }
        phones(&prefix, &p.phones, &mut out);
        emails(&prefix, &p.emails, &mut out);
    }
    out
}

pub fn validate_order(o: &Order) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    for (i, l) in o.lines.iter().enumerate() {
        if is_blank(&l.description) {
            out.push(FieldProblem::new(
                format!("lines[{i}].description"),
                Problem::EmptyDescription,
            ));
        }
        if l.qty == 0 {
            out.push(FieldProblem::new(
                format!("lines[{i}].qty"),
                Problem::ZeroQuantity,
            ));
        }
        if l.price_kop < 0 {
            out.push(FieldProblem::new(
                format!("lines[{i}].price_kop"),
                Problem::NegativePrice,
            ));
        }
    }
    out
}

pub fn validate_product(p: &Product) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if is_blank(&p.name) {
        out.push(FieldProblem::new("name", Problem::EmptyName));
    }
    if p.letter_form.trim().is_empty() {
        out.push(FieldProblem::new("letter_form", Problem::EmptyLetterForm));
    }
    if p.price_kop < 0 {
        out.push(FieldProblem::new("price_kop", Problem::NegativePrice));
    }
    out
}

pub fn validate_staff(s: &Staff) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if is_blank(&s.name) {
        out.push(FieldProblem::new("name", Problem::EmptyName));
    }
    if s.role == Role::Salesperson && s.capacity == 0 {
        out.push(FieldProblem::new("capacity", Problem::ZeroCapacity));
    }
    if !s.email.trim().is_empty() {
        if let Err(e) = normalize_email(&s.email) {
            out.push(FieldProblem::new("email", Problem::Email(e)));
        }
    }
    if !s.phone.trim().is_empty() {
        if let Err(e) = normalize_phone(&s.phone) {
            out.push(FieldProblem::new("phone", Problem::Phone(e)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use uuid::Uuid;

    fn client() -> Client {
        let t = chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        Client {
            id: Uuid::from_u128(1),
            kind: ClientKind::Company,
            name: "Ромашка".into(),
            legal_form: "ООО".into(),
            inn: "7707083893".into(),
            kpp: String::new(),
            segments: vec![],
            addresses: vec![Address {
                postcode: "620014".into(),
                ..Address::default()
            }],
            phones: vec![Phone {
                number: "8 (912) 345-67-89".into(),
                label: String::new(),
            }],
            emails: vec![Email {
                address: "info@romashka.ru".into(),
                label: String::new(),
            }],
            contacts: vec![],
            owner: None,
            do_not_contact: None,
            language: Lang::Ru,
            notes: String::new(),
            corporate: false,
            merged_into: None,
            created_at: t,
            updated_at: t,
            verified_at: None,
        }
    }

    #[test]
    fn a_good_client_has_no_problems() {
        assert!(validate_client(&client()).is_empty());
    }

    #[test]
    fn each_bad_field_is_named_with_its_path() {
        let mut c = client();
        c.name = "  ".into();
        c.inn = "7707083894".into();
        c.kpp = "77070100".into();
        c.phones.push(Phone {
            number: "12-34".into(),
            label: String::new(),
        });
        c.emails[0].address = "info.romashka.ru".into();
        c.addresses[0].postcode = "6200".into();
        c.contacts.push(ContactPerson {
            id: Uuid::from_u128(2),
            last: String::new(),
            first: String::new(),
            patronymic: String::new(),
            gender: None,
            position: "бухгалтер".into(),
            phones: vec![Phone {
                number: "abc".into(),
                label: String::new(),
            }],
            emails: vec![],
        });
        let got: Vec<(String, Problem)> = validate_client(&c)
            .into_iter()
            .map(|p| (p.field, p.problem))
            .collect();
        assert_eq!(
            got,
            vec![
                ("name".to_string(), Problem::EmptyName),
                ("inn".into(), Problem::Inn(InnProblem::Checksum)),
                ("kpp".into(), Problem::Kpp),
                (
                    "phones[1].number".into(),
                    Problem::Phone(PhoneProblem::TooShort)
                ),
                (
                    "emails[0].address".into(),
                    Problem::Email(EmailProblem::NoAt)
                ),
                (
                    "addresses[0].postcode".into(),
                    Problem::Postcode(PostcodeProblem::NotSixDigits)
                ),
                ("contacts[0].last".into(), Problem::ContactWithoutName),
                (
                    "contacts[0].phones[0].number".into(),
                    Problem::Phone(PhoneProblem::BadCharacters)
                ),
            ]
        );
    }

    #[test]
    fn order_lines_are_checked() {
        let t = chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let o = Order {
            id: Uuid::from_u128(3),
            client: Uuid::from_u128(1),
            date: t.date_naive(),
            lines: vec![OrderLine {
                product: None,
                description: "".into(),
                qty: 0,
                price_kop: -1,
            }],
            source: OrderSource::Sales,
            stage: OrderStage::Closed,
            staff: None,
            letter: None,
            updated_at: t,
        };
        let fields: Vec<String> = validate_order(&o).into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["lines[0].description", "lines[0].qty", "lines[0].price_kop"]
        );
    }
}
