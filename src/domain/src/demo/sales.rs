//! The demo company's sales and corporate sections at work: a year of calls and meetings with each
//! salesperson's clients (a few gone quiet), deals at every stage (the paid ones are orders), and
//! the account manager's corporate clients with contracts and requests relayed to the departments
//! (most answered in time, a few still open, one overdue).

use chrono::{Duration, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone, Utc};

use super::Rng;
use crate::base::Batch;
use crate::corporate::{self, Status};
use crate::model::*;
use crate::settings::Settings;

const CALLS: [&str; 6] = [
    "Обсудили заказ к выпускному",
    "Просят каталог медалей",
    "Перезвонить после бюджета",
    "Встреча в офисе, показали образцы",
    "Уточнили сроки гравировки",
    "Поздравили с юбилеем, спросили о планах",
];

const DEALS: [&str; 6] = [
    "Кубки на городской турнир",
    "Медали для выпускников",
    "Наградные плакетки к юбилею",
    "Дипломы и рамки для конкурса",
    "Статуэтки для корпоративной премии",
    "Вымпелы для спартакиады",
];

const STEPS: [&str; 5] = [
    "Позвонить: согласовать макет",
    "Отправить счёт и договор",
    "Уточнить количество и сроки",
    "Встреча: показать образцы",
    "Позвонить после совещания у директора",
];

/// Next steps on the open deals and on some clients, due from three days ago to a week ahead,
/// so each salesperson's start page has some for today and some overdue. Ids and texts come from
/// the records' ids, not the random sequence, which the rest of the demo goes on with.
fn next_steps(b: &mut Batch, owned: &[(Id, Id)], today: NaiveDate) {
    let mut steps = Vec::new();
    let mut push = |key: Id, client: Id, deal: Option<Id>, staff: Id| {
        let seed = key.as_u128();
        let offset = (seed % 11) as i64 - 3;
        steps.push(NextStep {
            id: Id::from_u128(seed ^ 0x6e65_7874),
            client,
            deal,
            staff: Some(staff),
            text: STEPS[(seed >> 8) as usize % STEPS.len()].to_string(),
            due: today + Duration::days(offset),
            done: None,
            updated_at: at(today, 8, 0),
        });
    };
    for d in b.deals.iter().filter(|d| d.stage.is_open()) {
        if let Some(staff) = d.staff {
            push(d.id, d.client, Some(d.id), staff);
        }
    }
    for (client, seller) in owned.iter().step_by(9) {
        push(*client, *client, None, *seller);
    }
    b.steps.extend(steps);
}

const REQUESTS: [(Department, &str); 6] = [
    (Department::Finance, "Нужен акт сверки за квартал"),
    (Department::Technical, "Когда будет отгрузка заказа?"),
    (Department::Quality, "На двух кубках сколы, нужна замена"),
    (Department::Finance, "Где закрывающие документы по счёту?"),
    (
        Department::Sales,
        "Просят коммерческое предложение на медали",
    ),
    (Department::Technical, "Можно ли изменить гравировку?"),
];

fn at(day: NaiveDate, hour: u32, minute: u32) -> Timestamp {
    let t = NaiveTime::from_hms_opt(hour, minute % 60, 0).unwrap_or_default();
    Utc.from_utc_datetime(&day.and_time(t))
}

fn day_back(today: NaiveDate, days: usize) -> NaiveDate {
    today - Duration::days(days as i64)
}

