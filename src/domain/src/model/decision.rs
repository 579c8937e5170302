//! The client-base section's decisions about possible duplicates, kept as records so they travel
//! in backups and sync like everything else: a merge (with what is needed to undo it exactly) or
//! «not a duplicate» (never proposed again).

use serde::{Deserialize, Serialize};

use super::{Client, Id, RecordKind, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub id: Id,
    pub what: DecisionKind,
    pub at: Timestamp,
    /// Who did it (`model::ADMINISTRATOR` for the administrator); `None` in records made before
    /// the app knew who was at the computer, and in imports of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Id>,
    pub updated_at: Timestamp,
}

impl Decision {
    /// A decision made now; its author is stamped when it is committed (`author::stamp`).
    pub fn new(id: Id, what: DecisionKind, at: Timestamp) -> Self {
        Decision {
            id,
            what,
            at,
            by: None,
            updated_at: at,
        }
    }
}

/// Stored as `{"type": "merge", …}`. Read through [`Stored`]: serde's own reading of a tagged
/// enum buffers every record in a generic form first and then reads it again, which doubled the
/// code for a client in the wasm (~40 KB, in the first load since the base is read at start).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "Stored")]
pub enum DecisionKind {
    /// Two clients that are not the same (kept with the smaller id first).
    NotDuplicate { a: Id, b: Id },
    Merge {
        survivor: Id,
        merged: Vec<Id>,
        /// Every client of the merge as it was before it, the survivor first.
        before: Vec<Client>,
        /// The survivor as the merge wrote it, so an undo can tell the merge's changes from
        /// edits made since (absent in merges made before it was kept).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        after: Option<Box<Client>>,
        /// The orders, letters, requests and history entries moved to the survivor.
        #[serde(default)]
        moved: Vec<Moved>,
        #[serde(default)]
        undone_at: Option<Timestamp>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub kind: RecordKind,
    pub id: Id,
    /// The client it belonged to.
    pub from: Id,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Tag {
    NotDuplicate,
    Merge,
}

/// Every field of every kind, read in one pass whatever their order.
#[derive(Deserialize)]
struct Stored {
    #[serde(rename = "type")]
    tag: Tag,
    a: Option<Id>,
    b: Option<Id>,
    survivor: Option<Id>,
    merged: Option<Vec<Id>>,
    before: Option<Vec<Client>>,
    #[serde(default)]
    after: Option<Box<Client>>,
    #[serde(default)]
    moved: Vec<Moved>,
    #[serde(default)]
    undone_at: Option<Timestamp>,
}

impl TryFrom<Stored> for DecisionKind {
    type Error = String;

    fn try_from(s: Stored) -> Result<Self, String> {
        let missing = |field: &str| format!("missing field `{field}`");
        Ok(match s.tag {
            Tag::NotDuplicate => DecisionKind::NotDuplicate {
                a: s.a.ok_or_else(|| missing("a"))?,
                b: s.b.ok_or_else(|| missing("b"))?,
            },
            Tag::Merge => DecisionKind::Merge {
                survivor: s.survivor.ok_or_else(|| missing("survivor"))?,
                merged: s.merged.ok_or_else(|| missing("merged"))?,
                before: s.before.ok_or_else(|| missing("before"))?,
                after: s.after,
                moved: s.moved,
                undone_at: s.undone_at,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_kinds_read_back_whatever_the_order_of_their_fields() {
        let a = uuid::Uuid::from_u128(1);
        let b = uuid::Uuid::from_u128(2);
        let not = DecisionKind::NotDuplicate { a, b };
        let text = serde_json::to_string(&not).unwrap_or_default();
        assert_eq!(serde_json::from_str::<DecisionKind>(&text).ok(), Some(not));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
        let client = crate::demo::generate_sized(today, 3).1.clients.remove(0);
        let merge = DecisionKind::Merge {
            survivor: a,
            merged: vec![b],
            before: vec![client.clone()],
            after: Some(Box::new(client)),
            moved: vec![],
            undone_at: None,
        };
        let text = serde_json::to_string(&merge).unwrap_or_default();
        assert_eq!(
            serde_json::from_str::<DecisionKind>(&text).ok(),
            Some(merge)
        );
        // The tag last, as another program may write it.
        let late = format!(r#"{{"a":"{a}","b":"{b}","type":"not_duplicate"}}"#);
        assert!(serde_json::from_str::<DecisionKind>(&late).is_ok());
    }

    #[test]
    fn a_kind_without_its_fields_or_an_unknown_kind_is_refused_with_its_reason() {
        let e = serde_json::from_str::<DecisionKind>(
            r#"{"type":"merge","survivor":"00000000-0000-0000-0000-000000000001"}"#,
        );
        assert!(e.is_err_and(|e| e.to_string().contains("merged")));
        assert!(serde_json::from_str::<DecisionKind>(r#"{"type":"split"}"#).is_err());
    }
}
