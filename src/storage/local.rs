//! Settings and small per-browser values in localStorage.

use gloo_storage::{errors::StorageError as GlooError, LocalStorage, Storage};

use super::StorageError;
use crate::domain::settings::Settings;

/// The localStorage keys Pismo uses, in one place.
#[derive(Debug, Clone, Copy)]
pub enum LocalKey {
    Settings,
    LastBackupAt,
    /// Who is at this computer (a staff id): a local choice, never shared.
    Person,
    /// This computer's name in a shared folder (sync).
    Device,
}

impl LocalKey {
    pub fn as_str(self) -> &'static str {
        match self {
            LocalKey::Settings => "pismo.settings",
            LocalKey::LastBackupAt => "pismo.last_backup_at",
            LocalKey::Person => "pismo.person",
            LocalKey::Device => "pismo.device",
        }
    }
}

fn map(key: LocalKey, e: GlooError) -> StorageError {
    match e {
        GlooError::SerdeError(e) => StorageError::Codec {
            key: key.as_str().into(),
            message: e.to_string(),
        },
        GlooError::JsError(e) if e.name.contains("Quota") => StorageError::Quota,
        GlooError::JsError(e) => StorageError::Unavailable(e.to_string()),
        GlooError::KeyNotFound(k) => StorageError::Codec {
            key: k,
            message: "missing".into(),
        },
    }
}

/// The stored settings; defaults when none are stored yet. A stored value that no longer reads is
/// reported (the caller shows it) rather than silently replaced.
pub fn load_settings() -> Result<Settings, StorageError> {
    match LocalStorage::get::<Settings>(LocalKey::Settings.as_str()) {
        Ok(s) => Ok(s),
        Err(GlooError::KeyNotFound(_)) => Ok(Settings::default()),
        Err(e) => Err(map(LocalKey::Settings, e)),
    }
}

pub fn save_settings(s: &Settings) -> Result<(), StorageError> {
    LocalStorage::set(LocalKey::Settings.as_str(), s).map_err(|e| map(LocalKey::Settings, e))
}

pub fn get_string(key: LocalKey) -> Result<Option<String>, StorageError> {
    match LocalStorage::get::<String>(key.as_str()) {
        Ok(s) => Ok(Some(s)),
        Err(GlooError::KeyNotFound(_)) => Ok(None),
        Err(e) => Err(map(key, e)),
    }
}

pub fn set_string(key: LocalKey, value: &str) -> Result<(), StorageError> {
    LocalStorage::set(key.as_str(), value).map_err(|e| map(key, e))
}
