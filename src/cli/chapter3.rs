//! Chapter 3 from the command line: `store cleanup`, `status`, `report`.

use super::pfx::read_password;
use super::store::{confirm, kind_note, print_table};
use super::{Globals, json};
use crate::cert::cleanup::{KeyPlan, OldReason};
use crate::cert::progress::{Progress, ProgressStore, resolve_home};
use crate::cert::sanitize::printable;
use crate::cert::store::platform_store;
use crate::cert::{Error, ExitStatus};
use crate::i18n::{t, tf};
use crate::ops;
use clap::ArgMatches;
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

/// `oqscert store cleanup [--yes] [--password-stdin]`: find expired and
/// superseded certificates in MY, export each to the quarantine folder,
/// then remove it.
pub fn cleanup(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let lang = g.lang;
    let (pstore, loaded) = load(g)?;
    let mut progress = loaded.unwrap_or_else(|| Progress::new(&g.profile));
    let home = pstore.home().to_path_buf();
    let store = platform_store(&home);
    kind_note(g, store.as_ref());
    // Deleting ignores OQSCERT_NOW: that what-if clock is for `status`
    // and `report` only; what is expired is decided by the real clock.
    let now = OffsetDateTime::now_utc();
    let old = ops::cleanup::find_old(store.as_ref(), &progress, now)?;
    if old.is_empty() {
        if g.json {
            json::print(&json::Cleanup {
                found: Vec::new(),
                removed: &[],
                kept: &[],
                quarantine: None,
                failed: None,
            });
        } else {
            println!("{}", t(lang, "store.no_old"));
        }
        return Ok(ExitStatus::Ok);
    }
    if !g.json {
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
        // Per certificate, what becomes of its key.
        for o in &old {
            let plan = match o.key_plan() {
                KeyPlan::Export => "install.plan_export",
                KeyPlan::NoKey => "install.plan_nokey",
                KeyPlan::Keep => "install.plan_keep",
            };
            println!("  {}  {}", o.cert.info.sha1_thumbprint, t(lang, plan));
        }
    }
    let yes = m.get_flag("yes");
    let from_stdin = m.get_flag("password_stdin");
    if from_stdin && !yes {
        return Err(Error::Usage(t(lang, "store.needs_yes").into()));
    }
    if !confirm(g, t(lang, "store.confirm_cleanup"), yes)? {
        println!("{}", t(lang, "store.cancelled"));
        return Ok(ExitStatus::Ok);
    }
    // The exports are protected by the certificate password: from stdin,
    // else the credential store, else a prompt.
    let password = if from_stdin {
        read_password(g, true)?
    } else {
        match super::chapter2::secrets_of(g).and_then(|s| s.load()) {
            Ok(Some(s)) => s.password,
            _ => read_password(g, false)?,
        }
    };
    // The exports hold keys: in portable mode they stay on this PC, under
    // its own data folder, never on the stick (cert::home).
    let located = crate::cert::home::resolve(g.home.as_deref())?;
    let profile_dir = ProgressStore::new(crate::cert::home::quarantine_root(&located)?)
        .profile_dir(&g.profile)?;
    let json = g.json;
    let rep = ops::cleanup::cleanup_and_record(
        store.as_ref(),
        &old,
        &profile_dir,
        &password,
        now,
        |d, n| {
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
        },
    );
    drop(password);
    rep.record(&mut progress);
    if !rep.removed.is_empty() {
        pstore.save(&mut progress)?;
    }
    if g.json {
        let found: Vec<_> = old
            .iter()
            .map(|o| json::Stored {
                reason: Some(o.reason),
                key_plan: Some(o.key_plan()),
                ..json::Stored::new(&o.cert, now)
            })
            .collect();
        json::print(&json::Cleanup {
            found,
            removed: &rep.removed,
            kept: &rep.kept,
            quarantine: Some(&rep.quarantine),
            failed: Some(rep.failed.as_ref().map(|(t, _)| t.as_str())),
        });
    } else {
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
    }
    match rep.failed {
        Some((_, e)) => Err(e.into_error()),
        None => Ok(ExitStatus::Ok),
    }
}

/// `oqscert status [--json] [--notify]`: exit 0 when healthy, 1 when
/// something needs attention. `--notify` (the expiry monitor) also tells
/// the person at the PC what is due today (`ops::notify`).
pub fn status(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let (pstore, loaded) = load(g)?;
    let progress = loaded.unwrap_or_else(|| Progress::new(&g.profile));
    let store = platform_store(pstore.home());
    let now = now(g)?;
    let h = ops::health::assess_health(store.as_ref(), &progress, now);
    let notified = if m.get_flag("notify") {
        let dir = pstore.profile_dir(&g.profile)?;
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
    let mut rows = crate::present::health::rows(lang, h);
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
    let paths = ops::report::write_report(&progress, lang, now, &dir, out.map(|p| p.as_path()))?;
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
