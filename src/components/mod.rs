//! View pieces more than one page uses.

pub mod agenda;
pub mod chart;
pub mod field;
pub mod labels;
pub mod nav;
pub mod period;
pub mod toasts;
pub mod update;
pub mod virtual_list;
