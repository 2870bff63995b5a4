//! Old certificates in the Personal (MY) store: expired ones, and ones
//! superseded by the certificate just installed (same subject and issuer,
//! an earlier end date). Old certificates left in the store occasionally
//! break the OQS connection (DOMAIN.md, Chapter 3).
//!
//! Nothing is removed without being exported first: the certificate (and
//! its key, where exportable) goes to a quarantine folder under the data
//! directory, so a wrong removal can always be undone.

use super::error::{Error, Result};
use super::fsutil;
use super::password::Password;
use super::pfx::normalize_thumbprint;
use super::store::{CertStore, ExportReport, StoreName, StoredCert};
use serde::Serialize;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OldReason {
    /// Its end date has passed.
    Expired,
    /// The new certificate has the same subject and issuer and ends later.
    Superseded,
}

impl OldReason {
    pub fn id(self) -> &'static str {
        match self {
            OldReason::Expired => "expired",
            OldReason::Superseded => "superseded",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OldCert {
    #[serde(flatten)]
    pub cert: StoredCert,
    pub reason: OldReason,
}

/// Old certificates in MY at `now`, oldest first. `current` is the
/// thumbprint of the certificate just installed: it is never listed, and
/// certificates it supersedes are. Without it only expired ones are.
pub fn find_old(
    store: &dyn CertStore,
    current: Option<&str>,
    now: OffsetDateTime,
) -> Result<Vec<OldCert>> {
    let mine = store.list(&[StoreName::My])?;
    let current = current.map(normalize_thumbprint);
    let newest = current
        .as_ref()
        .and_then(|t| mine.iter().find(|c| &c.info.sha1_thumbprint == t))
        .cloned();
    let mut out: Vec<OldCert> = mine
        .into_iter()
        .filter(|c| Some(&c.info.sha1_thumbprint) != current.as_ref())
        .filter_map(|c| {
            let superseded = newest.as_ref().is_some_and(|n| {
                n.info.subject == c.info.subject
                    && n.info.issuer == c.info.issuer
                    && n.info.not_after > c.info.not_after
            });
            let reason = if c.info.is_expired(now) {
                OldReason::Expired
            } else if superseded {
                OldReason::Superseded
            } else {
                return None;
            };
            Some(OldCert { cert: c, reason })
        })
        .collect();
    out.sort_by_key(|o| o.cert.info.not_after);
    Ok(out)
}

/// One certificate taken out of the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    pub sha1_thumbprint: String,
    pub subject: String,
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    pub reason: OldReason,
    pub export: ExportReport,
    pub removed_from: Vec<StoreName>,
}

/// What `cleanup` did: those removed, and the first one that failed (the
/// rest were left alone).
#[derive(Debug)]
pub struct CleanupReport {
    pub quarantine: PathBuf,
    pub removed: Vec<Removed>,
    pub failed: Option<(String, Error)>,
}

/// `<profile dir>/quarantine/<UTC stamp>`: one folder per clean-up.
pub fn quarantine_dir(profile_dir: &Path, now: OffsetDateTime) -> PathBuf {
    let stamp = format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    profile_dir.join("quarantine").join(stamp)
}

/// A note beside the exports, in both languages. It names the password
/// only as "the 4-digit certificate password", never its value.
const QUARANTINE_README: &str = "\u{feff}oqscert: 古い証明書の控え (Old certificates set aside)\r\n\
\r\n\
このフォルダーには、証明書ストアから削除した古い証明書の控えがあります。\r\n\
.cer は証明書だけ、.pfx は秘密キー付きの証明書です。.pfx のパスワードは、\r\n\
削除したときに使っていた電子証明書の4桁のパスワードです。\r\n\
元に戻すには .pfx をダブルクリックして取り込んでください。\r\n\
\r\n\
This folder holds copies of old certificates removed from the certificate\r\n\
store. .cer files are the certificate alone; .pfx files include the private\r\n\
key and are protected by the 4-digit certificate password in use when they\r\n\
were removed. To restore one, double-click the .pfx file.\r\n";

/// Export each old certificate to `quarantine` (the PKCS#12 protected by
/// `password`), then remove it from the store. A certificate whose export
/// fails is not removed, and the clean-up stops there. `on_step` is told
/// (done, total) as each one finishes, for a progress display.
pub fn cleanup(
    store: &dyn CertStore,
    old: &[OldCert],
    quarantine: &Path,
    password: &Password,
    mut on_step: impl FnMut(usize, usize),
) -> CleanupReport {
    let mut report = CleanupReport {
        quarantine: quarantine.to_path_buf(),
        removed: Vec::new(),
        failed: None,
    };
    if old.is_empty() {
        return report;
    }
    if let Err(e) =
        fsutil::write_atomic(&quarantine.join("README.txt"), QUARANTINE_README.as_bytes())
    {
        report.failed = Some((String::new(), e));
        return report;
    }
    for (i, o) in old.iter().enumerate() {
        let thumb = o.cert.info.sha1_thumbprint.clone();
        let step = store
            .export(&thumb, quarantine, password)
            .and_then(|export| {
                // The copy must be readable before the original goes.
                let cer = std::fs::read(&export.certificate).map_err(|source| Error::Read {
                    path: export.certificate.clone(),
                    source,
                })?;
                if super::pfx::sha1_thumbprint(&cer) != thumb {
                    return Err(Error::Store(format!(
                        "the exported copy of {thumb} does not match it"
                    )));
                }
                // The key goes only when a copy of it was saved above; the
                // certificate alone is always recoverable from its .cer.
                let removed_from = store.remove(&thumb, export.pkcs12.is_some())?;
                Ok(Removed {
                    sha1_thumbprint: thumb.clone(),
                    subject: o.cert.info.subject.clone(),
                    not_after: o.cert.info.not_after,
                    reason: o.reason,
                    export,
                    removed_from,
                })
            });
        match step {
            Ok(r) => report.removed.push(r),
            Err(e) => {
                report.failed = Some((thumb, e));
                break;
            }
        }
        on_step(i + 1, old.len());
    }
    report
}
