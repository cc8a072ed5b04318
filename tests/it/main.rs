//! The whole-site tests, in one test binary: each file here was a binary of
//! its own (`tests/<name>.rs`), and each of those compiled the helpers of
//! `common` and linked the whole crate again, which was most of the time
//! `cargo test` spent before running anything. Run one file's tests with
//! `cargo test --test it <name>::`.
//!
//! The tests of every file now share one process and run on its threads at
//! the same time, so none of them may change what the process shares: no
//! `std::env::set_var`, no `set_current_dir`, no fixed port. Environment
//! variables and working folders go to the child `Command`s; ports are
//! ephemeral; what must run alone takes a lock (as `deploy`'s servers do).

mod common;

mod akn;
mod bad_input;
mod brands;
mod deploy;
mod directory;
mod funds;
mod hostile;
mod import;
mod incremental;
mod incremental_directory;
mod interrupted;
mod languages;
mod layers;
mod library;
mod load_cache;
mod open_data;
mod policy_and_config_errors;
mod policy_structure;
mod safe_builds;
mod search;
mod serve;
mod site;
mod validity;
mod versions;
