//! Verify-and-keep: open the downloaded file with the password, verify it,
//! keep a copy in the profile folder (`certificate.p12`) so later steps
//! never depend on the Downloads folder, and record it.

use super::record;
use crate::cert::pfx::{CertInfo, MAX_PFX_SIZE, Problem};
use crate::cert::progress::Progress;
use crate::cert::{Error, Password, fsutil, pfx};
use std::path::{Path, PathBuf};
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
    pub at: OffsetDateTime,
}

/// The kept copy's name inside the profile folder.
pub const KEPT_NAME: &str = "certificate.p12";

pub fn verify_and_keep(
    path: &Path,
    password: &Password,
    keep_dir: &Path,
    now: OffsetDateTime,
) -> Result<Verified, Error> {
    let bytes = Zeroizing::new(fsutil::read_limited_quiet(path, MAX_PFX_SIZE)?);
    let bundle = pfx::open(&bytes, password)?;
    let kept = keep_dir.join(KEPT_NAME);
    // It holds the key: owner-only from creation.
    fsutil::write_private(&kept, &bytes)?;
    Ok(Verified {
        problems: bundle.problems(now),
        roots: crate::cert::install::roots_to_add(&bundle),
        info: bundle.leaf.info.clone(),
        kept,
        sha256: pfx::sha256_hex(&bytes),
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
        p.certificate = Some(c);
    }
}
