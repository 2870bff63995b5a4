//! Network check results as rows: one headline per address, the diagnosis
//! in plain words, and (on request) the technical detail. User names and
//! passwords in URLs are hidden here too, whoever built the results.

use super::{Row, Tone};
use crate::cert::net::{AutoProxy, CheckResult, Clock, Diagnosis, redact_userinfo};
use crate::i18n::{Lang, diagnosis_key, t, tf};

/// A clock that is off (or that a failed secure connection points to), in
/// words with how to fix it; nothing when it is fine or unknown. Shown
/// before the download (2-6) and before the install (3-3).
pub fn clock_rows(lang: Lang, clock: Clock) -> Vec<Row> {
    let said = match clock {
        Clock::Off { minutes, .. } => tf(
            lang,
            "net.clock_off",
            &[
                ("minutes", &minutes.abs()),
                (
                    "direction",
                    &t(
                        lang,
                        if minutes > 0 {
                            "net.ahead"
                        } else {
                            "net.behind"
                        },
                    ),
                ),
            ],
        ),
        Clock::TlsSuspect => t(lang, "net.clock_tls").to_string(),
        Clock::Unknown | Clock::Fine { .. } => return Vec::new(),
    };
    vec![
        Row::new(Tone::Warn, 0, said),
        Row::new(Tone::Warn, 0, t(lang, "net.clock_fix")),
    ]
}

pub fn rows(lang: Lang, results: &[CheckResult], detail: bool) -> Vec<Row> {
    let mut out = Vec::new();
    for r in results {
        let ok = r.diagnosis == Diagnosis::Reachable;
        out.push(Row::new(
            if ok { Tone::Ok } else { Tone::Error },
            0,
            format!(
                "[{}] {} ({} ms)",
                if ok { "OK" } else { "NG" },
                redact_userinfo(&r.url),
                r.elapsed_ms
            ),
        ));
        let proxy = r
            .proxy
            .as_deref()
            .map(redact_userinfo)
            .unwrap_or_else(|| t(lang, "net.no_proxy").to_string());
        let setting = r
            .auto_proxy
            .as_ref()
            .map(|a| auto_proxy_text(lang, a))
            .unwrap_or_default();
        out.push(Row::item(
            Tone::Plain,
            tf(
                lang,
                diagnosis_key(r.diagnosis),
                &[("proxy", &proxy), ("setting", &setting)],
            ),
        ));
        // Another failure on a PC with an automatic configuration: say that
        // the check did not follow it (it may be the cause); when the site
        // answered, it is only worth a line among the details.
        if r.auto_proxy.is_some() && r.diagnosis != Diagnosis::AutoProxy && (!ok || detail) {
            out.push(Row::item(
                if ok { Tone::Dim } else { Tone::Plain },
                tf(lang, "net.auto_proxy_note", &[("setting", &setting)]),
            ));
        }
        if detail {
            out.push(Row::item(
                Tone::Dim,
                format!("{}: {}", t(lang, "net.detail"), redact_userinfo(&r.detail)),
            ));
        }
    }
    out
}

/// The check as the receptionist sees it (画面 2-6): each site by a plain
/// name, OK or NG; when the certificate site failed, what to try, in
/// order. The addresses, times, proxies and the system's own words are
/// the vendor's (`rows` with detail, one key away).
pub fn plain_rows(lang: Lang, results: &[CheckResult]) -> Vec<Row> {
    let mut out = Vec::new();
    for r in results {
        let ok = r.diagnosis == Diagnosis::Reachable;
        let site = t(
            lang,
            if r.name == "download" {
                "net.site_download"
            } else {
                "net.site_crl"
            },
        );
        let said = t(lang, if ok { "net.plain_ok" } else { "net.plain_ng" });
        out.push(Row::new(
            if ok { Tone::Ok } else { Tone::Error },
            0,
            format!("[{}] {site}: {said}", if ok { "OK" } else { "NG" }),
        ));
    }
    let download_ng = results
        .iter()
        .any(|r| r.name == "download" && r.diagnosis != Diagnosis::Reachable);
    if download_ng {
        out.push(Row::new(Tone::Plain, 0, ""));
        out.push(Row::new(Tone::Plain, 0, t(lang, "net.try_heading")));
        for (n, key) in [
            "net.try_pc",
            "net.try_cable",
            "net.try_router",
            "net.try_restart",
            "net.try_vendor",
        ]
        .iter()
        .enumerate()
        {
            out.push(Row::item(
                Tone::Plain,
                format!("{}. {}", n + 1, t(lang, key)),
            ));
        }
        out.push(Row::item(
            Tone::Plain,
            format!("6. {}", super::help_line(lang)),
        ));
    }
    out
}

/// The automatic configuration in the words of Windows' LAN settings.
fn auto_proxy_text(lang: Lang, a: &AutoProxy) -> String {
    match a {
        AutoProxy::Script { url } => tf(lang, "net.auto_script", &[("url", &redact_userinfo(url))]),
        AutoProxy::Detect => t(lang, "net.auto_detect").to_string(),
    }
}

#[cfg(test)]
mod tests;
