//! The shared certificate service. No terminal, no ratatui: everything here
//! is callable from the CLI, the wizard and tests alike.

pub mod backup;
pub mod cleanup;
pub mod codes;
pub mod der_write;
pub mod dn;
pub mod error;
pub mod form;
pub mod fsutil;
pub mod health;
pub mod home;
pub mod install;
pub mod institution;
pub mod jst;
pub mod keyblob;
pub mod lock;
pub mod net;
pub mod password;
pub mod pfx;
pub mod platform;
pub mod position;
pub mod profile_file;
pub mod progress;
pub mod sanitize;
pub mod secret;
pub mod selfsigned;
pub mod store;

pub use error::{Error, ExitStatus};
pub use password::Password;
