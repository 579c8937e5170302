//! The Russian letter, in the voice of the sample in the seed text: personal, formal «Вы», showing
//! that the writer knows the history. Each paragraph has at least three phrasings.

use super::{capitalize, one_of, pick, slot, Ctx, Voice};
use crate::letters::russian::{ago, in_month, join, months_between};
use crate::model::Gender;

/// «эти металлические кубки» for one kind of product, «наши изделия» for several or none.
fn these(ctx: &Ctx) -> String {
    match ctx.ordered.as_slice() {
        [one] => format!("эти {one}"),
        _ => "наши изделия".into(),
    }
}

fn items(ctx: &Ctx) -> String {
    if ctx.ordered.is_empty() {
        "наши изделия".into()
    } else {
        join(&ctx.ordered, "и")
    }
}

pub(super) struct Russian;

impl Voice for Russian {
    fn greeting(&self, ctx: &Ctx) -> String {
        let options: Vec<String> = match (&ctx.addressee, ctx.gender) {
            (Some(n), Some(g)) => {
                let dear = if g == Gender::Male {
                    "Уважаемый"
                } else {
                    "Уважаемая"
                };
                vec![
                    format!("{dear} {n}!"),
                    format!("Добрый день, {n}!"),
                    format!("Здравствуйте, {n}!"),
                ]
            }
            (Some(n), None) => vec![
                format!("Добрый день, {n}!"),
                format!("Здравствуйте, {n}!"),
                format!("Доброго дня, {n}!"),
            ],
            (None, _) => vec![
                "Добрый день!".into(),
                "Здравствуйте!".into(),
                "Доброго дня!".into(),
            ],
        };
        one_of(ctx, slot::GREETING, &options)
    }

    fn intro(&self, ctx: &Ctx) -> Option<String> {
        let c = ctx.company.as_deref().map(|c| format!("«{c}»"));
        let options: Vec<String> = match (ctx.sender, ctx.title, c) {
            (Some(n), Some(t), Some(c)) => vec![
                format!("Вам пишет {n}, {t} компании {c}."),
                format!("Меня зовут {n}, я {t} в компании {c}."),
                format!("Пишу Вам из компании {c}: меня зовут {n}, я {t}."),
            ],
            (Some(n), None, Some(c)) => vec![
                format!("Вам пишет {n} из компании {c}."),
                format!("Меня зовут {n}, я представляю компанию {c}."),
                format!("Пишу Вам из компании {c}, меня зовут {n}."),
            ],
            (Some(n), Some(t), None) => vec![
                format!("Вам пишет {n}, {t}."),
                format!("Меня зовут {n}, я {t}."),
                format!("Пишу Вам по поручению нашей компании, меня зовут {n}, я {t}."),
            ],
            (Some(n), None, None) => vec![
                format!("Вам пишет {n}."),
                format!("Меня зовут {n}."),
                format!("Пишу Вам лично, меня зовут {n}."),
            ],
            (None, _, Some(c)) => vec![
                format!("Пишу Вам из компании {c}."),
                format!("Вам пишут из компании {c}."),
                format!("Это письмо Вам из компании {c}."),
            ],
            (None, _, None) => return None,
        };
        Some(one_of(ctx, slot::INTRO, &options))
    }

    fn ordered(&self, ctx: &Ctx, last: chrono::NaiveDate) -> String {
        let months = months_between(last, ctx.today);
        let when = match ago(last, ctx.today) {
            // Long ago, the month and year read better than a count of years; sometimes.
            Some(a) if months < 30 || pick(ctx.seed, slot::WHEN, 2) == 0 => a,
            Some(_) => in_month(last),
            None => "недавно".into(),
        };
        let it = items(ctx);
        one_of(
            ctx,
            slot::ORDERED,
            &[
                format!("{} Вы заказывали в нашей компании {it}.", capitalize(&when)),
                format!("{} мы изготовили для Вас {it}.", capitalize(&when)),
                format!("Помню, что {when} Вы заказывали у нас {it}."),
            ],
        )
    }

    fn question(&self, ctx: &Ctx) -> String {
        let whom = if ctx.company_client {
            "сотрудникам Вашей компании"
        } else {
            "Вам"
        };
        let these = these(ctx);
        one_of(
            ctx,
            slot::QUESTION,
            &[
                format!("Хочу узнать, понравились ли {whom} {these}?"),
                format!("Всё ли {whom} понравилось в том заказе?"),
                format!("Надеюсь, {these} пришлись {whom} по душе?"),
            ],
        )
    }

