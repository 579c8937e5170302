//! The English letter, for clients whose language is English: the same structure and facts, in
//! the words a native speaker writes («Dear Mr Ivanov», names in Latin letters, “quotes”, numbers
//! in words when they open a sentence).

use chrono::Datelike;

use super::{capitalize, one_of, pick, slot, Audience, Ctx, Voice};
use crate::letters::ago::ago_en_words as ago;
use crate::letters::russian::{in_month_en, join, months_between, MONTHS_EN as MONTHS};

fn items(ctx: &Ctx) -> Option<String> {
    (!ctx.ordered.is_empty()).then(|| join(&ctx.ordered, "and"))
}

/// Who enjoyed the awards.
fn people(ctx: &Ctx) -> &'static str {
    match ctx.org.audience {
        Audience::Company => "you and your colleagues",
        Audience::School => "your pupils and teachers",
        Audience::Kindergarten => "the children",
        Audience::Club => "your athletes",
        Audience::Public => "the people at your events",
        Audience::Person => "you",
    }
}

pub(super) struct English;

impl Voice for English {
    fn greeting(&self, ctx: &Ctx) -> String {
        match (&ctx.addressee, ctx.org.audience) {
            (Some(n), _) => format!("Dear {n},"),
            (None, Audience::Person) => "Hello,".into(),
            (None, _) => "Dear colleagues,".into(),
        }
    }

    fn intro(&self, ctx: &Ctx) -> Option<String> {
        if ctx.previous.is_some() {
            let options: Vec<String> = match (ctx.sender, ctx.company.as_deref()) {
                (_, Some(c)) => vec![
                    format!("I am writing to you again from {c}."),
                    format!("Following up on my last letter, I am writing to you again from {c}."),
                ],
                (Some(n), None) => vec![format!("{n} here again, following up on my last letter.")],
                (None, None) => return None,
            };
            return Some(one_of(ctx, "intro.again", &options));
        }
        let options: Vec<String> = match (ctx.sender, ctx.title, ctx.company.as_deref()) {
            (Some(n), Some(t), Some(c)) => vec![
                format!("My name is {n}, {} at {c}.", t.to_lowercase()),
                format!("I am {n}, {} at {c}.", t.to_lowercase()),
            ],
            (Some(n), None, Some(c)) => vec![
                format!("My name is {n}, and I work at {c}."),
                format!("I am {n} from {c}."),
            ],
            (Some(n), Some(t), None) => vec![format!("My name is {n}, {}.", t.to_lowercase())],
            (Some(n), None, None) => vec![format!("My name is {n}.")],
            (None, _, Some(c)) => vec![format!("I am writing to you from {c}.")],
            (None, _, None) => return None,
        };
        Some(one_of(ctx, slot::INTRO, &options))
    }

    fn ordered(&self, ctx: &Ctx, last: chrono::NaiveDate) -> String {
        let when = match ago(last, ctx.today) {
            Some(a)
                if months_between(last, ctx.today) < 30 || pick(ctx.seed, slot::WHEN, 2) == 0 =>
            {
                a
            }
            Some(_) => in_month_en(last),
            None => "recently".into(),
        };
        let Some(it) = items(ctx) else {
            return one_of(
                ctx,
                "ordered.unnamed",
                &[
                    format!("{} you placed an order with us.", capitalize(&when)),
                    format!("Our records show that {when} you placed an order with us."),
                ],
            );
        };
        one_of(
            ctx,
            slot::ORDERED,
            &[
                format!("{} you ordered {it} from us.", capitalize(&when)),
                format!("{} we made {it} for you.", capitalize(&when)),
                format!("Our records show that {when} you ordered {it} from us."),
            ],
        )
    }

