use std::collections::HashSet;

use chrono::{TimeZone, Utc};
use uuid::Uuid;

use super::csv::{export, neutralise, Encoding};
use super::*;
use crate::base::Batch;

fn at() -> Timestamp {
    Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap()
}

fn address(city: &str, street: &str) -> Address {
    Address {
        kind: AddressKind::Postal,
        postcode: "620014".into(),
        region: "Свердловская обл.".into(),
        city: city.into(),
        street: street.into(),
        returned: false,
    }
}

fn client(n: u128, name: &str, segment: &str, city: &str, street: &str) -> Client {
    Client {
        segments: vec![segment.into()],
        addresses: vec![address(city, street)],
        ..Client::named(Uuid::from_u128(n), name, at())
    }
}

fn base(clients: Vec<Client>, staff: Vec<Staff>) -> Base {
    Base::from_batch(&Batch {
        clients,
        staff,
        ..Batch::default()
    })
}

fn seller(n: u128) -> Staff {
    Staff {
        id: Uuid::from_u128(n),
        name: "Петрова Анна".into(),
        role: Role::Salesperson,
        capacity: 50,
        email: String::new(),
        phone: String::new(),
        active: true,
        updated_at: at(),
    }
}

fn names(s: &Selection) -> Vec<&str> {
    s.rows.iter().map(|r| r.recipient.as_str()).collect()
}

#[test]
fn a_segment_list_takes_its_clients_in_name_order_and_says_who_was_left_out() {
    let mut dnc = client(3, "Вектор", "school", "Екатеринбург", "ул. Мира, 1");
    dnc.do_not_contact = Some(DoNotContact {
        reason: "просили не писать".into(),
        since: at(),
    });
    let mut returned = client(4, "Гамма", "school", "Екатеринбург", "ул. Мира, 2");
    returned.addresses[0].returned = true;
    let b = base(
        vec![
            client(1, "Школа № 5", "school", "Екатеринбург", "ул. Ленина, д. 5"),
            client(2, "Альфа", "school", "Пермь", "ул. Мира, 3"),
            dnc,
            returned,
            client(5, "Клуб", "sport", "Екатеринбург", "ул. Мира, 4"),
            // The same address written another way: one envelope, not two.
            client(
                6,
                "Школа № 5 (бухгалтерия)",
                "school",
                "г. Екатеринбург",
                "улица Ленина дом 5",
            ),
        ],
        vec![],
    );
    let f = ListFilter {
        segments: vec!["school".into()],
        ..ListFilter::default()
    };
    let s = select(&b, &f, &HashSet::new());
    assert_eq!(names(&s), ["Альфа", "Школа № 5"]);
    assert_eq!(
        s.left,
        [
            (Left::DoNotContact, 1),
            (Left::NoAddress, 1),
            (Left::SameAddress, 1)
        ]
    );
    assert_eq!(s.rows[1].street, "ул. Ленина, д. 5");
    assert_eq!(s.rows[1].postcode, "620014");
}

#[test]
fn place_owner_kind_and_pending_merges_narrow_the_list() {
    let mut owned = client(2, "Бета", "school", "Пермь", "ул. Мира, 3");
    owned.owner = Some(Uuid::from_u128(100));
    let mut person = client(3, "Иванов Иван", "private", "Пермь", "ул. Мира, 9");
    person.kind = ClientKind::Person;
    let b = base(
        vec![
            client(1, "Альфа", "school", "Екатеринбург", "ул. Мира, 1"),
            owned,
            person,
            client(4, "Дельта", "school", "Пермь", "ул. Мира, 4"),
        ],
        vec![seller(100)],
    );
    let in_perm = |owner| ListFilter {
        place: "пермь".into(),
        owner,
        ..ListFilter::default()
    };
    let none = HashSet::new();
    assert_eq!(
        names(&select(&b, &in_perm(OwnerFilter::Any), &none)),
        ["Бета", "Дельта", "Иванов Иван"]
    );
    assert_eq!(
        names(&select(&b, &in_perm(OwnerFilter::Nobody), &none)),
        ["Дельта", "Иванов Иван"]
    );
    assert_eq!(
        names(&select(&b, &in_perm(OwnerFilter::Owned), &none)),
        ["Бета"]
    );
    assert_eq!(
        names(&select(
            &b,
            &in_perm(OwnerFilter::Staff(Uuid::from_u128(100))),
            &none
        )),
        ["Бета"]
    );
    let persons = ListFilter {
        kind: Some(ClientKind::Person),
        ..ListFilter::default()
    };
    assert_eq!(names(&select(&b, &persons, &none)), ["Иванов Иван"]);
    // A region matches as well as a city.
    let region = ListFilter {
        place: "СВЕРДЛОВСКАЯ".into(),
        ..ListFilter::default()
    };
    assert_eq!(select(&b, &region, &none).rows.len(), 4);
    let pending: HashSet<Id> = [Uuid::from_u128(4)].into();
    let s = select(&b, &in_perm(OwnerFilter::Nobody), &pending);
    assert_eq!(names(&s), ["Иванов Иван"]);
    assert_eq!(s.left, [(Left::PendingMerge, 1)]);
}

