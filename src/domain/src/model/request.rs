//! A corporate client's request, as the account manager relays it between the client and a
//! department (see `domain::corporate` for its steps and times).

use serde::{Deserialize, Serialize};

use super::{Id, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Department {
    Finance,
    Technical,
    Quality,
    Sales,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub at: Timestamp,
    /// Who wrote it: the client, the account manager or a department, as free text.
    pub from: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub id: Id,
    pub client: Id,
    pub department: Department,
    /// What the client asks, in a line: «where is order 118?».
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
    /// Logged by this account manager.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<Id>,
    pub opened: Timestamp,
    /// Sent to the department; until then the request is new.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent: Option<Timestamp>,
    pub due: Timestamp,
    #[serde(default)]
    pub answered: Option<Timestamp>,
    #[serde(default)]
    pub relayed: Option<Timestamp>,
    #[serde(default)]
    pub closed: Option<Timestamp>,
    #[serde(default)]
    pub messages: Vec<Message>,
    pub updated_at: Timestamp,
}
