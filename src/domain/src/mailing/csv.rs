//! A list as a CSV file Excel opens right on a Russian Windows: `;` between fields, and either
//! UTF-8 with a byte-order mark (new Excel) or Windows-1251 (old Excel, 1C). Cells that a
//! spreadsheet would run as a formula are neutralised.

use super::ListRow;
use crate::model::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf8Bom,
    Windows1251,
}

impl Encoding {
    /// The name the mailing log keeps.
    pub fn slug(self) -> &'static str {
        match self {
            Encoding::Utf8Bom => "csv-utf8",
            Encoding::Windows1251 => "csv-1251",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub bytes: Vec<u8>,
    /// Characters Windows-1251 has no place for, written as «?» (the user is told, and can pick
    /// UTF-8 instead).
    pub replaced: usize,
}

/// A cell starting with = + - @ (or a tab or line break, which Excel skips before looking) would
/// be run as a formula: an apostrophe in front keeps it text («=HYPERLINK(…)» in a client's name
/// must not become a link on the mailing house's computer).
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Rows as `;`-separated CSV with Windows line ends, every cell neutralised and quoted where it
/// holds a `;`, a quote or a line break (so a name with a line break stays one cell of one row).
pub fn table(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                let c = neutralise(c);
                if c.contains([';', '"', '\n', '\r']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.into_owned()
                }
            })
            .collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out
}

fn header(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::Ru => [
            "Получатель",
            "Контактное лицо",
            "Индекс",
            "Регион",
            "Город",
            "Адрес",
            "E-mail",
            "Сегменты",
        ],
        Lang::En => [
            "Recipient",
            "Contact person",
            "Postcode",
            "Region",
            "City",
            "Street",
            "E-mail",
            "Segments",
        ],
    }
}

/// The list as CSV text (UTF-8, no BOM yet).
pub fn text(rows: &[ListRow], lang: Lang) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail; a failed record would only shorten the file, never panic.
    let _ = w.write_record(header(lang));
    for r in rows {
        let cells = [
            &r.recipient,
            &r.contact,
            &r.postcode,
            &r.region,
            &r.city,
            &r.street,
            &r.email,
            &r.segments,
        ];
        let _ = w.write_record(cells.iter().map(|c| neutralise(c).into_owned()));
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

pub fn export(rows: &[ListRow], lang: Lang, encoding: Encoding) -> Exported {
    let text = text(rows, lang);
    match encoding {
        Encoding::Utf8Bom => {
            let mut bytes = Vec::with_capacity(text.len() + 3);
            bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
            bytes.extend_from_slice(text.as_bytes());
            Exported { bytes, replaced: 0 }
        }
        Encoding::Windows1251 => {
            let cp = yore::code_pages::CP1251;
            let mut replaced = 0;
            let bytes = text
                .chars()
                .map(|c| {
                    cp.encode_char(c).unwrap_or_else(|| {
                        replaced += 1;
                        b'?'
                    })
                })
                .collect();
            Exported { bytes, replaced }
        }
    }
}
