//! Reading what changed on the server: the `_changes` feed (with the current documents) and
//! the open leaves of a conflict through `_bulk_get`.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::{is_other, read_doc, Read};
use crate::model::{Id, RecordKind};
use crate::sync::{Refused, Version};

/// One row of `_changes?style=all_docs`: a document and its open leaves.
#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    pub id: String,
    pub leaves: Vec<String>,
}

/// The rows of a `_changes` answer (Pismo's documents only) and its `last_seq`.
pub fn read_changes(resp: &Value) -> (Vec<Changed>, Option<Value>) {
    let rows = resp.get("results").and_then(Value::as_array);
    let changed = rows
        .into_iter()
        .flatten()
        .filter_map(|row| {
            let id = row.get("id")?.as_str()?;
            if is_other(id) {
                return None;
            }
            let leaves = row
                .get("changes")?
                .as_array()?
                .iter()
                .filter_map(|c| c.get("rev")?.as_str().map(str::to_string))
                .collect();
            Some(Changed {
                id: id.to_string(),
                leaves,
            })
        })
        .collect();
    (changed, resp.get("last_seq").cloned())
}

/// A `_changes` answer asked with `include_docs=true`: the current document of every row with one
/// open leaf, read (one request instead of two for nearly every change), and the rows with more
/// (a conflict), whose leaves `_bulk_get` must bring.
pub fn read_changes_docs(resp: &Value) -> (Pulled, Vec<Changed>, Option<Value>) {
    let (changed, last) = read_changes(resp);
    let mut docs: BTreeMap<&str, &Value> = BTreeMap::new();
    let rows = resp.get("results").and_then(Value::as_array);
    for row in rows.into_iter().flatten() {
        if let (Some(id), Some(doc)) = (row.get("id").and_then(Value::as_str), row.get("doc")) {
            docs.insert(id, doc);
        }
    }
    let mut pulled = Pulled::default();
    let mut leaves = Vec::new();
    for c in changed {
        match docs.get(c.id.as_str()) {
            Some(doc) if c.leaves.len() == 1 => match read_doc(doc) {
                Ok(Read::Record { version, .. }) => pulled.versions.push(*version),
                Ok(_) => {}
                Err(e) => pulled.refused.push(e),
            },
            _ => leaves.push(c),
        }
    }
    (pulled, leaves, last)
}

/// The `_bulk_get` request for every leaf of `changed`.
pub fn bulk_get_request(changed: &[Changed]) -> Value {
    let docs: Vec<Value> = changed
        .iter()
        .flat_map(|c| c.leaves.iter().map(|r| json!({ "id": c.id, "rev": r })))
        .collect();
    json!({ "docs": docs })
}

/// What a `_bulk_get` answer brought: the versions to merge (every open leaf of a document, so
/// a conflict is merged whole), the documents with more than one open leaf (to close after the
/// merge) and what did not read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pulled {
    pub versions: Vec<Version>,
    pub conflicted: Vec<(RecordKind, Id)>,
    pub refused: Vec<Refused>,
}

pub fn read_bulk_get(resp: &Value) -> Pulled {
    let mut pulled = Pulled::default();
    let mut open: BTreeMap<(RecordKind, Id), usize> = BTreeMap::new();
    let results = resp.get("results").and_then(Value::as_array);
    for r in results.into_iter().flatten() {
        let id = r.get("id").and_then(Value::as_str).unwrap_or_default();
        for d in r
            .get("docs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(doc) = d.get("ok") else {
                let reason = d
                    .pointer("/error/error")
                    .and_then(Value::as_str)
                    .unwrap_or("not readable from the server");
                pulled.refused.push(Refused {
                    kind: id.split_once(':').map_or("", |p| p.0).to_string(),
                    id: id.split_once(':').map_or(id, |p| p.1).to_string(),
                    reason: reason.to_string(),
                });
                continue;
            };
            match read_doc(doc) {
                Ok(Read::Record { version, .. }) => {
                    *open.entry((version.kind, version.id)).or_default() += 1;
                    pulled.versions.push(*version);
                }
                Ok(_) => {}
                Err(e) => pulled.refused.push(e),
            }
        }
    }
    pulled.conflicted = open
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(k, _)| k)
        .collect();
    pulled
}
