//! The English letter, for clients whose language is English: the same structure and facts.

use super::{capitalize, one_of, pick, slot, Ctx, Voice};
use crate::letters::russian::{ago_en, in_month_en, join, months_between};
use crate::model::Gender;

fn items(ctx: &Ctx) -> String {
    if ctx.ordered.is_empty() {
        "some of our products".into()
    } else {
        join(&ctx.ordered, "and")
    }
}

pub(super) struct English;

impl Voice for English {
    fn greeting(&self, ctx: &Ctx) -> String {
        let options: Vec<String> = match (&ctx.addressee, ctx.gender) {
            // Russian names are addressed by first name and patronymic in English letters too.
            (Some(n), Some(Gender::Male | Gender::Female)) => vec![
                format!("Dear {n},"),
                format!("Good afternoon, {n},"),
                format!("Hello {n},"),
            ],
            (Some(n), None) => vec![
                format!("Dear {n},"),
                format!("Hello {n},"),
                format!("Good day, {n},"),
            ],
            (None, _) => vec![
                "Good afternoon,".into(),
                "Hello,".into(),
                "Dear customer,".into(),
            ],
        };
        one_of(ctx, slot::GREETING, &options)
    }

    fn intro(&self, ctx: &Ctx) -> Option<String> {
        let options: Vec<String> = match (ctx.sender, ctx.title, ctx.company.as_deref()) {
            (Some(n), Some(t), Some(c)) => vec![
                format!("My name is {n}, {t} at {c}."),
                format!("This is {n}, {t} at {c}, writing to you."),
                format!("I am writing to you from {c}: my name is {n}, {t}."),
            ],
            (Some(n), None, Some(c)) => vec![
                format!("My name is {n}, and I am writing to you from {c}."),
                format!("This is {n} from {c}."),
                format!("I am {n}, writing to you from {c}."),
            ],
            (Some(n), Some(t), None) => vec![
                format!("My name is {n}, {t}."),
                format!("This is {n}, {t}."),
                format!("I am {n}, {t}."),
            ],
            (Some(n), None, None) => vec![
                format!("My name is {n}."),
                format!("This is {n}."),
                format!("I am {n}."),
            ],
            (None, _, Some(c)) => vec![
                format!("I am writing to you from {c}."),
                format!("This letter comes to you from {c}."),
                format!("We at {c} are writing to you."),
            ],
            (None, _, None) => return None,
        };
        Some(one_of(ctx, slot::INTRO, &options))
    }

    fn ordered(&self, ctx: &Ctx, last: chrono::NaiveDate) -> String {
        let when = match ago_en(last, ctx.today) {
            Some(a)
                if months_between(last, ctx.today) < 30 || pick(ctx.seed, slot::WHEN, 2) == 0 =>
            {
                a
            }
            Some(_) => in_month_en(last),
            None => "recently".into(),
        };
        let it = items(ctx);
        one_of(
            ctx,
            slot::ORDERED,
            &[
                format!("{} you ordered {it} from us.", capitalize(&when)),
                format!("{} we made {it} for you.", capitalize(&when)),
                format!("I remember that {when} you ordered {it} from us."),
            ],
        )
    }

    fn question(&self, ctx: &Ctx) -> String {
        let who = if ctx.company_client {
            "you and your colleagues"
        } else {
            "you"
        };
        one_of(
            ctx,
            slot::QUESTION,
            &[
                format!("Did {who} like them?"),
                "Were you happy with that order?".into(),
                format!("I hope {who} liked them."),
            ],
        )
    }

    fn reorder(&self, ctx: &Ctx) -> String {
        if ctx.anniversary_near {
            return one_of(
                ctx,
                slot::REORDER,
                &[
                    "Perhaps the same event is coming round again; we would be glad to repeat the order.".into(),
                    "If you need awards for the same event this year, we will make them in good time.".into(),
                    "Time flies: it may be time to prepare for that event again, and we can repeat the order.".into(),
                ],
            );
        }
        let it = items(ctx);
        one_of(
            ctx,
            slot::REORDER,
            &[
                if super::ru::long_ago(ctx) {
                    "Quite some time has passed; perhaps you would like to repeat the order.".into()
                } else {
                    "Should you wish to repeat the order, we will make it with the same care."
                        .into()
                },
                format!("Should you need {it} again, we will gladly repeat the order."),
                "Perhaps it is time to repeat the order: we have kept all its details.".into(),
            ],
        )
    }

    fn news(&self, ctx: &Ctx) -> String {
        if ctx.new_products.is_empty() {
            return one_of(
                ctx,
                slot::NEWS,
                &[
                    "We still make everything you ordered and would be glad to suggest something for a new occasion.".into(),
                    "Our craftsmen are ready to make something new for any occasion.".into(),
                    "If you need something different, we will find and make the right awards for you.".into(),
                ],
            );
        }
        let new = join(&ctx.new_products, "and");
        one_of(
            ctx,
            slot::NEWS,
            &[
                format!("Since then we have also introduced {new}."),
                format!("We now also make {new}."),
                format!("New since your order: {new}; they may be useful to you."),
            ],
        )
    }

    fn first_contact(&self, ctx: &Ctx) -> String {
        let lead = one_of(
            ctx,
            slot::ORDERED,
            &[
                "You are among our clients, and I would like to tell you how we can help.".into(),
                "We have not been in touch for a while, so let me remind you of us.".into(),
                "I am writing to remind you of us and our products.".into(),
            ],
        );
        if ctx.new_products.is_empty() {
            return format!(
                "{lead} We make cups, medals, diplomas and other awards for any occasion."
            );
        }
        let new = join(&ctx.new_products, "and");
        let more = one_of(
            ctx,
            slot::NEWS,
            &[
                format!("For example, we have recently introduced {new}."),
                format!("Among our new products are {new}."),
                format!("We have just started making {new}."),
            ],
        );
        format!("{lead} {more}")
    }

    fn call(&self, ctx: &Ctx) -> String {
        let options: [String; 3] = if ctx.last_order.is_none() {
            [
                "Write to me if you need awards or gifts, and I will tell you more.".into(),
                "Reply to this letter and I will suggest options for your occasion.".into(),
                "I will gladly help: just reply to this letter or call me.".into(),
            ]
        } else {
            [
                "Please write to me whether you were satisfied and whether we can offer you anything else.".into(),
                "Reply to this letter or call me, and I will gladly help you find what you need.".into(),
                "I would be glad to hear from you: tell me what you liked and what we can do for you now.".into(),
            ]
        };
        one_of(ctx, slot::CALL, &options)
    }

    fn subject(&self, ctx: &Ctx) -> String {
        let mut options: Vec<String> = match ctx.last_order {
            Some(_) => vec![
                "About your order with us".into(),
                "How did your order work out?".into(),
            ],
            None => vec![
                "Awards and gifts for your occasion".into(),
                "A reminder from us".into(),
            ],
        };
        options.push(match &ctx.company {
            Some(c) if !ctx.new_products.is_empty() => format!("New from {c}"),
            Some(c) => format!("A letter from {c}"),
            None => "A letter for you".into(),
        });
        one_of(ctx, slot::SUBJECT, &options)
    }

    fn closing_words(&self) -> [&'static str; 3] {
        ["Kind regards,", "Best wishes,", "Sincerely,"]
    }

    fn company_line(&self, company: &str) -> String {
        company.to_string()
    }
}
