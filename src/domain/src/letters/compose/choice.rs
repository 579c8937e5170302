//! How a paragraph's phrasing is chosen: by a seed made of the client and the cycle (so the same
//! letter comes out the same, and the next cycle's differs), passing over what the client read in
//! the last letter, and — with the setting `favour_answers` — by what the letters taught. Every
//! choice is recorded with its key for the figures.

use super::Ctx;
use crate::model::{Id, Lang};

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
    let counted = match ctx.lang {
        Lang::Ru => slot.to_string(),
        Lang::En => format!("en:{slot}"),
    };
    let keys: Vec<&str> = options.iter().map(|(k, _)| k.as_str()).collect();
    // Four letters in five take the phrasing answered best; the fifth tries any, so the others
    // keep being measured.
    let first = ctx
        .learned
        .filter(|_| pick(ctx.seed, &format!("{slot}?"), 5) != 0)
        .and_then(|l| l.best(&counted, &keys))
        .unwrap_or_else(|| pick(ctx.seed, slot, n));
    let read = |o: &str| ctx.previous.is_some_and(|(_, body)| body.contains(o));
    let i = (0..n)
        .map(|k| (first + k) % n)
        .find(|i| !read(&options[*i].1))
        .unwrap_or(first);
    let (key, text) = &options[i];
    ctx.chosen
        .borrow_mut()
        .push((format!("{counted}.{key}"), text.clone()));
    text.clone()
}
