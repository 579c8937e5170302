//! One JSON reader for every stored or imported value, which reports where a bad value is
//! (`clients[12].phones[0]`). The path is recovered from the parser's line and column by walking
//! the text up to that point, so the deserialisers stay plain serde_json (fast, and one copy in the
//! wasm) instead of being wrapped per type by a path-tracking deserialiser.

use serde::de::DeserializeOwned;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Empty for errors at the top level.
    pub path: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
    /// The text is not JSON or is cut off, as opposed to a well-formed but wrong value.
    pub syntax: bool,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(
                f,
                "{} (line {}, column {})",
                self.message, self.line, self.column
            )
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    serde_json::from_str(text).map_err(|e| {
        let offset = offset_of(text, e.line(), e.column());
        JsonError {
            path: if e.is_syntax() || e.is_eof() {
                String::new()
            } else {
                path_at(&text[..offset])
            },
            // serde_json appends " at line L column C"; the position is kept in its own fields.
            message: shorten(e.to_string().split(" at line ").next().unwrap_or_default()),
            line: e.line(),
            column: e.column(),
            syntax: e.is_syntax() || e.is_eof(),
        }
    })
}

/// Past this many characters a message is cut: serde quotes the bad value whole, and a 10 MB
/// value would fill the page.
const MESSAGE_CHARS: usize = 300;

fn shorten(message: &str) -> String {
    match message.char_indices().nth(MESSAGE_CHARS) {
        Some((cut, _)) => format!(
            "{}… ({} characters in all)",
            &message[..cut],
            message.chars().count()
        ),
        None => message.to_string(),
    }
}

/// The byte offset of a 1-based line and (byte) column, clamped to the text.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (start + column).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

enum Frame {
    Object {
        key: Option<String>,
        expecting_key: bool,
    },
    Array {
        index: usize,
    },
}

/// The path of the innermost value open at the end of `prefix`, which is well-formed JSON cut
/// anywhere: `clients[12].phones[0].number`.
fn path_at(prefix: &str) -> String {
    let mut stack: Vec<Frame> = Vec::new();
    let mut chars = prefix.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut s = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some(e) = chars.next() {
                                s.push(e);
                            }
                        }
                        '"' => break,
                        _ => s.push(c),
                    }
                }
                if let Some(Frame::Object { key, expecting_key }) = stack.last_mut() {
                    if *expecting_key {
                        *key = Some(s);
                        *expecting_key = false;
                    }
                }
            }
            '{' => stack.push(Frame::Object {
                key: None,
                expecting_key: true,
            }),
            '[' => stack.push(Frame::Array { index: 0 }),
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Object { key, expecting_key }) => {
                    *key = None;
                    *expecting_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
    }
    let mut path = String::new();
    for f in &stack {
        match f {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Row {
        n: u32,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct File {
        rows: Vec<Row>,
    }

    #[test]
    fn paths_of_bad_values() {
        let e = parse::<Vec<Row>>(r#"[{"n": 1}, {"n": "x"}]"#).unwrap_err();
        assert_eq!(e.path, "[1].n");
        assert!(!e.syntax);
        let e = parse::<File>("{\"rows\": [{\"n\": 1, \"tags\": [\"a\", \"b,\\\"c\"]},\n {\"tags\": [\"x\", 5], \"n\": 2}]}").unwrap_err();
        assert_eq!(e.path, "rows[1].tags[1]");
        let e = parse::<File>(r#"{"rows": [{"n": 1}, {"tags": []}]}"#).unwrap_err();
        assert_eq!(e.path, "rows[1]");
        assert!(e.message.contains("missing field `n`"), "{}", e.message);
        let huge = format!("{{\"n\": \"{}\"}}", "x".repeat(10_000_000));
        let e = parse::<Row>(&huge).unwrap_err();
        assert!(e.message.len() < 400, "the bad value is not echoed whole");
        assert!(e.message.ends_with("characters in all)"), "{}", e.message);
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let e = parse::<Vec<Row>>("[{\"n\": 1},\n {\"n\": ").unwrap_err();
        assert!(e.syntax);
        assert_eq!(e.line, 2);
        assert!(parse::<Vec<Row>>("[] trailing").unwrap_err().syntax);
        assert_eq!(parse::<Vec<Row>>("[{\"n\": 2}]").unwrap().len(), 1);
    }

    #[test]
    fn positions_in_multibyte_text_are_safe() {
        let e = parse::<Vec<Row>>("[{\"n\": \"Ромашка\"}]").unwrap_err();
        assert_eq!(e.path, "[0].n");
    }
}
