//! `oqscert pfx inspect`.

use super::{Globals, print_rows};
use crate::cert::pfx::{self, KeyMatch, MAX_PFX_SIZE};
use crate::cert::{Error, ExitStatus, Password, fsutil};
use crate::i18n::{Lang, t, tf};
use clap::ArgMatches;
use std::io::IsTerminal;
use std::path::PathBuf;
use time::OffsetDateTime;
use zeroize::Zeroizing;

/// Get the password: one line from stdin with `--password-stdin`, a no-echo
/// prompt on a terminal, otherwise fail at once naming the flag (never hang
/// waiting for input that cannot come).
pub(crate) fn read_password(g: &Globals, from_stdin: bool) -> Result<Password, Error> {
    let failed =
        |e: std::io::Error| Error::Usage(tf(g.lang, "cli.password_read_failed", &[("detail", &e)]));
    if from_stdin {
        return Password::from_reader(std::io::stdin().lock()).map_err(failed);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Usage(t(g.lang, "cli.password_needs_tty").into()));
    }
    let typed = super::hidden::prompt(t(g.lang, "cli.password_prompt")).map_err(failed)?;
    Ok(Password::new(&typed))
}

/// Japan Standard Time, for dates shown to people.
pub(crate) use crate::i18n::jst;

pub fn inspect(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let Some(path) = m.get_one::<PathBuf>("file") else {
        return Err(Error::Usage(t(g.lang, "cli.usage_error").into()));
    };
    // Read and sniff the file before asking for a password: a wrong path
    // or a PEM file should not cost the user a password prompt.
    let bytes = Zeroizing::new(fsutil::read_limited_quiet(path, MAX_PFX_SIZE)?);
    pfx::sniff(&bytes)?;
    let password = read_password(g, m.get_flag("password_stdin"))?;
    let bundle = pfx::open(&bytes, &password)?;
    drop(password);

    let now = OffsetDateTime::now_utc();
    let info = &bundle.leaf.info;
    let problems = bundle.problems(now);
    let lang = g.lang;
    if g.json {
        super::json::print(&super::json::PfxInspect::new(
            path.display().to_string(),
            &bundle,
            &problems,
            now,
        ));
    } else {
        let yes_no = |b: bool| t(lang, if b { "pfx.yes" } else { "pfx.no" }).to_string();
        let days = info.days_left(now);
        let validity = if info.is_expired(now) {
            tf(lang, "pfx.expired_since", &[("days", &-days)])
        } else if info.is_not_yet_valid(now) {
            t(lang, "pfx.not_yet_valid").to_string()
        } else {
            tf(lang, "pfx.days_left", &[("days", &days)])
        };
        let key = match bundle.key_match {
            KeyMatch::Matches => t(lang, "pfx.key_matches"),
            KeyMatch::Mismatch => t(lang, "pfx.key_mismatch"),
            KeyMatch::Unverified => t(lang, "pfx.key_unverified"),
        };
        let none = || "-".to_string();
        print_rows(&[
            (t(lang, "pfx.file").into(), path.display().to_string()),
            (
                t(lang, "pfx.subject_cn").into(),
                info.subject_cn.clone().unwrap_or_else(none),
            ),
            (
                t(lang, "pfx.subject_o").into(),
                info.subject_o.clone().unwrap_or_else(none),
            ),
            (t(lang, "pfx.issuer").into(), info.issuer.clone()),
            (t(lang, "pfx.serial").into(), info.serial.clone()),
            (t(lang, "pfx.valid_from").into(), jst(info.not_before)),
            (
                t(lang, "pfx.valid_to").into(),
                crate::i18n::with_note(lang, &jst(info.not_after), &validity),
            ),
            (
                t(lang, "pfx.thumbprint").into(),
                info.sha1_thumbprint.clone(),
            ),
            (t(lang, "pfx.sha256").into(), info.sha256.clone()),
            (t(lang, "pfx.client_auth").into(), yes_no(info.client_auth)),
            (
                t(lang, "pfx.key_algorithm").into(),
                info.key_algorithm.clone(),
            ),
            (t(lang, "pfx.key").into(), key.into()),
            (
                t(lang, "pfx.chain").into(),
                tf(lang, "pfx.chain_count", &[("count", &bundle.chain.len())]),
            ),
        ]);
        println!();
        if problems.is_empty() {
            println!("{}", t(lang, "pfx.verdict_ok"));
        }
        for p in &problems {
            println!("{}", t(lang, crate::present::problem_key(*p)));
        }
    }
    let _ = Lang::default();
    Ok(if problems.is_empty() {
        ExitStatus::Ok
    } else {
        ExitStatus::Invalid
    })
}
