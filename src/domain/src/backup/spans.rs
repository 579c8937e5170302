//! Reading a backup while noting where each record's text sits in the file. Replacing the whole
//! base with a backup can then store every record as it was written instead of encoding the
//! same 100+ MB of JSON again (at 100,000 clients that encoding was a third of the import).
//!
//! This reader walks only the top-level object by hand and leaves every value to serde_json. It
//! is for files that are right: on anything unexpected it gives up, and the caller reads the file
//! the ordinary way, which produces the error message with its path.

use std::collections::BTreeMap;

use serde::de::{DeserializeOwned, IgnoredAny};

use super::v1::FileV1;
use crate::record::Keyed;

/// Byte ranges into the backup's text, per kind of record (`Keyed::STORE`), in the order of the
/// records in the parsed backup.
pub type Spans = BTreeMap<&'static str, Vec<(usize, usize)>>;

/// A backup file's text with the place of each record in it.
#[derive(Debug, PartialEq)]
pub struct Source {
    pub text: String,
    pub spans: Spans,
}

impl Source {
    /// The text of each record of kind `T`, if the spans cover exactly `count` of them.
    pub fn records<T: Keyed>(&self, count: usize) -> Option<Vec<&str>> {
        // A kind the file leaves out (written only when there are some) has no spans.
        let spans = self.spans.get(T::STORE).map(Vec::as_slice).unwrap_or(&[]);
        if spans.len() != count {
            return None;
        }
        spans.iter().map(|(a, b)| self.text.get(*a..*b)).collect()
    }
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn ws(&mut self) {
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() && matches!(bytes[self.pos], b' ' | b'\n' | b'\r' | b'\t') {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.text.as_bytes().get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.pos += 1)
    }

    /// One JSON value from here, through serde_json.
    fn value<T: DeserializeOwned>(&mut self) -> Option<T> {
        self.ws();
        let mut stream =
            serde_json::Deserializer::from_str(self.text.get(self.pos..)?).into_iter::<T>();
        let v = stream.next()?.ok()?;
        self.pos += stream.byte_offset();
        Some(v)
    }

    fn array<T: Keyed>(&mut self, out: &mut Vec<T>, spans: &mut Spans) -> Option<()> {
        let spans = spans.entry(T::STORE).or_default();
        self.eat(b'[')?;
        if self.peek()? == b']' {
            self.pos += 1;
            return Some(());
        }
        loop {
            self.ws();
            let start = self.pos;
            out.push(self.value()?);
            spans.push((start, self.pos));
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }
}

/// The file as [`FileV1`] and the spans of its records; `None` if anything is not as expected
/// (then nothing is lost but speed: the caller parses it the ordinary way).
pub(super) fn read(text: &str) -> Option<(FileV1, Spans)> {
    let mut c = Cursor { text, pos: 0 };
    let mut spans = Spans::new();
    let (mut format, mut version, mut exported_at, mut settings) = (None, None, None, None);
    let mut seen: Vec<String> = Vec::new();
    let mut f = FileV1 {
        format: String::new(),
        version: 0,
        exported_at: chrono::DateTime::UNIX_EPOCH,
        settings: Default::default(),
        clients: Vec::new(),
        products: Vec::new(),
        orders: Vec::new(),
        letters: Vec::new(),
        staff: Vec::new(),
        requests: Vec::new(),
        changes: Vec::new(),
        decisions: Vec::new(),
        address_lists: Vec::new(),
        mailings: Vec::new(),
        activities: Vec::new(),
        deals: Vec::new(),
        contracts: Vec::new(),
        snapshots: Vec::new(),
        steps: Vec::new(),
        tombstones: Vec::new(),
        letters_day: None,
        clocks: Vec::new(),
    };
    c.eat(b'{')?;
    if c.peek()? == b'}' {
        return None;
    }
    loop {
        let key: String = c.value()?;
        // serde refuses a repeated field; so does this reader, by handing the file back.
        if seen.contains(&key) {
            return None;
        }
        c.eat(b':')?;
        let s = &mut spans;
        match key.as_str() {
            "format" => format = Some(c.value::<String>()?),
            "version" => version = Some(c.value::<u32>()?),
            "exported_at" => exported_at = Some(c.value()?),
            "settings" => settings = Some(c.value()?),
            "clients" => c.array(&mut f.clients, s)?,
            "products" => c.array(&mut f.products, s)?,
            "orders" => c.array(&mut f.orders, s)?,
            "letters" => c.array(&mut f.letters, s)?,
            "staff" => c.array(&mut f.staff, s)?,
            "requests" => c.array(&mut f.requests, s)?,
            "changes" => c.array(&mut f.changes, s)?,
            "decisions" => c.array(&mut f.decisions, s)?,
            "address_lists" => c.array(&mut f.address_lists, s)?,
            "mailings" => c.array(&mut f.mailings, s)?,
            "activities" => c.array(&mut f.activities, s)?,
            "deals" => c.array(&mut f.deals, s)?,
            "contracts" => c.array(&mut f.contracts, s)?,
            "snapshots" => c.array(&mut f.snapshots, s)?,
            "steps" => c.array(&mut f.steps, s)?,
            "tombstones" => c.array(&mut f.tombstones, s)?,
            "letters_day" => f.letters_day = c.value()?,
            "clocks" => c.array(&mut f.clocks, s)?,
            _ => {
                c.value::<IgnoredAny>()?;
            }
        }
        seen.push(key);
        match c.peek()? {
            b',' => c.pos += 1,
            b'}' => {
                c.pos += 1;
                break;
            }
            _ => return None,
        }
    }
    if c.peek().is_some() {
        return None;
    }
    f.format = format?;
    f.version = version?;
    f.exported_at = exported_at?;
    f.settings = settings.unwrap_or_default();
    Some((f, spans))
}
