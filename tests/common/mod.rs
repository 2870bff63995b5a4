//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod fixtures;

use assert_cmd::Command;
use std::path::Path;

/// The built `oqscert` binary with a private home and a fixed language.
pub fn oqscert(home: &Path) -> Command {
    let mut c = Command::cargo_bin("oqscert").unwrap();
    c.env("OQSCERT_HOME", home)
        .env_remove("OQSCERT_LANG")
        .env("NO_COLOR", "1");
    c
}
