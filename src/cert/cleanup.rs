//! Old certificates in the Personal (MY) store: expired ones, and ones
//! superseded by the certificate just installed (same subject and issuer,
//! an earlier end date). Old certificates left in the store occasionally
//! break the OQS connection (DOMAIN.md, Chapter 3).
//!
//! Nothing is removed that cannot be restored: the certificate goes to a
//! quarantine folder under the data directory first, read back and
//! compared. A certificate with a private key is removed only when the key
//! was exported and the export proven (it opens with the password and the
//! key signs for the certificate), and only under a password proven to be
//! one the clinic has ([`ProvenPassword`]: it opens a certificate file the
//! clinic keeps, or the person typed it twice); a key that cannot be
//! exported (the Windows import wizard leaves "exportable" off by default)
//! is kept, with its certificate, untouched. Only certificates of the OQS
//! issuers are ever candidates, and a superseded one that is still valid
//! only when picked on its own (another program may use it).

use super::error::{Error, Result};
use super::fsutil;
use super::password::Password;
use super::pfx::normalize_thumbprint;
use super::store::{CertStore, ExportReport, StoreName, StoredCert};
use serde::Serialize;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// The folder, in a profile's folder, that keeps the copies of removed
/// certificates (one dated folder per clean-up).
pub const COPIES_DIR: &str = "old-certificates";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OldReason {
    /// Its end date has passed.
    Expired,
    /// The new certificate has the same subject and issuer and ends later;
    /// this one is still valid (another terminal or program may use it).
    Superseded,
    /// Named by its thumbprint (`store remove --delete-key`).
    Chosen,
}

impl OldReason {
    pub fn id(self) -> &'static str {
        match self {
            OldReason::Expired => "expired",
            OldReason::Superseded => "superseded",
            OldReason::Chosen => "chosen",
        }
    }
}

/// What the clean-up will do with an old certificate's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyPlan {
    /// No private key: the certificate is exported, then removed.
    NoKey,
    /// The key is exportable: exported with it and proven, then removed
    /// with its key container.
    Export,
    /// The key is there but cannot be exported: kept, certificate and key
    /// (it does no harm).
    Keep,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OldCert {
    #[serde(flatten)]
    pub cert: StoredCert,
    pub reason: OldReason,
}

impl OldCert {
    /// Still within its validity: listed apart, never removed unless
    /// picked on its own.
    pub fn still_valid(&self) -> bool {
        self.reason == OldReason::Superseded
    }

    pub fn key_plan(&self) -> KeyPlan {
        match (self.cert.has_private_key, self.cert.key_exportable) {
            (false, _) => KeyPlan::NoKey,
            (true, true) => KeyPlan::Export,
            (true, false) => KeyPlan::Keep,
        }
    }
}

/// Why an old certificate was left in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeptWhy {
    /// Its key cannot be exported: removing it would destroy the key.
    KeyNotExportable,
    /// The export did not prove to hold the certificate's key.
    ExportNotProven,
}

/// An old certificate left in the store, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kept {
    pub sha1_thumbprint: String,
    pub subject: String,
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    pub reason: OldReason,
    pub why: KeptWhy,
}

/// How the password that protects the exports was proven.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PasswordProof {
    /// It opens a certificate file the clinic keeps (the profile's kept
    /// copy, or a recorded backup): the clinic has this password.
    OpensFile {
        path: PathBuf,
        sha1_thumbprint: String,
        #[serde(with = "time::serde::rfc3339")]
        not_after: OffsetDateTime,
    },
    /// No such file was at hand: the person typed it twice, four digits.
    TypedTwice,
}

/// A password that may protect the exports of keys which are then deleted:
/// proven to open a copy the clinic has, or typed twice. A typo (1243 for
/// 1234) or an empty line would otherwise give exports nobody can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvenPassword {
    password: Password,
    pub proof: PasswordProof,
}

impl ProvenPassword {
    /// The password opens the first of `files` that it can (the profile's
    /// kept copy, then the backups). `Error::NoFileToProve` when none of
    /// them can be read (the caller asks twice instead);
    /// `Error::PasswordNotProven` when one was read and the password does
    /// not open it.
    pub fn by_file(password: &Password, files: &[PathBuf]) -> Result<ProvenPassword> {
        let mut tried = None;
        for path in files {
            let bytes = match fsutil::read_limited_quiet(path, super::pfx::MAX_PFX_SIZE) {
                Ok(b) => zeroize::Zeroizing::new(b),
                Err(_) => continue,
            };
            match super::pfx::open(&bytes, password) {
                Ok(b) => {
                    return Ok(ProvenPassword {
                        password: password.clone(),
                        proof: PasswordProof::OpensFile {
                            path: path.clone(),
                            sha1_thumbprint: b.leaf.info.sha1_thumbprint.clone(),
                            not_after: b.leaf.info.not_after,
                        },
                    });
                }
                Err(Error::WrongPassword) => {
                    tried.get_or_insert_with(|| path.clone());
                }
                // A damaged copy proves nothing either way: try the next.
                Err(_) => {}
            }
        }
        match tried {
            Some(path) => Err(Error::PasswordNotProven { path }),
            None => Err(Error::NoFileToProve),
        }
    }