#[test]
fn an_email_list_takes_each_address_once_and_can_require_a_postal_address_too() {
    let mut a = client(1, "Альфа", "school", "Пермь", "ул. Мира, 1");
    a.emails = vec![Email {
        address: " Info@Alfa.ru ".into(),
        label: String::new(),
    }];
    let mut b2 = client(2, "Альфа-2", "school", "Пермь", "ул. Мира, 2");
    b2.emails = vec![Email {
        address: "info@alfa.ru".into(),
        label: String::new(),
    }];
    let mut c = Client::named(Uuid::from_u128(3), "Гамма", at());
    c.emails = vec![Email {
        address: "gamma@mail.ru".into(),
        label: String::new(),
    }];
    let d = client(4, "Дельта", "school", "Пермь", "ул. Мира, 4");
    let b = base(vec![a, b2, c, d], vec![]);
    let f = ListFilter {
        channel: ListChannel::Email,
        ..ListFilter::default()
    };
    let s = select(&b, &f, &HashSet::new());
    assert_eq!(names(&s), ["Альфа", "Гамма"]);
    assert_eq!(s.rows[0].email, "info@alfa.ru");
    assert_eq!(s.left, [(Left::NoAddress, 1), (Left::SameAddress, 1)]);
    let both = ListFilter {
        also_other: true,
        ..f
    };
    assert_eq!(names(&select(&b, &both, &HashSet::new())), ["Альфа"]);
}

#[test]
fn formulas_are_neutralised_and_plain_text_is_not() {
    assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    assert_eq!(neutralise("+7 912"), "'+7 912");
    assert_eq!(neutralise("-1"), "'-1");
    assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(neutralise("ООО «Ромашка»"), "ООО «Ромашка»");
    assert_eq!(neutralise("a=b"), "a=b");
    // Excel skips a leading line break before it looks for a formula.
    assert_eq!(neutralise("\n=1+1"), "'\n=1+1");
}

fn row(recipient: &str, street: &str) -> ListRow {
    ListRow {
        client: Uuid::from_u128(1),
        recipient: recipient.into(),
        contact: "Иванов Иван Иванович".into(),
        postcode: "620014".into(),
        region: String::new(),
        city: "Екатеринбург".into(),
        street: street.into(),
        email: String::new(),
        segments: "school".into(),
    }
}

#[test]
fn the_csv_opens_in_excel_in_either_encoding() {
    let rows = [
        row("=cmd|' /C calc'!A0", "ул. Мира; д. 1"),
        row("ООО «Ёлка»", "пр-т \"Ленина\", 5\nофис 2"),
    ];
    let utf8 = export(&rows, Lang::Ru, Encoding::Utf8Bom);
    assert_eq!(&utf8.bytes[..3], &[0xEF, 0xBB, 0xBF]);
    let text = std::str::from_utf8(&utf8.bytes[3..]).unwrap();
    let mut r = ::csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let head = r.headers().unwrap().clone();
    assert_eq!(&head[0], "Получатель");
    let read: Vec<::csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(read.len(), 2);
    assert_eq!(&read[0][0], "'=cmd|' /C calc'!A0");
    assert_eq!(
        &read[0][5], "ул. Мира; д. 1",
        "a `;` inside a cell is quoted"
    );
    assert_eq!(&read[1][5], "пр-т \"Ленина\", 5\nофис 2");
    assert!(text.contains("\r\n"), "Windows line ends");

    let cp = export(&rows, Lang::Ru, Encoding::Windows1251);
    assert_eq!(cp.replaced, 0);
    let (decoded, _, bad) = encoding_rs::WINDOWS_1251.decode(&cp.bytes);
    assert!(!bad);
    assert_eq!(decoded, text);
    // «Ё» and the guillemets exist in Windows-1251; a Chinese name does not.
    let odd = export(&[row("北京 Trading", "x")], Lang::En, Encoding::Windows1251);
    assert_eq!(odd.replaced, 2);
    assert!(odd.bytes.starts_with(b"Recipient;"));
}

#[test]
fn the_demo_gives_a_school_list_without_do_not_contact_clients() {
    let (_, data) =
        crate::demo::generate_sized(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 600);
    let b = Base::from_batch(&data);
    let segs = segments(&b);
    assert!(segs.len() >= 5, "{segs:?}");
    let seg = segs[0].clone();
    let s = select(
        &b,
        &ListFilter {
            segments: vec![seg.clone()],
            ..ListFilter::default()
        },
        &HashSet::new(),
    );
    assert!(!s.rows.is_empty());
    for r in &s.rows {
        let c = b.clients.get(&r.client).unwrap();
        assert!(c.segments.contains(&seg));
        assert!(c.do_not_contact.is_none());
        assert!(!r.postcode.is_empty() && !r.city.is_empty());
    }
    let keys: HashSet<String> = s
        .rows
        .iter()
        .map(|r| format!("{} {}", r.city, r.street))
        .collect();
    assert_eq!(keys.len(), s.rows.len(), "each address once");
}
