//! Backup-and-record: a verified copy of the certificate file on a USB
//! stick (or another folder), recorded with its hash.

use super::record;
use crate::cert::backup::{BackupReport, backup_file, backup_name};
use crate::cert::progress::Progress;
use crate::cert::{Error, Password};
use std::path::Path;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackedUp {
    pub report: BackupReport,
    pub at: OffsetDateTime,
}

/// The backup's file name: the institution code and the date.
pub fn file_name(p: &Progress, now: OffsetDateTime) -> String {
    backup_name(p.institution.code10().as_deref(), now.date())
}

pub fn backup_and_record(
    src: &Path,
    dir: &Path,
    name: &str,
    password: &Password,
    now: OffsetDateTime,
) -> Result<BackedUp, Error> {
    let report = backup_file(src, dir, name, password)?;
    Ok(BackedUp { report, at: now })
}

impl BackedUp {
    pub fn record(&self, p: &mut Progress) {
        p.backups.push(record::backup(&self.report, self.at));
    }
}
