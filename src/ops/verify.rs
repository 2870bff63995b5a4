//! Verify-and-keep: open the downloaded file with the password, verify it,
//! keep a copy in the profile folder (one per certificate, by thumbprint)
//! so later steps never depend on the Downloads folder, and record it.
//!
//! The current certificate stays the newest: a file whose certificate ends
//! earlier than the one already recorded (last year's backup, an old
//! download) is recorded as what it is, never as the current one, and its
//! copy never replaces the current one's.

use super::record;
use crate::cert::pfx::{CertInfo, MAX_PFX_SIZE, Problem};
use crate::cert::progress::{CertificateRecord, Progress};
use crate::cert::{Error, Password, fsutil, pfx};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use time::OffsetDateTime;
use zeroize::Zeroizing;

/// A verified, kept certificate file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub info: CertInfo,
    pub kept: PathBuf,
    pub sha256: String,
    pub problems: Vec<Problem>,
    /// The roots its import will add to Root: (name, grouped thumbprint).
    pub roots: Vec<(String, String)>,
    /// The recorded current certificate ends later than this one (its end
    /// date): this file is recorded as an older one, not as the current.
    pub older_than: Option<OffsetDateTime>,
    pub at: OffsetDateTime,
}

/// The folder of kept copies inside the profile folder.
pub const KEPT_DIR: &str = "certificates";

/// Where a certificate's kept copy goes: one file per thumbprint, so
/// verifying another file never overwrites the current one's copy.
pub fn kept_path(keep_dir: &Path, thumbprint: &str) -> PathBuf {
    keep_dir
        .join(KEPT_DIR)
        .join(format!("{}.p12", pfx::normalize_thumbprint(thumbprint)))
}

/// Open and verify `path`, keep a copy. `current` is the profile's
/// recorded certificate (the not-after rule); `cancel`, when set, stops
/// the work before the next key derivation and before anything is
/// written (`Error::Cancelled`).
pub fn verify_and_keep(
    path: &Path,
    password: &Password,
    keep_dir: &Path,
    current: Option<&CertificateRecord>,
    now: OffsetDateTime,
    cancel: Option<&AtomicBool>,
) -> Result<Verified, Error> {
    let bytes = Zeroizing::new(fsutil::read_limited_quiet(path, MAX_PFX_SIZE)?);
    let bundle = pfx::open_cancellable(&bytes, password, cancel)?;
    if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
        return Err(Error::Cancelled);
    }
    let info = bundle.leaf.info.clone();
    let kept = kept_path(keep_dir, &info.sha1_thumbprint);
    // It holds the key: owner-only from creation.
    fsutil::write_private(&kept, &bytes)?;
    let older_than = current
        .filter(|c| {
            !c.sha1_thumbprint
                .eq_ignore_ascii_case(&info.sha1_thumbprint)
                && c.not_after > info.not_after
        })
        .map(|c| c.not_after);
    let mut problems = bundle.problems(now);
    if older_than.is_some() {
        problems.push(Problem::OlderThanCurrent);
    }
    Ok(Verified {
        problems,
        roots: crate::cert::install::roots_to_add(&bundle),
        info,
        kept,
        sha256: pfx::sha256_hex(&bytes),
        older_than,
        at: now,
    })
}

