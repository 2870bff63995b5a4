//! `status --notify` (run by the expiry monitor): which health alerts to
//! tell the person at the PC about today, and the seam that tells them.
//!
//! Each alert has a reason id; `notify-state.toml` in the profile folder
//! keeps the day each id was last told, so a reason is told at most once a
//! day. An expiry reminder above the smallest threshold (90, 60, 30, 15
//! days) is told once per threshold: from that threshold's day until the
//! next one, it is not repeated. Within the last 7 days, after the end and
//! for every other alert, it is told daily.

use crate::cert::Error;
use crate::cert::codes::codes;
use crate::cert::fsutil;
use crate::cert::health::{Alert, Health};
use crate::i18n::{Lang, t};
use crate::present::health::alert_text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use time::{Date, Duration, OffsetDateTime};

/// The state file in the profile folder.
pub const STATE_FILE: &str = "notify-state.toml";
/// A support and test hook: append each notice to this file (one JSON
/// line) instead of showing it.
pub const LOG_ENV: &str = "OQSCERT_NOTIFY_LOG";

/// Where a notice goes: a message box on Windows, the desktop elsewhere,
/// a file for tests.
pub trait Notifier {
    fn notify(&self, title: &str, body: &str) -> Result<(), String>;
}

/// The person's desktop: a message box on Windows (it waits for OK, so
/// it is not missed); `notify-send` elsewhere, else standard error (cron
/// mails it, the journal keeps it).
pub struct Desktop;

impl Notifier for Desktop {
    fn notify(&self, title: &str, body: &str) -> Result<(), String> {
        #[cfg(windows)]
        {
            crate::cert::platform::windows::message_box(title, body)
        }
        #[cfg(not(windows))]
        {
            let sent = std::process::Command::new("notify-send")
                .args([
                    "--urgency=critical",
                    "--app-name=oqscert",
                    "--",
                    title,
                    body,
                ])
                .stdin(std::process::Stdio::null())
                .status();
            if !sent.is_ok_and(|s| s.success()) {
                eprintln!("{title}\n{body}");
            }
            Ok(())
        }
    }
}

/// Appends each notice as a JSON line `{"title":..,"body":..}`.
pub struct FileLog(pub PathBuf);

impl Notifier for FileLog {
    fn notify(&self, title: &str, body: &str) -> Result<(), String> {
        use std::io::Write;
        let line = serde_json::json!({ "title": title, "body": body }).to_string();
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.0)
            .and_then(|mut f| writeln!(f, "{line}"))
            .map_err(|e| e.to_string())
    }
}

/// The notifier for this run: `OQSCERT_NOTIFY_LOG`'s file, else the desktop.
pub fn from_env() -> Box<dyn Notifier> {
    match std::env::var_os(LOG_ENV).filter(|v| !v.is_empty()) {
        Some(path) => Box::new(FileLog(PathBuf::from(path))),
        None => Box::new(Desktop),
    }
}

/// The day each reason was last told. A file that cannot be read counts
/// as empty: at worst a notice is repeated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotifyState {
    pub last: BTreeMap<String, Date>,
}

#[derive(Serialize, Deserialize, Default)]
struct StateFile {
    #[serde(default)]
    last: BTreeMap<String, String>,
}

impl NotifyState {
    pub fn parse(text: &str) -> NotifyState {
        let file: StateFile = toml::from_str(text).unwrap_or_default();
        let iso = time::format_description::well_known::Iso8601::DATE;
        let last = file
            .last
            .into_iter()
            .filter_map(|(k, v)| Date::parse(&v, &iso).ok().map(|d| (k, d)))
            .collect();
        NotifyState { last }
    }

    pub fn text(&self) -> String {
        let file = StateFile {
            last: self
                .last
                .iter()
                .map(|(k, d)| (k.clone(), d.to_string()))
                .collect(),
        };
        let body = toml::to_string(&file).unwrap_or_default();
        format!("# oqscert status --notify: the day each reason was last told\n{body}")
    }

