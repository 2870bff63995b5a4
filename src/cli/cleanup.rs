//! `store cleanup`: old certificates exported under a proven password,
//! then removed.

use super::prompt::{cleanup_password, confirm};
use super::store::{kind_note, print_table};
use super::{Globals, json};
use crate::cert::cleanup::{KeyPlan, OldCert, OldReason};
use crate::cert::progress::{Progress, ProgressStore, resolve_home};
use crate::cert::sanitize::printable;
use crate::cert::store::platform_store;
use crate::cert::{Error, ExitStatus};
use crate::i18n::{t, tf};
use crate::ops;
use clap::ArgMatches;
use std::io::IsTerminal;
use time::OffsetDateTime;

/// `oqscert store cleanup [--yes] [--password-stdin] [--include-valid]`:
/// old certificates in MY, the expired ones (a superseded one still valid
/// only with `--include-valid`), each exported to the quarantine folder
/// under a proven password, then removed.
pub fn cleanup(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let pstore = ProgressStore::new(resolve_home(g.home.as_deref())?);
    let store = platform_store(pstore.home());
    kind_note(g, store.as_ref());
    // What was removed is recorded (and saved) even when a later one
    // failed; the failure is the command's answer after that.
    match ops::record::update(&pstore, &g.profile, |p| cleanup_in(g, m, store.as_ref(), p))? {
        Some(failure) => Err(failure.into_error()),
        None => Ok(ExitStatus::Ok),
    }
}

/// The clean-up on `progress`, recording what it did; the failure that
/// stopped it, if one did.
fn cleanup_in(
    g: &Globals,
    m: &ArgMatches,
    store: &dyn crate::cert::store::CertStore,
    progress: &mut Progress,
) -> Result<Option<ops::Failure>, Error> {
    let lang = g.lang;
    // Deleting ignores OQSCERT_NOW: that what-if clock is for `status`
    // and `report` only; what is expired is decided by the real clock.
    let now = OffsetDateTime::now_utc();
    let old = ops::cleanup::find_old(store, progress, now)?;
    let chosen = ops::cleanup::chosen(&old, m.get_flag("include_valid"));
    if !g.json {
        print_old(g, &old, &chosen, now);
    }
    if chosen.is_empty() {
        if g.json {
            json::print(&json::Cleanup::found_only(&old, &chosen, now));
        }
        return Ok(None);
    }
    let yes = m.get_flag("yes");
    let from_stdin = m.get_flag("password_stdin");
    if from_stdin && !yes {
        return Err(Error::Usage(t(lang, "store.needs_yes").into()));
    }
    // Without a terminal nothing can answer "continue?": refused before
    // a password is asked for.
    if !yes && !std::io::stdin().is_terminal() {
        return Err(Error::Usage(t(lang, "store.needs_yes").into()));
    }
    // Refused or unproven: nothing is removed (exit 3). Proven before
    // the question, so the answer is given knowing what protects the
    // copies.
    let password = cleanup_password(g, from_stdin, progress)?;
    if !g.json {
        println!(
            "{}",
            crate::present::cleanup::protected_with(lang, &password.proof)
        );
    }
    if !confirm(g, t(lang, "store.confirm_cleanup"), yes)? {
        println!("{}", t(lang, "store.cancelled"));
        return Ok(None);
    }
    // The exports hold keys: in portable mode they stay on this PC, under
    // its own data folder, never on the stick (cert::home).
    let profile_dir = ops::cleanup::quarantine_profile_dir_for(g.home.as_deref(), &g.profile)?;
    let json = g.json;
    let rep =
        ops::cleanup::cleanup_and_record(store, &chosen, &profile_dir, &password, now, |d, n| {
            if !json {
                eprintln!(
                    "{}",
                    tf(
                        lang,
                        "store.cleanup_progress",
                        &[("done", &d), ("total", &n)]
                    )
                );
            }
        });
    let proof = password.proof.clone();
    drop(password);
    rep.record(progress);
    if g.json {
        json::print(&json::Cleanup::done(&old, &chosen, &rep, &proof, now));
    } else {
        print_cleaned(g, &rep);
    }
    Ok(rep.failed.map(|(_, e)| e))
}

/// The old certificates found: the expired ones (removed), then the still
/// valid ones apart (kept unless `--include-valid`), and each key's plan.
fn print_old(g: &Globals, old: &[OldCert], chosen: &[OldCert], now: OffsetDateTime) {
    let lang = g.lang;
    if old.is_empty() {
        println!("{}", t(lang, "store.no_old"));
        return;
    }
    println!(
        "{}",
        tf(lang, "store.old_heading", &[("count", &old.len())])
    );
    for reason in [OldReason::Expired, OldReason::Superseded] {
        let certs: Vec<_> = old
            .iter()
            .filter(|o| o.reason == reason)
            .map(|o| o.cert.clone())
            .collect();
        if !certs.is_empty() {
            println!("{}:", t(lang, &format!("install.reason_{}", reason.id())));
            print_table(g, &certs, now);
        }
    }
    // Per certificate, what becomes of it and its key.
    for o in old {
        let picked = chosen
            .iter()
            .any(|c| c.cert.info.sha1_thumbprint == o.cert.info.sha1_thumbprint);
        let plan = match (picked, o.key_plan()) {
            (false, _) => "store.plan_valid_kept",
            (true, KeyPlan::Export) => "install.plan_export",
            (true, KeyPlan::NoKey) => "install.plan_nokey",
            (true, KeyPlan::Keep) => "install.plan_keep",
        };
        println!("  {}  {}", o.cert.info.sha1_thumbprint, t(lang, plan));
    }
}

fn print_cleaned(g: &Globals, rep: &ops::cleanup::CleanedUp) {
    let lang = g.lang;
    if !rep.removed.is_empty() {
        println!(
            "{}",
            tf(
                lang,
                "install.removed",
                &[("dir", &rep.quarantine.display())]
            )
        );
    }
    if !rep.kept.is_empty() {
        println!("{}", t(lang, "install.kept"));
        for k in &rep.kept {
            println!(
                "  {}  {}",
                printable(&k.sha1_thumbprint),
                printable(&k.subject)
            );
        }
    }
    if let Some(x) = &rep.failed_export {
        println!(
            "{}",
            tf(
                lang,
                "store.exported_not_removed",
                &[("dir", &x.export.certificate.display())]
            )
        );
    }
}
