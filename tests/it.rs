//! Every headless test in one binary (one link instead of one per file):
//! the CLI through the built program, the wizard through `update` and
//! `TestBackend` snapshots, the layout rules over every snapshot.

mod common;
#[allow(dead_code)]
#[path = "common/layout.rs"]
mod layout;

mod bad_input;
mod chapter2_cli;
mod chapter3_cli;
mod cli;
mod every_screen;
mod glossary;
mod layers;
mod net;
mod notify_cli;
mod password_prompt;
mod profile_cli;
mod profiles;
mod secret_audit;
mod selftest;
mod snapshot_lines;
mod step_table;
mod store_cli;
mod unconfirmed;
mod vendor_cli;
mod wizard;
