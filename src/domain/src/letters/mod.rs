//! Letter sales: who is in the pool, the daily rotation, the letter composer, sending, answers and
//! the section's figures.

pub mod ago;
pub mod answer;
pub mod compose;
pub mod day;
pub mod figures;
pub mod learning;
pub mod mail;
pub mod pool;
pub mod rotation;
pub mod russian;
pub mod send;
