//! The shared folder: what each computer writes into `pismo-sync/<device>/` and which files a
//! computer reads. A computer writes only into its own folder and never rewrites a file (so a cloud
//! drive never makes a conflicting copy), reads everyone else's, and deletes its own old files once
//! every computer has read past them and a snapshot of its base stands in for them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Hlc, Refused, Version};
use crate::model::Timestamp;

pub const FORMAT: &str = "pismo-sync";
/// The folder inside the one the user picked.
pub const DIR: &str = "pismo-sync";
/// After this many change files since its last snapshot, a computer writes a new one.
pub const SNAPSHOT_AFTER: usize = 50;
/// A computer silent this long no longer holds back the deletion of old files (it left the
/// company, or was reinstalled under a new name); when it comes back it starts from a snapshot.
pub const FORGET_AFTER_DAYS: i64 = 90;

/// One file of changes (or a snapshot of a whole base), as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeFile {
    pub format: String,
    pub version: u32,
    pub device: String,
    /// What the computer is called and who was at it, for the status.
    #[serde(default)]
    pub name: String,
    pub seq: u64,
    /// The computer's own clock when it wrote the file.
    pub written_at: Timestamp,
    pub clock: Hlc,
    /// The whole base as the computer had it: the files before it are not needed to read on.
    #[serde(default)]
    pub snapshot: bool,
    /// How far this computer had read each other computer's files.
    #[serde(default)]
    pub read: BTreeMap<String, u64>,
    /// Each read on its own, so one bad record is refused, not the file.
    #[serde(default)]
    pub versions: Vec<Value>,
}

/// A file's name: its number, fixed width so the names sort as the numbers do.
pub fn file_name(seq: u64, snapshot: bool) -> String {
    if snapshot {
        format!("{seq:010}.snapshot.json")
    } else {
        format!("{seq:010}.json")
    }
}

/// One computer's folder, listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// By number: (number, is a snapshot, file name).
    pub files: Vec<(u64, bool, String)>,
    /// Names that are not ours (a cloud drive's conflict copy, a stray document), to be named in
    /// a warning. Hidden files (`.DS_Store`, `desktop.ini`-like) are left out quietly.
    pub foreign: Vec<String>,
}

pub fn list(names: &[String]) -> Listing {
    let mut out = Listing::default();
    for name in names {
        if name.starts_with('.') || name.eq_ignore_ascii_case("desktop.ini") {
            continue;
        }
        let (digits, snapshot) = match name.strip_suffix(".snapshot.json") {
            Some(d) => (d, true),
            None => (name.strip_suffix(".json").unwrap_or(""), false),
        };
        match digits.parse::<u64>() {
            Ok(seq) if digits.len() == 10 => out.files.push((seq, snapshot, name.clone())),
            _ => out.foreign.push(name.clone()),
        }
    }
    out.files.sort();
    out
}

/// The files of one computer to read, in order, when everything up to `read` was read: the ones
/// after it; or, when some of those were deleted (or nothing was read yet and there is a
/// snapshot), the latest snapshot and the files after it.
pub fn to_read(listing: &Listing, read: Option<u64>) -> Vec<String> {
    let after: Vec<&(u64, bool, String)> = listing
        .files
        .iter()
        .filter(|(seq, _, _)| read.is_none_or(|r| *seq > r))
        .collect();
    let contiguous = after
        .iter()
        .enumerate()
        .all(|(i, (seq, _, _))| *seq == read.map_or(after[0].0, |r| r + 1) + i as u64);
    let from_snapshot = read.is_none() || !contiguous;
    let start = if from_snapshot {
        after.iter().rposition(|(_, snap, _)| *snap).unwrap_or(0)
    } else {
        0
    };
    after[start.min(after.len())..]
        .iter()
        .map(|(_, _, name)| name.clone())
        .collect()
}

/// The own files that can go: those every other computer has read, older than the latest
/// snapshot (which stays, for a computer that joins later). `others_read`: how far each other
/// computer still counted has read this one's files (`None`: not at all yet).
pub fn deletable(listing: &Listing, others_read: &[Option<u64>]) -> Vec<String> {
    let Some(snapshot) = listing
        .files
        .iter()
        .filter(|(_, snap, _)| *snap)
        .map(|(seq, _, _)| *seq)
        .max()
    else {
        return Vec::new();
    };
    let everyone = others_read
        .iter()
        .map(|r| r.map_or(0, |r| r + 1))
        .min()
        .unwrap_or(u64::MAX);
    let below = snapshot.min(everyone);
    listing
        .files
        .iter()
        .filter(|(seq, _, _)| *seq < below)
        .map(|(_, _, name)| name.clone())
        .collect()
}

/// Whether it is time for a snapshot: the first file, or many files since the last one.
pub fn wants_snapshot(listing: &Listing) -> bool {
    let since = listing
        .files
        .iter()
        .rev()
        .take_while(|(_, snap, _)| !snap)
        .count();
    since == listing.files.len() || since >= SNAPSHOT_AFTER
}

