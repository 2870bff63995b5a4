//! The fleet view for vendors: every `status --json` / `report --json`
//! file collected from clinics below one folder, as one table sorted by
//! days left. A file that is not ours, damaged, empty or too large is
//! listed as skipped with the reason and never stops the run.

use crate::cert::Error;
use crate::cert::codes::codes;
use crate::cert::fsutil;
use crate::cert::health::{Alert, BackupState, expiry_threshold, whole_days};
use crate::i18n::{Lang, t};
use crate::ops::notify::jst_date;
use crate::present::health::{alert_text, backup_key};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// A status file is a few kilobytes; anything this large is not one.
pub const MAX_FILE: u64 = 1024 * 1024;
/// Folders deeper than this are not looked into (a loop, a mistake).
const MAX_DEPTH: usize = 16;

/// One clinic's terminal, as its collected file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The file, relative to the folder given.
    pub file: PathBuf,
    pub institution_name: String,
    pub institution_code: Option<String>,
    pub terminal_name: String,
    pub profile: String,
    pub not_after: Option<OffsetDateTime>,
    /// From `now`, not from when the file was written.
    pub days_left: Option<i64>,
    pub alerts: Vec<Alert>,
    /// The worst backup state; None when there is no backup.
    pub backup: Option<BackupState>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    TooLarge,
    Unreadable,
    Empty,
    /// Not JSON text (broken, cut short, not UTF-8).
    NotJson,
    /// JSON, but not a `status` or `report` output of oqscert.
    NotOurs,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub file: PathBuf,
    pub reason: SkipReason,
    /// The parser's or the system's words, for the curious.
    pub detail: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fleet {
    pub entries: Vec<Entry>,
    pub skipped: Vec<Skipped>,
}

#[derive(Deserialize)]
struct In {
    profile: String,
    #[allow(dead_code)]
    needs_attention: bool,
    alerts: Vec<serde_json::Value>,
    #[serde(default)]
    certificate: Option<CertIn>,
    #[serde(default)]
    backups: Vec<BackupIn>,
    #[serde(default)]
    institution_name: String,
    #[serde(default)]
    institution_code: Option<String>,
    #[serde(default)]
    terminal_name: String,
    /// `status` has it, `report` has `html`: one of them says it is ours.
    #[serde(default)]
    store_kind: Option<serde_json::Value>,
    #[serde(default)]
    html: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct CertIn {
    #[serde(with = "time::serde::rfc3339")]
    not_after: OffsetDateTime,
}

#[derive(Deserialize)]
struct BackupIn {
    state: BackupState,
}

/// Worst first.
fn backup_rank(s: BackupState) -> u8 {
    match s {
        BackupState::Changed => 0,
        BackupState::Missing => 1,
        BackupState::NotConnected | BackupState::NotLocal => 2,
        BackupState::Matches => 3,
    }
}

/// One file's bytes as an entry (`file` left empty), at `now`.
pub fn parse(bytes: &[u8], now: OffsetDateTime) -> Result<Entry, (SkipReason, String)> {
    let text = std::str::from_utf8(bytes).map_err(|e| (SkipReason::NotJson, e.to_string()))?;
    // Saved by Notepad: a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err((SkipReason::Empty, String::new()));
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| (SkipReason::NotJson, e.to_string()))?;
    let input: In =
        serde_json::from_value(value).map_err(|e| (SkipReason::NotOurs, e.to_string()))?;
    if input.store_kind.is_none() && input.html.is_none() {
        return Err((SkipReason::NotOurs, String::new()));
    }
    let not_after = input.certificate.map(|c| c.not_after);
    // Alerts of a newer oqscert that this one does not know are left out;
    // the expiry alert is worked out again for today.
    let mut alerts: Vec<Alert> = input
        .alerts
        .into_iter()
        .filter_map(|v| serde_json::from_value::<Alert>(v).ok())
        .filter(|a| !matches!(a, Alert::Expiring { .. } | Alert::Expired { .. }))
        .collect();
    let days_left = not_after.map(|end| whole_days(now, end));
    if let (Some(end), Some(days)) = (not_after, days_left) {
        if now >= end {
            alerts.push(Alert::Expired { days_ago: -days });
        } else if let Some(threshold) = expiry_threshold(days, &codes().lifetime.renewal_alert_days)
        {
            alerts.push(Alert::Expiring {
                threshold,
                days_left: days,
            });
        }
    }
    let backup = input
        .backups
        .iter()
        .map(|b| b.state)
        .min_by_key(|s| backup_rank(*s));
    Ok(Entry {
        file: PathBuf::new(),
        institution_name: input.institution_name,
        institution_code: input.institution_code,
        terminal_name: input.terminal_name,
        profile: input.profile,
        not_after,
        days_left,
        alerts,
        backup,
    })
}

