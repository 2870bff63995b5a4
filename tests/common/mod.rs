//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod fixtures;
pub mod states;
pub mod tls;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The built `oqscert` binary with a private home and a fixed language.
pub fn oqscert(home: &Path) -> Command {
    let mut c = Command::cargo_bin("oqscert").unwrap();
    c.env("OQSCERT_HOME", home)
        .env_remove("OQSCERT_LANG")
        .env("NO_COLOR", "1");
    c
}

/// Parse a command's JSON output, showing it when it is not JSON.
pub fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(out)))
}

/// Every file below `dir`.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
