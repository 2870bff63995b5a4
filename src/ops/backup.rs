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
    /// The kept copy was on the same stick and is now this backup: the
    /// records point here (`backup_kept_copy`).
    pub merged: Option<std::path::PathBuf>,
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
    Ok(BackedUp {
        report,
        at: now,
        merged: None,
    })
}

/// The wizard's backup of the copy it keeps with the records. Run from a
/// stick, the records (and that copy) are on the stick: when the backup
/// lands on the same stick, the stick keeps one key file, the backup. The
/// kept copy is removed only once the backup is written, read back and
/// proven with the password (`backup_file`) and holds the same bytes; the
/// records then point at the backup. Elsewhere nothing changes.
pub fn backup_kept_copy(
    src: &Path,
    dir: &Path,
    name: &str,
    password: &Password,
    now: OffsetDateTime,
) -> Result<BackedUp, Error> {
    let mut b = backup_and_record(src, dir, name, password, now)?;
    let stick = crate::cert::backup::stick_root(src);
    let same_stick = stick.is_some() && stick == crate::cert::backup::stick_root(&b.report.path);
    if same_stick && b.report.path != src {
        let same_bytes = std::fs::read(src)
            .is_ok_and(|bytes| crate::cert::pfx::sha256_hex(&bytes) == b.report.sha256);
        if same_bytes && std::fs::remove_file(src).is_ok() {
            b.merged = Some(b.report.path.clone());
        }
    }
    Ok(b)
}

impl BackedUp {
    pub fn record(&self, p: &mut Progress) {
        p.backups.push(record::backup(&self.report, self.at));
        if let (Some(path), Some(c)) = (&self.merged, p.certificate.as_mut()) {
            c.path = path.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::pfx::fixtures::{Identity, IdentitySpec};

    /// Not on a stick (the data folder on the PC's own disk): the kept copy
    /// stays where the records point, whatever the backup's target. (The
    /// stick case is walked end to end: `e2e_pty::a_receptionist_finishes_
    /// both_days_from_her_stick` finds one key file on the stick.)
    #[test]
    fn the_kept_copy_stays_unless_the_backup_is_on_its_stick() {
        let data = tempfile::tempdir().unwrap();
        let target = tempfile::tempdir().unwrap();
        let kept = data.path().join("certificate.p12");
        let pw = Password::new("1234");
        std::fs::write(
            &kept,
            Identity::new(&IdentitySpec::default()).pkcs12_modern("1234"),
        )
        .unwrap();
        let now = time::macros::datetime!(2026-12-03 10:00 UTC);
        let b = backup_kept_copy(&kept, target.path(), "a.p12", &pw, now).unwrap();
        assert_eq!(b.merged, None);
        assert!(kept.exists() && b.report.path.exists());
        let mut p = Progress::new("t");
        p.certificate = None;
        b.record(&mut p);
        assert_eq!(p.backups.len(), 1);
    }
}
