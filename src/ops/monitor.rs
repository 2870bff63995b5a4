//! The expiry monitor: `status --notify` run at logon and daily at 9:00.
//! On Windows a per-user Task Scheduler task (registered with
//! `schtasks.exe` from an XML file); elsewhere a systemd user timer, with
//! the equivalent crontab line for systems without systemd.

pub mod units;

use crate::cert::Error;
use crate::i18n::Lang;
use std::path::PathBuf;
use std::process::{Command, Output};

/// What the monitor runs: this program, with the same data folder,
/// profile and language as given now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub exe: PathBuf,
    pub home: Option<PathBuf>,
    pub profile: String,
    pub lang: Lang,
}

impl Invocation {
    /// The arguments after the program.
    pub fn args(&self) -> Vec<String> {
        let mut a = vec!["--lang".to_string(), self.lang.code().to_string()];
        if let Some(h) = &self.home {
            a.push("--home".into());
            a.push(h.display().to_string());
        }
        a.extend(["--profile", self.profile.as_str(), "status", "--notify"].map(String::from));
        a
    }
}

/// What went wrong: a file we write, or the scheduler (its own words).
#[derive(Debug)]
pub enum Fault {
    Write(Error),
    Scheduler(String),
}

/// What `install` did.
#[derive(Debug)]
pub enum Installed {
    /// Registered with Task Scheduler under this name.
    Task { name: String },
    /// systemd user units written. `enabled`: what `systemctl --user
    /// enable --now` said, or None when there is no systemctl.
    Units {
        service: PathBuf,
        timer: PathBuf,
        enable_command: String,
        enabled: Option<Result<(), String>>,
        crontab: String,
    },
}

/// Whether the monitor is registered, and when it runs next if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Registered {
        name: String,
        next_run: Option<String>,
    },
    Absent,
}

/// The task's name in Task Scheduler.
pub fn task_name(profile: &str) -> String {
    format!("oqscert {profile}")
}

/// The program's stdout when it ran and succeeded; its words otherwise.
fn ran(out: std::io::Result<Output>) -> Result<String, String> {
    match out {
        Ok(o) if o.status.success() => Ok(String::from_utf8_lossy(&o.stdout).into_owned()),
        Ok(o) => {
            let err = String::from_utf8_lossy(&o.stderr).trim().to_string();
            Err(if err.is_empty() {
                String::from_utf8_lossy(&o.stdout).trim().to_string()
            } else {
                err
            })
        }
        Err(e) => Err(e.to_string()),
    }
}

/// `DOMAIN\user` as Task Scheduler names the signed-in user.
#[cfg(windows)]
fn windows_user() -> String {
    let name = crate::cert::platform::windows::current_user_name().unwrap_or_default();
    match std::env::var("USERDOMAIN") {
        Ok(d) if !d.is_empty() => format!("{d}\\{name}"),
        _ => name,
    }
}

#[cfg(windows)]
pub fn install(inv: &Invocation, description: &str) -> Result<Installed, Fault> {
    let name = task_name(&inv.profile);
    let xml = units::task_xml(inv, &windows_user(), description);
    let file = std::env::temp_dir().join(format!("oqscert-task-{}.xml", std::process::id()));
    crate::cert::fsutil::write_atomic(&file, &units::utf16_with_bom(&xml)).map_err(Fault::Write)?;
    let out = Command::new("schtasks.exe")
        .args(["/Create", "/TN", &name, "/XML"])
        .arg(&file)
        .arg("/F")
        .output();
    let _ = std::fs::remove_file(&file);
    ran(out).map_err(Fault::Scheduler)?;
    Ok(Installed::Task { name })
}

#[cfg(windows)]
pub fn state(profile: &str) -> State {
    let name = task_name(profile);
    let out = Command::new("schtasks.exe")
        .args(["/Query", "/TN", &name, "/FO", "CSV", "/NH"])
        .output();
    match ran(out) {
        Ok(text) => State::Registered {
            next_run: units::next_run_from_csv(&text),
            name,
        },
        Err(_) => State::Absent,
    }
}

