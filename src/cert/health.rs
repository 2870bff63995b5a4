//! The health of a profile: chapter states, the installed certificate and
//! its days left, the renewal window, whether it is still in the store with
//! its key, the backups, and the application dates while the file has not
//! been downloaded. Everything that needs a person is an `Alert`.
//!
//! `assess` is pure: the store listing and the backup checks (I/O) are done
//! by the caller and passed in, and the clock is a parameter, so tests can
//! travel in time.

use super::codes::codes;
use super::pfx::sha256_hex;
use super::position::ChapterId;
use super::progress::{BackupRecord, ChapterState, Chapters, Progress};
use super::store::StoredCert;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use time::{Date, Duration, OffsetDateTime};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Health {
    pub profile: String,
    pub chapters: Chapters,
    pub certificate: Option<CertHealth>,
    pub backups: Vec<BackupHealth>,
    pub application: Option<ApplicationHealth>,
    pub alerts: Vec<Alert>,
    pub needs_attention: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertHealth {
    pub subject: String,
    pub sha1_thumbprint: String,
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    /// Whole days until the end date (negative once expired).
    pub days_left: i64,
    pub expired: bool,
    /// Chapter 3 recorded an install of this certificate.
    pub installed: bool,
    /// Found in the store now; `None` when the store was not checked.
    pub in_store: Option<bool>,
    pub has_private_key: Option<bool>,
    /// Renewal is possible from this date (90 days before expiry).
    #[serde(with = "iso_date")]
    pub renewal_from: Date,
    pub renewal_open: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupState {
    /// Present and its SHA-256 matches the one recorded.
    Matches,
    /// Present but different: the copy is damaged or was replaced.
    Changed,
    /// The medium is there but the file is not.
    Missing,
    /// The medium (the folder) is not plugged in: cannot tell.
    NotConnected,
    /// On a network share: not opened on our own (on Windows that starts
    /// a sign-in to whatever server the recorded path names).
    NotLocal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupHealth {
    pub path: PathBuf,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub sha256: String,
    pub state: BackupState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApplicationHealth {
    #[serde(with = "time::serde::rfc3339")]
    pub applied_at: OffsetDateTime,
    #[serde(with = "iso_date")]
    pub mail_expected_from: Date,
    #[serde(with = "iso_date")]
    pub mail_expected_to: Date,
    #[serde(with = "iso_date")]
    pub download_deadline: Date,
    pub days_to_deadline: i64,
}

/// Deserialize: `oqscert fleet` reads it back from collected `--json` files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Alert {
    /// Within an alert threshold (90, 60, 30, 15, 7 days) of expiry.
    Expiring {
        threshold: u32,
        days_left: i64,
    },
    Expired {
        days_ago: i64,
    },
    /// Installed before, but no longer in the store.
    NotInStore,
    /// In the store without its private key.
    NoPrivateKey,
    BackupChanged {
        path: PathBuf,
    },
    BackupMissing {
        path: PathBuf,
    },
    /// A certificate file but no backup of it.
    NoBackup,
    /// The 180-day download deadline is near (30 days or fewer).
    DeadlineSoon {
        days_left: i64,
    },
    DeadlinePassed,
    /// A chapter was left in the "needs attention" state.
    Chapter {
        chapter: ChapterId,
    },
}

/// The alert threshold reached with `days_left` days to go: the smallest
/// of `thresholds` that is at least `days_left` (under the smallest, it
/// stays at the smallest: the official client then warns daily). None
/// above the largest.
pub fn expiry_threshold(days_left: i64, thresholds: &[u32]) -> Option<u32> {
    thresholds
        .iter()
        .copied()
        .filter(|&t| days_left <= i64::from(t))
        .min()
}

pub use super::jst::whole_days;

/// Check backups on media that are plugged in (I/O: reads each file).
pub fn check_backups(backups: &[BackupRecord]) -> Vec<BackupState> {
    backups
        .iter()
        .map(|b| check_backup(&b.path, &b.sha256))
        .collect()
}

pub fn check_backup(path: &Path, sha256: &str) -> BackupState {
    // A progress file is data, not instructions: a network path in it is
    // never opened by a check nobody asked for (the daily monitor).
    if !super::fsutil::is_local_path(path) {
        return BackupState::NotLocal;
    }
    // The stick's drive letter may now be an empty card-reader slot.
    let _quiet = super::backup::QuietDrives::new();
    // The path comes from the progress file and points at a stick: read
    // no more than a certificate file's size (a larger file has changed).
    match super::backup::read_capped(path).map(zeroize::Zeroizing::new) {
        Ok(bytes) if sha256_hex(&bytes).eq_ignore_ascii_case(sha256) => BackupState::Matches,
        Ok(_) => BackupState::Changed,
        Err(_) => match path.parent() {
            Some(dir) if dir.is_dir() => BackupState::Missing,
            _ => BackupState::NotConnected,
        },
    }
}

/// The health of one profile at `now`. `store` is the MY listing (None if
/// it could not be read or was not asked for); `backup_states` holds one
/// state per `p.backups` entry (missing entries count as not connected).
pub fn assess(
    p: &Progress,
    store: Option<&[StoredCert]>,
    backup_states: &[BackupState],
    now: OffsetDateTime,
) -> Health {
    let lt = &codes().lifetime;
    let mut alerts = Vec::new();
    for (chapter, state) in [
        (ChapterId::Precheck, p.chapters.precheck),
        (ChapterId::Apply, p.chapters.apply),
        (ChapterId::Download, p.chapters.download),
        (ChapterId::Install, p.chapters.install),
    ] {
        if state == ChapterState::NeedsAttention {
            alerts.push(Alert::Chapter { chapter });
        }
    }
    let certificate = p.certificate.as_ref().map(|c| {
        let days_left = whole_days(now, c.not_after);
        let expired = now >= c.not_after;
        let installed = p
            .install
            .as_ref()
            .is_some_and(|i| i.sha1_thumbprint.eq_ignore_ascii_case(&c.sha1_thumbprint));
        let found = store.map(|list| {
            list.iter().find(|s| {
                s.info
                    .sha1_thumbprint
                    .eq_ignore_ascii_case(&c.sha1_thumbprint)
            })
        });
        let in_store = found.map(|f| f.is_some());
        let has_private_key = found.map(|f| f.is_some_and(|s| s.has_private_key));
        let renewal_from = (c.not_after - Duration::days(i64::from(lt.renewal_window_days))).date();
        if expired {
            // days_left is -1 on the first day after the end date.
            alerts.push(Alert::Expired {
                days_ago: -days_left,
            });
        } else if let Some(threshold) = expiry_threshold(days_left, &lt.renewal_alert_days) {
            alerts.push(Alert::Expiring {
                threshold,
                days_left,
            });
        }
        if installed && in_store == Some(false) {
            alerts.push(Alert::NotInStore);
        } else if installed && in_store == Some(true) && has_private_key == Some(false) {
            alerts.push(Alert::NoPrivateKey);
        }
        CertHealth {
            subject: c.subject.clone(),
            sha1_thumbprint: c.sha1_thumbprint.clone(),
            not_after: c.not_after,
            days_left,
            expired,
            installed,
            in_store,
            has_private_key,
            renewal_from,
            renewal_open: !expired && now.date() >= renewal_from,
        }
    });
    let backups: Vec<BackupHealth> = p
        .backups
        .iter()
        .enumerate()
        .map(|(i, b)| BackupHealth {
            path: b.path.clone(),
            at: b.at,
            sha256: b.sha256.clone(),
            state: backup_states
                .get(i)
                .copied()
                .unwrap_or(BackupState::NotConnected),
        })
        .collect();
    for b in &backups {
        match b.state {
            BackupState::Changed => alerts.push(Alert::BackupChanged {
                path: b.path.clone(),
            }),
            BackupState::Missing => alerts.push(Alert::BackupMissing {
                path: b.path.clone(),
            }),
            BackupState::Matches | BackupState::NotConnected | BackupState::NotLocal => {}
        }
    }
    if certificate.as_ref().is_some_and(|c| !c.expired) && backups.is_empty() {
        alerts.push(Alert::NoBackup);
    }
    let application = match p.application.applied_at {
        Some(applied) if p.chapters.download != ChapterState::Done => {
            let day = |n: u32| (applied + Duration::days(i64::from(n))).date();
            let deadline = applied + Duration::days(i64::from(lt.download_deadline_days));
            let days_to_deadline = whole_days(now, deadline);
            if now >= deadline {
                alerts.push(Alert::DeadlinePassed);
            } else if days_to_deadline <= 30 {
                alerts.push(Alert::DeadlineSoon {
                    days_left: days_to_deadline,
                });
            }
            Some(ApplicationHealth {
                applied_at: applied,
                mail_expected_from: day(lt.mail_expected_min_days),
                mail_expected_to: day(lt.mail_expected_max_days),
                download_deadline: deadline.date(),
                days_to_deadline,
            })
        }
        _ => None,
    };
    Health {
        profile: p.profile.clone(),
        chapters: p.chapters.clone(),
        certificate,
        backups,
        application,
        needs_attention: !alerts.is_empty(),
        alerts,
    }
}

/// A calendar date in JSON as ISO 8601 ("2029-11-29"), not the
/// (year, day-of-year) pair `time` writes by default.
mod iso_date {
    use serde::Serializer;
    use time::Date;

    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }
}

#[cfg(test)]
mod tests;
