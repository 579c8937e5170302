//! The JSON backup: one file with every record and the settings, in a versioned format
//! (docs/backup-format.md). Reading is all-or-nothing: a file is parsed and checked completely
//! before anything is applied, and every error says where it is.

mod check;
pub mod sealed;
pub mod spans;
pub mod v1;

use serde::Deserialize;

use super::base::Batch;
use super::json::{self, JsonError};
use super::model::Timestamp;
use super::settings::Settings;

pub use check::{BackupWarning, MAX_WARNINGS};

pub const FORMAT: &str = "pismo-backup";
pub const CURRENT_VERSION: u32 = 1;
/// Larger files are refused before parsing: far beyond any real base (100,000 clients are ~60 MB).
pub const MAX_BYTES: usize = 512 * 1024 * 1024;

/// A backup read into memory, whatever version it was written in.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    /// The file's text and where each record is in it, when read by [`read_keeping`].
    pub source: Option<std::sync::Arc<spans::Source>>,
    pub version: u32,
    pub exported_at: Timestamp,
    pub settings: Settings,
    pub data: Batch,
    /// The day's letter queue and postponements, when the file has them.
    pub letters_day: Option<crate::letters::day::LettersDay>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    TooLarge {
        bytes: usize,
    },
    Empty,
    /// Not JSON at all, or cut off: `line`/`column` from the parser.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    NotPismo,
    UnsupportedVersion {
        version: u32,
    },
    /// The JSON is well formed but a value is wrong; `path` like `clients[12].phones[0]`.
    Invalid {
        path: String,
        message: String,
    },
}

impl std::fmt::Display for BackupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BackupError::TooLarge { bytes } => write!(
                f,
                "the file is too large ({} MB; at most {} MB)",
                bytes / 1_048_576,
                MAX_BYTES / 1_048_576
            ),
            BackupError::Empty => write!(f, "the file is empty"),
            BackupError::Syntax {
                line,
                column,
                message,
            } => write!(
                f,
                "not valid JSON at line {line}, column {column}: {message} (is the file complete?)"
            ),
            BackupError::NotPismo => write!(f, "this is not a Pismo backup (no \"format\": \"{FORMAT}\")"),
            BackupError::UnsupportedVersion { version } => write!(
                f,
                "backup version {version} is not supported: this app reads versions 1 to {CURRENT_VERSION}"
            ),
            BackupError::Invalid { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for BackupError {}

#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Explains why a file that did not parse as the current version failed: not JSON, not ours, a
/// version we do not read, or a bad value at a path.
fn diagnose(text: &str, e: JsonError) -> BackupError {
    if e.syntax {
        return BackupError::Syntax {
            line: e.line,
            column: e.column,
            message: e.message,
        };
    }
    let header: Header = match serde_json::from_str(text) {
        Ok(h) => h,
        Err(_) => return BackupError::NotPismo,
    };
    match &header.format {
        Some(serde_json::Value::String(f)) if f == FORMAT => {}
        _ => return BackupError::NotPismo,
    }
    match header.version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if (1..=u64::from(CURRENT_VERSION)).contains(&v) => BackupError::Invalid {
            path: e.path,
            message: e.message,
        },
        Some(v) => BackupError::UnsupportedVersion {
            version: u32::try_from(v).unwrap_or(u32::MAX),
        },
        None => BackupError::Invalid {
            path: "version".into(),
            message: "missing or not a whole number".into(),
        },
    }
}

/// [`read`], keeping the text and each record's place in it, so that replacing the whole base
/// with this backup can store the records' text as it is (see [`spans`]).
pub fn read_keeping(text: String) -> Result<(Backup, Vec<BackupWarning>), BackupError> {
    if text.len() > MAX_BYTES {
        return Err(BackupError::TooLarge { bytes: text.len() });
    }
    let bom = text.len() - text.trim_start_matches('\u{feff}').len();
    let Some((file, mut spans)) = spans::read(&text[bom..]) else {
        return read(&text);
    };
    if file.format != FORMAT || file.version == 0 || file.version > CURRENT_VERSION {
        return read(&text);
    }
    for v in spans.values_mut() {
        for (a, b) in v.iter_mut() {
            *a += bom;
            *b += bom;
        }
    }
    let mut backup = file.into_backup();
    let warnings = check::check(&backup)?;
    backup.source = Some(std::sync::Arc::new(spans::Source { text, spans }));
    Ok((backup, warnings))
}

/// Parses and checks a backup. Structural errors stop it; doubtful values become warnings.
pub fn read(text: &str) -> Result<(Backup, Vec<BackupWarning>), BackupError> {
    if text.len() > MAX_BYTES {
        return Err(BackupError::TooLarge { bytes: text.len() });
    }
    let trimmed = text.trim_start_matches('\u{feff}');
    if trimmed.trim().is_empty() {
        return Err(BackupError::Empty);
    }
    let file: v1::FileV1 = json::parse(trimmed).map_err(|e| diagnose(trimmed, e))?;
    if file.format != FORMAT {
        return Err(BackupError::NotPismo);
    }
    if file.version == 0 || file.version > CURRENT_VERSION {
        return Err(BackupError::UnsupportedVersion {
            version: file.version,
        });
    }
    let backup = file.into_backup();
    let warnings = check::check(&backup)?;
    Ok((backup, warnings))
}

/// Writes a backup in the current version.
pub fn write(
    settings: &Settings,
    data: &Batch,
    exported_at: Timestamp,
) -> Result<String, serde_json::Error> {
    v1::write(settings, data.into(), exported_at, false, None)
}

/// Writes the whole base as a backup without copying it first (at 100,000 clients a copy is
/// millions of small allocations before a byte is written).
/// `letters_day` is the day's queue and postponements, which decide who is written to today.
pub fn write_base(
    settings: &Settings,
    base: &crate::base::Base,
    exported_at: Timestamp,
    letters_day: Option<&crate::letters::day::LettersDay>,
) -> Result<String, serde_json::Error> {
    let tombstones = base.tombstone_list();
    let clocks = base.clock_list();
    v1::write(
        settings,
        base.slices(&tombstones, &clocks),
        exported_at,
        false,
        letters_day,
    )
}

/// The same, indented: for golden files and people who read backups.
pub fn write_pretty(
    settings: &Settings,
    data: &Batch,
    exported_at: Timestamp,
) -> Result<String, serde_json::Error> {
    v1::write(settings, data.into(), exported_at, true, None)
}