pub(super) fn sales_history(rng: &mut Rng, b: &mut Batch, settings: &Settings, today: NaiveDate) {
    let sellers: Vec<Id> = b
        .staff
        .iter()
        .filter(|s| s.role == Role::Salesperson)
        .map(|s| s.id)
        .collect();
    let manager = b
        .staff
        .iter()
        .find(|s| s.role == Role::AccountManager)
        .map(|s| (s.id, s.name.clone()));
    let owned: Vec<(Id, Id)> = b
        .clients
        .iter()
        .filter_map(|c| c.owner.filter(|o| sellers.contains(o)).map(|o| (c.id, o)))
        .collect();
    for (client, seller) in &owned {
        // One in twelve has gone quiet: nothing for seven months or more.
        let quiet = rng.chance(8);
        let n = 1 + rng.below(5);
        for _ in 0..n {
            let back = if quiet {
                210 + rng.below(150)
            } else {
                1 + rng.below(150)
            };
            let day = day_back(today, back);
            let kind = *rng.pick(&[
                ActivityKind::Call,
                ActivityKind::Call,
                ActivityKind::Meeting,
                ActivityKind::Email,
                ActivityKind::Note,
            ]);
            let t = at(day, 9 + rng.below(8) as u32, rng.below(60) as u32);
            b.activities.push(Activity {
                id: rng.uuid(),
                client: *client,
                staff: Some(*seller),
                kind,
                at: t,
                text: rng.pick(&CALLS).to_string(),
                updated_at: t,
            });
        }
    }
    // Each salesperson has a handful of deals at every stage.
    for (k, (client, seller)) in owned.iter().enumerate().filter(|(k, _)| k % 5 == 0) {
        let stage = DealStage::FLOW
            .iter()
            .copied()
            .chain([DealStage::Lost])
            .nth(k / 5 % 6)
            .unwrap_or(DealStage::Contract);
        let opened = at(day_back(today, 5 + rng.below(50)), 11, 0);
        let amount = (20 + rng.below(200)) as i64 * 100_000;
        let mut stages = vec![(DealStage::Contract, opened)];
        let mut t = opened;
        for s in DealStage::FLOW.iter().copied().skip(1) {
            if s > stage || stage == DealStage::Lost {
                break;
            }
            // Never after the demo's «now»: a stage dated ahead would also date every later
            // edit of the deal ahead (sync's clocks follow the latest stamp they see).
            t = (t + Duration::days(1 + rng.below(4) as i64)).min(at(today, 8, 0));
            stages.push((s, t));
        }
        let mut deal = Deal {
            id: rng.uuid(),
            client: *client,
            staff: Some(*seller),
            title: rng.pick(&DEALS).to_string(),
            amount_kop: amount,
            stage,
            stages,
            payments: Vec::new(),
            lost_reason: String::new(),
            order: None,
            opened,
            updated_at: t,
        };
        if stage == DealStage::Lost {
            t = (t + Duration::days(3)).min(at(today, 8, 0));
            deal.stages.push((DealStage::Lost, t));
            deal.lost_reason = "Выбрали другого поставщика".into();
            deal.updated_at = t;
        } else if stage >= DealStage::Paid {
            let paid_at = deal
                .stages
                .iter()
                .find(|(s, _)| *s == DealStage::Paid)
                .map(|(_, t)| *t)
                .unwrap_or(t);
            deal.payments.push(Payment {
                at: paid_at,
                amount_kop: amount,
            });
            let order = Order {
                id: rng.uuid(),
                client: *client,
                date: paid_at.date_naive(),
                lines: vec![OrderLine {
                    product: None,
                    description: deal.title.clone(),
                    qty: 1,
                    price_kop: amount,
                }],
                source: OrderSource::Sales,
                stage: match stage {
                    DealStage::Shipped => OrderStage::Shipped,
                    DealStage::Closed => OrderStage::Closed,
                    _ => OrderStage::Paid,
                },
                staff: Some(*seller),
                letter: None,
                updated_at: t,
            };
            deal.order = Some(order.id);
            b.orders.push(order);
        } else if stage == DealStage::Invoiced && rng.chance(50) {
            deal.payments.push(Payment {
                at: t,
                amount_kop: amount / 2,
            });
        }
        b.deals.push(deal);
    }
    next_steps(b, &owned, today);
    let Some((manager, manager_name)) = manager else {
        return;
    };
    corporate_history(rng, b, settings, today, manager, &manager_name);
}

