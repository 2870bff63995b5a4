//! `oqscert net check`: can this PC reach the download site and CRL host?

use super::Globals;
use crate::cert::net::{Diagnosis, NetConfig, Target, proxy_has_credentials};
use crate::cert::{Error, ExitStatus, fsutil};
use crate::i18n::{t, tf};
use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use clap::ArgMatches;
use std::path::PathBuf;
use std::time::Duration;

/// The checks' settings from `--url`, `--timeout`, `--ca-file`, `--proxy`
/// and `--no-proxy` (`net check`, `selftest`).
pub(super) fn config_from(g: &Globals, m: &ArgMatches) -> Result<NetConfig, Error> {
    let mut cfg = NetConfig::default();
    let urls: Vec<String> = m
        .get_many::<String>("url")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    if !urls.is_empty() {
        cfg.targets = urls
            .into_iter()
            .enumerate()
            .map(|(i, url)| Target {
                name: format!("url{}", i + 1),
                url,
            })
            .collect();
    }
    if let Some(secs) = m.get_one::<u64>("timeout") {
        cfg.timeout = Duration::from_secs((*secs).clamp(1, 120));
    }
    if let Some(path) = m.get_one::<PathBuf>("ca_file") {
        let bytes = fsutil::read_limited(path, 1024 * 1024)?;
        cfg.extra_roots.push(pem_or_der(&bytes));
    }
    if m.get_flag("no_proxy") {
        cfg.proxy = Some(None);
    } else if let Some(p) = m.get_one::<String>("proxy") {
        // A command line is visible to every user of the PC (and kept in
        // shell histories): warn, on stderr even with --json, and go on.
        if proxy_has_credentials(p) {
            eprintln!("{}", t(g.lang, "net.proxy_credentials"));
        }
        cfg.proxy = Some(Some(p.clone()));
    }
    Ok(cfg)
}

/// Run the checks of `cfg` (a runtime of their own: the CLI has none).
pub(super) fn run_checks(cfg: &NetConfig) -> Result<Vec<crate::cert::net::CheckResult>, Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(e.to_string()))?;
    Ok(runtime.block_on(crate::ops::net::net_check(cfg)))
}

pub fn check(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let cfg = config_from(g, m)?;
    if !g.json {
        eprintln!(
            "{}",
            tf(g.lang, "net.checking", &[("secs", &cfg.timeout.as_secs())])
        );
    }
    let results = run_checks(&cfg)?;
    let all_ok = results.iter().all(|r| r.diagnosis == Diagnosis::Reachable);
    if g.json {
        super::json::print(&super::json::NetCheck {
            ok: all_ok,
            results: &results,
        });
    } else {
        let rows = crate::present::net::rows(g.lang, &results, true);
        crate::present::print(&rows);
    }
    Ok(if all_ok {
        ExitStatus::Ok
    } else {
        ExitStatus::Environment
    })
}

/// A CA certificate file in PEM or DER.
fn pem_or_der(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    let Some(start) = text.find("-----BEGIN CERTIFICATE-----") else {
        return bytes.to_vec();
    };
    let body: String = text[start + 27..]
        .lines()
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    // Line breaks and padding carry no data: skip them wherever they are.
    // Anything else that is not base64 keeps the file's bytes as they are.
    let clean: Vec<u8> = body
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'=')
        .collect();
    PEM_BASE64.decode(clean).unwrap_or_else(|_| bytes.to_vec())
}

/// Forgiving: padding is not required (it was skipped) and stray low bits in
/// the last character are ignored, as some PEM writers leave them.
const PEM_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);
