//! The records of the client base. Every record has a UUID `id` and an `updated_at` so that a later
//! sync can merge per record (the newer `updated_at` wins); deletions leave a [`Tombstone`].
//! Money is kept in integer kopecks (`*_kop`) so totals never drift through floating point.

mod decision;
mod letter;
mod mailing;
mod request;
mod sales;
mod snapshot;

pub use decision::{Decision, DecisionKind, Moved};
pub use letter::{Channel, Letter, LetterStatus, Response, ResponseKind};
pub use mailing::{AddressList, ListChannel, ListFilter, Mailing, OwnerFilter};
pub use request::{Department, Message, Request};
pub use sales::{
    Activity, ActivityKind, Contract, ContractStage, Deal, DealStage, NextStep, Payment,
};
pub use snapshot::Snapshot;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub type Id = Uuid;
pub type Timestamp = DateTime<Utc>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ClientKind {
    #[default]
    Company,
    Person,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Ru,
    En,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Phone {
    /// As the user typed it; the normalised form is derived, never stored, so nothing typed is lost.
    pub number: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Email {
    pub address: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AddressKind {
    #[default]
    Postal,
    Legal,
    Delivery,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Address {
    #[serde(default)]
    pub kind: AddressKind,
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub city: String,
    /// Street, house, office: the lines below the city on an envelope.
    #[serde(default)]
    pub street: String,
    /// Set when a letter came back: the client-base section must fix it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub returned: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPerson {
    pub id: Id,
    #[serde(default)]
    pub last: String,
    #[serde(default)]
    pub first: String,
    #[serde(default)]
    pub patronymic: String,
    /// `None` means unknown; letters then infer it from the patronymic.
    #[serde(default)]
    pub gender: Option<Gender>,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub emails: Vec<Email>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoNotContact {
    pub reason: String,
    pub since: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    pub id: Id,
    #[serde(default)]
    pub kind: ClientKind,
    pub name: String,
    /// ООО, АО, ИП, LLC... kept apart from the name so duplicates and envelopes can use either.
    #[serde(default)]
    pub legal_form: String,
    #[serde(default)]
    pub inn: String,
    /// КПП: the tax office's code of a company's registration (9 digits); branches of one
    /// company share the ИНН and differ here.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kpp: String,
    #[serde(default)]
    pub segments: Vec<String>,
    #[serde(default)]
    pub addresses: Vec<Address>,
    #[serde(default)]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub emails: Vec<Email>,
    #[serde(default)]
    pub contacts: Vec<ContactPerson>,
    /// The salesperson or account manager working with the client; `None` puts it in the letter pool.
    #[serde(default)]
    pub owner: Option<Id>,
    #[serde(default)]
    pub do_not_contact: Option<DoNotContact>,
    #[serde(default)]
    pub language: Lang,
    #[serde(default)]
    pub notes: String,
    /// A corporate client: its owner is its account manager, the single point of contact.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub corporate: bool,
    /// Set on the records a duplicate merge folded into another; they are kept so a merge can be undone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<Id>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    #[serde(default)]
    pub verified_at: Option<Timestamp>,
}

impl Client {
    /// A company with a name and nothing else yet: what a form or an import fills in.
    pub fn named(id: Id, name: &str, at: Timestamp) -> Client {
        Client {
            id,
            kind: ClientKind::Company,
            name: name.to_string(),
            legal_form: String::new(),
            inn: String::new(),
            kpp: String::new(),
            segments: Vec::new(),
            addresses: Vec::new(),
            phones: Vec::new(),
            emails: Vec::new(),
            contacts: Vec::new(),
            owner: None,
            do_not_contact: None,
            language: Lang::Ru,
            notes: String::new(),
            corporate: false,
            merged_into: None,
            created_at: at,
            updated_at: at,
            verified_at: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub id: Id,
    pub name: String,
    /// How a letter names it, in the plural: «хрустальные кубки».
    #[serde(default)]
    pub letter_form: String,
    /// The same for English letters; empty: English letters fall back to the Russian form.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub letter_form_en: String,
    #[serde(default)]
    pub category: String,
    pub introduced_on: NaiveDate,
    #[serde(default)]
    pub price_kop: i64,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub discontinued: bool,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum OrderSource {
    Letter,
    #[default]
    Sales,
    Corporate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum OrderStage {
    Contract,
    Paid,
    Shipped,
    #[default]
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    #[serde(default)]
    pub product: Option<Id>,
    /// What was sold, as written on the invoice (kept even if the product is later deleted).
    pub description: String,
    pub qty: u32,
    pub price_kop: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub id: Id,
    pub client: Id,
    pub date: NaiveDate,
    #[serde(default)]
    pub lines: Vec<OrderLine>,
    #[serde(default)]
    pub source: OrderSource,
    #[serde(default)]
    pub stage: OrderStage,
    #[serde(default)]
    pub staff: Option<Id>,
    /// The letter this order followed, when it is attributed to letter sales.
    #[serde(default)]
    pub letter: Option<Id>,
    pub updated_at: Timestamp,
}

impl Order {
    pub fn total_kop(&self) -> i64 {
        self.lines
            .iter()
            .map(|l| l.price_kop.saturating_mul(i64::from(l.qty)))
            .fold(0i64, i64::saturating_add)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    #[default]
    Salesperson,
    AccountManager,
    LetterWriter,
    BaseKeeper,
    Director,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub role: Role,
    /// How many active clients this person can work with.
    #[serde(default)]
    pub capacity: u32,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default = "yes")]
    pub active: bool,
    pub updated_at: Timestamp,
}

fn yes() -> bool {
    true
}

/// One change to a contact field of a client: the client-base section's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeLogEntry {
    pub id: Id,
    pub client: Id,
    pub field: String,
    pub old: String,
    pub new: String,
    pub at: Timestamp,
    /// Who did it (`model::ADMINISTRATOR` for the administrator); `None` in records made before
    /// the app knew who was at the computer, and in imports of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Id>,
    /// Set when two computers changed the field at once and this value lost (`old`, as text):
    /// the value as stored, so the client page can put it back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost: Option<serde_json::Value>,
    pub updated_at: Timestamp,
}

pub use crate::record::RecordKind;

/// The author of what the administrator did: not a person of the staff list.
pub const ADMINISTRATOR: Id = Id::nil();

/// What is left of a deleted record, so a merge with an older copy does not bring it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    pub id: Id,
    pub kind: RecordKind,
    pub deleted_at: Timestamp,
}
