//! One module per screen. Thin: signals and views; decisions live in `domain`.

pub mod backup;
pub mod changes;
pub mod client;
pub mod clients;
pub mod corporate;
pub mod dashboard;
pub mod duplicates;
pub mod home;
pub mod import;
pub mod letters;
pub mod lists;
pub mod products;
pub mod quality;
pub mod sales;
pub mod settings;
pub mod staff;
pub mod sync;
