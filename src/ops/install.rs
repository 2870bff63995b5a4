//! Install-and-record: put the certificate into the store (or, when it is
//! already there with its key, only verify it) and record the install.

use super::record;
use crate::cert::pfx::MAX_PFX_SIZE;
use crate::cert::progress::{ChapterState, Progress};
use crate::cert::store::{CertStore, InstallOptions, InstallReport, StoreKind};
use crate::cert::{Error, Password, fsutil, pfx};
use std::path::{Path, PathBuf};
use time::OffsetDateTime;
use zeroize::Zeroizing;

/// What `Installed::record` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// It is the profile's current certificate now.
    Current,
    /// It ends earlier than the current one, which stays current.
    OlderThanCurrent,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    pub report: InstallReport,
    pub store: StoreKind,
    /// The Windows (or Unix) user that ran the install.
    pub user: String,
    pub at: OffsetDateTime,
    /// The file installed from, and its SHA-256.
    pub file: PathBuf,
    pub sha256: String,
}

/// Read a certificate file for install (size-limited, wiped after use).
pub fn read_file(path: &Path) -> Result<Zeroizing<Vec<u8>>, Error> {
    Ok(Zeroizing::new(fsutil::read_limited_quiet(
        path,
        MAX_PFX_SIZE,
    )?))
}

/// What to install: the file's bytes and where they came from, and
/// whether an expired certificate may be installed (asked for explicitly).
pub struct Request<'a> {
    pub bytes: &'a [u8],
    pub file: &'a Path,
    pub password: &'a Password,
    pub allow_expired: bool,
}

/// Install the file (or verify it is there). An expired certificate is
/// refused unless `allow_expired`: a wrong file from an old stick must not
/// land in the store by accident. `now` is the real clock, never a
/// what-if one: this changes the store.
pub fn install_and_record(
    store: &dyn CertStore,
    req: &Request<'_>,
    user: &str,
    now: OffsetDateTime,
) -> Result<Installed, Error> {
    let (bytes, file, password) = (req.bytes, req.file, req.password);
    if !req.allow_expired {
        let bundle = pfx::open(bytes, password)?;
        let end = bundle.leaf.info.not_after;
        if end <= now {
            return Err(Error::Expired(crate::i18n::jst(end)));
        }
    }
    let report = crate::cert::install::install_or_verify(
        store,
        bytes,
        password,
        &InstallOptions::default(),
    )?;
    Ok(Installed {
        report,
        store: store.kind(),
        user: user.to_string(),
        at: now,
        file: std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf()),
        sha256: pfx::sha256_hex(bytes),
    })
}

impl Installed {
    /// The install, and the certificate when it is not the one Chapter 2
    /// recorded (installed from another file). The chapter stays in
    /// progress (old certificates and the report follow) unless a check
    /// failed. A certificate that ends earlier than the recorded current
    /// one (an old or expired file installed on purpose) never replaces it:
    /// nothing is recorded then, and `record` says so.
    pub fn record(&self, p: &mut Progress) -> Recorded {
        let leaf = &self.report.leaf;
        let current = p
            .install
            .is_some()
            .then_some(p.certificate.as_ref())
            .flatten();
        if current.is_some_and(|c| c.not_after > leaf.not_after) {
            return Recorded::OlderThanCurrent;
        }
        let same = p.certificate.as_ref().is_some_and(|c| {
            c.sha1_thumbprint
                .eq_ignore_ascii_case(&leaf.sha1_thumbprint)
        });
        if !same {
            p.certificate = Some(record::certificate(leaf, &self.file, &self.sha256, self.at));
        }
        p.install = Some(record::install(
            &self.report,
            self.store,
            &self.user,
            self.at,
        ));
        p.chapters.install = if !self.ok() {
            ChapterState::NeedsAttention
        } else if p.chapters.install == ChapterState::Done {
            ChapterState::Done
        } else {
            ChapterState::InProgress
        };
        Recorded::Current
    }

    pub fn ok(&self) -> bool {
        self.report.verification.all_ok()
    }
}
