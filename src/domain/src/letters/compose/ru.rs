//! The Russian letter, in the voice of the sample in the seed text: personal, formal «Вы», showing
//! that the writer knows the history. The rules a careful editor reads by are in docs/letters.md:
//! the addressee decides the words, a product is named once and then «они», sentences open with
//! words, the writer claims only what the records show.

use chrono::Datelike;

use super::{capitalize, one_keyed, one_of, pick, season, slot, Audience, Ctx, Voice};
use crate::letters::russian::{ago_words, in_month, join_forms, month_in, months_between};
use crate::model::Gender;

/// «к январю»: the month ahead, in the dative.
pub(super) const MONTHS_TO: [&str; 12] = [
    "к январю",
    "к февралю",
    "к марту",
    "к апрелю",
    "к маю",
    "к июню",
    "к июлю",
    "к августу",
    "к сентябрю",
    "к октябрю",
    "к ноябрю",
    "к декабрю",
];

/// What was ordered, joined («стеклянные и деревянные плакетки»); `None` when the order had only
/// free-text lines.
fn items(ctx: &Ctx) -> Option<String> {
    (!ctx.ordered.is_empty()).then(|| join_forms(&ctx.ordered, "и"))
}

fn months_since(ctx: &Ctx) -> u64 {
    ctx.last_order.map_or(0, |d| months_between(d, ctx.today))
}

/// «Вашей школы»; «Вас» for a private client.
pub(super) fn whose(ctx: &Ctx) -> &'static str {
    ctx.org.genitive
}

mod subjects;

pub(super) struct Russian;

impl Voice for Russian {
    fn greeting(&self, ctx: &Ctx) -> String {
        // Keyed: «Добрый день» is one phrasing whether or not a name follows.
        let options: Vec<(&str, String)> = match (&ctx.addressee, ctx.gender) {
            (Some(n), Some(g)) => {
                let dear = if g == Gender::Male {
                    "Уважаемый"
                } else {
                    "Уважаемая"
                };
                vec![
                    ("dear", format!("{dear} {n}!")),
                    ("good-day", format!("Добрый день, {n}!")),
                    ("hello", format!("Здравствуйте, {n}!")),
                ]
            }
            (Some(n), None) => vec![
                ("good-day", format!("Добрый день, {n}!")),
                ("hello", format!("Здравствуйте, {n}!")),
            ],
            (None, _) if ctx.org.audience == Audience::Person => vec![
                ("good-day", "Добрый день!".into()),
                ("hello", "Здравствуйте!".into()),
            ],
            (None, _) => vec![
                ("colleagues", "Уважаемые коллеги!".into()),
                ("good-day", "Добрый день!".into()),
                ("hello", "Здравствуйте!".into()),
            ],
        };
        one_keyed(ctx, slot::GREETING, &options)
    }

    fn intro(&self, ctx: &Ctx) -> Option<String> {
        let c = ctx.company.as_deref().map(|c| format!("«{c}»"));
        if ctx.previous.is_some() {
            // The client has had a letter from us: no introduction as if for the first time.
            let options: Vec<String> = match (ctx.sender, c) {
                (Some(n), Some(c)) => vec![
                    format!("Это снова {n} из компании {c}."),
                    format!("Вам снова пишет {n} из компании {c}."),
                    format!("Пишу Вам снова из компании {c}."),
                ],
                (Some(n), None) => vec![format!("Это снова {n}."), format!("Вам снова пишет {n}.")],
                (None, Some(c)) => vec![format!("Пишу Вам снова из компании {c}.")],
                (None, None) => return None,
            };
            return Some(one_of(ctx, "intro.again", &options));
        }
        let options: Vec<String> = match (ctx.sender, ctx.title, c) {
            (Some(n), Some(t), Some(c)) => vec![
                format!("Вам пишет {n}, {t} компании {c}."),
                format!("Меня зовут {n}, я {t} в компании {c}."),
                format!("Пишу Вам из компании {c}: меня зовут {n}, я {t}."),
            ],
            (Some(n), None, Some(c)) => vec![
                format!("Вам пишет {n} из компании {c}."),
                format!("Меня зовут {n}, я представляю компанию {c}."),
            ],
            (Some(n), Some(t), None) => {
                vec![
                    format!("Вам пишет {n}, {t}."),
                    format!("Меня зовут {n}, я {t}."),
                ]
            }
            (Some(n), None, None) => vec![format!("Вам пишет {n}."), format!("Меня зовут {n}.")],
            (None, _, Some(c)) => vec![
                format!("Пишу Вам из компании {c}."),
                format!("Это письмо Вам из компании {c}."),
            ],
            (None, _, None) => return None,
        };
        Some(one_of(ctx, slot::INTRO, &options))
    }

    fn ordered(&self, ctx: &Ctx, last: chrono::NaiveDate) -> String {
        let months = months_since(ctx);
        let when = match ago_words(last, ctx.today) {
            // Long ago, the month and year read better than a count of years; sometimes.
            Some(a) if months < 30 || pick(ctx.seed, slot::WHEN, 2) == 0 => a,
            Some(_) => in_month(last),
            None => "недавно".into(),
        };
        let whom = whose(ctx);
        let Some(it) = items(ctx) else {
            return one_of(
                ctx,
                "ordered.unnamed",
                &[
                    format!("{} Вы делали у нас заказ.", capitalize(&when)),
                    format!("{} мы выполняли заказ для {whom}.", capitalize(&when)),
                    format!("По нашим записям, {when} Вы делали у нас заказ."),
                ],
            );
        };
        one_of(
            ctx,
            slot::ORDERED,
            &[
                format!("{} Вы заказывали у нас {it}.", capitalize(&when)),
                format!("{} мы изготовили для {whom} {it}.", capitalize(&when)),
                format!("По нашим записям, {when} Вы заказывали у нас {it}."),
                format!("Вижу в истории заказов, что {when} мы делали для {whom} {it}."),
            ],
        )
    }

