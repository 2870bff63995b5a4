//! `status` and `report`: the certificate's health and the completion
//! report, from the command line.

use super::{Globals, json};
use crate::cert::progress::{Progress, ProgressStore, resolve_home};
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
