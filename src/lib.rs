//! Pismo: a CRM that lives in the browser. See ARCHITECTURE.md for the map.

pub mod app;
pub mod components;
pub mod domain;
pub mod pages;
pub mod storage;
