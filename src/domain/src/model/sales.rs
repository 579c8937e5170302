//! The sales and corporate sections' records: what a salesperson did with a client (the activity
//! log that makes a client «actively worked»), deals from contract to payment, and the corporate
//! clients' contracts with their execution stages.

use serde::{Deserialize, Serialize};

use super::{Id, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Call,
    Meeting,
    Letter,
    Email,
    Note,
    /// The client was given to another salesperson (`text` names who had it), or handed over
    /// from letters (`text` is the answer's note).
    Reassigned,
    /// The client went back to the letter pool.
    Released,
}

impl ActivityKind {
    /// Work with the client, as opposed to a change of hands.
    pub fn is_contact(self) -> bool {
        !matches!(self, ActivityKind::Reassigned | ActivityKind::Released)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub id: Id,
    pub client: Id,
    /// Who did it; `None` when nobody in the staff list (an import, the system).
    #[serde(default)]
    pub staff: Option<Id>,
    pub kind: ActivityKind,
    pub at: Timestamp,
    #[serde(default)]
    pub text: String,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum DealStage {
    Contract,
    Invoiced,
    Paid,
    Shipped,
    Closed,
    Lost,
}

impl DealStage {
    pub const FLOW: [DealStage; 5] = [
        DealStage::Contract,
        DealStage::Invoiced,
        DealStage::Paid,
        DealStage::Shipped,
        DealStage::Closed,
    ];

    pub fn is_open(self) -> bool {
        !matches!(self, DealStage::Closed | DealStage::Lost)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub at: Timestamp,
    pub amount_kop: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deal {
    pub id: Id,
    pub client: Id,
    pub staff: Option<Id>,
    pub title: String,
    pub amount_kop: i64,
    pub stage: DealStage,
    /// When each stage was reached, in order.
    #[serde(default)]
    pub stages: Vec<(DealStage, Timestamp)>,
    #[serde(default)]
    pub payments: Vec<Payment>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lost_reason: String,
    /// The order the deal became when it was paid.
    #[serde(default)]
    pub order: Option<Id>,
    pub opened: Timestamp,
    pub updated_at: Timestamp,
}

impl Deal {
    pub fn paid_kop(&self) -> i64 {
        self.payments
            .iter()
            .map(|p| p.amount_kop)
            .fold(0, i64::saturating_add)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ContractStage {
    Signed,
    Paid,
    DocumentsSent,
    Shipped,
    Complaint,
    Closed,
}

impl ContractStage {
    pub const ALL: [ContractStage; 6] = [
        ContractStage::Signed,
        ContractStage::Paid,
        ContractStage::DocumentsSent,
        ContractStage::Shipped,
        ContractStage::Complaint,
        ContractStage::Closed,
    ];
}

/// A corporate client's contract and how far its execution has come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub id: Id,
    pub client: Id,
    pub number: String,
    pub amount_kop: i64,
    pub stage: ContractStage,
    #[serde(default)]
    pub stages: Vec<(ContractStage, Timestamp)>,
    pub signed_on: chrono::NaiveDate,
    pub updated_at: Timestamp,
}

/// What someone means to do next with a client or one of its deals, and by when: «позвонить
/// 5 декабря». A CRM's to-do: its owner's start page lists those due today or overdue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStep {
    pub id: Id,
    pub client: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deal: Option<Id>,
    /// Whose step it is: the salesperson or account manager who will do it.
    #[serde(default)]
    pub staff: Option<Id>,
    pub text: String,
    pub due: chrono::NaiveDate,
    /// When it was done; an open step has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<Timestamp>,
    pub updated_at: Timestamp,
}
