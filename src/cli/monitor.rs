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

/// The data folder as the task will name it: absolute (a task runs in
/// another folder), with its id.
fn home_of(g: &Globals) -> Result<std::path::PathBuf, Error> {
    let home = crate::cert::home::resolve(g.home.as_deref())?.path;
    Ok(std::path::absolute(&home).unwrap_or(home))
}

/// `monitor install`: this program, copied to the user's own program
/// folder, with the same data folder (absolute) and profile; this PC's
/// copy of the profile's record for when the stick is out.
pub fn install(g: &Globals, _m: &ArgMatches) -> Result<ExitStatus, Error> {
    let lang = g.lang;
    crate::cert::progress::validate_profile_name(&g.profile)?;
    let exe = std::env::current_exe().map_err(|source| Error::Read {
        path: "oqscert".into(),
        source,
    })?;
    let program =
        monitor::install_program(&exe, &monitor::program_dir()?, env!("CARGO_PKG_VERSION"))?;
    let home = home_of(g)?;
    let home_id = crate::cert::home::home_id(&home)?;
    let store = crate::cert::progress::ProgressStore::new(&home);
    if let Some(p) = store.load(&g.profile)? {
        monitor::pc_record::refresh(&home, &p, true)?;
    }
    let inv = Invocation {
        exe: program,
        home: Some(home),
        profile: g.profile.clone(),
        lang,
    };
    let description = tf(lang, "monitor.description", &[("profile", &g.profile)]);
    match monitor::install(&inv, &home_id, &description) {
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
    let id = crate::cert::home::existing_home_id(&home_of(g)?).unwrap_or_default();
    match monitor::state(&g.profile, &id) {
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
    let id = crate::cert::home::existing_home_id(&home_of(g)?).unwrap_or_default();
    match monitor::remove(&g.profile, &id) {
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