    /// Typed twice: both the same, and four digits.
    pub fn typed_twice(first: &Password, second: &Password) -> Result<ProvenPassword> {
        if !first.is_four_digits() || first != second {
            return Err(Error::PasswordsDiffer);
        }
        Ok(ProvenPassword {
            password: first.clone(),
            proof: PasswordProof::TypedTwice,
        })
    }

    pub fn password(&self) -> &Password {
        &self.password
    }
}

/// The issuers whose certificates may be cleaned up: the known OQS ones
/// (codes.toml) and the issuer of the certificate just installed.
pub fn oqs_issuers(current_issuer: Option<&str>) -> Vec<String> {
    let mut out = super::codes::codes().oqs_issuers.names.clone();
    out.extend(current_issuer.map(str::to_string));
    out
}

/// Old certificates in MY at `now`, oldest first. `current` is the
/// thumbprint of the certificate just installed: it is never listed, and
/// certificates it supersedes are. Only certificates of an OQS issuer
/// (known ones, and the current certificate's) are candidates: without a
/// current certificate and with no known issuer, nothing is offered.
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
    let issuers = oqs_issuers(newest.as_ref().map(|n| n.info.issuer.as_str()));
    let mut out: Vec<OldCert> = mine
        .into_iter()
        .filter(|c| Some(&c.info.sha1_thumbprint) != current.as_ref())
        .filter(|c| issuers.contains(&c.info.issuer))
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
    /// Empty: the export was written, but the removal failed (it is still
    /// in the store).
    pub removed_from: Vec<StoreName>,
}

/// The one that stopped a clean-up, and what of it was already written.
#[derive(Debug)]
pub struct Failed {
    pub sha1_thumbprint: String,
    pub error: Error,
    /// Its export, when the failure came after it (the removal), as a
    /// `Removed` with no store in `removed_from`: recorded, so the
    /// progress says where the copy of a certificate still in the store is.
    pub exported: Option<Removed>,
}

/// What `cleanup` did: those removed, those kept (and why), and the first
/// one that failed (the rest were left alone).
#[derive(Debug)]
pub struct CleanupReport {
    pub quarantine: PathBuf,
    pub removed: Vec<Removed>,
    pub kept: Vec<Kept>,
    pub failed: Option<Failed>,
}

/// `<profile dir>/old-certificates/<UTC stamp>`: one folder per clean-up.
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
    // A folder name a receptionist can read when 3-7 shows the path (the
    // JSON field keeps its name, `quarantine`).
    profile_dir.join(COPIES_DIR).join(stamp)
}

/// A note beside the exports, in both languages, naming which password
/// protects the `.pfx` files (never its value).
fn quarantine_readme(proof: &PasswordProof) -> String {
    let (ja, en) = match proof {
        PasswordProof::OpensFile {
            path,
            sha1_thumbprint,
            not_after,
        } => {
            let date = super::jst::iso_day(*not_after);
            (
                format!(
                    "有効期限が {date} の電子証明書（拇印 {sha1_thumbprint}）の4桁のパスワードです。\r\n\
                     このパスワードで {} を開けることを確かめてから保存しました。",
                    path.display()
                ),
                format!(
                    "the 4-digit password of the certificate valid until {date}\r\n\
                     (thumbprint {sha1_thumbprint}); it was proven to open\r\n{} first.",
                    path.display()
                ),
            )
        }
        PasswordProof::TypedTwice => (
            "削除のときに2回入力して確かめた4桁のパスワードです。紙に書いたパスワードと\r\n\
             見比べてください。"
                .to_string(),
            "the 4-digit password typed twice when they were removed; compare it\r\n\
             with the one written on paper."
                .to_string(),
        ),
    };
    format!(
        "\u{feff}oqscert: 古い証明書の控え (Old certificates set aside)\r\n\
\r\n\
このフォルダーには、証明書ストアから削除した古い証明書の控えがあります。\r\n\
.cer は証明書だけ、.pfx は秘密キー付きの証明書です。.pfx のパスワードは、\r\n\
{ja}\r\n\
元に戻すには .pfx をダブルクリックしてインストールしてください。\r\n\
\r\n\
This folder holds copies of old certificates removed from the certificate\r\n\
store. .cer files are the certificate alone; .pfx files include the private\r\n\
key and are protected by {en}\r\n\
To restore one, double-click the .pfx file.\r\n"
    )
}

