//! What became of every row of an import, as a file the user keeps (CSV for Excel, Russian or
//! English headers) and as JSON for `pismo-cli import-csv`.

use super::apply::{Fate, RowFate};
use crate::model::Lang;

/// What became of a row, in words.
pub fn fate_text(f: &Fate, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    match f {
        Fate::Created(_) => if ru {
            "новый клиент"
        } else {
            "new client"
        }
        .into(),
        Fate::MergedIntoRow(row) if ru => format!("объединена со строкой {row}"),
        Fate::MergedIntoRow(row) => format!("merged into row {row}"),
        Fate::Updated(_) => if ru {
            "дополнила клиента базы"
        } else {
            "added to a client of the base"
        }
        .into(),
        Fate::Unchanged(_) => if ru {
            "уже в базе, нового нет"
        } else {
            "in the base, nothing new"
        }
        .into(),
        Fate::Skipped(_) => if ru {
            "уже в базе, пропущена"
        } else {
            "in the base, skipped"
        }
        .into(),
        Fate::Refused => if ru {
            "не импортирована: нет наименования"
        } else {
            "not imported: no name"
        }
        .into(),
    }
}

fn client_of(f: &Fate) -> String {
    match f {
        Fate::Created(id) | Fate::Updated(id) | Fate::Unchanged(id) | Fate::Skipped(id) => {
            id.to_string()
        }
        Fate::MergedIntoRow(_) | Fate::Refused => String::new(),
    }
}

/// The report as `;`-separated CSV (UTF-8; the page adds the byte-order mark Excel wants).
/// `problem` words a problem in `lang` (the app and the command line each have theirs).
pub fn csv(
    fates: &[RowFate],
    lang: Lang,
    problem: impl Fn(&str, &crate::validate::Problem) -> String,
) -> String {
    let head = match lang {
        Lang::Ru => ["Строка", "Наименование", "Итог", "Клиент (id)", "Замечания"],
        Lang::En => ["Row", "Name", "Outcome", "Client (id)", "Remarks"],
    };
    let mut rows = vec![head.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    for f in fates {
        let remarks: Vec<String> = f
            .problems
            .iter()
            .map(|(path, p)| problem(path, p))
            .collect();
        rows.push(vec![
            f.line.to_string(),
            f.name.clone(),
            fate_text(&f.fate, lang),
            client_of(&f.fate),
            remarks.join("; "),
        ]);
    }
    crate::mailing::csv::table(&rows)
}

/// The report as JSON: one object per row with its outcome, client id and remarks (English).
pub fn json(fates: &[RowFate]) -> serde_json::Value {
    let rows: Vec<serde_json::Value> = fates
        .iter()
        .map(|f| {
            serde_json::json!({
                "row": f.line,
                "name": f.name,
                "outcome": f.fate,
                "remarks": f.problems.iter()
                    .map(|(path, p)| format!("{path}: {}", p.message()))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::Value::Array(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Problem;

    #[test]
    fn every_row_is_a_line_of_the_report() {
        let id = uuid::Uuid::from_u128(5);
        let fates = vec![
            RowFate {
                line: 2,
                name: "ООО «Ромашка»".into(),
                fate: Fate::Created(id),
                problems: vec![],
            },
            RowFate {
                line: 3,
                name: "=Ромашка".into(),
                fate: Fate::MergedIntoRow(2),
                problems: vec![(
                    "addresses[0].postcode".into(),
                    Problem::Postcode(crate::contact::PostcodeProblem::NotSixDigits),
                )],
            },
            RowFate {
                line: 4,
                name: String::new(),
                fate: Fate::Refused,
                problems: vec![("name".into(), Problem::EmptyName)],
            },
        ];
        let text = csv(&fates, Lang::Ru, |path, p| {
            format!("{path}: {}", p.message())
        });
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "Строка;Наименование;Итог;Клиент (id);Замечания");
        assert_eq!(lines[1], format!("2;ООО «Ромашка»;новый клиент;{id};"));
        assert_eq!(lines[2], "3;'=Ромашка;объединена со строкой 2;;addresses[0].postcode: a Russian postcode has 6 digits");
        assert_eq!(
            lines[3],
            "4;;не импортирована: нет наименования;;name: the name is empty"
        );
        let j = json(&fates);
        assert_eq!(j[0]["outcome"]["fate"], "created");
        assert_eq!(
            j[1]["outcome"],
            serde_json::json!({"fate": "merged_into_row", "client": 2})
        );
        assert_eq!(j[2]["remarks"][0], "name: the name is empty");
    }
}