#[cfg(windows)]
pub fn remove(profile: &str) -> Result<Option<String>, Fault> {
    if state(profile) == State::Absent {
        return Ok(None);
    }
    let name = task_name(profile);
    let out = Command::new("schtasks.exe")
        .args(["/Delete", "/TN", &name, "/F"])
        .output();
    ran(out).map_err(Fault::Scheduler)?;
    Ok(Some(name))
}

/// `systemctl` on PATH, if there is one.
#[cfg(not(windows))]
fn systemctl() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("systemctl"))
        .find(|p| p.is_file())
}

/// `~/.config/systemd/user` (or under `XDG_CONFIG_HOME`).
#[cfg(not(windows))]
pub fn unit_dir() -> Result<PathBuf, Fault> {
    directories::BaseDirs::new()
        .map(|b| b.config_dir().join("systemd").join("user"))
        .ok_or(Fault::Write(Error::NoDataDir))
}

#[cfg(not(windows))]
fn unit_paths(dir: &std::path::Path, profile: &str) -> (PathBuf, PathBuf) {
    let base = units::unit_name(profile);
    (
        dir.join(format!("{base}.service")),
        dir.join(format!("{base}.timer")),
    )
}

#[cfg(not(windows))]
pub fn install(inv: &Invocation, description: &str) -> Result<Installed, Fault> {
    let dir = unit_dir()?;
    let (service, timer) = unit_paths(&dir, &inv.profile);
    let write = |p: &std::path::Path, text: String| {
        crate::cert::fsutil::write_atomic(p, text.as_bytes()).map_err(Fault::Write)
    };
    write(&service, units::systemd_service(inv, description))?;
    write(&timer, units::systemd_timer(&inv.profile, description))?;
    let timer_unit = format!("{}.timer", units::unit_name(&inv.profile));
    let enabled = systemctl().map(|s| {
        ran(Command::new(&s).args(["--user", "daemon-reload"]).output())?;
        ran(Command::new(&s)
            .args(["--user", "enable", "--now", &timer_unit])
            .output())
        .map(|_| ())
    });
    Ok(Installed::Units {
        service,
        timer,
        enable_command: format!(
            "systemctl --user daemon-reload && systemctl --user enable --now {timer_unit}"
        ),
        enabled,
        crontab: units::crontab_line(inv),
    })
}

#[cfg(not(windows))]
pub fn state(profile: &str) -> State {
    let Ok(dir) = unit_dir() else {
        return State::Absent;
    };
    let (_, timer) = unit_paths(&dir, profile);
    if !timer.is_file() {
        return State::Absent;
    }
    let name = format!("{}.timer", units::unit_name(profile));
    let next_run = systemctl()
        .and_then(|s| {
            ran(Command::new(s)
                .args([
                    "--user",
                    "show",
                    &name,
                    "--property=NextElapseUSecRealtime",
                    "--value",
                ])
                .output())
            .ok()
        })
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty() && t != "n/a");
    State::Registered { name, next_run }
}

#[cfg(not(windows))]
pub fn remove(profile: &str) -> Result<Option<String>, Fault> {
    let dir = unit_dir()?;
    let (service, timer) = unit_paths(&dir, profile);
    if !timer.is_file() && !service.is_file() {
        return Ok(None);
    }
    let name = format!("{}.timer", units::unit_name(profile));
    if let Some(s) = systemctl() {
        // A timer never enabled cannot be disabled: not a reason to stop.
        let _ = ran(Command::new(s)
            .args(["--user", "disable", "--now", &name])
            .output());
    }
    for p in [&timer, &service] {
        match std::fs::remove_file(p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(Fault::Write(Error::Write {
                    path: p.clone(),
                    source,
                }));
            }
        }
    }
    Ok(Some(name))
}

#[cfg(test)]
mod tests;
