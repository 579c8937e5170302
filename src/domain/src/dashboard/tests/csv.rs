//! The dashboard's CSV against hostile names.

use super::*;

#[test]
fn a_staff_name_cannot_start_a_row_or_a_formula_in_the_csv() {
    let b = november();
    let settings = Settings::default();
    let i = inputs(&settings, None);
    let mut d = dashboard(&b, Period::month_of(day(1)), &i);
    d.sales_by_staff = vec![("Анна\n=HYPERLINK(\"http://evil\";\"x\")".into(), 100)];
    let text = csv(&d, &[]);
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
        "\"sales_revenue_rub:Анна\n=HYPERLINK(\"\"http://evil\"\";\"\"x\"\")\";1.00\r\n"
    ));
    assert_eq!(
        cells.len(),
        20,
        "one row per figure, the name inside its quoted cell"
    );
}
