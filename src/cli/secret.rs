//! `secret set|status|delete` and `backup` from the command line: the
//! notice's IDs and the password in the credential store, and the copy of
//! the certificate file on a stick.

use super::pfx::read_password;
use super::{Globals, json};
use crate::cert::progress::{ProgressStore, resolve_home};
use crate::cert::secret::{IdProblem, NoticeIds, SecretStore, Secrets};
use crate::cert::{Error, ExitStatus, Password};
use crate::i18n::{t, tf};
use clap::ArgMatches;
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use time::OffsetDateTime;
use zeroize::Zeroizing;

fn progress_store(g: &Globals) -> Result<ProgressStore, Error> {
    Ok(ProgressStore::new(resolve_home(g.home.as_deref())?))
}

pub fn backup(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let Some(src) = m.get_one::<PathBuf>("file") else {
        return Err(Error::Usage(t(g.lang, "cli.usage_error").into()));
    };
    let store = progress_store(g)?;
    let Some(dir) = m.get_one::<PathBuf>("to").cloned() else {
        // No target: list the removable drives to choose from.
        let drives = crate::cert::backup::backup_targets();
        if g.json {
            json::print(&json::Drives { drives: &drives });
        } else if drives.is_empty() {
            println!("{}", t(g.lang, "backup.no_drives"));
        } else {
            for d in &drives {
                println!("{}", crate::present::drives::line(g.lang, d));
            }
        }
        return Ok(ExitStatus::Usage);
    };
    let password = read_password(g, m.get_flag("password_stdin"))?;
    let now = OffsetDateTime::now_utc();
    let backed = crate::ops::record::update(&store, &g.profile, |progress| {
        let name = crate::ops::backup::file_name(progress, now);
        let backed = crate::ops::backup::backup_and_record(src, &dir, &name, &password, now)?;
        backed.record(progress);
        Ok::<_, Error>(backed)
    })?;
    drop(password);
    let report = &backed.report;
    if g.json {
        json::print(report);
    } else {
        let key = if report.already_present {
            "backup.already_present"
        } else {
            "backup.done"
        };
        println!(
            "{}",
            tf(
                g.lang,
                key,
                &[("path", &report.path.display()), ("sha256", &report.sha256)]
            )
        );
        println!("{}", t(g.lang, "backup.second_copy"));
    }
    Ok(ExitStatus::Ok)
}

fn id_error(g: &Globals, which: &str, p: IdProblem) -> Error {
    let what = t(g.lang, which);
    Error::Usage(match p {
        IdProblem::Empty => tf(g.lang, "secret.id_empty", &[("what", &what)]),
        IdProblem::TooLong => tf(g.lang, "secret.id_too_long", &[("what", &what)]),
        IdProblem::BadChar { pos } => tf(
            g.lang,
            "secret.id_bad_char",
            &[("what", &what), ("pos", &pos)],
        ),
    })
}

/// `secret set`: three lines on stdin (リクエストID, リファレンスID, password),
/// or prompts without echo on a terminal.
pub fn secret_set(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let read_line = |prompt: &str| -> Result<Zeroizing<String>, Error> {
        if m.get_flag("stdin") {
            let mut s = Zeroizing::new(String::new());
            std::io::stdin()
                .lock()
                .read_line(&mut s)
                .map_err(|e| Error::Usage(e.to_string()))?;
            Ok(s)
        } else if std::io::stdin().is_terminal() {
            super::hidden::prompt(prompt).map_err(|e| Error::Usage(e.to_string()))
        } else {
            Err(Error::Usage(t(g.lang, "secret.needs_stdin").into()))
        }
    };
    let req = read_line(t(g.lang, "secret.prompt_request"))?;
    let refid = read_line(t(g.lang, "secret.prompt_reference"))?;
    let pw = read_line(t(g.lang, "secret.prompt_password"))?;
    let ids = NoticeIds::new(&req, &refid).map_err(|p| {
        let which = if crate::cert::secret::normalize_id(&req).is_err() {
            "secret.request_id"
        } else {
            "secret.reference_id"
        };
        id_error(g, which, p)
    })?;
    let password = Password::new(&pw);
    if !password.is_four_digits() {
        return Err(Error::Usage(t(g.lang, "secret.password_rule").into()));
    }
    let backend = secrets_of(g)?.save(&Secrets { ids, password })?;
    let kernel = backend == crate::cert::secret::Backend::KernelKeyring;
    if g.json {
        json::print(&json::SecretSaved {
            saved: true,
            profile: &g.profile,
            store: if kernel { "kernel_keyring" } else { "os" },
        });
    } else {
        println!("{}", t(g.lang, "secret.saved"));
        if kernel {
            println!("{}", t(g.lang, "download.kernel_keyring"));
        }
    }
    Ok(ExitStatus::Ok)
}

/// `secret status`: whether secrets are kept, never what they are.
pub fn secret_status(g: &Globals, _m: &ArgMatches) -> Result<ExitStatus, Error> {
    let stored = secrets_of(g)?.load()?.is_some();
    if g.json {
        json::print(&json::SecretStatus {
            stored,
            profile: &g.profile,
        });
    } else {
        println!(
            "{}",
            t(
                g.lang,
                if stored {
                    "secret.stored"
                } else {
                    "secret.not_stored"
                }
            )
        );
    }
    Ok(if stored {
        ExitStatus::Ok
    } else {
        ExitStatus::Invalid
    })
}

pub fn secret_delete(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    if !m.get_flag("yes") {
        return Err(Error::Usage(t(g.lang, "store.needs_yes").into()));
    }
    let removed = secrets_of(g)?.delete()?;
    if g.json {
        json::print(&json::SecretDeleted { deleted: removed });
    } else {
        println!(
            "{}",
            t(
                g.lang,
                if removed {
                    "secret.deleted"
                } else {
                    "secret.not_stored"
                }
            )
        );
    }
    Ok(ExitStatus::Ok)
}

/// The credential entry of this profile in this data folder.
pub(super) fn secrets_of(g: &Globals) -> Result<SecretStore, Error> {
    let home = crate::cert::progress::resolve_home(g.home.as_deref())?;
    SecretStore::new(&home, &g.profile)
}
