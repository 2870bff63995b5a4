//! `oqscert monitor install|status|remove`: the expiry monitor that runs
//! `status --notify` at logon and daily at 9:00 (`ops::monitor`).

use super::Globals;
use crate::cert::{Error, ExitStatus};
use crate::i18n::{t, tf};
use crate::ops::monitor::{self, Fault, Installed, Invocation, State};
use clap::ArgMatches;

/// A scheduler's refusal, in our words with its own as detail.
fn fault(g: &Globals, f: Fault) -> Result<ExitStatus, Error> {
    match f {
        Fault::Write(e) => Err(e),
        Fault::Scheduler(detail) => {
            eprintln!(
                "{}: {}",
                t(g.lang, "error.prefix"),
                tf(g.lang, "monitor.failed", &[("detail", &detail)])
            );
            Ok(ExitStatus::Environment)
        }
    }
}

/// `monitor install`: this program, with the same data folder and profile.
pub fn install(g: &Globals, _m: &ArgMatches) -> Result<ExitStatus, Error> {
    let lang = g.lang;
    crate::cert::progress::validate_profile_name(&g.profile)?;
    let exe = std::env::current_exe().map_err(|source| Error::Read {
        path: "oqscert".into(),
        source,
    })?;
    // OQSCERT_HOME is not in the scheduler's environment: pass it along.
    let home = g.home.clone().or_else(|| {
        std::env::var_os(crate::cert::progress::HOME_ENV)
            .filter(|h| !h.is_empty())
            .map(Into::into)
    });
    let inv = Invocation {
        exe,
        home,
        profile: g.profile.clone(),
        lang,
    };
    let description = tf(lang, "monitor.description", &[("profile", &g.profile)]);
    match monitor::install(&inv, &description) {
        Err(f) => fault(g, f),
        Ok(Installed::Task { name }) => {
            println!("{}", tf(lang, "monitor.installed_task", &[("name", &name)]));
            Ok(ExitStatus::Ok)
        }
        Ok(Installed::Units {
            service,
            timer,
            enable_command,
            enabled,
            crontab,
        }) => {
            println!(
                "{}",
                tf(
                    lang,
                    "monitor.installed_units",
                    &[("service", &service.display()), ("timer", &timer.display())]
                )
            );
            match enabled {
                Some(Ok(())) => println!("{}", t(lang, "monitor.enabled")),
                Some(Err(detail)) => {
                    println!(
                        "{}",
                        tf(lang, "monitor.enable_failed", &[("detail", &detail)])
                    );
                    println!("  {enable_command}");
                }
                None => {
                    println!("{}", t(lang, "monitor.enable_hint"));
                    println!("  {enable_command}");
                }
            }
            println!("{}", t(lang, "monitor.crontab_hint"));
            println!("  {crontab}");
            Ok(ExitStatus::Ok)
        }
    }
}

/// `monitor status`: exit 0 when registered, 1 when not.
pub fn status(g: &Globals, _m: &ArgMatches) -> Result<ExitStatus, Error> {
    let lang = g.lang;
    crate::cert::progress::validate_profile_name(&g.profile)?;
    match monitor::state(&g.profile) {
        State::Registered { name, next_run } => {
            println!("{}", tf(lang, "monitor.registered", &[("name", &name)]));
            if let Some(when) = next_run {
                println!("{}", tf(lang, "monitor.next_run", &[("when", &when)]));
            }
            Ok(ExitStatus::Ok)
        }
        State::Absent => {
            println!("{}", t(lang, "monitor.not_registered"));
            Ok(ExitStatus::Invalid)
        }
    }
}

/// `monitor remove`: nothing registered is not an error.
pub fn remove(g: &Globals, _m: &ArgMatches) -> Result<ExitStatus, Error> {
    let lang = g.lang;
    crate::cert::progress::validate_profile_name(&g.profile)?;
    match monitor::remove(&g.profile) {
        Err(f) => fault(g, f),
        Ok(Some(name)) => {
            println!("{}", tf(lang, "monitor.removed", &[("name", &name)]));
            if !cfg!(windows) {
                println!("{}", t(lang, "monitor.crontab_remove"));
            }
            Ok(ExitStatus::Ok)
        }
        Ok(None) => {
            println!("{}", t(lang, "monitor.nothing_to_remove"));
            Ok(ExitStatus::Ok)
        }
    }
}