    pub fn load(dir: &Path) -> NotifyState {
        // A few lines; anything large is not ours.
        fsutil::read_limited(&dir.join(STATE_FILE), 64 * 1024)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .map(|s| NotifyState::parse(&s))
            .unwrap_or_default()
    }

    pub fn save(&self, dir: &Path) -> Result<(), Error> {
        fsutil::write_atomic(&dir.join(STATE_FILE), self.text().as_bytes())
    }
}

/// An alert to tell today, with its reason id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub id: String,
    pub alert: Alert,
}

/// The stable id of an alert's reason (the state file's key).
pub fn reason_id(a: &Alert) -> String {
    match a {
        Alert::Expiring { threshold, .. } => format!("expiring-{threshold}"),
        Alert::Expired { .. } => "expired".into(),
        Alert::NotInStore => "not_in_store".into(),
        Alert::NoPrivateKey => "no_private_key".into(),
        Alert::BackupChanged { .. } => "backup_changed".into(),
        Alert::BackupMissing { .. } => "backup_missing".into(),
        Alert::NoBackup => "no_backup".into(),
        Alert::DeadlineSoon { .. } => "deadline_soon".into(),
        Alert::DeadlinePassed => "deadline_passed".into(),
        Alert::Chapter { chapter } => format!("chapter-{}", chapter.id()),
    }
}

/// The calendar day in Japan, where the clinic is.
pub use crate::cert::jst::day as jst_date;

/// The alerts of `h` to tell at `now`, given what was told before.
pub fn due(h: &Health, state: &NotifyState, now: OffsetDateTime) -> Vec<Due> {
    let today = jst_date(now);
    let daily_from = codes()
        .lifetime
        .renewal_alert_days
        .iter()
        .copied()
        .min()
        .unwrap_or(7);
    h.alerts
        .iter()
        .filter_map(|a| {
            let id = reason_id(a);
            let last = state.last.get(&id).copied();
            let told = match (a, &h.certificate) {
                // Once per threshold: told on or after the day it began.
                (Alert::Expiring { threshold, .. }, Some(c)) if *threshold > daily_from => {
                    let began = jst_date(c.not_after - Duration::days(i64::from(*threshold)));
                    last.is_some_and(|d| d >= began)
                }
                _ => last == Some(today),
            };
            (!told).then(|| Due {
                id,
                alert: a.clone(),
            })
        })
        .collect()
}

/// The notice's title and body: what each reason asks for, then where to
/// look.
pub fn notice(lang: Lang, h: &Health, due: &[Due]) -> (String, String) {
    let mut body = crate::i18n::tf(
        lang,
        "notify.profile",
        &[(
            "profile",
            &crate::present::profile::display_name(lang, &h.profile),
        )],
    );
    body.push('\n');
    for d in due {
        body.push_str(&format!("\n- {}", alert_text(lang, &d.alert)));
    }
    body.push_str(&format!("\n\n{}", t(lang, "notify.open_screen")));
    (t(lang, "notify.title").to_string(), body)
}

/// Tell what is due through `notifier` and remember it in `dir`; returns
/// the reason ids told. A notice that could not be shown goes to standard
/// error and is not remembered, so the next run tries again.
pub fn notify_due(
    notifier: &dyn Notifier,
    lang: Lang,
    h: &Health,
    dir: &Path,
    now: OffsetDateTime,
) -> Result<Vec<String>, Error> {
    let mut state = NotifyState::load(dir);
    let due = due(h, &state, now);
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let (title, body) = notice(lang, h, &due);
    if let Err(detail) = notifier.notify(&title, &body) {
        eprintln!("{title}\n{body}\n({detail})");
        return Ok(Vec::new());
    }
    let today = jst_date(now);
    // Two changed backups are one reason.
    let mut ids: Vec<String> = Vec::new();
    for d in due {
        if !ids.contains(&d.id) {
            ids.push(d.id);
        }
    }
    for id in &ids {
        state.last.insert(id.clone(), today);
    }
    state.save(dir)?;
    Ok(ids)
}

#[cfg(test)]
mod tests;
