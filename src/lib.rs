//! Pismo: a CRM that lives in the browser. See ARCHITECTURE.md for the map.

pub mod app;
pub mod components;
pub use pismo_domain as domain;
pub mod pages;
pub mod storage;
