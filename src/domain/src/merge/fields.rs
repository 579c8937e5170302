//! Two edits of one record made from the same starting version (two tabs, later two computers),
//! merged field by field: a field only one side changed takes that side's value; a field both
//! changed the same way is that value; a field both changed differently keeps `mine` (the edit
//! being saved now) and is named, so the user is told and the other value goes into the history.

use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

/// The merged record and the fields both sides changed differently.
pub fn three_way<T: Serialize + DeserializeOwned>(
    base: &T,
    mine: &T,
    theirs: &T,
) -> Result<(T, Vec<String>), serde_json::Error> {
    let (Value::Object(base), Value::Object(mine), Value::Object(theirs)) = (
        serde_json::to_value(base)?,
        serde_json::to_value(mine)?,
        serde_json::to_value(theirs)?,
    ) else {
        // Not a record with fields: the edit being saved wins whole.
        return Ok((
            serde_json::from_value(serde_json::to_value(mine)?)?,
            Vec::new(),
        ));
    };
    let mut out = theirs.clone();
    let mut conflicts = Vec::new();
    let keys: std::collections::BTreeSet<&String> = base
        .keys()
        .chain(mine.keys())
        .chain(theirs.keys())
        .collect();
    for k in keys {
        let (b, m, t) = (base.get(k), mine.get(k), theirs.get(k));
        if m == b || m == t {
            continue; // theirs already holds the right value
        }
        if t != b && !bookkeeping(k) {
            conflicts.push(k.clone());
        }
        match m {
            Some(v) => out.insert(k.clone(), v.clone()),
            None => out.remove(k),
        };
    }
    Ok((serde_json::from_value(Value::Object(out))?, conflicts))
}

/// Fields every save changes: never a conflict of the user's.
fn bookkeeping(field: &str) -> bool {
    matches!(field, "updated_at" | "verified_at")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Client, Phone};
    use chrono::TimeZone;

    fn client() -> Client {
        let t = chrono::Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
        Client::named(uuid::Uuid::from_u128(1), "Ромашка", t)
    }

    #[test]
    fn edits_of_different_fields_both_stay() {
        let base = client();
        let mut mine = base.clone();
        mine.name = "Ромашка-Плюс".into();
        mine.updated_at += chrono::Duration::minutes(2);
        let mut theirs = base.clone();
        theirs.notes = "Звонить после обеда".into();
        theirs.phones.push(Phone {
            number: "+7 912 000-11-22".into(),
            label: String::new(),
        });
        theirs.updated_at += chrono::Duration::minutes(1);
        let (merged, conflicts) = three_way(&base, &mine, &theirs).unwrap();
        assert!(conflicts.is_empty(), "{conflicts:?}");
        assert_eq!(merged.name, "Ромашка-Плюс");
        assert_eq!(merged.notes, "Звонить после обеда");
        assert_eq!(merged.phones.len(), 1);
        assert_eq!(merged.updated_at, mine.updated_at);
    }

    #[test]
    fn the_same_field_changed_on_both_keeps_mine_and_says_so() {
        let base = client();
        let mut mine = base.clone();
        mine.name = "Ромашка-Плюс".into();
        let mut theirs = base.clone();
        theirs.name = "Ромашка и Ко".into();
        let (merged, conflicts) = three_way(&base, &mine, &theirs).unwrap();
        assert_eq!(merged.name, "Ромашка-Плюс");
        assert_eq!(conflicts, ["name"]);
        // The same change on both sides is no conflict.
        let (_, none) = three_way(&base, &mine, &mine.clone()).unwrap();
        assert!(none.is_empty());
    }
}
