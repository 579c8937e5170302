use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Id, Timestamp};

/// The client base's state figures as they stood in one month. Unlike revenue or letters sent,
/// pending duplicates, confirmed records and invalid contacts cannot be recomputed for a past
/// month from the records, so the dashboard keeps one of these per month (the last look of the
/// month wins) and draws their charts from them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub id: Id,
    /// The first day of the month it describes.
    pub month: NaiveDate,
    /// Clients in the base (merged-away records not counted).
    pub clients: u32,
    /// Share of the letter pool written to within the cycle, 0–1.
    pub coverage: f64,
    /// Share of clients confirmed within 12 months, 0–1.
    pub confirmed_share: f64,
    pub invalid_contacts: u32,
    /// Clients in undecided duplicate clusters; absent if the scan had not run.
    #[serde(default)]
    pub pending_duplicates: Option<u32>,
    pub updated_at: Timestamp,
}
