//! `oqscert profile export FILE` / `oqscert profile import FILE`: the
//! non-secret profile as a file, for moving the work between PCs without
//! a USB stick.

use super::{Globals, json};
use crate::cert::profile_file::{self, Issue};
use crate::cert::progress::{Progress, ProgressStore, resolve_home};
use crate::cert::sanitize::printable_path;
use crate::cert::{Error, ExitStatus};
use crate::i18n::{Lang, t, tf};
use crate::ops;
use crate::present::profile::{line, message};
use clap::ArgMatches;
use std::path::PathBuf;

fn file(g: &Globals, m: &ArgMatches) -> Result<PathBuf, Error> {
    m.get_one::<PathBuf>("file")
        .cloned()
        .ok_or_else(|| Error::Usage(t(g.lang, "cli.usage_error").into()))
}

/// `profile export FILE`: write the profile (never a secret) atomically.
pub fn export(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let path = file(g, m)?;
    let store = ProgressStore::new(resolve_home(g.home.as_deref())?);
    let Some(progress) = store.load(&g.profile)? else {
        return Err(Error::Usage(tf(
            g.lang,
            "cli.no_progress",
            &[("profile", &g.profile)],
        )));
    };
    profile_file::export(&progress, &path)?;
    if g.json {
        json::print(&json::ProfileExport {
            file: path.display().to_string(),
            profile: &g.profile,
        });
    } else {
        println!(
            "{}",
            tf(
                g.lang,
                "profile.exported",
                &[("path", &path.display()), ("profile", &g.profile)]
            )
        );
    }
    Ok(ExitStatus::Ok)
}

/// `profile import FILE`: check every value, then merge into the profile's
/// progress (creating it) and save; a file with problems changes nothing
/// and every problem is listed with its line (exit code 2).
pub fn import(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let lang = g.lang;
    let path = file(g, m)?;
    let store = ProgressStore::new(resolve_home(g.home.as_deref())?);
    let mut progress = store
        .load(&g.profile)?
        .unwrap_or_else(|| Progress::new(&g.profile));
    let outcome = profile_file::import(&path, &mut progress)?;
    let (errors, notes) = match &outcome {
        Ok(notes) => (&[][..], notes.as_slice()),
        Err(errors) => (errors.as_slice(), &[][..]),
    };
    if outcome.is_ok() {
        store.save(&mut progress)?;
    }
    if g.json {
        json::print(&json::ProfileImport {
            ok: outcome.is_ok(),
            profile: &g.profile,
            errors: errors.iter().map(|i| issue_out(lang, i)).collect(),
            notes: notes.iter().map(|i| issue_out(lang, i)).collect(),
        });
    } else if outcome.is_ok() {
        println!(
            "{}",
            tf(lang, "profile.imported", &[("profile", &g.profile)])
        );
        for n in notes {
            println!("{}", line(lang, n));
        }
    } else {
        eprintln!(
            "{}: {}",
            t(lang, "error.prefix"),
            tf(
                lang,
                "profile.import_failed",
                &[("path", &path.display()), ("count", &errors.len())]
            )
        );
        for e in errors {
            eprintln!("{}", line(lang, e));
        }
    }
    Ok(if outcome.is_ok() {
        ExitStatus::Ok
    } else {
        ExitStatus::Usage
    })
}

fn issue_out(lang: Lang, i: &Issue) -> json::ProfileIssue {
    json::ProfileIssue {
        line: i.line,
        key: i.key.clone(),
        problem: i.problem.clone(),
        message: message(lang, i),
    }
}

fn store(g: &Globals) -> Result<ProgressStore, Error> {
    Ok(ProgressStore::new(resolve_home(g.home.as_deref())?))
}

fn arg<'a>(g: &Globals, m: &'a ArgMatches, id: &str) -> Result<&'a str, Error> {
    m.get_one::<String>(id)
        .map(String::as_str)
        .ok_or_else(|| Error::Usage(t(g.lang, "cli.usage_error").into()))
}

/// `profile list`: name, institution, code and end date, one per line.
pub fn list(g: &Globals, _m: &ArgMatches) -> Result<ExitStatus, Error> {
    let all = ops::profiles::list(&store(g)?);
    if g.json {
        json::print(&json::ProfileList {
            profiles: all
                .iter()
                .map(|s| json::ProfileEntry {
                    name: s.name.clone(),
                    institution: s.institution.clone(),
                    institution_code: s.code.clone(),
                    not_after: s.not_after.map(json::rfc3339),
                    unreadable: s.unreadable,
                })
                .collect(),
        });
    } else if all.is_empty() {
        println!("{}", t(g.lang, "profile.none"));
    } else {
        for s in &all {
            println!("{}", crate::present::profile::summary(g.lang, s));
        }
    }
    Ok(ExitStatus::Ok)
}

/// `profile new NAME`.
pub fn create(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let name = arg(g, m, "name")?;
    ops::profiles::create(&store(g)?, name)?;
    println!("{}", tf(g.lang, "profile.created", &[("name", &name)]));
    Ok(ExitStatus::Ok)
}

/// `profile rename FROM TO`.
pub fn rename(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let (from, to) = (arg(g, m, "from")?, arg(g, m, "to")?);
    let r = ops::profiles::rename(&store(g)?, from, to)?;
    println!(
        "{}",
        tf(g.lang, "profile.renamed", &[("from", &from), ("to", &to)])
    );
    if r.secrets_moved {
        println!("{}", t(g.lang, "profile.secrets_moved"));
    }
    Ok(ExitStatus::Ok)
}

/// `profile delete NAME [--forget-secrets]`.
pub fn delete(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let name = arg(g, m, "name")?;
    let now = time::OffsetDateTime::now_utc();
    let moved = ops::profiles::delete(&store(g)?, name, now)?;
    println!(
        "{}",
        tf(
            g.lang,
            "profile.deleted",
            &[("name", &name), ("path", &printable_path(&moved))]
        )
    );
    if m.get_flag("forget-secrets") {
        let key = if ops::profiles::forget_secrets(&store(g)?, name)? {
            "profile.secrets_forgotten"
        } else {
            "profile.secrets_none"
        };
        println!("{}", tf(g.lang, key, &[("name", &name)]));
    }
    Ok(ExitStatus::Ok)
}
