//! Letters of the letter-sales section: drafted, sent, and what the client answered.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Id, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[default]
    Post,
    Email,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LetterStatus {
    #[default]
    Draft,
    Sent,
    Skipped,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseKind {
    Interested,
    NotNow,
    Complaint,
    OptOut,
    Returned,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub kind: ResponseKind,
    pub at: Timestamp,
    #[serde(default)]
    pub note: String,
    /// A complaint someone has dealt with.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub followed_up: bool,
    /// Who did it (`model::ADMINISTRATOR` for the administrator); `None` in records made before
    /// the app knew who was at the computer, and in imports of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    pub id: Id,
    pub client: Id,
    #[serde(default)]
    pub contact: Option<Id>,
    #[serde(default)]
    pub cycle: u32,
    pub planned_for: NaiveDate,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub channel: Channel,
    #[serde(default)]
    pub status: LetterStatus,
    #[serde(default)]
    pub sent_at: Option<Timestamp>,
    #[serde(default)]
    pub response: Option<Response>,
    /// Which phrasing the composer took for each paragraph («question.1 reorder.time …»), kept
    /// with the letter so its answer counts for them (letters::learning).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phrasing: String,
    pub updated_at: Timestamp,
}
