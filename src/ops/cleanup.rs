//! Cleanup-and-record: old certificates (expired, or superseded by the one
//! just installed) are exported to the quarantine folder, proven, then
//! removed; each removal is recorded.

use super::{Failure, record};
use crate::cert::Password;
use crate::cert::cleanup::{Kept, OldCert, Removed, cleanup, find_old as find, quarantine_dir};
use crate::cert::progress::Progress;
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

pub fn cleanup_and_record(
    store: &dyn CertStore,
    old: &[OldCert],
    profile_dir: &Path,
    password: &Password,
    now: OffsetDateTime,
    on_step: impl FnMut(usize, usize),
) -> CleanedUp {
    let quarantine = quarantine_dir(profile_dir, now);
    let r = cleanup(store, old, &quarantine, password, on_step);
    CleanedUp {
        quarantine: r.quarantine,
        removed: r.removed,
        kept: r.kept,
        failed: r.failed.map(|(t, e)| (t, Failure::from(e))),
        at: now,
    }
}

impl CleanedUp {
    pub fn record(&self, p: &mut Progress) {
        p.removed
            .extend(self.removed.iter().map(|r| record::removed(r, self.at)));
    }
}
