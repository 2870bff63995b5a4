//! Cleanup-and-record, as the help page orders it (3章, after ⑦): first the
//! connection is checked, then old certificates are offered: expired ones
//! by default, a superseded one that is still valid only when picked on
//! its own. Each is exported to the quarantine folder under a password
//! proven to be the clinic's, proven again, then removed; each removal
//! (and an export whose removal failed) is recorded.

use super::{Failure, record};
use crate::cert::Password;
use crate::cert::cleanup::{
    Kept, OldCert, ProvenPassword, Removed, cleanup, find_old as find, quarantine_dir,
};
use crate::cert::progress::{Progress, ProgressStore};
use crate::cert::store::CertStore;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanedUp {
    pub quarantine: PathBuf,
    pub removed: Vec<Removed>,
    /// Left in the store, and why (a key that cannot be exported).
    pub kept: Vec<Kept>,
    /// The one that stopped the clean-up (the rest were left alone).
    pub failed: Option<(String, Failure)>,
    /// The stopped one's export, when it was written before the failure
    /// (`removed_from` empty: it is still in the store).
    pub failed_export: Option<Removed>,
    pub at: OffsetDateTime,
}

/// Old certificates in MY; the profile's installed one is never listed.
/// `now` decides what is expired: callers that delete pass the real clock
/// (never the what-if `OQSCERT_NOW`).
pub fn find_old(
    store: &dyn CertStore,
    p: &Progress,
    now: OffsetDateTime,
) -> Result<Vec<OldCert>, crate::cert::Error> {
    let current = p.install.as_ref().map(|i| i.sha1_thumbprint.as_str());
    find(store, current, now)
}

/// What a clean-up removes unless told otherwise: the expired ones. A
/// still-valid one (superseded) only with `include_valid`.
pub fn chosen(old: &[OldCert], include_valid: bool) -> Vec<OldCert> {
    old.iter()
        .filter(|o| include_valid || !o.still_valid())
        .cloned()
        .collect()
}

/// The certificate files the clinic keeps that can prove a password: the
/// profile's kept copy of its current certificate, then its backups, the
/// newest first. Only local paths (a network path is never opened on our
/// own: it could start a sign-in to another computer).
pub fn password_files(p: &Progress) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = p.certificate.iter().map(|c| c.path.clone()).collect();
    let mut backups: Vec<_> = p.backups.iter().collect();
    backups.sort_by_key(|b| std::cmp::Reverse(b.at));
    out.extend(backups.into_iter().map(|b| b.path.clone()));
    out.retain(|path| crate::cert::fsutil::is_local_path(path));
    out.dedup();
    out
}

/// Prove `password` against the clinic's own files (see `password_files`).
pub fn prove_password(
    p: &Progress,
    password: &Password,
) -> Result<ProvenPassword, crate::cert::Error> {
    ProvenPassword::by_file(password, &password_files(p))
}

/// Where a profile's clean-up exports go: its folder under the quarantine
/// root (`cert::home::quarantine_root`: this PC's data folder in portable
/// mode, never the stick; a FAT stick has no owner-only files).
pub fn quarantine_profile_dir(
    quarantine_root: &Path,
    profile: &str,
) -> Result<PathBuf, crate::cert::Error> {
    ProgressStore::new(quarantine_root).profile_dir(profile)
}

/// The same from the command line's `--home` (or its absence).
pub fn quarantine_profile_dir_for(
    cli_home: Option<&Path>,
    profile: &str,
) -> Result<PathBuf, crate::cert::Error> {
    let located = crate::cert::home::resolve(cli_home)?;
    quarantine_profile_dir(&crate::cert::home::quarantine_root(&located)?, profile)
}

pub fn cleanup_and_record(
    store: &dyn CertStore,
    old: &[OldCert],
    profile_dir: &Path,
    password: &ProvenPassword,
    now: OffsetDateTime,
    on_step: impl FnMut(usize, usize),
) -> CleanedUp {
    let quarantine = quarantine_dir(profile_dir, now);
    let r = cleanup(store, old, &quarantine, password, on_step);
    let (failed, failed_export) = match r.failed {
        Some(f) => (
            Some((f.sha1_thumbprint, Failure::from(f.error))),
            f.exported,
        ),
        None => (None, None),
    };
    CleanedUp {
        quarantine: r.quarantine,
        removed: r.removed,
        kept: r.kept,
        failed,
        failed_export,
        at: now,
    }
}

impl CleanedUp {
    /// Nothing was tried: the quarantine folder could not be named.
    pub fn failed_before(e: crate::cert::Error, at: OffsetDateTime) -> CleanedUp {
        CleanedUp {
            quarantine: PathBuf::new(),
            removed: Vec::new(),
            kept: Vec::new(),
            failed: Some((String::new(), Failure::from(e))),
            failed_export: None,
            at,
        }
    }

    /// Each removal, and the export of one whose removal failed (it is
    /// still in the store; the record says where its copy is).
    pub fn record(&self, p: &mut Progress) {
        p.removed
            .extend(self.removed.iter().map(|r| record::removed(r, self.at)));
        if let Some(exported) = &self.failed_export {
            p.removed.push(record::removed(exported, self.at));
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::cert::cleanup::tests::{RemoveFails, proven, renewed_and_replaced};
    use crate::cert::store::file::FileStore;

    /// The store refuses the removal after the export: the saved record
    /// still says where the copy went, and that the certificate is still
    /// in the store.
    #[test]
    fn a_failed_removal_is_recorded_with_its_copy() {
        let dir = tempfile::tempdir().unwrap();
        let files = FileStore::new(dir.path().join("store"));
        let (new, old) = renewed_and_replaced(&files);
        let store = RemoveFails(&files);
        let now = OffsetDateTime::now_utc();
        let found = crate::cert::cleanup::find_old(&store, Some(&new), now).unwrap();
        let done = cleanup_and_record(&store, &found, dir.path(), &proven(), now, |_, _| {});
        assert!(done.failed.is_some());
        let mut p = Progress::new("default");
        done.record(&mut p);
        assert_eq!(p.removed.len(), 1, "{:?}", p.removed);
        let r = &p.removed[0];
        assert_eq!(r.sha1_thumbprint, old);
        assert!(r.still_in_store);
        assert!(r.exported_pkcs12.as_ref().is_some_and(|f| f.is_file()));
    }
}
