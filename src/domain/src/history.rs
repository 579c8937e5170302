//! The history of contact fields: what changed, from what to what, and when. The client-base
//! section uses it to see who moved, and to undo a wrong edit by hand.

use super::model::*;

fn phones(list: &[Phone]) -> String {
    list.iter()
        .map(|p| p.number.trim())
        .collect::<Vec<_>>()
        .join("; ")
}

fn emails(list: &[Email]) -> String {
    list.iter()
        .map(|e| e.address.trim())
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn address_line(a: &Address) -> String {
    [
        a.postcode.as_str(),
        a.region.as_str(),
        a.city.as_str(),
        a.street.as_str(),
    ]
    .iter()
    .map(|s| s.trim())
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ")
}

fn contacts(list: &[ContactPerson]) -> String {
    list.iter()
        .map(|p| {
            let name = [p.last.as_str(), p.first.as_str(), p.patronymic.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let extra = [phones(&p.phones), emails(&p.emails)]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            if extra.is_empty() {
                name
            } else {
                format!("{name} ({extra})")
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The tracked fields of a client as (field, text) pairs.
fn tracked(c: &Client) -> [(&'static str, String); 10] {
    [
        ("name", c.name.trim().to_string()),
        ("legal_form", c.legal_form.trim().to_string()),
        ("inn", c.inn.trim().to_string()),
        ("kpp", c.kpp.trim().to_string()),
        ("phones", phones(&c.phones)),
        ("emails", emails(&c.emails)),
        (
            "addresses",
            c.addresses
                .iter()
                .map(address_line)
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("contacts", contacts(&c.contacts)),
        ("owner", c.owner.map(|o| o.to_string()).unwrap_or_default()),
        (
            "do_not_contact",
            c.do_not_contact
                .as_ref()
                .map(|d| d.reason.clone())
                .unwrap_or_default(),
        ),
    ]
}

/// A logged value as a person reads it: the owner by name rather than by id.
pub fn shown(base: &crate::base::Base, field: &str, value: &str) -> String {
    match field {
        "owner" => uuid::Uuid::parse_str(value)
            .ok()
            .and_then(|id| base.staff.get(&id))
            .map(|s| s.name.clone())
            .unwrap_or_else(|| value.to_string()),
        _ => value.to_string(),
    }
}

/// One entry per tracked field that differs; `None` for `old` means the client is new.
pub fn changes(
    old: Option<&Client>,
    new: &Client,
    at: Timestamp,
    mut new_id: impl FnMut() -> Id,
) -> Vec<ChangeLogEntry> {
    let before = old.map(tracked);
    tracked(new)
        .into_iter()
        .enumerate()
        .filter_map(|(i, (field, now))| {
            let was = before.as_ref().map(|b| b[i].1.clone()).unwrap_or_default();
            (was != now).then(|| ChangeLogEntry {
                by: None,
                lost: None,
                id: new_id(),
                client: new.id,
                field: field.to_string(),
                old: was,
                new: now,
                at,
                updated_at: at,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    fn base_client() -> Client {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        Client {
            id: Uuid::from_u128(1),
            kind: ClientKind::Company,
            name: "Ромашка".into(),
            legal_form: "ООО".into(),
            inn: String::new(),
            kpp: String::new(),
            segments: vec![],
            addresses: vec![],
            phones: vec![Phone {
                number: "+7 912 345-67-89".into(),
                label: String::new(),
            }],
            emails: vec![],
            contacts: vec![],
            owner: None,
            do_not_contact: None,
            language: Lang::Ru,
            notes: "old note".into(),
            corporate: false,
            merged_into: None,
            created_at: t,
            updated_at: t,
            verified_at: None,
        }
    }

    #[test]
    fn only_changed_contact_fields_are_logged() {
        let old = base_client();
        let mut new = old.clone();
        new.phones[0].number = "+7 900 000-00-00".into();
        new.notes = "notes are not contact data".into();
        new.addresses.push(Address {
            postcode: "620014".into(),
            city: "Екатеринбург".into(),
            street: "ул. Ленина, д. 1".into(),
            ..Address::default()
        });
        let at = Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap();
        let mut n = 10;
        let log = changes(Some(&old), &new, at, || {
            n += 1;
            Uuid::from_u128(n)
        });
        let fields: Vec<(&str, &str, &str)> = log
            .iter()
            .map(|e| (e.field.as_str(), e.old.as_str(), e.new.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("phones", "+7 912 345-67-89", "+7 900 000-00-00"),
                ("addresses", "", "620014, Екатеринбург, ул. Ленина, д. 1"),
            ]
        );
        assert!(log.iter().all(|e| e.client == new.id && e.at == at));
    }

    #[test]
    fn a_new_client_logs_its_filled_fields() {
        let c = base_client();
        let log = changes(None, &c, c.created_at, || Uuid::from_u128(5));
        let fields: Vec<&str> = log.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "legal_form", "phones"]);
    }

    #[test]
    fn owners_read_by_name() {
        let (_, data) =
            crate::demo::generate_sized(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), 20);
        let base = crate::base::Base::from_batch(&data);
        let st = &data.staff[0];
        assert_eq!(shown(&base, "owner", &st.id.to_string()), st.name);
        assert_eq!(shown(&base, "owner", ""), "");
        assert_eq!(shown(&base, "name", "Ромашка"), "Ромашка");
    }
}
