//! Rules of the voice checked on single letters: shared nouns, the anniversary's month.

use super::editor::draft_on;
use super::*;

#[test]
fn plaques_of_two_kinds_share_their_noun() {
    let mut products = catalogue();
    products.push(tests::product(
        20,
        "стеклянные плакетки",
        "Плакетки",
        d(2014, 1, 1),
    ));
    products.push(tests::product(
        21,
        "деревянные плакетки",
        "Плакетки",
        d(2014, 1, 1),
    ));
    let c = client(
        vec![contact("Иван", "Иванович", Some(Gender::Male))],
        Lang::Ru,
    );
    let o = order(d(2025, 3, 1), &[20, 21]);
    let dr = compose(&LetterInput {
        client: &c,
        orders: &[&o],
        products: &products,
        settings: &settings(),
        today: d(2026, 12, 1),
        seed: 3,
        previous: None,
        learned: None,
    });
    assert!(
        dr.body.contains("стеклянные и деревянные плакетки"),
        "{}",
        dr.body
    );
}

#[test]
fn an_anniversary_names_its_month_not_this_year() {
    // On 1 December, about January's event: «к январю», never «в этом году».
    let c = client(
        vec![contact("Иван", "Иванович", Some(Gender::Male))],
        Lang::Ru,
    );
    let o = [order(d(2025, 1, 20), &[1])];
    let bodies: Vec<String> = (0..24)
        .map(|s| draft_on(&c, &o, d(2026, 12, 1), s).body)
        .collect();
    assert!(bodies.iter().all(|b| !b.contains("в этом году")));
    assert!(
        bodies
            .iter()
            .any(|b| b.contains("к январю") || b.contains("в январе")),
        "{}",
        bodies[0]
    );
}
