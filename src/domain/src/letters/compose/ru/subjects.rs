//! A Russian letter's subject line: made of the letter's own facts, so a day's letters seldom
//! share one, and speaking only of what the letter speaks of.

use chrono::Datelike;

use super::super::{capitalize, season, Ctx};
use super::{whose, MONTHS_TO};

/// Whether the letter took a phrasing of `family` («reorder.season»): a subject speaks of the
/// season only if the letter does.
fn took(ctx: &Ctx, family: &str) -> bool {
    ctx.chosen
        .borrow()
        .iter()
        .any(|(k, _)| k.starts_with(family))
}

/// The subject lines true to this letter: built from its own facts (what was ordered, what is
/// new, what is ahead, who it is to), so a day's letters seldom share one.
pub(super) fn subjects(ctx: &Ctx) -> Vec<(&'static str, String)> {
    let whom = whose(ctx);
    let mut out: Vec<(&str, String)> = Vec::new();
    let first = ctx.ordered.first().filter(|_| ctx.last_order.is_some());
    match (ctx.last_order, first) {
        (Some(_), Some(first)) => {
            out.push((
                "liked",
                format!("{}: всё ли понравилось?", capitalize(first)),
            ));
            out.push(("how", format!("Как Вам наши {first}?")));
            if ctx.ordered.len() == 1 {
                out.push((
                    "again",
                    format!("{} для {whom} — повторим?", capitalize(first)),
                ));
            }
        }
        (Some(_), None) => out.push(("order", "О Вашем заказе у нас".into())),
        (None, _) => {
            out.push((
                "range",
                format!("Кубки, медали и грамоты {}", ctx.org.occasions),
            ));
            out.push((
                "useful",
                format!("Чем мы можем быть полезны {}", ctx.org.dative),
            ));
        }
    }
    if let Some(last) = ctx.last_order.filter(|_| ctx.anniversary_near) {
        let to_m = MONTHS_TO[last.month0() as usize];
        out.push((
            "anniversary",
            match first {
                Some(f) => format!("Снова {f} {to_m}?"),
                None => format!("Награды {to_m} — повторим заказ?"),
            },
        ));
    } else if let Some(s) = season(ctx.org.audience, ctx.today.month0()) {
        if took(ctx, "reorder.season") {
            out.push((
                "season",
                match first {
                    Some(f) => format!("{} {s}", capitalize(f)),
                    None => format!("Награды для {whom} {s}"),
                },
            ));
        }
    }
    if let Some(new) = ctx.new_products.first() {
        out.push(("new", format!("Новинки для {whom}: {new}")));
        if let Some(f) = first {
            out.push(("and-new", format!("{}, а теперь и {new}", capitalize(f))));
        }
    }
    if ctx.previous.is_some() {
        if let Some(c) = &ctx.company {
            out.push(("again-from", format!("Снова из компании «{c}»")));
        }
    }
    out
}
