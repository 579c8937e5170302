//! The only code that knows the browser's storage: the client base in IndexedDB (through rexie)
//! and the settings in localStorage (through gloo-storage). Every failure is a named
//! [`StorageError`]; nothing here panics or swallows an error.

mod codec;
mod db;
mod local;
mod persist;
mod shared;
mod tx;

pub use db::{Db, Loaded, DB_NAME, SCHEMA_VERSION};
pub use local::{get_string, load_settings, save_settings, set_string, LocalKey};
pub use persist::{request_persistence, Persistence};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// IndexedDB is missing or refuses to open (some private modes, disabled storage).
    Unavailable(String),
    /// Another tab keeps an older version of the database open, so it cannot be upgraded.
    BlockedUpgrade,
    /// The database was written by a newer version of Pismo than this one.
    VersionTooNew,
    /// The browser's storage quota is used up: nothing of this write was stored.
    Quota,
    /// A stored value could not be read or a value could not be written as JSON.
    Codec { key: String, message: String },
    /// The records were saved by another tab since this edit began: nothing was written.
    Changed(Vec<crate::domain::model::Id>),
    /// Another tab replaced the whole base since this tab read it: nothing was written.
    Replaced,
    /// The browser aborted a write at commit without saying why (most often: no space left).
    Refused,
    /// Any other failure of a transaction; nothing of it was stored.
    Transaction(String),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Unavailable(m) => write!(f, "browser storage is unavailable: {m}"),
            StorageError::BlockedUpgrade => {
                write!(
                    f,
                    "another Pismo tab keeps the database open; close it and reload"
                )
            }
            StorageError::VersionTooNew => write!(
                f,
                "the stored data was written by a newer Pismo; reload the page to get it"
            ),
            StorageError::Quota => write!(f, "the browser's storage is full; nothing was saved"),
            StorageError::Codec { key, message } => write!(f, "stored value {key}: {message}"),
            StorageError::Changed(ids) => write!(
                f,
                "{} record(s) were changed in another tab meanwhile; nothing was saved",
                ids.len()
            ),
            StorageError::Replaced => write!(
                f,
                "the whole base was replaced in another tab; this change was not saved"
            ),
            StorageError::Refused => write!(
                f,
                "the browser refused to store the write, most likely because its space for data is used up; nothing was saved"
            ),
            StorageError::Transaction(m) => write!(f, "storage failed, nothing was saved: {m}"),
        }
    }
}

impl std::error::Error for StorageError {}

impl From<rexie::Error> for StorageError {
    fn from(e: rexie::Error) -> Self {
        // rexie's own Display is generic ("idb error"); the DOMException name is in the source.
        let detail = std::error::Error::source(&e)
            .map(ToString::to_string)
            .unwrap_or_else(|| e.to_string());
        if detail.contains("QuotaExceededError") {
            StorageError::Quota
        } else if detail.contains("VersionError") {
            StorageError::VersionTooNew
        } else if detail.contains("InvalidStateError") || detail.contains("SecurityError") {
            StorageError::Unavailable(detail)
        } else {
            StorageError::Transaction(detail)
        }
    }
}