    fn question(&self, ctx: &Ctx) -> String {
        if ctx.ordered.is_empty() {
            return one_of(
                ctx,
                "question.unnamed",
                &[
                    "Were you happy with that order?".into(),
                    "I hope everything in that order was as you wanted.".into(),
                ],
            );
        }
        let who = people(ctx);
        one_of(
            ctx,
            slot::QUESTION,
            &[
                format!("Did {who} like them?"),
                format!("I hope {who} liked them."),
                "Were you happy with them?".into(),
            ],
        )
    }

    fn reorder(&self, ctx: &Ctx) -> String {
        if let Some(last) = ctx.last_order.filter(|_| ctx.anniversary_near) {
            let month = MONTHS[last.month0() as usize];
            return one_of(
                ctx,
                "reorder.anniversary",
                &[
                    format!("If the same event comes round again in {month}, we can make the awards in good time."),
                    format!("Perhaps you will need awards for the same event again in {month}; we would be glad to repeat the order."),
                ],
            );
        }
        let mut options: Vec<String> = vec![
            "You can repeat that order at any time: we have kept all its details.".into(),
            "If you need more, we will gladly repeat the order.".into(),
        ];
        if ctx
            .last_order
            .is_some_and(|d| months_between(d, ctx.today) >= 10)
        {
            options.push(
                "Quite some time has passed, so perhaps it is time to repeat the order.".into(),
            );
        }
        one_of(ctx, slot::REORDER, &options)
    }

    fn news(&self, ctx: &Ctx) -> String {
        if ctx.new_products.is_empty() {
            return one_of(
                ctx,
                "news.none",
                &[
                    "We would also be glad to help with awards for any other occasion.".into(),
                    "We can also make something new, to your design or from our catalogue.".into(),
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
            ],
        )
    }

    fn first_contact(&self, ctx: &Ctx) -> String {
        let lead = one_of(
            ctx,
            "ordered.never",
            &[
                "I am writing to tell you about the awards we make.".into(),
                "I would like to tell you how we could help with awards for your events.".into(),
            ],
        );
        let make = "We make cups, medals, certificates and other awards for any occasion.";
        if ctx.new_products.is_empty() {
            return format!("{lead} {make}");
        }
        let new = join(&ctx.new_products, "and");
        format!("{lead} {make} Among our recent products are {new}.")
    }

    fn call(&self, ctx: &Ctx) -> String {
        let options: Vec<String> = if ctx.last_order.is_none() {
            vec![
                "Just reply to this letter if you need awards or gifts, and I will send you some ideas.".into(),
                "I will gladly help: reply to this letter or give me a call.".into(),
            ]
        } else {
            vec![
                "Please let me know whether you were happy with them and whether we can offer you anything else.".into(),
                "Reply to this letter or give me a call, and I will gladly help you find what you need.".into(),
                "I would be glad to hear from you: tell me what you liked and what we can do for you now.".into(),
            ]
        };
        one_of(ctx, slot::CALL, &options)
    }

    fn subject(&self, ctx: &Ctx) -> String {
        let mut options: Vec<String> = match (ctx.last_order, ctx.ordered.first()) {
            (Some(_), Some(first)) => vec![
                format!("{}: were you happy with them?", capitalize(first)),
                format!("How did the {first} work out?"),
            ],
            (Some(_), None) => vec!["About your order with us".into()],
            (None, _) => vec!["Awards for your next occasion".into()],
        };
        if let Some(last) = ctx.last_order.filter(|_| ctx.anniversary_near) {
            options.push(format!(
                "Awards for {} again?",
                MONTHS[last.month0() as usize]
            ));
        }
        if let (Some(c), Some(first)) = (&ctx.company, ctx.new_products.first()) {
            options.push(format!("New from {c}: {first}"));
        }
        one_of(ctx, slot::SUBJECT, &options)
    }

    fn closing_words(&self) -> [&'static str; 3] {
        ["Kind regards,", "Best wishes,", "Yours sincerely,"]
    }

    fn company_line(&self, company: &str) -> String {
        company.to_string()
    }
}
