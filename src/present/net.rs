//! Network check results as rows: one headline per address, the diagnosis
//! in plain words, and (on request) the technical detail.

use super::{Row, Tone};
use crate::cert::net::{CheckResult, Diagnosis};
use crate::i18n::{Lang, diagnosis_key, t, tf};

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
                r.url,
                r.elapsed_ms
            ),
        ));
        let proxy = r
            .proxy
            .clone()
            .unwrap_or_else(|| t(lang, "net.no_proxy").to_string());
        out.push(Row::item(
            Tone::Plain,
            tf(lang, diagnosis_key(r.diagnosis), &[("proxy", &proxy)]),
        ));
        if detail {
            out.push(Row::item(
                Tone::Dim,
                format!("{}: {}", t(lang, "net.detail"), r.detail),
            ));
        }
    }
    out
}