    fn reorder(&self, ctx: &Ctx) -> String {
        if ctx.anniversary_near {
            return one_of(
                ctx,
                slot::REORDER,
                &[
                    "Возможно, снова приближается то событие, к которому Вы делали заказ, — мы с радостью повторим его.".into(),
                    "Если и в этом году понадобятся награды к тому же событию, мы успеем всё изготовить в срок.".into(),
                    "Время летит: возможно, пора готовиться к тому же событию снова, и мы поможем повторить заказ.".into(),
                ],
            );
        }
        let it = items(ctx);
        one_of(
            ctx,
            slot::REORDER,
            &[
                // «Much time has passed» only rings true after half a year.
                if long_ago(ctx) {
                    "Прошло уже довольно много времени, возможно, Вам нужно повторить заказ.".into()
                } else {
                    "Повторить тот заказ можно в любой момент: все его детали у нас сохранились."
                        .into()
                },
                format!("Если Вам снова понадобятся {it}, мы с удовольствием повторим заказ."),
                "Возможно, пришло время повторить заказ — мы сохранили все его детали.".into(),
            ],
        )
    }

    fn news(&self, ctx: &Ctx) -> String {
        if ctx.new_products.is_empty() {
            return one_of(
                ctx,
                slot::NEWS,
                &[
                    "Мы по-прежнему делаем всё, что Вы у нас заказывали, и будем рады подобрать что-то под Ваш новый повод.".into(),
                    "Наши мастера готовы сделать и что-то новое — под любой Ваш повод.".into(),
                    "Если понадобится что-то другое, мы подберём и изготовим награды под Ваш повод.".into(),
                ],
            );
        }
        let new = join(&ctx.new_products, "и");
        one_of(
            ctx,
            slot::NEWS,
            &[
                format!("Кроме того, хочу сообщить, что у нас за это время появились {new}."),
                format!("С тех пор у нас появились {new}."),
                format!("А ещё за это время у нас появились {new} — возможно, они Вам пригодятся."),
            ],
        )
    }

    fn first_contact(&self, ctx: &Ctx) -> String {
        let lead = one_of(
            ctx,
            slot::ORDERED,
            &[
                "Вы есть среди наших клиентов, и мне хочется рассказать, чем мы можем быть Вам полезны.".into(),
                "Мы давно не общались, и я хочу напомнить о нас.".into(),
                "Пишу, чтобы напомнить о себе и рассказать о наших изделиях.".into(),
            ],
        );
        if ctx.new_products.is_empty() {
            return format!(
                "{lead} Мы изготавливаем кубки, медали, грамоты и другие награды к любому событию."
            );
        }
        let new = join(&ctx.new_products, "и");
        let more = one_of(
            ctx,
            slot::NEWS,
            &[
                format!("Например, у нас недавно появились {new}."),
                format!("Из новинок могу предложить {new}."),
                format!("Недавно мы начали делать {new}."),
            ],
        );
        format!("{lead} {more}")
    }

    fn call(&self, ctx: &Ctx) -> String {
        if ctx.last_order.is_none() {
            return one_of(
                ctx,
                slot::CALL,
                &[
                    "Напишите мне, если Вам нужны награды или подарки, — я расскажу подробнее."
                        .into(),
                    "Ответьте на это письмо, и я подберу варианты под Ваш повод.".into(),
                    "С удовольствием помогу: просто ответьте на это письмо или позвоните.".into(),
                ],
            );
        }
        one_of(
            ctx,
            slot::CALL,
            &[
                "Напишите мне, довольны ли Вы и можем ли мы предложить Вам что-то ещё из нашей продукции.".into(),
                "Ответьте на это письмо или позвоните мне — я с удовольствием помогу подобрать то, что нужно.".into(),
                "Мне будет приятно получить Ваш ответ: расскажите, что Вам понравилось и что мы можем сделать для Вас сейчас.".into(),
            ],
        )
    }

    fn subject(&self, ctx: &Ctx) -> String {
        let mut options: Vec<String> = Vec::new();
        match (ctx.last_order, ctx.ordered.first()) {
            (Some(_), Some(first)) => {
                options.push(format!("Как Вам наши {first}?"));
                options.push("О Вашем заказе у нас".into());
            }
            (Some(_), None) => {
                options.push("О Вашем заказе у нас".into());
                options.push("Как Вам наш заказ?".into());
            }
            (None, _) => {
                options.push("Награды и подарки к Вашему событию".into());
                options.push("Напоминаем о себе".into());
            }
        }
        options.push(match &ctx.company {
            // A company's name is not declined: «из компании «…»», never «из «…»».
            Some(c) if !ctx.new_products.is_empty() => format!("Новинки компании «{c}» для Вас"),
            Some(c) => format!("Письмо из компании «{c}»"),
            None => "Письмо для Вас".into(),
        });
        one_of(ctx, slot::SUBJECT, &options)
    }

    fn closing_words(&self) -> [&'static str; 3] {
        [
            "С уважением,",
            "С наилучшими пожеланиями,",
            "Всего доброго,",
        ]
    }

    fn company_line(&self, company: &str) -> String {
        format!("«{company}»")
    }
}

/// The last order is half a year old or more.
pub(super) fn long_ago(ctx: &Ctx) -> bool {
    ctx.last_order
        .is_some_and(|d| crate::letters::russian::months_between(d, ctx.today) >= 6)
}
