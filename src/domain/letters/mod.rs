//! Letter sales: who is in the pool, the daily rotation, and the letter composer.

pub mod compose;
pub mod day;
pub mod pool;
pub mod rotation;
pub mod russian;
