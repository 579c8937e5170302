//! The dashboard's CSV against hostile names.

use super::*;

#[test]
fn a_staff_name_cannot_start_a_row_or_a_formula_in_the_csv() {
    let b = november();
    let settings = Settings::default();
    let i = inputs(&settings, None);
    let mut d = dashboard(&b, Period::month_of(day(1)), &i);
    d.sales_by_staff = vec![("Анна\n=HYPERLINK(\"http://evil\";\"x\")".into(), 100)];
    let text = csv(&d, &[], &keys());
    let cells: Vec<Vec<String>> = ::csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert!(
        cells.iter().flatten().all(|c| !c.starts_with('=')),
        "no cell is a formula: {text}"
    );
    assert!(text.contains(
        "\"sales_revenue_rub: Анна\n=HYPERLINK(\"\"http://evil\"\";\"\"x\"\")\";1.00\r\n"
    ));
    assert_eq!(
        cells.len(),
        20,
        "one row per figure, the name inside its quoted cell"
    );
}

#[test]
fn for_russian_excel_the_csv_has_words_decimal_commas_and_russian_dates() {
    let b = november();
    let settings = Settings::default();
    let i = inputs(&settings, None);
    let d = dashboard(&b, Period::month_of(day(1)), &i);
    let s = series(&b, &d.period, &settings, msk(), t(27, 12));
    let label = |k: &str| match k {
        "figure" => "Показатель".to_string(),
        "month" => "Месяц".to_string(),
        "sales_revenue_rub" => "Выручка продаж, ₽".to_string(),
        other => other.to_uppercase(),
    };
    let text = csv(
        &d,
        &s,
        &CsvLook {
            lang: Lang::Ru,
            label: &label,
        },
    );
    assert!(
        text.starts_with("Показатель;01.11.2026 — 30.11.2026\r\n"),
        "{text}"
    );
    assert!(text.contains("Выручка продаж, ₽;500,00\r\n"), "{text}");
    assert!(text.contains("\r\nМесяц;LETTERS_REVENUE;"), "{text}");
    assert!(text.contains("\r\n11.2026;1000,00;1,00;"), "{text}");
}
