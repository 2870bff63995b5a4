//! The expiry monitor: `status --notify` run at logon and daily at 9:00.
//! On Windows a per-user Task Scheduler task (registered with
//! `schtasks.exe` from an XML file); elsewhere a systemd user timer, with
//! the equivalent crontab line for systems without systemd.
//!
//! It runs from a safe place: the program is copied to the user's own
//! program folder (`%LOCALAPPDATA%\oqscert\bin`) and that copy is
//! registered, never a path on a stick or a share (whatever stick is E:
//! later would run as the user). The data folder's id is in the task's
//! name, so two clinics' records on one PC never replace each other's
//! task; and a copy of the profile's record stays on this PC
//! (`pc_record`), so the monitor still judges expiry when the stick with
//! the records is not inserted.

pub mod pc_record;
pub mod units;

use crate::cert::Error;
use crate::i18n::Lang;
use std::path::{Path, PathBuf};
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

/// The task's name in Task Scheduler: the profile and the data folder's
/// id (`cert::home::home_id`).
pub fn task_name(profile: &str, home_id: &str) -> String {
    format!("oqscert {profile} {home_id}")
}

/// The name an earlier version registered (profile only): removed too.
#[cfg_attr(not(windows), allow(dead_code))]
fn legacy_task_name(profile: &str) -> String {
    format!("oqscert {profile}")
}

/// The folder the monitor's copy of the program lives in: the user's
/// local program folder (`%LOCALAPPDATA%\oqscert\bin`,
/// `~/.local/share/oqscert/bin`).
pub fn program_dir() -> Result<PathBuf, Error> {
    directories::BaseDirs::new()
        .map(|b| b.data_local_dir().join("oqscert").join("bin"))
        .ok_or(Error::NoDataDir)
}

/// Copy `src` (the running program) into `dir` as the monitor's program,
/// unless the copy there is already the same bytes or from a newer
/// version (a stick with an older oqscert never downgrades it). Returns
/// the copy's path. Refused when `dir` is on a removable drive or a
/// network share.
pub fn install_program(src: &Path, dir: &Path, version: &str) -> Result<PathBuf, Error> {
    let name = src
        .file_name()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("oqscert"));
    let dest = dir.join(name);
    if !crate::cert::fsutil::is_local_path(dir) || crate::cert::home::is_removable(dir) {
        return Err(Error::NotLocal {
            path: dir.to_path_buf(),
        });
    }
    let version_file = dir.join("version.txt");
    let installed = std::fs::read_to_string(&version_file).unwrap_or_default();
    let bytes = std::fs::read(src).map_err(|source| Error::Read {
        path: src.to_path_buf(),
        source,
    })?;
    let same = std::fs::read(&dest).is_ok_and(|b| b == bytes);
    let newer_there = newer_version(installed.trim(), version) && dest.is_file();
    if !same && !newer_there {
        crate::cert::fsutil::write_program(&dest, &bytes)?;
        crate::cert::fsutil::write_atomic(&version_file, format!("{version}\n").as_bytes())?;
    }
    Ok(dest)
}

/// Whether version `a` (dotted numbers) is newer than `b`.
pub fn newer_version(a: &str, b: &str) -> bool {
    let parse = |v: &str| -> Vec<u64> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    parse(a) > parse(b)
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

/// schtasks.exe by its full path (never a planted one beside oqscert).
#[cfg(windows)]
fn schtasks() -> Command {
    Command::new(crate::cert::fsutil::system_program("schtasks.exe"))
}

#[cfg(windows)]
pub fn install(inv: &Invocation, home_id: &str, description: &str) -> Result<Installed, Fault> {
    let name = task_name(&inv.profile, home_id);
    let xml = units::task_xml(inv, &windows_user(), description);
    let file = std::env::temp_dir().join(format!("oqscert-task-{}.xml", std::process::id()));
    crate::cert::fsutil::write_atomic(&file, &units::utf16_with_bom(&xml)).map_err(Fault::Write)?;
    let out = schtasks()
        .args(["/Create", "/TN", &name, "/XML"])
        .arg(&file)
        .arg("/F")
        .output();
    let _ = std::fs::remove_file(&file);
    ran(out).map_err(Fault::Scheduler)?;
    Ok(Installed::Task { name })
}

#[cfg(windows)]
fn query(name: &str) -> State {
    let out = schtasks()
        .args(["/Query", "/TN", name, "/FO", "CSV", "/NH"])
        .output();
    match ran(out) {
        Ok(text) => State::Registered {
            next_run: units::next_run_from_csv(&text),
            name: name.to_string(),
        },
        Err(_) => State::Absent,
    }
}

#[cfg(windows)]
pub fn state(profile: &str, home_id: &str) -> State {
    query(&task_name(profile, home_id))
}

#[cfg(windows)]
pub fn remove(profile: &str, home_id: &str) -> Result<Option<String>, Fault> {
    let mut removed = None;
    let name = task_name(profile, home_id);
    if query(&name) != State::Absent {
        let out = schtasks().args(["/Delete", "/TN", &name, "/F"]).output();
        ran(out).map_err(Fault::Scheduler)?;
        removed = Some(name);
    }
    // What an earlier version registered: best effort (it may be gone, and
    // wine's /Query says yes to any name).
    let legacy = legacy_task_name(profile);
    if query(&legacy) != State::Absent
        && ran(schtasks().args(["/Delete", "/TN", &legacy, "/F"]).output()).is_ok()
    {
        removed.get_or_insert(legacy);
    }
    Ok(removed)
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
fn unit_paths(dir: &std::path::Path, base: &str) -> (PathBuf, PathBuf) {
    (
        dir.join(format!("{base}.service")),
        dir.join(format!("{base}.timer")),
    )
}

#[cfg(not(windows))]
pub fn install(inv: &Invocation, home_id: &str, description: &str) -> Result<Installed, Fault> {
    let dir = unit_dir()?;
    let base = units::unit_name(&inv.profile, home_id);
    let (service, timer) = unit_paths(&dir, &base);
    let write = |p: &std::path::Path, text: String| {
        crate::cert::fsutil::write_atomic(p, text.as_bytes()).map_err(Fault::Write)
    };
    write(&service, units::systemd_service(inv, description))?;
    write(&timer, units::systemd_timer(&base, description))?;
    let timer_unit = format!("{base}.timer");
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
pub fn state(profile: &str, home_id: &str) -> State {
    let Ok(dir) = unit_dir() else {
        return State::Absent;
    };
    let base = units::unit_name(profile, home_id);
    let (_, timer) = unit_paths(&dir, &base);
    if !timer.is_file() {
        return State::Absent;
    }
    let name = format!("{base}.timer");
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
pub fn remove(profile: &str, home_id: &str) -> Result<Option<String>, Fault> {
    let dir = unit_dir()?;
    let base = units::unit_name(profile, home_id);
    let (service, timer) = unit_paths(&dir, &base);
    if !timer.is_file() && !service.is_file() {
        return Ok(None);
    }
    let name = format!("{base}.timer");
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
