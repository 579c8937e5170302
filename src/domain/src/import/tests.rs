use super::*;

fn cp1251(s: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(s);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn encodings_are_detected() {
    let text = "Наименование;ИНН\nООО «Ромашка»;7707083893\n";
    assert_eq!(decode(text.as_bytes()), (text.to_string(), Encoding::Utf8));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    assert_eq!(decode(&bom), (text.to_string(), Encoding::Utf8Bom));
    assert_eq!(
        decode(&cp1251(text)),
        (text.to_string(), Encoding::Windows1251)
    );
}

#[test]
fn delimiters_are_detected() {
    assert_eq!(detect_delimiter("a;b;c\n1;2;3\n"), b';');
    assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), b',');
    assert_eq!(detect_delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
    // Commas inside quoted names do not count; semicolons split every line the same way.
    assert_eq!(
        detect_delimiter("Наименование;Адрес\n\"ООО «Ромашка», филиал\";\"г. Москва, ул. Ленина, 1\"\nИП Иванов;\"Тверь, ул. Мира, 2\"\n"),
        b';'
    );
}

#[test]
fn quoted_fields_with_line_breaks_keep_their_line() {
    let text = "Наименование;Адрес;Телефон\n\"ООО \"\"Ромашка\"\"\";\"г. Москва,\nул. Ленина, 1\";+7 912 345-67-89\nИП Иванов;Тверь;8 (4822) 12-34-56\n\n";
    let t = parse(text, b';').unwrap();
    assert_eq!(t.headers, ["Наименование", "Адрес", "Телефон"]);
    assert_eq!(t.rows.len(), 2, "the blank line is no row");
    assert_eq!(t.rows[0].1[0], "ООО \"Ромашка\"");
    assert_eq!(t.rows[0].1[1], "г. Москва,\nул. Ленина, 1");
    assert_eq!(t.rows[0].0, 2);
    assert_eq!(
        t.rows[1].0, 3,
        "Excel's row 3: the line break inside a quoted cell starts no row"
    );
}

#[test]
fn a_broken_quote_is_reported_with_its_line() {
    let bad = "a;b\n1;2\n\"3;4\n";
    // The csv crate reads an unclosed quote to the end of the file; that is one row, not an error,
    // so the row's field holds the rest: the preview shows it.
    let t = parse(bad, b';').unwrap();
    assert_eq!(t.rows.len(), 2);
    // An unclosed quote that swallows the rows after it is named.
    let swallowing = "Наименование;Город\n\"ООО Ромашка;Тверь\nИП Иванов;Пермь\nАО Заря;Омск\n";
    let t = parse(swallowing, b';').unwrap();
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.unclosed_quotes, [2]);
    let fine = "Наименование;Адрес\nООО Ромашка;\"г. Тверь,\nул. Мира, 1\"\n";
    assert!(parse(fine, b';').unwrap().unclosed_quotes.is_empty());
    let huge = format!("Наименование\n{}\n", "я".repeat(MAX_CELL + 1));
    assert!(matches!(
        parse(&huge, b';'),
        Err(CsvError::CellTooLong { line: 2, .. })
    ));
    assert!(matches!(parse("", b';'), Err(CsvError::Empty)));
}

#[test]
fn columns_are_guessed_from_russian_and_english_headers() {
    let h: Vec<String> = [
        "Наименование",
        "ИНН",
        "КПП",
        "Телефон",
        "E-mail",
        "Адрес",
        "Контактное лицо",
        "Сегмент",
        "Что-то ещё",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(
        guess_columns(&h),
        [
            Some(Column::Name),
            Some(Column::Inn),
            Some(Column::Kpp),
            Some(Column::Phone),
            Some(Column::Email),
            Some(Column::Address),
            Some(Column::Contact),
            Some(Column::Segment),
            None
        ]
    );
    let en: Vec<String> = ["Company", "Tax ID", "Phone", "Email", "City", "Zip"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        guess_columns(&en),
        [
            Some(Column::Name),
            Some(Column::Inn),
            Some(Column::Phone),
            Some(Column::Email),
            Some(Column::City),
            Some(Column::Postcode)
        ]
    );
    // 1C's «Контрагент» and «Телефон (рабочий)».
    let c1: Vec<String> = ["Контрагент", "Телефон (рабочий)", "Эл. почта"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        guess_columns(&c1),
        [Some(Column::Name), Some(Column::Phone), Some(Column::Email)]
    );
}
