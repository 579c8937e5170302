//! Pismo: a CRM that lives in the browser. See ARCHITECTURE.md for the map.

pub mod domain;
pub mod storage;
