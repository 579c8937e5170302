//! The letter composer: a client's history turned into a personal draft. No fixed template: each
//! paragraph has several phrasings, picked by a seed made of the client and the cycle, so the same
//! client gets a different letter next cycle and a day's letters do not read alike. A missing fact
//! changes the sentence; it never leaves a blank.

mod audience;
mod en;
mod ru;
#[cfg(test)]
mod tests;

use std::cell::RefCell;

use chrono::NaiveDate;

pub use audience::{org_of, season, Audience, Org};

use super::rotation::days_to_anniversary;
use super::russian::{gender_of_patronymic, months_between};
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

/// A seed from the client and the cycle: stable for one letter, different next cycle.
pub fn seed(client: Id, cycle: u32) -> u64 {
    let x = client.as_u128();
    mix((x as u64) ^ ((x >> 64) as u64) ^ (u64::from(cycle) << 32 | u64::from(cycle)))
}

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Which of `n` phrasings paragraph `slot` uses.
pub(crate) fn pick(seed: u64, slot: &str, n: usize) -> usize {
    let key = slot.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    (mix(seed ^ key) % n as u64) as usize
}

/// The contact a letter greets: the first with a first name, else the first.
pub fn pick_contact(c: &Client) -> Option<&ContactPerson> {
    c.contacts
        .iter()
        .find(|p| !p.first.trim().is_empty())
        .or(c.contacts.first())
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
    /// The phrasings taken so far, by paragraph.
    pub chosen: RefCell<Vec<String>>,
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

/// «М.», «О», «М.О.»: an initial (or two run together), not a name one can greet.
fn is_initial(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters > 0 && letters <= 2 && s.trim().ends_with('.') || letters == 1
}

/// «Mr Ivanov», «Ms Petrova», or the first name when the gender is unknown, in Latin letters.
fn salutation_en(
    c: &Client,
    contact: Option<&ContactPerson>,
    gender: Option<Gender>,
) -> Option<String> {
    let (last, first) = match contact {
        Some(p) => (p.last.trim().to_string(), p.first.trim().to_string()),
        None if c.kind == ClientKind::Person => {
            let mut parts = c.name.split_whitespace();
            let last = parts.next().unwrap_or_default().to_string();
            (last, parts.next().unwrap_or_default().to_string())
        }
        None => return None,
    };
    let name = |s: &str| (!s.is_empty() && !is_initial(s)).then(|| crate::text::latin(s));
    match (gender, name(&last), name(&first)) {
        (Some(Gender::Male), Some(l), _) => Some(format!("Mr {l}")),
        (Some(Gender::Female), Some(l), _) => Some(format!("Ms {l}")),
        (_, _, Some(f)) => Some(f),
        _ => None,
    }
}

pub fn compose(input: &LetterInput) -> Draft {
    let c = input.client;
    let s = input.settings;
    let mut warnings = Vec::new();

    let contact = pick_contact(c);
    let (addressee, gender) = match contact {
        // «Доброго дня, М. О.!» greets nobody: initials alone are no name to address.
        Some(p) if non_empty(&p.first).is_some() && !is_initial(&p.first) => {
            let patronymic = if is_initial(&p.patronymic) {
                ""
            } else {
                p.patronymic.trim()
            };
            let name = [p.first.trim(), patronymic]
                .iter()
                .filter(|x| !x.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let gender = p.gender.or_else(|| gender_of_patronymic(&p.patronymic));
            if gender.is_none() {
                warnings.push(DraftWarning::GenderUnknown);
            }
            (Some(name), gender)
        }
        _ if c.kind == ClientKind::Person => {
            // A private client's name is «Фамилия Имя Отчество».
            let parts: Vec<&str> = c.name.split_whitespace().collect();
            match parts.as_slice() {
                [_, first, patronymic] if !is_initial(first) && !is_initial(patronymic) => (
                    Some(format!("{first} {patronymic}")),
                    gender_of_patronymic(patronymic),
                ),
                _ => {
                    warnings.push(DraftWarning::NoContactPerson);
                    (None, None)
                }
            }
        }
        _ => {
            warnings.push(DraftWarning::NoContactPerson);
            (None, None)
        }
    };

    let addressee = match c.language {
        Lang::Ru => addressee,
        Lang::En => salutation_en(c, contact, gender),
    };
    let form = |p: &Product| -> Option<String> {
        let en = non_empty(&p.letter_form_en);
        match c.language {
            Lang::En if en.is_some() => en.map(String::from),
            _ => non_empty(&p.letter_form).map(String::from),
        }
    };
    let last = input.orders.iter().max_by_key(|o| (o.date, o.id));
    let mut ordered: Vec<String> = Vec::new();
    let mut categories: Vec<&str> = Vec::new();
    let mut named: Vec<&Product> = Vec::new();
    if let Some(o) = last {
        for l in &o.lines {
            if let Some(p) = l
                .product
                .and_then(|id| input.products.iter().find(|p| p.id == id))
            {
                categories.push(&p.category);
                named.push(p);
                if let Some(f) = form(p) {
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
    }
    ordered.truncate(3);
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

    let [company, sender, title, signature] = s.sender_for(c.language);
    // An English letter whose sender was set only in Russian: names in Latin letters, and no
    // Russian job title.
    let english = c.language == Lang::En;
    let cyrillic = |t: &str| {
        t.chars()
            .any(|ch| ('а'..='я').contains(&ch.to_ascii_lowercase()) || ('А'..='Я').contains(&ch))
    };
    let latin_if = |t: &str| {
        if english && cyrillic(t) {
            crate::text::latin(t)
        } else {
            t.to_string()
        }
    };
    let sender = non_empty(sender).map(latin_if);
    let signature = non_empty(signature).map(latin_if);
    let title = non_empty(title).filter(|t| !(english && cyrillic(t)));
    if sender.is_none() {
        warnings.push(DraftWarning::NoSenderName);
    }
    let company = non_empty(company).map(|x| latin_if(x.trim_matches(['«', '»', '"'])));
    if company.is_none() {
        warnings.push(DraftWarning::NoCompany);
    }
    let ctx = Ctx {
        seed: input.seed,
        today: input.today,
        org: org_of(c),
        addressee: addressee.clone(),
        gender,
        sender: sender.as_deref(),
        title,
        company,
        signature: signature.as_deref(),
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
        phrasing: ctx.chosen.take().join(" "),
    }
}

/// Slots: one per paragraph, so each picks its phrasing independently; the names are what a
/// letter records of its phrasing.
pub(crate) mod slot {
    pub const GREETING: &str = "greeting";
    pub const INTRO: &str = "intro";
    pub const ORDERED: &str = "ordered";
    pub const WHEN: &str = "when";
    pub const QUESTION: &str = "question";
    pub const REORDER: &str = "reorder";
    pub const NEWS: &str = "news";
    pub const CALL: &str = "call";
    pub const CLOSING: &str = "closing";
    pub const SUBJECT: &str = "subject";
}

/// One of the phrasings of a paragraph, picked by the seed; a sentence the client already read in
/// the last letter is passed over for the next phrasing. The choice is recorded by its index.
pub(crate) fn one_of(ctx: &Ctx, slot: &str, options: &[String]) -> String {
    let keyed: Vec<(String, String)> = options
        .iter()
        .enumerate()
        .map(|(i, o)| (i.to_string(), o.clone()))
        .collect();
    choose(ctx, slot, &keyed)
}

/// [`one_of`] for a paragraph whose phrasings depend on the facts: each is recorded by its key,
/// so the figures count the same phrasing as one whichever others stood beside it.
pub(crate) fn one_keyed(ctx: &Ctx, slot: &str, options: &[(&str, String)]) -> String {
    let keyed: Vec<(String, String)> = options
        .iter()
        .map(|(k, o)| (k.to_string(), o.clone()))
        .collect();
    choose(ctx, slot, &keyed)
}

fn choose(ctx: &Ctx, slot: &str, options: &[(String, String)]) -> String {
    let n = options.len();
    let first = pick(ctx.seed, slot, n);
    let read = |o: &str| ctx.previous.is_some_and(|(_, body)| body.contains(o));
    let i = (0..n)
        .map(|k| (first + k) % n)
        .find(|i| !read(&options[*i].1))
        .unwrap_or(first);
    let (key, text) = &options[i];
    ctx.chosen.borrow_mut().push(format!("{slot}.{key}"));
    text.clone()
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
