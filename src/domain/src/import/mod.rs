//! CSV as Excel and 1C write it: the bytes decoded (UTF-8 with or without BOM, else Windows-1251),
//! the delimiter found (`;`, `,` or tab), quoted fields with line breaks read by the `csv` crate,
//! and the columns mapped from Russian and English headers. What becomes of each row (new client,
//! same as an existing one, duplicate inside the file) is decided by the duplicate search.

pub mod address;
pub mod apply;
pub mod report;
pub mod rows;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Windows1251,
}

/// The file's text and how it was written, decoding Windows-1251 with `encoding_rs`.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    decode_with(bytes, |b| {
        encoding_rs::WINDOWS_1251.decode(b).0.into_owned()
    })
}

/// The same, with Windows-1251 decoded by `cp1251`: the browser passes its own `TextDecoder`,
/// because `encoding_rs` brings every encoding's tables into the wasm (~160 KB gzipped) for
/// this one 128-letter table.
pub fn decode_with(bytes: &[u8], cp1251: impl FnOnce(&[u8]) -> String) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (
            String::from_utf8_lossy(rest).into_owned(),
            Encoding::Utf8Bom,
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), Encoding::Utf8),
        // Not UTF-8: Russian Excel and 1C write Windows-1251.
        Err(_) => (cp1251(bytes), Encoding::Windows1251),
    }
}

/// The delimiter that splits the first lines into the same number of fields, most fields first.
pub fn detect_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let count = |line: &str, d: char| {
        let mut inside = false;
        line.chars()
            .filter(|c| {
                if *c == '"' {
                    inside = !inside;
                }
                !inside && *c == d
            })
            .count()
    };
    let mut best = (b';', 0usize, false);
    for d in [';', '\t', ','] {
        let counts: Vec<usize> = lines.iter().map(|l| count(l, d)).collect();
        let first = counts.first().copied().unwrap_or(0);
        let steady = counts.iter().filter(|c| **c == first).count() * 10 >= counts.len() * 8;
        let better = (steady && !best.2) || (steady == best.2 && first > best.1);
        if first > 0 && better {
            best = (d as u8, first, steady);
        }
    }
    best.0
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    #[error("line {line}: {message}")]
    Malformed { line: u64, message: String },
    #[error("the file has no rows")]
    Empty,
    /// A cell far longer than any client's data: a wrong file, or one built to hang the page.
    #[error("row {line}: a cell of {chars} characters (at most {MAX_CELL} are read)")]
    CellTooLong { line: u64, chars: usize },
}

/// Header and rows, each row with its number as Excel shows it (the header is row 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<(u64, Vec<String>)>,
    /// Rows with a cell that holds a line break and then what looks like further rows: a quote
    /// opened and never closed, which swallows the rows after it.
    pub unclosed_quotes: Vec<u64>,
}

/// The longest cell read: notes pasted from a long letter fit, a 25-million-character cell does not.
pub const MAX_CELL: usize = 100_000;

pub fn parse(text: &str, delimiter: u8) -> Result<Table, CsvError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| CsvError::Malformed {
            line: 1,
            message: e.to_string(),
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect::<Vec<_>>();
    let mut rows = Vec::new();
    let mut unclosed_quotes = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| CsvError::Malformed {
            line: e.position().map_or(0, csv::Position::line),
            message: e.to_string(),
        })?;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        // The row number Excel shows: the header is row 1, a field with line breaks is one row.
        let line = record.position().map_or(0, |p| p.record() + 1);
        if let Some(long) = record
            .iter()
            .find(|f| f.len() > MAX_CELL && f.chars().count() > MAX_CELL)
        {
            return Err(CsvError::CellTooLong {
                line,
                chars: long.chars().count(),
            });
        }
        let swallowed = |f: &str| {
            f.lines()
                .skip(1)
                .any(|l| l.matches(delimiter as char).count() + 1 >= headers.len().max(2))
        };
        if record.iter().any(swallowed) {
            unclosed_quotes.push(line);
        }
        rows.push((line, record.iter().map(|f| f.trim().to_string()).collect()));
    }
    if headers.is_empty() && rows.is_empty() {
        return Err(CsvError::Empty);
    }
    Ok(Table {
        headers,
        rows,
        unclosed_quotes,
    })
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Name,
    LegalForm,
    Inn,
    Kpp,
    Phone,
    Email,
    Postcode,
    Region,
    City,
    Address,
    Contact,
    Position,
    Segment,
    Notes,
}

/// Words a header of each kind contains, folded (Russian and English, as Excel and 1C name them).
const HEADERS: &[(Column, &[&str])] = &[
    (Column::Kpp, &["кпп", "kpp"]),
    (Column::Inn, &["инн", "inn", "tax id", "taxid", "vat"]),
    (
        Column::Email,
        &[
            "e-mail",
            "email",
            "эл. почта",
            "электронная почта",
            "почта",
            "mail",
        ],
    ),
    (
        Column::Phone,
        &["телефон", "тел", "phone", "tel", "мобильный"],
    ),
    (
        Column::Postcode,
        &[
            "индекс",
            "почтовый индекс",
            "postcode",
            "zip",
            "postal code",
        ],
    ),
    (Column::Region, &["регион", "область", "region", "state"]),
    (Column::City, &["город", "населенный пункт", "city", "town"]),
    (Column::Address, &["адрес", "address", "улица", "street"]),
    (
        Column::Contact,
        &[
            "контактное лицо",
            "контакт",
            "фио",
            "contact",
            "contact person",
        ],
    ),
    (Column::Position, &["должность", "position", "title"]),
    (
        Column::Segment,
        &[
            "сегмент",
            "тип клиента",
            "категория",
            "группа",
            "segment",
            "type",
            "category",
        ],
    ),
    (
        Column::LegalForm,
        &[
            "опф",
            "правовая форма",
            "организационно-правовая форма",
            "legal form",
        ],
    ),
    (
        Column::Notes,
        &["комментарий", "примечание", "заметки", "notes", "comment"],
    ),
    (
        Column::Name,
        &[
            "наименование",
            "название",
            "организация",
            "клиент",
            "контрагент",
            "name",
            "company",
            "client",
        ],
    ),
];

/// The column each header most likely holds; unknown headers map to `None`.
pub fn guess_columns(headers: &[String]) -> Vec<Option<Column>> {
    let mut taken = Vec::new();
    headers
        .iter()
        .map(|h| {
            let h = crate::text::fold(h.trim());
            let found = HEADERS
                .iter()
                .find(|(col, words)| {
                    !taken.contains(col)
                        && words.iter().any(|w| {
                            h == *w
                                || h.starts_with(&format!("{w} "))
                                || h.contains(w) && w.len() > 4
                        })
                })
                .map(|(col, _)| *col);
            if let Some(c) = found {
                taken.push(c);
            }
            found
        })
        .collect()
}

#[cfg(test)]
mod tests;