    fn question(&self, ctx: &Ctx) -> String {
        let people = ctx.org.people;
        if ctx.ordered.is_empty() {
            return one_of(
                ctx,
                "question.unnamed",
                &[
                    format!("Всё ли {people} понравилось в том заказе?"),
                    format!("Хочу узнать, всё ли {people} понравилось в том заказе."),
                    "Надеюсь, всё в том заказе было так, как Вы хотели.".into(),
                ],
            );
        }
        // The products were named in the sentence before: «они», not their names again.
        one_of(
            ctx,
            slot::QUESTION,
            &[
                format!("Понравились ли они {people}?"),
                format!("Хочу узнать, понравились ли они {people}."),
                format!("Надеюсь, они пришлись {people} по душе."),
            ],
        )
    }

    fn reorder(&self, ctx: &Ctx) -> String {
        let months = months_since(ctx);
        if ctx.anniversary_near {
            if let Some(last) = ctx.last_order {
                // The month of the event ahead, never «в этом году»: on 1 December the event
                // may well be January's.
                let m = last.month0() as usize;
                let (in_m, to_m) = (month_in(m as u32), MONTHS_TO[m]);
                return one_of(
                    ctx,
                    "reorder.anniversary",
                    &[
                        format!("Возможно, {to_m} награды снова понадобятся к тому же событию — мы с радостью повторим заказ."),
                        format!("Если в {in_m} снова будет то событие, к которому Вы делали заказ, мы успеем изготовить награды заранее."),
                        format!("Тот заказ был в {in_m}; если награды понадобятся и в этот раз, напишите заранее, и мы всё успеем."),
                    ],
                );
            }
        }
        let mut options: Vec<(&str, String)> = vec![
            (
                "any-time",
                "Повторить тот заказ можно в любой момент: все его детали у нас сохранились."
                    .into(),
            ),
            (
                "if-needed",
                "Если понадобится ещё, мы с удовольствием повторим заказ.".into(),
            ),
        ];
        // «Пора» only when it is: not a month after the order.
        if months >= 10 {
            options.push((
                "time",
                "Прошло уже немало времени — возможно, Вам пора повторить заказ.".into(),
            ));
            options.push((
                "kept",
                "Возможно, пришло время повторить заказ — мы сохранили все его детали.".into(),
            ));
        }
        if let Some(s) = season(ctx.org.audience, ctx.today.month0()).filter(|_| months >= 3) {
            options.push((
                "season-weeks",
                format!("Мы успеем изготовить награды {s}, если заказать их в ближайшие недели."),
            ));
            options.push((
                "season-think",
                format!("Сейчас самое время подумать о наградах {s}: все детали того заказа у нас сохранились."),
            ));
        }
        one_keyed(ctx, slot::REORDER, &options)
    }

    fn news(&self, ctx: &Ctx) -> String {
        if ctx.new_products.is_empty() {
            let occasions = ctx.org.occasions;
            return one_of(
                ctx,
                "news.none",
                &[
                    format!("Будем рады помочь и с наградами {occasions}."),
                    "Мы по-прежнему делаем всё, что Вы у нас заказывали, и подберём что-то новое под Ваш повод.".into(),
                    "Наши мастера сделают и что-то новое — по Вашему эскизу или из каталога.".into(),
                ],
            );
        }
        let new = join_forms(&ctx.new_products, "и");
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
        let occasions = ctx.org.occasions;
        let lead = one_of(
            ctx,
            "ordered.never",
            &[
                format!(
                    "Пишу Вам, чтобы рассказать, чем мы можем быть полезны {}.",
                    ctx.org.dative
                ),
                format!("Хочу рассказать, какие награды мы делаем {occasions}."),
                format!("Мы делаем кубки, медали, грамоты и другие награды {occasions}."),
            ],
        );
        if ctx.new_products.is_empty() {
            if lead.starts_with("Мы делаем") {
                return lead;
            }
            return format!("{lead} Мы изготавливаем кубки, медали, грамоты, статуэтки и памятные знаки — по каталогу и по Вашему эскизу.");
        }
        // Only what came out recently (a setting) is called new.
        let new = join_forms(&ctx.new_products, "и");
        let more = one_of(
            ctx,
            "news.never",
            &[
                format!("Из новинок могу предложить {new}."),
                format!("Недавно у нас появились {new}."),
            ],
        );
        format!("{lead} {more}")
    }

    fn call(&self, ctx: &Ctx) -> String {
        if ctx.last_order.is_none() {
            return one_of(
                ctx,
                "call.never",
                &[
                    "Напишите мне, что Вам нужно, — я расскажу подробнее и пришлю примеры.".into(),
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
        one_keyed(ctx, slot::SUBJECT, &subjects::subjects(ctx))
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
