//! `pismo-cli`: the administrator's tool over the same domain code as the app.
//!
//!     pismo-cli validate FILE        check a backup; counts, or errors with their path; exit 1 on error
//!     pismo-cli stats FILE           counts per record type, as JSON
//!     pismo-cli demo [--date D] [--clients N]
//!                                    the demo company as a backup, on stdout (as the app loads it)
//!     pismo-cli plan FILE --date D   the day's letter queue, as JSON
//!     pismo-cli draft FILE --date D  the day's letter drafts, as JSON
//!     pismo-cli dedup FILE           the duplicate clusters the app would propose, as JSON
//!     pismo-cli testbase --clients N (--truth FILE | --report) [--hard | --persons] [--seed S]
//!                                    a base with known duplicates (backup on stdout, the true
//!                                    groups as JSON in FILE), to measure any duplicate search
//!     pismo-cli couch push FILE URL  a backup's records into a CouchDB database (made if missing),
//!                                    merged with what it holds; PISMO_COUCH_USER/PASSWORD
//!     pismo-cli couch pull URL       the database as a backup, on stdout

//! A native program only. `cargo test --target wasm32-unknown-unknown` builds every binary of the
//! package, and linking the whole domain with debug info into a wasm nobody runs took half a
//! gigabyte and crashed the linker on a nearly full disk, so on wasm32 it is an empty `main`.

#[cfg(not(target_arch = "wasm32"))]
#[path = "cli/commands.rs"]
mod commands;
#[cfg(not(target_arch = "wasm32"))]
#[path = "cli/couch.rs"]
mod couch;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    commands::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
