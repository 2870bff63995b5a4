//! Chapter 3 from the command line: `store cleanup`, `status`, `report`.

use super::pfx::read_password;
use super::store::{confirm, kind_note, print_table};
use super::{Globals, json};
use crate::cert::cleanup::{KeyPlan, OldCert, OldReason, ProvenPassword};
use crate::cert::progress::{Progress, ProgressStore, resolve_home};
use crate::cert::sanitize::printable;
use crate::cert::store::platform_store;
use crate::cert::{Error, ExitStatus};
use crate::i18n::{t, tf};
use crate::ops;
use clap::ArgMatches;
use std::io::IsTerminal;
use std::path::PathBuf;
use time::OffsetDateTime;

/// The clock: now, or `OQSCERT_NOW` (RFC 3339) to see what `status` and
/// `report` will say on another day (support and tests).
pub(super) fn now(g: &Globals) -> Result<OffsetDateTime, Error> {
    match std::env::var("OQSCERT_NOW") {
        Ok(v) if !v.trim().is_empty() => {
            OffsetDateTime::parse(v.trim(), &time::format_description::well_known::Rfc3339)
                .map_err(|_| Error::Usage(tf(g.lang, "cli.bad_now", &[("value", &v)])))
        }
        _ => Ok(OffsetDateTime::now_utc()),
    }
}

fn load(g: &Globals) -> Result<(ProgressStore, Option<Progress>), Error> {
    let store = ProgressStore::new(resolve_home(g.home.as_deref())?);
    let p = store.load(&g.profile)?;
    Ok((store, p))
}

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

/// The password the exports are protected with, proven: it opens the
/// certificate file the clinic keeps (the kept copy or a backup), or, when
/// there is none, it was typed twice. From stdin (a second line when asked
/// twice), else the credential store (only with a file to prove it), else
/// a prompt.
pub(super) fn cleanup_password(
    g: &Globals,
    from_stdin: bool,
    p: &Progress,
) -> Result<ProvenPassword, Error> {
    let first = if from_stdin {
        read_password(g, true)?
    } else {
        match super::chapter2::secrets_of(g).and_then(|s| s.load()) {
            Ok(Some(s)) if !ops::cleanup::password_files(p).is_empty() => s.password,
            _ => read_password(g, false)?,
        }
    };
    match ops::cleanup::prove_password(p, &first) {
        Err(Error::NoFileToProve) => {
            if !g.json {
                eprintln!("{}", t(g.lang, "store.pw_twice"));
            }
            let second = read_password(g, from_stdin)?;
            ProvenPassword::typed_twice(&first, &second)
        }
        other => other,
    }
}

/// `oqscert status [--json] [--notify]`: exit 0 when healthy, 1 when
/// something needs attention. `--notify` (the expiry monitor) also tells
/// the person at the PC what is due today (`ops::notify`).
pub fn status(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let notify = m.get_flag("notify");
    let (pstore, loaded) = load(g)?;
    let home = std::path::absolute(pstore.home()).unwrap_or_else(|_| pstore.home().to_path_buf());
    let store = platform_store(pstore.home());
    let now = now(g)?;
    // The monitor with the records' stick out: this PC's copy of the
    // record, the store, and no backup check (it cannot look).
    let pc_copy = (notify && !home.is_dir())
        .then(|| ops::monitor::pc_record::load(&home, &g.profile))
        .flatten();
    let (progress, h, state_dir) = match pc_copy {
        Some(p) => {
            let h = ops::health::assess_health_without_backups(store.as_ref(), &p, now);
            (p, h, ops::monitor::pc_record::dir(&home, &g.profile)?)
        }
        None => {
            let p = loaded.unwrap_or_else(|| Progress::new(&g.profile));
            if notify && pstore.path_for(&g.profile)?.is_file() {
                // Best effort: a copy that cannot be written is only stale.
                let _ = ops::monitor::pc_record::refresh(&home, &p, false);
            }
            let h = ops::health::assess_health(store.as_ref(), &p, now);
            (p, h, pstore.profile_dir(&g.profile)?)
        }
    };
    let notified = if notify {
        let dir = state_dir;
        let notifier = ops::notify::from_env();
        Some(ops::notify::notify_due(
            notifier.as_ref(),
            g.lang,
            &h,
            &dir,
            now,
        )?)
    } else {
        None
    };
    if g.json {
        json::print(&json::Status {
            health: &h,
            site: json::Site::new(&progress),
            store_kind: store.kind(),
            notified,
        });
    } else {
        print_health(g, &h);
    }
    Ok(if h.needs_attention {
        ExitStatus::Invalid
    } else {
        ExitStatus::Ok
    })
}

fn print_health(g: &Globals, h: &crate::cert::health::Health) {
    let lang = g.lang;
    println!("{} ({})", t(lang, "health.title"), h.profile);
    let mut rows = crate::present::health::rows(lang, h, true);
    rows.push(crate::present::health::verdict(lang, h));
    crate::present::print(&rows);
}

/// `oqscert report [--out FILE]`: the completion report as HTML and text.
pub fn report(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let lang = g.lang;
    let (pstore, loaded) = load(g)?;
    let Some(progress) = loaded else {
        return Err(Error::Usage(tf(
            lang,
            "cli.no_progress",
            &[("profile", &g.profile)],
        )));
    };
    let dir = pstore.profile_dir(&g.profile)?;
    let out = m.get_one::<PathBuf>("out");
    // A mistyped folder is an error, not a reason to create folders.
    if let Some(parent) = out
        .and_then(|o| o.parent())
        .filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        return Err(Error::Usage(tf(
            lang,
            "cli.no_such_folder",
            &[("path", &parent.display())],
        )));
    }
    let now = now(g)?;
    let target = match out {
        Some(file) => ops::report::Target::Named {
            file,
            force: m.get_flag("force"),
        },
        None => ops::report::Target::Dir(&dir),
    };
    let paths = ops::report::write_report(&progress, lang, now, target)?;
    let complete = progress.chapters.install == crate::cert::progress::ChapterState::Done;
    if g.json {
        if let [html, text, ..] = paths.as_slice() {
            // The record's own view (the store and the sticks are not
            // looked at), so a vendor's fleet view can read this too.
            let health = crate::cert::health::assess(&progress, None, &[], now);
            json::print(&json::Report {
                html,
                text,
                complete,
                site: json::Site::new(&progress),
                health: &health,
            });
        }
    } else {
        for p in &paths {
            println!(
                "{}",
                tf(lang, "install.report_written", &[("path", &p.display())])
            );
        }
    }
    if !complete {
        eprintln!("{}", t(lang, "report.incomplete"));
    }
    Ok(ExitStatus::Ok)
}
