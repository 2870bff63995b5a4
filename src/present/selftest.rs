//! The self-test's lines in words: the verdict, what was checked, and what
//! to do (the CLI prints them; the wizard's self-test screen shows them).

use super::{Row, Tone};
use crate::i18n::{Lang, fill, t};
use crate::ops::selftest::{Check, Report, Verdict};

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