/// How urgent an alert is: smaller first.
fn urgency(a: &Alert) -> (u8, i64) {
    match a {
        Alert::Expired { days_ago } => (0, -days_ago),
        Alert::NotInStore => (1, 0),
        Alert::NoPrivateKey => (2, 0),
        Alert::DeadlinePassed => (3, 0),
        Alert::Expiring { days_left, .. } => (4, *days_left),
        Alert::DeadlineSoon { days_left } => (5, *days_left),
        Alert::BackupChanged { .. } => (6, 0),
        Alert::BackupMissing { .. } => (7, 0),
        Alert::NoBackup => (8, 0),
        Alert::Chapter { .. } => (9, 0),
    }
}

pub fn most_urgent(alerts: &[Alert]) -> Option<&Alert> {
    alerts.iter().min_by_key(|a| urgency(a))
}

/// Fewest days left first; no certificate last; then by code, terminal
/// and file, so the order never depends on the folder listing.
pub fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        let days = |e: &Entry| (e.days_left.is_none(), e.days_left.unwrap_or(0));
        days(a)
            .cmp(&days(b))
            .then_with(|| a.institution_code.cmp(&b.institution_code))
            .then_with(|| a.terminal_name.cmp(&b.terminal_name))
            .then_with(|| a.file.cmp(&b.file))
    });
}

/// Every `*.json` below `dir` (sorted, symbolic links to folders not
/// followed).
pub fn json_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let read = |d: &Path| {
        std::fs::read_dir(d).map_err(|source| Error::Read {
            path: d.to_path_buf(),
            source,
        })
    };
    let mut out = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), 0usize)];
    // The folder given must be readable; below it, one that is not is skipped.
    let mut first = Some(read(dir)?);
    while let Some((d, depth)) = stack.pop() {
        let entries = match first.take() {
            Some(rd) => rd,
            None => match read(&d) {
                Ok(rd) => rd,
                Err(_) => continue,
            },
        };
        for e in entries.flatten() {
            let path = e.path();
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() {
                if depth < MAX_DEPTH {
                    stack.push((path, depth + 1));
                }
            } else if (ft.is_file() || (ft.is_symlink() && path.is_file()))
                && path
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("json"))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Read and parse every file below `dir`, sorted.
pub fn scan(dir: &Path, now: OffsetDateTime) -> Result<Fleet, Error> {
    let mut fleet = Fleet::default();
    for path in json_files(dir)? {
        let file = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
        let parsed = match fsutil::read_limited(&path, MAX_FILE) {
            Ok(bytes) => parse(&bytes, now),
            Err(Error::FileTooLarge { size, .. }) => {
                Err((SkipReason::TooLarge, format!("{size} bytes")))
            }
            Err(e) => Err((SkipReason::Unreadable, e.to_string())),
        };
        match parsed {
            Ok(entry) => fleet.entries.push(Entry { file, ..entry }),
            Err((reason, detail)) => fleet.skipped.push(Skipped {
                file,
                reason,
                detail,
            }),
        }
    }
    sort(&mut fleet.entries);
    Ok(fleet)
}

/// The table's column titles (the file last).
pub fn headers(lang: Lang) -> [&'static str; 8] {
    [
        "fleet.col_institution",
        "fleet.col_code",
        "fleet.col_terminal",
        "fleet.col_end",
        "fleet.col_days",
        "fleet.col_alert",
        "fleet.col_backup",
        "fleet.col_file",
    ]
    .map(|k| t(lang, k))
}

/// One entry's cells, in the order of `headers`. The values come from
/// files collected from elsewhere: each passes the one printable filter.
pub fn cells(lang: Lang, e: &Entry) -> [String; 8] {
    raw_cells(lang, e).map(|c| crate::cert::sanitize::printable(&c).into_owned())
}

fn raw_cells(lang: Lang, e: &Entry) -> [String; 8] {
    let dash = || "-".to_string();
    [
        e.institution_name.clone(),
        e.institution_code.clone().unwrap_or_else(dash),
        e.terminal_name.clone(),
        e.not_after
            .map(|d| jst_date(d).to_string())
            .unwrap_or_else(dash),
        e.days_left.map(|d| d.to_string()).unwrap_or_else(dash),
        most_urgent(&e.alerts)
            .map(|a| alert_text(lang, a))
            .unwrap_or_else(|| t(lang, "fleet.no_alert").to_string()),
        match e.backup {
            Some(s) => t(lang, backup_key(s)).to_string(),
            None => t(lang, "fleet.no_backup").to_string(),
        },
        e.file.display().to_string(),
    ]
}

/// Why a file was skipped, in words.
pub fn skip_text(lang: Lang, s: &Skipped) -> String {
    let key = match s.reason {
        SkipReason::TooLarge => "fleet.skip_too_large",
        SkipReason::Unreadable => "fleet.skip_unreadable",
        SkipReason::Empty => "fleet.skip_empty",
        SkipReason::NotJson => "fleet.skip_not_json",
        SkipReason::NotOurs => "fleet.skip_not_ours",
    };
    let file = crate::cert::sanitize::printable_path(&s.file);
    if s.detail.is_empty() {
        format!("{file}: {}", t(lang, key))
    } else {
        let detail = crate::cert::sanitize::printable(&s.detail);
        format!("{file}: {} ({detail})", t(lang, key))
    }
}

pub mod render;

#[cfg(test)]
mod tests;
