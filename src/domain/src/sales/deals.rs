//! Deals from contract to payment: stages with their dates, payments full or partial, a lost deal
//! with its reason, and a paid deal becoming an order in the client's history (so letters'
//! attribution and every revenue figure see it). The pipeline and revenue per salesperson.

use std::collections::BTreeMap;

use crate::base::{Base, Batch};
use crate::letters::figures::Period;
use crate::model::*;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DealError {
    #[error("the amount must be more than zero")]
    NoAmount,
    #[error("a lost deal needs a reason")]
    NoReason,
    #[error("the deal is closed")]
    Closed,
    #[error("the payment must be more than zero")]
    BadPayment,
}

pub fn open(
    client: Id,
    staff: Option<Id>,
    title: &str,
    amount_kop: i64,
    at: Timestamp,
    id: Id,
) -> Result<Deal, DealError> {
    if amount_kop <= 0 {
        return Err(DealError::NoAmount);
    }
    Ok(Deal {
        id,
        client,
        staff,
        title: title.trim().to_string(),
        amount_kop,
        stage: DealStage::Contract,
        stages: vec![(DealStage::Contract, at)],
        payments: Vec::new(),
        lost_reason: String::new(),
        order: None,
        opened: at,
        updated_at: at,
    })
}

/// The order a paid deal becomes: one line, the deal's title and amount, on the day of payment.
fn order_of(d: &Deal, at: Timestamp, id: Id) -> Order {
    Order {
        id,
        client: d.client,
        date: at.date_naive(),
        lines: vec![OrderLine {
            product: None,
            description: d.title.clone(),
            qty: 1,
            price_kop: d.amount_kop,
        }],
        source: OrderSource::Sales,
        stage: OrderStage::Paid,
        staff: d.staff,
        letter: None,
        updated_at: at,
    }
}

/// Moves a deal to `stage` (stages may be skipped; a closed or lost deal stays as it is). Reaching
/// «paid» records the rest of the amount as a payment and makes the order; later stages keep the
/// order's stage in step.
pub fn move_to(
    base: &Base,
    deal: &Deal,
    stage: DealStage,
    reason: &str,
    at: Timestamp,
    new_id: impl FnOnce() -> Id,
) -> Result<Batch, DealError> {
    if !deal.stage.is_open() {
        return Err(DealError::Closed);
    }
    if stage == DealStage::Lost && reason.trim().is_empty() {
        return Err(DealError::NoReason);
    }
    let mut d = deal.clone();
    d.stage = stage;
    d.stages.push((stage, at));
    d.updated_at = at;
    if stage == DealStage::Lost {
        d.lost_reason = reason.trim().to_string();
    }
    let mut batch = Batch::default();
    let paid_now = matches!(
        stage,
        DealStage::Paid | DealStage::Shipped | DealStage::Closed
    );
    if paid_now {
        let rest = d.amount_kop - d.paid_kop();
        if rest > 0 {
            d.payments.push(Payment {
                at,
                amount_kop: rest,
            });
        }
        let stage = match stage {
            DealStage::Shipped => OrderStage::Shipped,
            DealStage::Closed => OrderStage::Closed,
            _ => OrderStage::Paid,
        };
        let order = match d.order.and_then(|o| base.orders.get(&o)) {
            Some(o) => Order {
                stage,
                updated_at: at,
                ..o.clone()
            },
            None => Order {
                stage,
                ..order_of(&d, at, new_id())
            },
        };
        d.order = Some(order.id);
        batch.orders.push(order);
    }
    batch.deals.push(d);
    Ok(batch)
}

/// Records a payment that came on `paid` (today, or a day before: bank statements come late); the
/// one that completes the amount moves the deal to «paid», the stage and the order dated when the
/// money came. The records themselves are edited `at`, now, whatever day the money is dated.
pub fn pay(
    base: &Base,
    deal: &Deal,
    amount_kop: i64,
    paid: Timestamp,
    at: Timestamp,
    new_id: impl FnOnce() -> Id,
) -> Result<Batch, DealError> {
    if !deal.stage.is_open() {
        return Err(DealError::Closed);
    }
    if amount_kop <= 0 {
        return Err(DealError::BadPayment);
    }
    let paid = paid.min(at);
    let mut d = deal.clone();
    d.payments.push(Payment {
        at: paid,
        amount_kop,
    });
    d.updated_at = at;
    if d.paid_kop() >= d.amount_kop && d.stage < DealStage::Paid {
        let mut batch = move_to(base, &d, DealStage::Paid, "", paid, new_id)?;
        for x in &mut batch.deals {
            x.updated_at = at;
        }
        for o in &mut batch.orders {
            o.updated_at = at;
        }
        return Ok(batch);
    }
    Ok(Batch {
        deals: vec![d],
        ..Batch::default()
    })
}

/// Open deals per stage: how many and for how much.
pub fn pipeline(base: &Base, staff: Option<Id>) -> BTreeMap<DealStage, (usize, i64)> {
    let mut out = BTreeMap::new();
    for d in base.deals.iter() {
        if d.stage.is_open() && (staff.is_none() || d.staff == staff) {
            let e = out.entry(d.stage).or_insert((0, 0));
            e.0 += 1;
            e.1 += d.amount_kop;
        }
    }
    out
}

/// Sales revenue in a period: orders of the sales section, per salesperson (`None`: nobody).
pub fn revenue_by_staff(base: &Base, period: &Period) -> BTreeMap<Option<Id>, i64> {
    let mut out = BTreeMap::new();
    for o in base.orders.iter() {
        if o.source == OrderSource::Sales && period.contains(o.date) {
            *out.entry(o.staff).or_insert(0) += o.total_kop();
        }
    }
    out
}

/// A salesperson's sales revenue per month of the period, oldest first.
pub fn revenue_by_month(
    base: &Base,
    staff: Option<Id>,
    period: &Period,
) -> Vec<(chrono::NaiveDate, i64)> {
    use chrono::Datelike;
    let mut months: BTreeMap<chrono::NaiveDate, i64> = BTreeMap::new();
    let mut m = period.from.with_day(1).unwrap_or(period.from);
    while m <= period.to {
        months.insert(m, 0);
        m = m
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(period.to + chrono::Duration::days(1));
    }
    for o in base.orders.iter() {
        if o.source == OrderSource::Sales
            && period.contains(o.date)
            && (staff.is_none() || o.staff == staff)
        {
            if let Some(first) = o.date.with_day(1) {
                *months.entry(first).or_insert(0) += o.total_kop();
            }
        }
    }
    months.into_iter().collect()
}
