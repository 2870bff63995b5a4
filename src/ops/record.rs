//! What a task leaves in the progress file, built in one place. Every
//! record is typed (store kind, removal reason as enums); none can hold a
//! secret.

use crate::cert::backup::BackupReport;
use crate::cert::cleanup::Removed;
use crate::cert::pfx::CertInfo;
use crate::cert::progress::{
    BackupRecord, CertificateRecord, InstallRecord, Progress, ProgressStore, RemovedRecord,
};
use crate::cert::store::{InstallReport, StoreKind};
use std::path::Path;
use time::OffsetDateTime;

/// The verified certificate file (where it is kept, its hash, its facts).
pub fn certificate(
    info: &CertInfo,
    path: &Path,
    sha256: &str,
    at: OffsetDateTime,
) -> CertificateRecord {
    CertificateRecord {
        path: path.to_path_buf(),
        sha256: sha256.to_string(),
        sha1_thumbprint: info.sha1_thumbprint.clone(),
        subject: info.subject.clone(),
        not_after: info.not_after,
        verified_at: at,
        issuer: info.issuer.clone(),
        serial: info.serial.clone(),
        not_before: Some(info.not_before),
        roots: Vec::new(),
    }
}

pub fn backup(report: &BackupReport, at: OffsetDateTime) -> BackupRecord {
    BackupRecord {
        path: report.path.clone(),
        sha256: report.sha256.clone(),
        at,
    }
}

pub fn install(
    report: &InstallReport,
    store: StoreKind,
    user: &str,
    at: OffsetDateTime,
) -> InstallRecord {
    InstallRecord {
        sha1_thumbprint: report.leaf.sha1_thumbprint.clone(),
        store,
        user: user.to_string(),
        at,
        verification: Some(report.verification.clone()),
        already_installed: report.already_installed,
    }
}

pub fn removed(r: &Removed, at: OffsetDateTime) -> RemovedRecord {
    RemovedRecord {
        sha1_thumbprint: r.sha1_thumbprint.clone(),
        subject: r.subject.clone(),
        not_after: r.not_after,
        reason: r.reason,
        exported_certificate: r.export.certificate.clone(),
        exported_pkcs12: r.export.pkcs12.clone(),
        still_in_store: r.removed_from.is_empty(),
        at,
    }
}

/// The one load → record → save of the command line: the profile's
/// progress (a new one when it has none), changed by `f`, saved when `f`
/// changed it. Whatever `f` returns comes back; an error from `f` saves
/// nothing.
pub fn update<T, E: From<crate::cert::Error>>(
    store: &ProgressStore,
    profile: &str,
    f: impl FnOnce(&mut Progress) -> Result<T, E>,
) -> Result<T, E> {
    let mut p = store
        .load(profile)?
        .unwrap_or_else(|| Progress::new(profile));
    let before = p.clone();
    let out = f(&mut p)?;
    if p != before {
        store.save(&mut p)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_saves_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::new(dir.path());
        // Unchanged: no file is written.
        update::<_, crate::cert::Error>(&store, "p", |_| Ok(())).unwrap();
        assert!(!store.path_for("p").unwrap().exists());
        update::<_, crate::cert::Error>(&store, "p", |p| {
            p.institution.name = "テスト医院".into();
            Ok(())
        })
        .unwrap();
        assert_eq!(
            store.load("p").unwrap().unwrap().institution.name,
            "テスト医院"
        );
        // An error from the task saves nothing.
        let r: Result<(), crate::cert::Error> = update(&store, "p", |p| {
            p.institution.name = "別".into();
            Err(crate::cert::Error::Cancelled)
        });
        assert!(matches!(r, Err(crate::cert::Error::Cancelled)));
        assert_eq!(
            store.load("p").unwrap().unwrap().institution.name,
            "テスト医院"
        );
    }
}
