//! oqscert: gets a Japanese clinic's electronic certificate (電子証明書) for
//! オンライン資格確認 and オンライン請求 from "we need one" to "installed,
//! backed up and working".
//!
//! Layers, each importing only its own or lower ones (`tests/layers.rs`
//! checks it): `cert` < `i18n` < `present`, `report` < `ops` < `wizard`
//! < `tui`, `cli`. `cert` knows nothing of terminals; `cli` never imports
//! `wizard`.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod cert;
pub mod cli;
pub mod i18n;
pub mod ops;
pub mod present;
pub mod report;
pub mod tui;
pub mod wizard;