/// A file read: its header, and its versions with the ones that could not be read refused.
#[derive(Debug)]
pub struct Parsed {
    pub file: ChangeFile,
    pub versions: Vec<Version>,
    pub refused: Vec<Refused>,
}

/// Reads one file of `device`'s folder; an error names what is wrong with it (the caller names
/// the file and skips it).
pub fn parse(text: &str, device: &str) -> Result<Parsed, String> {
    let mut file: ChangeFile =
        serde_json::from_str(text).map_err(|e| format!("not a Pismo sync file: {e}"))?;
    if file.format != FORMAT {
        return Err(format!("not a Pismo sync file (format {:?})", file.format));
    }
    if file.version != 1 {
        return Err(format!(
            "written by a newer Pismo (sync format {}): update this computer",
            file.version
        ));
    }
    if file.device != device {
        return Err(format!(
            "says it is from {:?}, but lies in the folder of {device:?}",
            file.device
        ));
    }
    let mut versions = Vec::with_capacity(file.versions.len());
    let mut refused = Vec::new();
    for v in std::mem::take(&mut file.versions) {
        let (kind, id) = (
            v.get("kind")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_string(),
            v.get("id")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_string(),
        );
        match serde_json::from_value::<Version>(v) {
            Ok(v) => versions.push(v),
            Err(e) => refused.push(Refused {
                kind,
                id,
                reason: format!("not readable: {e}"),
            }),
        }
    }
    Ok(Parsed {
        file,
        versions,
        refused,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_folder_lists_its_files_by_number_and_names_what_is_not_ours() {
        let l = list(&names(&[
            "0000000002.json",
            "0000000001.snapshot.json",
            "0000000003 (1).json",
            ".DS_Store",
            "notes.txt",
            "12.json",
        ]));
        assert_eq!(
            l.files,
            vec![
                (1, true, "0000000001.snapshot.json".into()),
                (2, false, "0000000002.json".into())
            ]
        );
        assert_eq!(
            l.foreign,
            names(&["0000000003 (1).json", "notes.txt", "12.json"])
        );
    }

    #[test]
    fn reading_goes_on_after_the_last_file_read_or_starts_at_the_latest_snapshot() {
        let l = list(&names(&[
            "0000000001.snapshot.json",
            "0000000002.json",
            "0000000003.json",
            "0000000004.snapshot.json",
            "0000000005.json",
        ]));
        assert_eq!(
            to_read(&l, Some(2)),
            names(&[
                "0000000003.json",
                "0000000004.snapshot.json",
                "0000000005.json"
            ])
        );
        assert_eq!(
            to_read(&l, None),
            names(&["0000000004.snapshot.json", "0000000005.json"])
        );
        assert_eq!(to_read(&l, Some(5)), Vec::<String>::new());
        // Files 1–3 were deleted after everyone known had read them; one that had read only 1
        // starts again from the snapshot.
        let tidied = list(&names(&["0000000004.snapshot.json", "0000000005.json"]));
        assert_eq!(
            to_read(&tidied, Some(1)),
            names(&["0000000004.snapshot.json", "0000000005.json"])
        );
        assert_eq!(to_read(&tidied, Some(4)), names(&["0000000005.json"]));
    }

    #[test]
    fn own_files_go_only_when_everyone_read_them_and_a_snapshot_stands_in() {
        let l = list(&names(&[
            "0000000001.snapshot.json",
            "0000000002.json",
            "0000000003.snapshot.json",
            "0000000004.json",
        ]));
        assert_eq!(
            deletable(&l, &[Some(4), Some(2)]),
            names(&["0000000001.snapshot.json", "0000000002.json"])
        );
        assert_eq!(
            deletable(&l, &[Some(4), None]),
            Vec::<String>::new(),
            "one has read nothing yet"
        );
        assert_eq!(
            deletable(&l, &[]),
            names(&["0000000001.snapshot.json", "0000000002.json"])
        );
        assert!(wants_snapshot(&list(&[])));
        assert!(!wants_snapshot(&l));
    }

    #[test]
    fn a_file_is_checked_before_any_record_is_read() {
        assert!(parse("{\"format\": \"pismo-sync\", \"versi", "a")
            .unwrap_err()
            .contains("not a Pismo sync file"));
        let file = |device: &str, version: u32| {
            serde_json::json!({
                "format": FORMAT, "version": version, "device": device, "seq": 1,
                "written_at": "2026-11-26T09:00:00Z", "clock": "0001764147600000.0000.a",
                "versions": [{"kind": "client", "id": "x"}, {"kind": "nonsense"}]
            })
            .to_string()
        };
        assert!(parse(&file("a", 2), "a")
            .unwrap_err()
            .contains("newer Pismo"));
        assert!(parse(&file("b", 1), "a").unwrap_err().contains("folder of"));
        let p = parse(&file("a", 1), "a").unwrap();
        assert!(p.versions.is_empty());
        assert_eq!(p.refused.len(), 2, "each bad record refused on its own");
    }
}
