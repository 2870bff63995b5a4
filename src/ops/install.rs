//! Install-and-record: put the certificate into the store (or, when it is
//! already there with its key, only verify it) and record the install.

use super::record;
use crate::cert::pfx::MAX_PFX_SIZE;
use crate::cert::progress::{ChapterState, Progress};
use crate::cert::store::{CertStore, InstallOptions, InstallReport, StoreKind, StoreName};
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
/// whether an expired certificate may be installed, and a root that
/// oqscert does not know put into Root (each asked for explicitly).
pub struct Request<'a> {
    pub bytes: &'a [u8],
    pub file: &'a Path,
    pub password: &'a Password,
    pub allow_expired: bool,
    /// The person was told the root is not a known one (the wizard's
    /// 画面 3-3, the CLI's `--trust-root`).
    pub trust_new_root: bool,
}

/// The roots this install would add to Root that are neither there
/// already nor known OQS roots (codes.toml `[oqs_roots]`): (name, grouped
/// thumbprint). Only chain roots whose signatures verified are planned.
pub fn unknown_new_roots(
    store: &dyn CertStore,
    bundle: &pfx::Bundle,
) -> Result<Vec<(String, String)>, Error> {
    let roots = crate::cert::install::roots_to_add(bundle);
    if roots.is_empty() {
        return Ok(roots);
    }
    let present = store.list(&[StoreName::Root])?;
    let known = &crate::cert::codes::codes().oqs_roots;
    Ok(roots
        .into_iter()
        .filter(|(_, sha1)| {
            let t = pfx::normalize_thumbprint(sha1);
            !known.knows(&t) && !present.iter().any(|c| c.info.sha1_thumbprint == t)
        })
        .collect())
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
    let bundle = pfx::open(bytes, password)?;
    let end = bundle.leaf.info.not_after;
    if !req.allow_expired && end <= now {
        return Err(Error::Expired(crate::i18n::jst(end)));
    }
    // A root nobody vouched for goes to Root only when asked for.
    if !req.trust_new_root
        && let Some((name, sha1)) = unknown_new_roots(store, &bundle)?.into_iter().next()
    {
        return Err(Error::RootNotKnown {
            name,
            thumbprint: sha1,
        });
    }
    drop(bundle);
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
