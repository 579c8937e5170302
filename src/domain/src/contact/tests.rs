use super::*;

#[test]
fn phones_in_every_russian_format_meet() {
    for raw in [
        "+7 912 345-67-89",
        "8 (912) 3456789",
        "9123456789",
        "+7(912)345 67 89",
        "8-912-345-67-89",
        "7 912 345 67 89",
    ] {
        let p = normalize_phone(raw).unwrap_or_else(|e| panic!("{raw}: {e:?}"));
        assert_eq!(p.e164, "+79123456789", "{raw}");
        assert_eq!(p.national(), "9123456789");
        assert_eq!(p.display(), "+7 912 345-67-89");
    }
}

#[test]
fn text_whose_lower_case_is_longer_or_shorter_is_no_phone_and_no_panic() {
    // «İ» lower-cases to three bytes, «ẞ» to two: offsets in the lower-cased copy would slice
    // the original inside a character.
    assert_eq!(
        normalize_phone("İİДОБ.ẞẞ5"),
        Err(PhoneProblem::BadCharacters)
    );
    let p = normalize_phone("+7 495 123-45-67 ДОБ. 205").unwrap();
    assert_eq!(p.ext.as_deref(), Some("205"));
}

#[test]
fn an_address_that_would_inject_a_header_is_refused() {
    for bad in [
        "x>,<spy@evil.example",
        "a\"b@c.ru",
        "a;b@c.ru",
        "a(b)@c.ru",
        "ром\u{200b}@c.ru",
    ] {
        assert_eq!(normalize_email(bad), Err(EmailProblem::BadLocal), "{bad}");
    }
    assert_eq!(
        normalize_email("o'brien+crm@mail.ru"),
        Ok("o'brien+crm@mail.ru".into())
    );
}

#[test]
fn extensions_are_kept_apart() {
    let p = normalize_phone("+7 (495) 123-45-67 доб. 205").unwrap();
    assert_eq!(p.e164, "+74951234567");
    assert_eq!(p.ext.as_deref(), Some("205"));
    assert_eq!(p.display(), "+7 495 123-45-67 доб. 205");
    assert_eq!(
        normalize_phone("84951234567 ext 12")
            .unwrap()
            .ext
            .as_deref(),
        Some("12")
    );
}

#[test]
fn bad_phones_are_named() {
    assert_eq!(normalize_phone(""), Err(PhoneProblem::Empty));
    assert_eq!(normalize_phone("12-34-56"), Err(PhoneProblem::TooShort));
    assert_eq!(normalize_phone("call me"), Err(PhoneProblem::BadCharacters));
    assert_eq!(
        normalize_phone("8 912 345 67 89 00 11"),
        Err(PhoneProblem::TooLong)
    );
    assert_eq!(
        normalize_phone("+7 912 345 67"),
        Err(PhoneProblem::TooShort)
    );
    // A foreign number keeps its own country code.
    assert_eq!(
        normalize_phone("+49 30 1234567").unwrap().e164,
        "+49301234567"
    );
}

#[test]
fn phone_queries_meet_stored_numbers() {
    assert_eq!(
        phone_query_digits("8 (912) 345-67-89"),
        ["89123456789", "9123456789"]
    );
    assert_eq!(phone_query_digits("+7 912"), ["912"]);
    assert_eq!(phone_query_digits("912-34"), ["91234"]);
    assert!(phone_query_digits("Иванов").is_empty());
    assert!(phone_query_digits("12").is_empty());
}

#[test]
fn emails_are_trimmed_lowercased_and_checked() {
    assert_eq!(
        normalize_email("  Ivan.Petrov@Mail.RU ").unwrap(),
        "ivan.petrov@mail.ru"
    );
    assert_eq!(normalize_email("иван@почта.рф").unwrap(), "иван@почта.рф");
    assert_eq!(normalize_email("ivan.mail.ru"), Err(EmailProblem::NoAt));
    assert_eq!(normalize_email("ivan@mail"), Err(EmailProblem::BadDomain));
    assert_eq!(normalize_email("@mail.ru"), Err(EmailProblem::BadLocal));
    assert_eq!(normalize_email("iv an@mail.ru"), Err(EmailProblem::Spaces));
    assert_eq!(
        normalize_email("ivan@-mail.ru"),
        Err(EmailProblem::BadDomain)
    );
    assert_eq!(normalize_email(""), Err(EmailProblem::Empty));
}

#[test]
fn inn_checksums() {
    // Real published ИНН of large companies (10 digits) and a valid 12-digit one.
    assert!(check_inn("7707083893").is_ok());
    assert!(check_inn("7728168971").is_ok());
    assert!(check_inn("500100732259").is_ok());
    assert_eq!(check_inn("7707083894"), Err(InnProblem::Checksum));
    assert_eq!(check_inn("500100732258"), Err(InnProblem::Checksum));
    assert_eq!(check_inn("77070838"), Err(InnProblem::Length));
    assert_eq!(check_inn("77O7083893"), Err(InnProblem::NotDigits));
    assert_eq!(check_inn("7707 083 893").as_deref(), Ok("7707083893"));
}

#[test]
fn completed_inns_pass_the_check() {
    for p in ["770708389", "123456789", "5001007322", "0000000001"] {
        let inn = complete_inn(p).unwrap();
        assert!(check_inn(&inn).is_ok(), "{inn}");
    }
    assert_eq!(complete_inn("770708389").as_deref(), Some("7707083893"));
}

#[test]
fn postcodes() {
    assert!(check_postcode("620014").is_ok());
    assert!(check_postcode("SW1A 1AA").is_ok());
    assert_eq!(check_postcode("62001"), Err(PostcodeProblem::NotSixDigits));
    assert!(
        check_postcode("").is_ok(),
        "an address may have no postcode yet"
    );
    assert!(check_postcode("  ").is_ok());
}
