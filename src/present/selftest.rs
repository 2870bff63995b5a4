//! The self-test's lines in words: the verdict, what was checked, and what
//! to do (the CLI prints them; the wizard's self-test screen shows them).

use super::{Row, Tone};
use crate::i18n::{Lang, fill, t};
use serde::Serialize;
use time::OffsetDateTime;

/// How one check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Ok,
    /// Works, but something to look at.
    Attention,
    Ng,
    /// This platform gives no answer (said honestly, not counted as OK).
    NotHere,
}

/// One check: its id (the locale keys `selftest.<id>_*`), the verdict, the
/// values its sentence names, and the technical detail for the vendor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub id: &'static str,
    pub verdict: Verdict,
    pub values: Vec<(&'static str, String)>,
    pub detail: String,
}

impl Check {
    pub(crate) fn new(id: &'static str, verdict: Verdict) -> Check {
        Check {
            id,
            verdict,
            values: Vec::new(),
            detail: String::new(),
        }
    }

    pub(crate) fn value(mut self, name: &'static str, v: impl Into<String>) -> Check {
        self.values.push((name, v.into()));
        self
    }

    pub(crate) fn detail(mut self, d: impl Into<String>) -> Check {
        self.detail = d.into();
        self
    }

    /// The value named `name`, if the check has one.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the console reported about itself (measured by the wizard's
/// start-up, or by `selftest` on a terminal).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ConsoleFacts {
    /// The output code page (Windows), e.g. 65001.
    pub code_page: Option<u32>,
    /// Windows Terminal (WT_SESSION), rather than the classic console.
    pub windows_terminal: bool,
    /// Cells a box-drawing character and a circled number took, as the
    /// terminal reported the cursor (None: no terminal, or no answer).
    pub box_cells: Option<u16>,
    pub circled_cells: Option<u16>,
    /// The border set chosen from that (or from the guess without it).
    pub ascii_borders: bool,
    /// Step marks drawn as 「(1)」 rather than ①, chosen the same way.
    pub ascii_numbers: bool,
}

/// All checks, in the order shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub checks: Vec<Check>,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

impl Report {
    /// A part oqscert cannot work without failed here (the certificate
    /// store, the password vault, the data folder): the environment, exit
    /// 5 as elsewhere, rather than something to look at.
    pub fn environment_failed(&self) -> bool {
        self.checks
            .iter()
            .any(|c| c.verdict == Verdict::Ng && matches!(c.id, "store" | "vault" | "data_folder"))
    }

    /// Every check OK or not answerable here.
    pub fn all_ok(&self) -> bool {
        self.checks
            .iter()
            .all(|c| matches!(c.verdict, Verdict::Ok | Verdict::NotHere))
    }
}

fn verdict_id(v: Verdict) -> &'static str {
    match v {
        Verdict::Ok => "ok",
        Verdict::Attention => "attention",
        Verdict::Ng => "ng",
        Verdict::NotHere => "not_here",
    }
}

/// A value in words where the locale has them (`selftest.v_<value>`).
fn word(lang: Lang, v: &str) -> String {
    let key = format!("selftest.v_{v}");
    let w = t(lang, &key);
    if w == key {
        v.to_string()
    } else {
        w.to_string()
    }
}

/// One check as a sentence: its verdict's own, or the nearest there is.
pub fn sentence(lang: Lang, c: &Check) -> String {
    let v = verdict_id(c.verdict);
    let mut key = format!("selftest.{}_{v}", c.id);
    if t(lang, &key) == key {
        key = format!("selftest.{}_ok", c.id);
    }
    let mut values: Vec<(&str, String)> = c
        .values
        .iter()
        .map(|(n, val)| match *n {
            // The clock's direction reads as 2-6 and 3-3 say it.
            "direction" => (*n, t(lang, &format!("net.{val}")).to_string()),
            _ => (*n, word(lang, val)),
        })
        .collect();
    values.push(("fix", t(lang, "net.clock_fix").to_string()));
    let args: Vec<(&str, &dyn std::fmt::Display)> = values
        .iter()
        .map(|(n, v)| (*n, v as &dyn std::fmt::Display))
        .collect();
    fill(t(lang, &key), &args)
}

/// `[OK] 証明書ストア`: the verdict and what was checked, in its tone.
pub fn headline(lang: Lang, c: &Check) -> Row {
    let tone = match c.verdict {
        Verdict::Ok => Tone::Ok,
        Verdict::Attention => Tone::Warn,
        Verdict::Ng => Tone::Error,
        Verdict::NotHere => Tone::Dim,
    };
    Row::new(
        tone,
        0,
        format!(
            "[{}] {}",
            t(lang, &format!("selftest.verdict_{}", verdict_id(c.verdict))),
            t(lang, &format!("selftest.{}", c.id)),
        ),
    )
}

/// `[OK] 証明書ストア: ...`, one row a check, then the verdict.
pub fn rows(lang: Lang, r: &Report) -> Vec<Row> {
    let mut out: Vec<Row> = r
        .checks
        .iter()
        .map(|c| {
            let mut row = headline(lang, c);
            row.text = format!("{}: {}", row.text, sentence(lang, c));
            row
        })
        .collect();
    out.extend(summary(lang, r));
    out
}

/// Whether the store and the vault were left as found, and the verdict.
pub fn summary(lang: Lang, r: &Report) -> Vec<Row> {
    let mut out = Vec::new();
    // Said only when the checks that touch them proved it.
    let proven = |id: &str| {
        r.checks
            .iter()
            .any(|c| c.id == id && c.verdict != Verdict::Ng)
    };
    if proven("store") && proven("vault") {
        out.push(Row::new(Tone::Ok, 0, t(lang, "selftest.unchanged")));
    }
    out.push(if r.all_ok() {
        Row::new(Tone::Ok, 0, t(lang, "selftest.all_ok"))
    } else {
        Row::new(Tone::Warn, 0, t(lang, "selftest.some_attention"))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_check_and_verdict_has_words_in_both_languages() {
        let ids = [
            "store",
            "vault",
            "downloads",
            "drives",
            "browser",
            "network",
            "clock",
            "console",
            "data_folder",
            "programs",
        ];
        for lang in [Lang::Ja, Lang::En] {
            for id in ids {
                assert_ne!(t(lang, &format!("selftest.{id}")), format!("selftest.{id}"));
                for v in [
                    Verdict::Ok,
                    Verdict::Attention,
                    Verdict::Ng,
                    Verdict::NotHere,
                ] {
                    let c = Check {
                        id,
                        verdict: v,
                        values: Vec::new(),
                        detail: String::new(),
                    };
                    let s = sentence(lang, &c);
                    assert!(!s.starts_with("selftest."), "{lang:?} {id} {v:?}");
                }
            }
        }
    }
}
