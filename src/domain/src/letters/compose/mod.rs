//! The letter composer: a client's history turned into a personal draft. No fixed template: each
//! paragraph has several phrasings, picked by a seed made of the client and the cycle, so the same
//! client gets a different letter next cycle and a day's letters do not read alike. A missing fact
//! changes the sentence; it never leaves a blank.

mod addressee;
mod audience;
mod choice;
mod en;
mod ru;
#[cfg(test)]
mod tests;

use std::cell::RefCell;

use chrono::NaiveDate;

pub use addressee::pick_contact;
pub use audience::{org_of, season, Audience, Org};
pub use choice::seed;
pub(crate) use choice::{one_keyed, one_of, pick, slot};

use super::learning::Learned;

use super::rotation::days_to_anniversary;
use super::russian::months_between;
use crate::model::*;
use crate::settings::Settings;

pub struct LetterInput<'a> {
    pub client: &'a Client,
    pub orders: &'a [&'a Order],
    pub products: &'a [Product],
    pub settings: &'a Settings,
    pub today: NaiveDate,
    /// From [`seed`]: the client and the cycle.
    pub seed: u64,
    /// The last letter this client was sent: a new one knows it, and repeats none of its
    /// sentences.
    pub previous: Option<&'a Letter>,
    /// What the letters sent so far taught (only when the setting `favour_answers` is on): the
    /// phrasings answered best are taken more often.
    pub learned: Option<&'a Learned>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub subject: String,
    pub body: String,
    pub facts: Facts,
    pub warnings: Vec<DraftWarning>,
    /// Which phrasing each paragraph took («question.2 reorder.0 …»): what the letters' figures
    /// count answers by.
    pub phrasing: String,
    /// Each phrasing's key with the sentence it made here (the figures page shows one).
    pub phrases: Vec<(String, String)>,
}

/// What the draft says about the client, so the writer (and the tests) can check it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub language: Lang,
    pub contact: Option<Id>,
    /// «Иван Иванович», or `None` for a neutral greeting.
    pub addressee: Option<String>,
    pub gender: Option<Gender>,
    pub last_order: Option<NaiveDate>,
    /// Letter forms of what the last order held.
    pub ordered: Vec<String>,
    pub new_products: Vec<Id>,
    pub anniversary_near: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftWarning {
    NoSenderName,
    NoCompany,
    NoContactPerson,
    /// A contact without a known or inferable gender: the greeting is neutral.
    GenderUnknown,
    /// The last order's lines name no catalogue product with a letter form: the draft says «изделия».
    NoLetterForms,
    /// The last order is less than a month old.
    RecentOrder,
    /// An English letter names a product that has no English letter form: it is named in Russian.
    NoEnglishForms,
}

/// Everything the phrasings need, already checked: every `Option` here is a fact that may be
/// missing, and the phrasing chooses a sentence without it.
pub(crate) struct Ctx<'a> {
    pub seed: u64,
    pub today: NaiveDate,
    pub org: Org,
    pub addressee: Option<String>,
    pub gender: Option<Gender>,
    pub sender: Option<&'a str>,
    pub title: Option<&'a str>,
    pub company: Option<String>,
    pub signature: Option<&'a str>,
    pub last_order: Option<NaiveDate>,
    pub ordered: Vec<String>,
    pub new_products: Vec<String>,
    pub anniversary_near: bool,
    /// The last letter: when it was sent and what it said.
    pub previous: Option<(NaiveDate, &'a str)>,
    /// The phrasings taken so far, by paragraph, with their text.
    pub chosen: RefCell<Vec<(String, String)>>,
    pub learned: Option<&'a Learned>,
    /// English phrasings are counted apart from the Russian ones («en:question.0»).
    pub lang: Lang,
}

fn non_empty(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

/// Products new to this client: introduced after `since` (the last order) and within the last
/// `within` months; the same category as what was ordered first; at most three.
fn new_since<'a>(
    products: &'a [Product],
    since: Option<NaiveDate>,
    today: NaiveDate,
    within: u32,
    categories: &[&str],
) -> Vec<&'a Product> {
    let mut v: Vec<&Product> = products
        .iter()
        .filter(|p| {
            !p.discontinued && non_empty(&p.letter_form).is_some() && p.introduced_on <= today
        })
        .filter(|p| since.is_none_or(|d| p.introduced_on > d))
        .filter(|p| months_between(p.introduced_on, today) < u64::from(within))
        .collect();
    crate::sort::sort_by_key(&mut v, |p| {
        (
            !categories.contains(&p.category.as_str()),
            std::cmp::Reverse(p.introduced_on),
            p.id,
        )
    });
    v.truncate(3);
    v
}

/// How a letter in `lang` names a product: its English form in English when there is one.
fn letter_form(p: &Product, lang: Lang) -> Option<String> {
    let en = non_empty(&p.letter_form_en);
    match lang {
        Lang::En if en.is_some() => en.map(String::from),
        _ => non_empty(&p.letter_form).map(String::from),
    }
}

/// What the last order held, as the letter names it (at most three forms), and its catalogue
/// products; warns when it names none, or when it is too recent to write about.
fn ordered_in<'a>(
    last: Option<&Order>,
    input: &LetterInput<'a>,
    warnings: &mut Vec<DraftWarning>,
) -> (Vec<String>, Vec<&'a Product>) {
    let mut ordered: Vec<String> = Vec::new();
    let mut named: Vec<&Product> = Vec::new();
    let Some(o) = last else {
        return (ordered, named);
    };
    for l in &o.lines {
        let product = l
            .product
            .and_then(|id| input.products.iter().find(|p| p.id == id));
        if let Some(p) = product {
            named.push(p);
            if let Some(f) = letter_form(p, input.client.language) {
                if !ordered.contains(&f) {
                    ordered.push(f);
                }
            }
        }
    }
    if ordered.is_empty() {
        warnings.push(DraftWarning::NoLetterForms);
    }
    if months_between(o.date, input.today) == 0 {
        warnings.push(DraftWarning::RecentOrder);
    }
    ordered.truncate(3);
    (ordered, named)
}

