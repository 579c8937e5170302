//! Which parts of a record sync merges one by one: its fields, and the elements of the lists
//! whose elements can be told apart (a phone by its digits, a contact person by id), each list's
//! order apart from its elements.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::model::RecordKind;

/// How the elements of a list are told apart, for the lists merged element by element; every
/// other list (an order's lines, a letter's products) is one value, written whole.
#[derive(Clone, Copy)]
pub enum Key {
    /// Their `id`.
    Id,
    /// The digits of this field (a phone number typed two ways is one phone).
    Digits(&'static str),
    /// This field, lower-cased (an e-mail address).
    Lower(&'static str),
    /// This field as it is (an address's kind: the postal address edited on two computers is one).
    Field(&'static str),
    /// The whole element: a log (messages, payments, stages) only grows.
    Whole,
}

pub fn key_rule(kind: RecordKind, field: &str) -> Option<Key> {
    use RecordKind as K;
    Some(match (kind, field) {
        (K::Client, "contacts") => Key::Id,
        (K::Client, "phones") => Key::Digits("number"),
        (K::Client, "emails") => Key::Lower("address"),
        (K::Client, "addresses") => Key::Field("kind"),
        (K::Client, "segments") => Key::Whole,
        (K::Request, "messages") => Key::Whole,
        (K::Deal, "payments" | "stages") => Key::Whole,
        (K::Contract, "stages") => Key::Whole,
        _ => return None,
    })
}

/// Whether a slot is bookkeeping every save changes, or a list's order: never reported as lost.
pub fn quiet(path: &str) -> bool {
    matches!(path, "updated_at" | "verified_at" | "created_at") || path.ends_with('#')
}

/// JSON with object keys sorted, so equal values compare equal whatever built them.
pub fn canonical(v: &Value) -> String {
    fn put(v: &Value, out: &mut String) {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                out.push('{');
                for (i, k) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String(k.clone()).to_string());
                    out.push(':');
                    put(&m[k], out);
                }
                out.push('}');
            }
            Value::Array(a) => {
                out.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    put(x, out);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut out = String::new();
    put(v, &mut out);
    out
}

fn element_key(rule: Key, v: &Value) -> String {
    let field = |f: &str| v.get(f).and_then(Value::as_str).unwrap_or("").to_string();
    match rule {
        Key::Id => field("id"),
        Key::Digits(f) => field(f).chars().filter(char::is_ascii_digit).collect(),
        Key::Lower(f) => field(f).trim().to_lowercase(),
        Key::Field(f) => v.get(f).map(canonical).unwrap_or_default(),
        Key::Whole => canonical(v),
    }
}

/// The path of a list's order slot: `phones#`.
fn order_path(field: &str) -> String {
    format!("{field}#")
}

/// The slots of a record's JSON (without stamps).
pub fn slots_of(kind: RecordKind, record: &Value) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let Value::Object(m) = record else {
        return out;
    };
    for (k, v) in m {
        if k == "id" {
            continue;
        }
        match (key_rule(kind, k), v) {
            (Some(rule), Value::Array(items)) => {
                let mut order = Vec::with_capacity(items.len());
                for item in items {
                    let base = element_key(rule, item);
                    let mut key = base.clone();
                    let mut n = 1;
                    while out.contains_key(&format!("{k}[{key}]")) {
                        n += 1;
                        key = format!("{base}#{n}");
                    }
                    out.insert(format!("{k}[{key}]"), item.clone());
                    order.push(Value::String(key));
                }
                out.insert(order_path(k), Value::Array(order));
            }
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    out
}
