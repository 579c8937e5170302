use super::*;

fn school(name: &str, city: &str) -> Profile {
    let mut c = crate::model::Client::named(
        crate::model::Id::from_u128(name.len() as u128 + city.len() as u128),
        name,
        chrono::DateTime::UNIX_EPOCH,
    );
    c.legal_form = "МБОУ".into();
    c.addresses = vec![crate::model::Address {
        city: city.into(),
        street: "ул. Ленина, д. 5".into(),
        ..Default::default()
    }];
    Profile::of(&c)
}

#[test]
fn a_numbered_school_of_another_town_is_another_school() {
    let settings = DedupSettings::default();
    let perm = school("Детский сад № 162", "Первоуральск");
    let kamensk = school("Детский сад № 162", "Каменск-Уральский");
    let counts = SharedCounts::of(&[perm.clone(), kamensk.clone()]);
    assert_eq!(levels(&perm, &kamensk, &counts, &settings), None);
    // One town (a typo in it forgiven), or a town on one side only: compared as usual.
    let typo = school("Детский сад № 162", "Первоуральск");
    assert!(levels(&perm, &typo, &counts, &settings).is_some());
    let mut nowhere = school("Детский сад № 162", "");
    nowhere.addresses.clear();
    assert!(levels(&perm, &nowhere, &counts, &settings).is_some());
    // Without a number, a name in two towns is left to the weights.
    let a = school("Радуга", "Пермь");
    let b = school("Радуга", "Омск");
    assert!(levels(&a, &b, &counts, &settings).is_some());
}

fn company(name: &str) -> Profile {
    let c = crate::model::Client::named(
        crate::model::Id::from_u128(1),
        name,
        chrono::DateTime::UNIX_EPOCH,
    );
    Profile::of(&c)
}

fn name_match(a: &str, b: &str) -> Option<Match> {
    names(&company(a), &company(b)).1
}

#[test]
fn spaces_lost_or_misplaced_and_latin_public_bodies_are_the_same_name() {
    for (a, b) in [
        ("Orion  Clu b59", "Orion Club 59"),
        ("Sigma Sport 12", "Sigma Sport1 2"),
        ("Детскийсад № 120", "Детский сад № 120"),
        ("MagistralStroi", "Магистраль-Строй"),
        ("«Nordic Trophy2 078»", "Nordic Trophy 2078"),
        ("СОШ №1 52", "MBOU SOSh № 152"),
        ("MBOU DIuSSh № 175", "ДЮСШ № 175"),
        ("MKU «Tsentr tvorchestva g. Ufa»", "Центр творчества г. Уфа"),
        (
            "ANO klub sportivnogo orientirovaniia «Puls»",
            "клуб спортивного ориентирования «Пульс»",
        ),
    ] {
        assert_eq!(name_match(a, b), Some(Match::Same), "{a} ~ {b}");
    }
    // Slips with a space out of place: a typo still.
    assert_eq!(
        name_match("Aline Cus3 5", "Alpine Cups 35"),
        Some(Match::Close)
    );
    // A number read across the spaces must still agree, and a word more is another name.
    for (a, b) in [
        ("Лицей № 32", "Лицей № 23"),
        ("Nordic Trophy 39", "Nordic Trophy 399"),
        ("Альфа", "Альфа Групп"),
        ("Ромашка", "Ромашка Плюс"),
        ("Альфа Плюс", "Альфа Про"),
    ] {
        assert_eq!(name_match(a, b), Some(Match::Different), "{a} ~ {b}");
    }
}

#[test]
fn patterns_round_trip() {
    let mut l: Levels = [None; FIELDS.len()];
    l[Field::Name.index()] = Some(Match::Close);
    l[Field::Address.index()] = Some(Match::SameStreet);
    l[Field::Inn.index()] = Some(Match::Same);
    l[Field::LegalForm.index()] = Some(Match::Different);
    assert_eq!(unpattern(pattern(&l)), l);
}
