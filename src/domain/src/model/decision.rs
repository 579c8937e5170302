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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
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
