//! Saving a client edited from a known version. Another tab may have saved the same client
//! meanwhile: storage then refuses the write (`StorageError::Changed`), the edit is merged field
//! by field with what is stored (`merge::fields::three_way`) and saved again, so neither tab's
//! change is lost; a field both changed keeps this tab's value, the other goes into the history
//! (the change entries are made against the stored version), and the user is told which.

use crate::domain::base::{buckets, Batch};
use crate::domain::merge::fields::three_way;
use crate::domain::model::Client;
use crate::domain::record::{bucket_of, Keyed};
use crate::storage::StorageError;

use super::clock::now;
use super::state::{db, AppState};

/// What was saved: the client as stored now, the fields taken from another tab's save, and the
/// fields both changed (this tab's value kept).
pub struct Saved {
    pub client: Client,
    pub from_other_tab: Vec<String>,
    pub conflicts: Vec<String>,
}

/// How often a save is merged and tried again before it gives up (each try reads what the
/// other tab stored; three in a row means someone is saving this client continuously).
const TRIES: usize = 3;

/// Saves `mine`, edited from `original` (`None` for a new client). `build` makes the batch for
/// an edit from a version to another (the client, its history entries, a hand-over).
pub async fn save_client(
    s: AppState,
    original: Option<Client>,
    mine: Client,
    build: impl Fn(Option<&Client>, &Client) -> Batch,
) -> Result<Saved, StorageError> {
    let (mut from, mut mine) = (original, mine);
    let (mut from_other_tab, mut conflicts) = (Vec::new(), Vec::new());
    for _ in 0..TRIES {
        let expected: Vec<Client> = from.iter().cloned().collect();
        match s
            .commit_expecting(build(from.as_ref(), &mine), &expected)
            .await
        {
            Ok(()) => {
                return Ok(Saved {
                    client: mine,
                    from_other_tab,
                    conflicts,
                })
            }
            Err(StorageError::Changed(_)) => {
                let Some(base) = from.take() else {
                    break;
                };
                let Some(stored) = stored_client(&mine).await? else {
                    break;
                };
                let (mut merged, both) =
                    three_way(&base, &mine, &stored).map_err(|e| StorageError::Codec {
                        key: Client::STORE.into(),
                        message: e.to_string(),
                    })?;
                from_other_tab.extend(changed_fields(&base, &stored));
                conflicts.extend(both);
                // Later than what is stored, so every merge keeps this version.
                merged.updated_at =
                    now().max(stored.updated_at + chrono::Duration::milliseconds(1));
                from = Some(stored);
                mine = merged;
            }
            Err(e) => return Err(e),
        }
    }
    let e = StorageError::Changed(vec![mine.id]);
    s.storage_error(&e);
    Err(e)
}

/// The client as storage holds it now.
async fn stored_client(c: &Client) -> Result<Option<Client>, StorageError> {
    let key = buckets::key(Client::STORE, bucket_of(&c.id));
    let (batch, _) = db()?.read_buckets(&[key]).await?;
    Ok(batch.clients.into_iter().find(|x| x.id == c.id))
}

/// The user's fields that differ between two versions.
fn changed_fields(a: &Client, b: &Client) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(a), serde_json::to_value(b))
    else {
        return Vec::new();
    };
    a.keys()
        .chain(b.keys().filter(|k| !a.contains_key(*k)))
        .filter(|k| !matches!(k.as_str(), "updated_at" | "verified_at"))
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}