/// Export each old certificate to `quarantine` (the PKCS#12 protected by
/// `password`), prove the export, then remove it from the store: the
/// certificate first, then (only for a proven key export) its key. A key
/// that cannot be exported, or whose export does not prove, is kept with
/// its certificate. A failed step stops the clean-up there. `on_step` is
/// told (done, total) as each one finishes, for a progress display.
pub fn cleanup(
    store: &dyn CertStore,
    old: &[OldCert],
    quarantine: &Path,
    password: &ProvenPassword,
    mut on_step: impl FnMut(usize, usize),
) -> CleanupReport {
    let mut report = CleanupReport {
        quarantine: quarantine.to_path_buf(),
        removed: Vec::new(),
        kept: Vec::new(),
        failed: None,
    };
    if old.is_empty() {
        return report;
    }
    // The exports hold keys: the folder is owner-only.
    let made = fsutil::create_dir(quarantine, fsutil::Access::Private)
        .map_err(|source| Error::Write {
            path: quarantine.to_path_buf(),
            source,
        })
        .and_then(|()| {
            fsutil::write_atomic(
                &quarantine.join("README.txt"),
                quarantine_readme(&password.proof).as_bytes(),
            )
        });
    if let Err(error) = made {
        report.failed = Some(Failed {
            sha1_thumbprint: String::new(),
            error,
            exported: None,
        });
        return report;
    }
    for (i, o) in old.iter().enumerate() {
        let thumb = o.cert.info.sha1_thumbprint.clone();
        let keep = |why| Kept {
            sha1_thumbprint: thumb.clone(),
            subject: o.cert.info.subject.clone(),
            not_after: o.cert.info.not_after,
            reason: o.reason,
            why,
        };
        match one(store, o, quarantine, password.password()) {
            Ok(Outcome::Removed(r)) => report.removed.push(r),
            Ok(Outcome::Kept(why)) => report.kept.push(keep(why)),
            Err((error, export)) => {
                let exported = export.map(|export| Removed {
                    sha1_thumbprint: thumb.clone(),
                    subject: o.cert.info.subject.clone(),
                    not_after: o.cert.info.not_after,
                    reason: o.reason,
                    export,
                    removed_from: Vec::new(),
                });
                report.failed = Some(Failed {
                    sha1_thumbprint: thumb,
                    error,
                    exported,
                });
                break;
            }
        }
        on_step(i + 1, old.len());
    }
    report
}

enum Outcome {
    Removed(Removed),
    Kept(KeptWhy),
}

/// One old certificate: export, prove, remove (or keep). A failure after
/// the export comes back with it, so where the copy went is recorded.
fn one(
    store: &dyn CertStore,
    o: &OldCert,
    quarantine: &Path,
    password: &Password,
) -> std::result::Result<Outcome, (Error, Option<ExportReport>)> {
    let plan = o.key_plan();
    if plan == KeyPlan::Keep {
        return Ok(Outcome::Kept(KeptWhy::KeyNotExportable));
    }
    let thumb = &o.cert.info.sha1_thumbprint;
    let export = store
        .export(thumb, quarantine, password)
        .map_err(|e| (e, None))?;
    let with_export = |e: Error| (e, Some(export.clone()));
    // The copy must be readable before the original goes.
    let cer =
        fsutil::read_limited(&export.certificate, super::pfx::MAX_PFX_SIZE).map_err(with_export)?;
    if super::pfx::sha1_thumbprint(&cer) != *thumb {
        return Err(with_export(Error::Store(format!(
            "the exported copy of {thumb} does not match it"
        ))));
    }
    let with_key = plan == KeyPlan::Export;
    if with_key && !export_proven(export.pkcs12.as_deref(), thumb, password) {
        return Ok(Outcome::Kept(KeptWhy::ExportNotProven));
    }
    // The certificate first; its key only after that succeeded, and only
    // when the key is safe in a proven export.
    let removed_from = store.remove(thumb, with_key).map_err(with_export)?;
    Ok(Outcome::Removed(Removed {
        sha1_thumbprint: thumb.clone(),
        subject: o.cert.info.subject.clone(),
        not_after: o.cert.info.not_after,
        reason: o.reason,
        export,
        removed_from,
    }))
}

/// The exported PKCS#12 opens with the password, holds this certificate,
/// and its key signs for it.
fn export_proven(pkcs12: Option<&Path>, thumb: &str, password: &Password) -> bool {
    let Some(path) = pkcs12 else {
        return false;
    };
    let Ok(bytes) = fsutil::read_limited(path, super::pfx::MAX_PFX_SIZE) else {
        return false;
    };
    super::pfx::open(&bytes, password).is_ok_and(|b| {
        b.leaf.info.sha1_thumbprint == thumb && b.key_match == super::pfx::KeyMatch::Matches
    })
}

#[cfg(all(test, unix))]
pub(crate) mod tests;