pub fn compose(input: &LetterInput) -> Draft {
    let c = input.client;
    let s = input.settings;
    let mut warnings = Vec::new();

    let contact = pick_contact(c);
    let (addressee, gender) = addressee::greeted(c, contact, &mut warnings);
    let form = |p: &Product| letter_form(p, c.language);
    let last = input.orders.iter().max_by_key(|o| (o.date, o.id)).copied();
    let (ordered, named) = ordered_in(last, input, &mut warnings);
    let categories: Vec<&str> = named.iter().map(|p| p.category.as_str()).collect();
    let last_order = last.map(|o| o.date);
    let fresh = new_since(
        input.products,
        last_order,
        input.today,
        s.new_within_months,
        &categories,
    );
    if c.language == Lang::En
        && named
            .iter()
            .chain(fresh.iter())
            .any(|p| non_empty(&p.letter_form_en).is_none())
    {
        warnings.push(DraftWarning::NoEnglishForms);
    }
    let anniversary_near = last_order.is_some_and(|d| {
        months_between(d, input.today) >= 10 && days_to_anniversary(d, input.today) <= 60
    });

    let from = addressee::Sender::of(s, c.language, &mut warnings);
    let ctx = Ctx {
        seed: input.seed,
        today: input.today,
        org: org_of(c),
        addressee: addressee.clone(),
        gender,
        sender: from.name.as_deref(),
        title: from.title,
        company: from.company,
        signature: from.signature.as_deref(),
        last_order,
        ordered: ordered.clone(),
        new_products: fresh.iter().filter_map(|p| form(p)).collect(),
        anniversary_near,
        previous: input.previous.map(|l| {
            (
                l.sent_at.map_or(l.planned_for, |t| t.date_naive()),
                l.body.as_str(),
            )
        }),
        chosen: RefCell::new(Vec::new()),
        learned: input.learned,
        lang: c.language,
    };
    let (subject, body) = match c.language {
        Lang::Ru => letter(&ru::Russian, &ctx),
        // English quotes, whatever the catalogue's forms were typed with.
        Lang::En => {
            let quotes = |t: String| t.replace('«', "“").replace('»', "”");
            let (subject, body) = letter(&en::English, &ctx);
            (quotes(subject), quotes(body))
        }
    };
    let mut phrases = ctx.chosen.take();
    if c.language == Lang::En {
        for (_, text) in &mut phrases {
            *text = text.replace('«', "“").replace('»', "”");
        }
    }
    Draft {
        subject,
        body,
        facts: Facts {
            language: c.language,
            contact: contact.map(|p| p.id),
            addressee,
            gender,
            last_order,
            ordered,
            new_products: fresh.iter().map(|p| p.id).collect(),
            anniversary_near,
        },
        warnings,
        phrasing: phrases
            .iter()
            .map(|(k, _)| k.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        phrases,
    }
}

/// The phrasings of one language; the letter's structure is shared ([`letter`]).
pub(crate) trait Voice {
    fn greeting(&self, ctx: &Ctx) -> String;
    /// Who writes; `None` when the settings name neither sender nor company.
    fn intro(&self, ctx: &Ctx) -> Option<String>;
    fn ordered(&self, ctx: &Ctx, last: NaiveDate) -> String;
    fn question(&self, ctx: &Ctx) -> String;
    fn reorder(&self, ctx: &Ctx) -> String;
    fn news(&self, ctx: &Ctx) -> String;
    /// The body of a letter to a client who never ordered.
    fn first_contact(&self, ctx: &Ctx) -> String;
    fn call(&self, ctx: &Ctx) -> String;
    /// «С уважением,» and its alternatives.
    fn closing_words(&self) -> [&'static str; 3];
    /// The company as the signature names it.
    fn company_line(&self, company: &str) -> String;
    fn subject(&self, ctx: &Ctx) -> String;
}

fn closing(v: &impl Voice, ctx: &Ctx) -> String {
    let word = one_of(ctx, slot::CLOSING, &v.closing_words().map(String::from));
    let sign = match ctx.signature {
        Some(s) => s.to_string(),
        None => [
            ctx.sender.map(String::from),
            ctx.title.map(capitalize),
            ctx.company.as_deref().map(|c| v.company_line(c)),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n"),
    };
    if sign.is_empty() {
        word.trim_end_matches(',').to_string()
    } else {
        format!("{word}\n{sign}")
    }
}

/// Greeting; who writes, what was ordered and the question; reorder and news; the call; closing.
fn letter(v: &impl Voice, ctx: &Ctx) -> (String, String) {
    let mut first: Vec<String> = v.intro(ctx).into_iter().collect();
    let mut paragraphs = vec![v.greeting(ctx)];
    match ctx.last_order {
        Some(last) => {
            first.push(v.ordered(ctx, last));
            first.push(v.question(ctx));
            paragraphs.push(first.join(" "));
            paragraphs.push(format!("{} {}", v.reorder(ctx), v.news(ctx)));
        }
        None => {
            first.push(v.first_contact(ctx));
            paragraphs.push(first.join(" "));
        }
    }
    paragraphs.push(v.call(ctx));
    paragraphs.push(closing(v, ctx));
    (v.subject(ctx), paragraphs.join("\n\n"))
}

/// The first letter upper-case.
pub(crate) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