fn corporate_history(
    rng: &mut Rng,
    b: &mut Batch,
    settings: &Settings,
    today: NaiveDate,
    manager: Id,
    manager_name: &str,
) {
    // The demo company works on Moscow time.
    let tz = FixedOffset::east_opt(3 * 3600).unwrap_or(Utc.fix());
    let mut corporate = Vec::new();
    for c in b.clients.iter_mut().filter(|c| c.owner == Some(manager)) {
        c.corporate = true;
        corporate.push(c.id);
    }
    for (i, client) in corporate.iter().enumerate() {
        let signed = day_back(today, 20 + rng.below(200));
        let signed_at = at(signed, 8, 0);
        let reached = ContractStage::ALL[..6][i % 6];
        let mut stages = vec![(ContractStage::Signed, signed_at)];
        let mut t = signed_at;
        for s in ContractStage::ALL.iter().copied().skip(1) {
            if s > reached || (s == ContractStage::Complaint && reached != ContractStage::Complaint)
            {
                continue;
            }
            // Never after the demo's «now» (see the deals above).
            t = (t + Duration::days(2 + rng.below(6) as i64)).min(at(today, 8, 0));
            stages.push((s, t));
        }
        b.contracts.push(Contract {
            id: rng.uuid(),
            client: *client,
            number: format!("К-{}/{}", 100 + i, signed.format("%y")),
            amount_kop: (300 + rng.below(2000)) as i64 * 100_000,
            stage: reached,
            stages,
            signed_on: signed,
            updated_at: t,
        });
    }
    // About 40 requests over the last two months.
    let now = at(today, 6, 0);
    for k in 0..40 {
        let Some(client) = corporate.get(k % corporate.len().max(1)).copied() else {
            return;
        };
        let (department, subject) = REQUESTS[rng.below(REQUESTS.len())];
        let opened = at(
            day_back(today, 1 + rng.below(60)),
            7 + rng.below(8) as u32,
            rng.below(60) as u32,
        );
        let Ok(mut r) = corporate::open(
            client,
            department,
            subject,
            "Звонок клиента",
            Some(manager),
            manager_name,
            opened,
            settings,
            tz,
            rng.uuid(),
        ) else {
            continue;
        };
        let hours = corporate::answer_hours(settings, department);
        let steps = if k < 3 { k } else { 4 };
        let mut t = opened + Duration::minutes(10 + rng.below(50) as i64);
        for (n, to) in [
            Status::WithDepartment,
            Status::Answered,
            Status::Relayed,
            Status::Closed,
        ]
        .into_iter()
        .enumerate()
        {
            if n >= steps {
                break;
            }
            if to == Status::Answered {
                // Mostly inside the answer time; one in six late.
                let share = if rng.chance(17) {
                    150
                } else {
                    20 + rng.below(70)
                };
                let h = (hours as usize * share / 100).max(1) as u32;
                t = corporate::add_working_hours(t, h, settings, tz);
            } else if to != Status::WithDepartment {
                t = corporate::add_working_hours(t, 1 + rng.below(3) as u32, settings, tz);
            }
            if t > now {
                break;
            }
            let (from, text) = match to {
                Status::Answered => (
                    match department {
                        Department::Finance => "Финансовый отдел",
                        Department::Technical => "Производство",
                        Department::Quality => "Отдел качества",
                        Department::Sales => "Отдел продаж",
                    }
                    .to_string(),
                    "Ответ отдела: сделано, документы у клиента",
                ),
                Status::Relayed => (manager_name.to_string(), "Сообщил клиенту"),
                _ => (manager_name.to_string(), ""),
            };
            if let Ok(next) = corporate::step(&r, to, &from, text, t) {
                r = next;
            }
        }
        b.requests.push(r);
    }
}