impl Verified {
    pub fn record(&self, p: &mut Progress) {
        let mut c = record::certificate(&self.info, &self.kept, &self.sha256, self.at);
        c.roots = self
            .roots
            .iter()
            .map(|(name, sha1)| crate::cert::progress::RootRecord {
                name: name.clone(),
                sha1_grouped: sha1.clone(),
            })
            .collect();
        // Judged again against the record as it is now (another task may
        // have recorded a newer one since this file was opened).
        let older = p.certificate.as_ref().is_some_and(|cur| {
            !cur.sha1_thumbprint.eq_ignore_ascii_case(&c.sha1_thumbprint)
                && cur.not_after > c.not_after
        });
        if older {
            p.older.retain(|o| o.sha1_thumbprint != c.sha1_thumbprint);
            p.older.push(c);
        } else {
            p.older.retain(|o| o.sha1_thumbprint != c.sha1_thumbprint);
            // The one it replaces is kept in the record as an older one.
            if let Some(prev) = p.certificate.take()
                && !prev
                    .sha1_thumbprint
                    .eq_ignore_ascii_case(&c.sha1_thumbprint)
            {
                p.older.push(prev);
            }
            p.certificate = Some(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::pfx::fixtures::{Identity, IdentitySpec};

    fn file(dir: &Path, name: &str, days: i64) -> (PathBuf, String) {
        let id = Identity::new(&IdentitySpec {
            days_valid: days,
            ..Default::default()
        });
        let path = dir.join(name);
        std::fs::write(&path, id.pkcs12_modern("1234")).unwrap();
        (path, pfx::sha1_thumbprint(&id.leaf_der))
    }

    #[test]
    fn an_older_file_never_becomes_the_current_certificate() {
        let dir = tempfile::tempdir().unwrap();
        let keep = dir.path().join("profile");
        let (new, new_thumb) = file(dir.path(), "new.p12", 1200);
        let (old, old_thumb) = file(dir.path(), "old.p12", 300);
        let pw = Password::new("1234");
        let now = OffsetDateTime::now_utc();
        let mut p = Progress::new("default");
        let v = verify_and_keep(&new, &pw, &keep, p.certificate.as_ref(), now, None).unwrap();
        v.record(&mut p);
        assert_eq!(p.certificate.as_ref().unwrap().sha1_thumbprint, new_thumb);
        // Last year's backup picked by mistake: recorded as what it is.
        let v = verify_and_keep(&old, &pw, &keep, p.certificate.as_ref(), now, None).unwrap();
        assert!(v.problems.contains(&Problem::OlderThanCurrent));
        assert!(v.older_than.is_some());
        v.record(&mut p);
        assert_eq!(p.certificate.as_ref().unwrap().sha1_thumbprint, new_thumb);
        assert_eq!(p.older.len(), 1);
        assert_eq!(p.older[0].sha1_thumbprint, old_thumb);
        // Each kept copy is its own file; the current one's is untouched.
        let current_copy = kept_path(&keep, &new_thumb);
        assert_eq!(p.certificate.as_ref().unwrap().path, current_copy);
        assert_eq!(
            std::fs::read(&current_copy).unwrap(),
            std::fs::read(&new).unwrap()
        );
        assert!(kept_path(&keep, &old_thumb).is_file());
    }

    #[test]
    fn a_newer_file_replaces_the_current_one_which_is_kept_as_older() {
        let dir = tempfile::tempdir().unwrap();
        let keep = dir.path().join("profile");
        let (old, old_thumb) = file(dir.path(), "old.p12", 300);
        let (new, new_thumb) = file(dir.path(), "new.p12", 1200);
        let pw = Password::new("1234");
        let now = OffsetDateTime::now_utc();
        let mut p = Progress::new("default");
        verify_and_keep(&old, &pw, &keep, None, now, None)
            .unwrap()
            .record(&mut p);
        let v = verify_and_keep(&new, &pw, &keep, p.certificate.as_ref(), now, None).unwrap();
        assert!(v.older_than.is_none());
        v.record(&mut p);
        assert_eq!(p.certificate.as_ref().unwrap().sha1_thumbprint, new_thumb);
        assert_eq!(p.older[0].sha1_thumbprint, old_thumb);
    }

    #[test]
    fn a_cancelled_verify_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let keep = dir.path().join("profile");
        let (f, thumb) = file(dir.path(), "f.p12", 1200);
        let stop = AtomicBool::new(true);
        let r = verify_and_keep(
            &f,
            &Password::new("1234"),
            &keep,
            None,
            OffsetDateTime::now_utc(),
            Some(&stop),
        );
        assert!(matches!(r, Err(Error::Cancelled)));
        assert!(!kept_path(&keep, &thumb).exists());
    }
}
