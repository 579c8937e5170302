//! Pure Rust: the records and every decision about them. No browser types, no clock (callers pass
//! `today`/`now`), no I/O, so all of it is tested natively.

pub mod author;
pub mod backup;
pub mod base;
pub mod contact;
pub mod corporate;
pub mod dashboard;
pub mod dedup;
pub mod demo;
pub mod format;
pub mod history;
pub mod import;
pub mod json;
pub mod letters;
pub mod mailing;
pub mod merge;
pub mod model;
pub mod quality;
pub mod record;
pub mod sales;
pub mod search;
pub mod settings;
pub mod sort;
pub mod sync;
pub mod text;
pub mod validate;
