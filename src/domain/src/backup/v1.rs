//! Version 1 of the backup file. When a record changes shape incompatibly, this module keeps the old
//! shape (as its own types) and converts it, and a new `vN` module becomes the current one.

use serde::{Deserialize, Serialize};

use super::{Backup, FORMAT};
use crate::base::{Batch, Slices};
use crate::letters::day::LettersDay;
use crate::model::*;
use crate::settings::Settings;
use crate::sync::Clocks;

#[derive(Debug, Deserialize)]
pub struct FileV1 {
    pub format: String,
    pub version: u32,
    pub exported_at: Timestamp,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub clients: Vec<Client>,
    #[serde(default)]
    pub products: Vec<Product>,
    #[serde(default)]
    pub orders: Vec<Order>,
    #[serde(default)]
    pub letters: Vec<Letter>,
    #[serde(default)]
    pub staff: Vec<Staff>,
    #[serde(default)]
    pub requests: Vec<Request>,
    #[serde(default)]
    pub changes: Vec<ChangeLogEntry>,
    /// Added after the first release of v1: older files have none, older readers ignore it.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub address_lists: Vec<AddressList>,
    #[serde(default)]
    pub mailings: Vec<Mailing>,
    #[serde(default)]
    pub activities: Vec<Activity>,
    #[serde(default)]
    pub deals: Vec<Deal>,
    #[serde(default)]
    pub contracts: Vec<Contract>,
    #[serde(default)]
    pub snapshots: Vec<Snapshot>,
    /// Added with next steps, as `decisions` was; older readers ignore it.
    #[serde(default)]
    pub steps: Vec<NextStep>,
    #[serde(default)]
    pub tombstones: Vec<Tombstone>,
    /// Added after the first release of v1, as `decisions` was: the day's letter queue and the
    /// postponements. Older readers ignore it.
    #[serde(default)]
    pub letters_day: Option<LettersDay>,
    /// Added with sync, as `decisions` was: the records' clocks (`sync::Clocks`). Older readers
    /// ignore it and read every record as it is; only the field-by-field merge of a later sync
    /// needs them.
    #[serde(default)]
    pub clocks: Vec<Clocks>,
}

impl FileV1 {
    pub fn into_backup(self) -> Backup {
        Backup {
            source: None,
            version: self.version,
            exported_at: self.exported_at,
            settings: self.settings,
            letters_day: self.letters_day.filter(|d| !d.is_empty()),
            data: Batch {
                clients: self.clients,
                products: self.products,
                orders: self.orders,
                letters: self.letters,
                staff: self.staff,
                requests: self.requests,
                changes: self.changes,
                decisions: self.decisions,
                address_lists: self.address_lists,
                mailings: self.mailings,
                activities: self.activities,
                deals: self.deals,
                contracts: self.contracts,
                snapshots: self.snapshots,
                steps: self.steps,
                tombstones: self.tombstones,
                clocks: self.clocks,
            },
        }
    }
}

/// Borrowing twin of [`FileV1`], so exporting does not copy the base.
#[derive(Serialize)]
struct FileV1Ref<'a> {
    format: &'a str,
    version: u32,
    exported_at: Timestamp,
    app: &'a str,
    settings: &'a Settings,
    clients: &'a [Client],
    products: &'a [Product],
    orders: &'a [Order],
    letters: &'a [Letter],
    staff: &'a [Staff],
    requests: &'a [Request],
    changes: &'a [ChangeLogEntry],
    #[serde(skip_serializing_if = "<[Decision]>::is_empty")]
    decisions: &'a [Decision],
    #[serde(skip_serializing_if = "<[AddressList]>::is_empty")]
    address_lists: &'a [AddressList],
    #[serde(skip_serializing_if = "<[Mailing]>::is_empty")]
    mailings: &'a [Mailing],
    #[serde(skip_serializing_if = "<[Activity]>::is_empty")]
    activities: &'a [Activity],
    #[serde(skip_serializing_if = "<[Deal]>::is_empty")]
    deals: &'a [Deal],
    #[serde(skip_serializing_if = "<[Contract]>::is_empty")]
    contracts: &'a [Contract],
    #[serde(skip_serializing_if = "<[Snapshot]>::is_empty")]
    snapshots: &'a [Snapshot],
    #[serde(skip_serializing_if = "<[NextStep]>::is_empty")]
    steps: &'a [NextStep],
    tombstones: &'a [Tombstone],
    #[serde(skip_serializing_if = "Option::is_none")]
    letters_day: Option<&'a LettersDay>,
    #[serde(skip_serializing_if = "<[Clocks]>::is_empty")]
    clocks: &'a [Clocks],
}

pub fn write(
    settings: &Settings,
    data: Slices<'_>,
    exported_at: Timestamp,
    pretty: bool,
    letters_day: Option<&LettersDay>,
) -> Result<String, serde_json::Error> {
    let file = FileV1Ref {
        format: FORMAT,
        version: 1,
        exported_at,
        app: concat!("pismo ", env!("CARGO_PKG_VERSION")),
        settings,
        clients: data.clients,
        products: data.products,
        orders: data.orders,
        letters: data.letters,
        staff: data.staff,
        requests: data.requests,
        changes: data.changes,
        decisions: data.decisions,
        address_lists: data.address_lists,
        mailings: data.mailings,
        activities: data.activities,
        deals: data.deals,
        contracts: data.contracts,
        snapshots: data.snapshots,
        steps: data.steps,
        tombstones: data.tombstones,
        letters_day: letters_day.filter(|d| !d.is_empty()),
        clocks: data.clocks,
    };
    if pretty {
        serde_json::to_string_pretty(&file)
    } else {
        serde_json::to_string(&file)
    }
}
