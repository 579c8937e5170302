//! «Where is my order»: a corporate client's status in a few lines, to print or e-mail — its
//! contracts with the stage each has reached, and its open requests with where they stand.

use chrono::FixedOffset;

use super::{status, Status};
use crate::base::Base;
use crate::format::{full_name, money};
use crate::model::*;

fn contract_stage(s: ContractStage, lang: Lang) -> &'static str {
    let (ru, en) = match s {
        ContractStage::Signed => ("подписан", "signed"),
        ContractStage::Paid => ("оплачен", "paid"),
        ContractStage::DocumentsSent => ("документы отправлены", "documents sent"),
        ContractStage::Shipped => ("отгружен", "shipped"),
        ContractStage::Complaint => ("рекламация в работе", "complaint being handled"),
        ContractStage::Closed => ("закрыт", "closed"),
    };
    if lang == Lang::Ru {
        ru
    } else {
        en
    }
}

fn request_status(s: Status, lang: Lang) -> &'static str {
    let (ru, en) = match s {
        Status::New | Status::WithDepartment => ("в работе", "being handled"),
        Status::Answered | Status::Relayed => ("ответ готов", "answered"),
        Status::Closed => ("закрыт", "closed"),
    };
    if lang == Lang::Ru {
        ru
    } else {
        en
    }
}

/// The subject and text of the summary, in the client's language.
pub fn summary(
    base: &Base,
    client: Id,
    company: &str,
    tz: FixedOffset,
) -> Option<(String, String)> {
    let c = base.clients.get(&client)?;
    let lang = c.language;
    let ru = lang == Lang::Ru;
    let date = |t: Timestamp| t.with_timezone(&tz).format("%d.%m.%Y").to_string();
    let mut contracts: Vec<&Contract> = base
        .contracts
        .iter()
        .filter(|x| x.client == client)
        .collect();
    crate::sort::sort_by_key(&mut contracts, |x| std::cmp::Reverse(x.signed_on));
    let mut requests: Vec<&Request> = base
        .requests
        .iter()
        .filter(|r| r.client == client && status(r) != Status::Closed)
        .collect();
    crate::sort::sort_by_key(&mut requests, |r| r.opened);
    let mut lines = vec![if ru {
        format!("{}: состояние заказов и запросов", full_name(c))
    } else {
        format!("{}: orders and requests", full_name(c))
    }];
    lines.push(String::new());
    lines.push(
        if ru {
            "Договоры:"
        } else {
            "Contracts:"
        }
        .to_string(),
    );
    if contracts.is_empty() {
        lines.push("—".into());
    }
    for k in &contracts {
        let since = k.stages.last().map(|(_, t)| date(*t)).unwrap_or_default();
        lines.push(format!(
            "• {} {} {} {} — {} ({})",
            if ru { "№" } else { "No." },
            k.number,
            if ru { "от" } else { "of" },
            k.signed_on.format("%d.%m.%Y"),
            contract_stage(k.stage, lang),
            since
        ));
        lines.push(format!("  {}", money(k.amount_kop, lang)));
    }
    lines.push(String::new());
    lines.push(
        if ru {
            "Открытые запросы:"
        } else {
            "Open requests:"
        }
        .to_string(),
    );
    if requests.is_empty() {
        lines.push("—".into());
    }
    for r in &requests {
        lines.push(format!(
            "• {} — {} ({} {})",
            r.subject,
            request_status(status(r), lang),
            if ru { "с" } else { "since" },
            date(r.opened)
        ));
    }
    let subject = if ru {
        format!("{company}: состояние ваших заказов")
    } else {
        format!("{company}: the status of your orders")
    };
    Some((subject, lines.join("\n")))
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};
    use uuid::Uuid;

    use super::*;
    use crate::base::Batch;

    #[test]
    fn the_summary_lists_contracts_and_open_requests_in_the_clients_language() {
        let t = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
        let tz = FixedOffset::east_opt(3 * 3600).unwrap();
        let client = Client {
            corporate: true,
            legal_form: "ПАО".into(),
            ..Client::named(Uuid::from_u128(1), "Уралхим", t)
        };
        let contract = Contract {
            id: Uuid::from_u128(2),
            client: client.id,
            number: "К-118/26".into(),
            amount_kop: 150_000_000,
            stage: ContractStage::Shipped,
            stages: vec![(ContractStage::Signed, t), (ContractStage::Shipped, t)],
            signed_on: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            updated_at: t,
        };
        let open = Request {
            id: Uuid::from_u128(3),
            client: client.id,
            department: Department::Finance,
            subject: "Акт сверки".into(),
            staff: None,
            opened: t,
            sent: Some(t),
            due: t,
            answered: None,
            relayed: None,
            closed: None,
            messages: vec![],
            updated_at: t,
        };
        let closed = Request {
            id: Uuid::from_u128(4),
            subject: "Старый вопрос".into(),
            closed: Some(t),
            ..open.clone()
        };
        let base = Base::from_batch(&Batch {
            clients: vec![client.clone()],
            contracts: vec![contract],
            requests: vec![open, closed],
            ..Batch::default()
        });
        let (subject, body) = summary(&base, client.id, "Лавровый венец", tz).unwrap();
        assert_eq!(subject, "Лавровый венец: состояние ваших заказов");
        assert!(
            body.starts_with("ПАО «Уралхим»: состояние заказов и запросов"),
            "{body}"
        );
        assert!(
            body.contains("• № К-118/26 от 01.10.2026 — отгружен (20.11.2026)"),
            "{body}"
        );
        assert!(body.contains("1\u{202f}500\u{202f}000\u{a0}₽"), "{body}");
        assert!(
            body.contains("• Акт сверки — в работе (с 20.11.2026)"),
            "{body}"
        );
        assert!(!body.contains("Старый вопрос"));
        let mut en = base.clone();
        en.apply(&Batch {
            clients: vec![Client {
                language: Lang::En,
                ..client
            }],
            ..Batch::default()
        });
        let (subject, body) = summary(&en, Uuid::from_u128(1), "Laurel", tz).unwrap();
        assert_eq!(subject, "Laurel: the status of your orders");
        assert!(body.contains("shipped"));
    }
}
