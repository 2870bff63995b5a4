//! The install checks (in MY, key present, key signs, chain complete,
//! valid today) and the import options, as rows.

use super::{Row, Tone};
use crate::cert::install::Check;
use crate::cert::pfx::CertInfo;
use crate::cert::store::Verification;
use crate::i18n::{Lang, check_keys, t, tf};

/// 「OK」/「NG」 as the screens and the report spell them.
pub fn mark(lang: Lang, ok: bool) -> &'static str {
    t(
        lang,
        if ok {
            "store.check_ok"
        } else {
            "store.check_ng"
        },
    )
}

/// One check: its name and result, and (with `fixes`) what to do when it
/// failed, as a second, indented row.
pub fn rows(lang: Lang, v: &Verification, fixes: bool) -> Vec<Row> {
    let mut out = Vec::new();
    for c in Check::ALL {
        let (name, fix) = check_keys(c);
        let ok = c.passed(v);
        out.push(Row::new(
            if ok { Tone::Ok } else { Tone::Error },
            1,
            format!("[{}] {}", mark(lang, ok), t(lang, name)),
        ));
        if fixes && !ok {
            // The chain: name the issuer whose certificate is missing
            // (an intermediate, usually), so a root listed as present
            // beside the NG does not read as a contradiction.
            let text = match (&c, &v.missing_issuer) {
                (Check::ChainComplete, Some(name)) => tf(
                    lang,
                    "install.fix_chain_named",
                    &[("name", &crate::cert::dn::display_name(name))],
                ),
                _ => t(lang, fix).to_string(),
            };
            out.push(Row::new(Tone::Plain, 2, text));
        }
    }
    out
}

/// The certificates an install left out because they bear the issuer's
/// name without its signature (`store install` and 画面 3-5): one warning
/// each, by name.
pub fn rejected(lang: Lang, certs: &[CertInfo]) -> Vec<Row> {
    certs
        .iter()
        .map(|c| {
            Row::new(
                Tone::Warn,
                1,
                tf(
                    lang,
                    "store.rejected",
                    &[("subject", &crate::cert::dn::display_name(&c.subject))],
                ),
            )
        })
        .collect()
}

/// The checks as (name, OK/NG) pairs, for the report's table.
pub fn pairs(lang: Lang, v: &Verification) -> Vec<(String, String)> {
    Check::ALL
        .iter()
        .map(|c| {
            (
                t(lang, check_keys(*c).0).to_string(),
                mark(lang, c.passed(v)).to_string(),
            )
        })
        .collect()
}

/// The verdict after the checks.
pub fn verdict(lang: Lang, v: &Verification) -> Row {
    if v.all_ok() {
        Row::new(Tone::Ok, 0, t(lang, "install.all_ok"))
    } else {
        Row::new(Tone::Error, 0, t(lang, "install.some_ng"))
    }
}

/// The import options exactly as the Windows import wizard names them (the
/// help page's list), one row each.
pub fn import_options(lang: Lang) -> Vec<Row> {
    [
        "store.opt_location",
        "store.opt_strong_off",
        "store.opt_exportable_on",
        "store.opt_extended_on",
        "store.opt_auto_store",
    ]
    .into_iter()
    .map(|k| Row::item(Tone::Plain, format!("- {}", t(lang, k))))
    .collect()
}
