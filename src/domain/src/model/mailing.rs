//! Address lists for mailings: a saved definition (which clients, for post or e-mail) and the log
//! of every list given out, so the client-base section can say what went to whom, and when.

use serde::{Deserialize, Serialize};

use super::{ClientKind, Id, Timestamp};

/// What a mailing list is for: it decides which address each client contributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ListChannel {
    #[default]
    Post,
    Email,
}

/// Whose clients a list takes, by owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(tag = "type", content = "staff", rename_all = "snake_case")]
pub enum OwnerFilter {
    #[default]
    Any,
    /// Clients no salesperson works with: the letter pool's side of the base.
    Nobody,
    /// Clients some salesperson or account manager works with.
    Owned,
    Staff(Id),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ListFilter {
    #[serde(default)]
    pub channel: ListChannel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ClientKind>,
    /// Any of these segments; empty takes every segment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<String>,
    /// Part of the city or region, any case; empty takes every place.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    #[serde(default)]
    pub owner: OwnerFilter,
    /// Also require the other channel (a postal list of clients who have an e-mail too, say).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub also_other: bool,
}

/// A saved list definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressList {
    pub id: Id,
    pub name: String,
    pub filter: ListFilter,
    pub updated_at: Timestamp,
}

/// One list given out: exported or printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mailing {
    pub id: Id,
    /// The saved definition it came from, if any; `name` and `filter` are kept as they were.
    #[serde(default)]
    pub list: Option<Id>,
    pub name: String,
    pub filter: ListFilter,
    /// Who received it: a printing house, a colleague, a mailing service.
    #[serde(default)]
    pub given_to: String,
    /// `csv-utf8`, `csv-1251` or `labels`.
    pub format: String,
    pub addresses: u32,
    pub at: Timestamp,
    /// Who did it (`model::ADMINISTRATOR` for the administrator); `None` in records made before
    /// the app knew who was at the computer, and in imports of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Id>,
    pub updated_at: Timestamp,
}
