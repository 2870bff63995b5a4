//! Where an installed certificate lives: one trait, two implementations.
//!
//! - `WindowsStore` (in `cert::platform::windows`, with the other Win32
//!   calls): the current user's system stores through CryptoAPI, with the
//!   options the Windows import wizard would use (exportable, all extended
//!   properties, strong key protection off; store chosen by certificate
//!   type).
//! - `FileStore` (`file.rs`): a folder under the data directory, for Linux
//!   and macOS demos and tests. Same trait, same contract tests.

pub(crate) mod chain;
pub mod file;

#[cfg(windows)]
pub use super::platform::windows::WindowsStore;

use super::Password;
use super::error::{Error, Result};
use super::pfx::{self, Bundle, CertInfo, KeyMatch};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The three current-user stores the import wizard's "automatic" choice
/// uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum StoreName {
    /// 個人 (Personal): end-entity certificates with their keys.
    #[serde(rename = "MY")]
    My,
    /// 中間証明機関 (Intermediate Certification Authorities).
    #[serde(rename = "CA")]
    Ca,
    /// 信頼されたルート証明機関 (Trusted Root Certification Authorities).
    #[serde(rename = "Root")]
    Root,
}

impl StoreName {
    pub const ALL: [StoreName; 3] = [StoreName::My, StoreName::Ca, StoreName::Root];

    /// The Windows system store name.
    pub fn system_name(self) -> &'static str {
        match self {
            StoreName::My => "MY",
            StoreName::Ca => "CA",
            StoreName::Root => "Root",
        }
    }

    pub fn parse(s: &str) -> Option<StoreName> {
        match s.to_ascii_lowercase().as_str() {
            "my" | "personal" => Some(StoreName::My),
            "ca" | "intermediate" => Some(StoreName::Ca),
            "root" => Some(StoreName::Root),
            _ => None,
        }
    }
}

/// The choices of the Windows certificate import wizard (DOMAIN.md,
/// Chapter 3). The defaults are exactly what the help page names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct InstallOptions {
    /// 「このキーをエクスポート可能にする」: on.
    pub exportable: bool,
    /// 「すべての拡張プロパティを含める」: on.
    pub include_extended_properties: bool,
    /// 「秘密キーの保護を強力にする」: off.
    pub strong_key_protection: bool,
}

impl Default for InstallOptions {
    fn default() -> Self {
        InstallOptions {
            exportable: true,
            include_extended_properties: true,
            strong_key_protection: false,
        }
    }
}

/// One certificate found in a store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredCert {
    pub info: CertInfo,
    pub store: StoreName,
    pub has_private_key: bool,
    pub key_exportable: bool,
}

/// What happened to one certificate of the file during install.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placement {
    pub sha1_thumbprint: String,
    pub subject: String,
    pub store: StoreName,
    /// false: it was already there (re-install is idempotent).
    pub added: bool,
}

/// The checks after install: each one a user-visible line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// The certificate is in the current user's Personal (MY) store.
    pub in_my: bool,
    /// A private key is attached to it.
    pub has_private_key: bool,
    /// A challenge signed with the stored key verifies with the
    /// certificate's public key.
    pub key_signs: KeyMatch,
    /// Every CA certificate up to a root is present in CA or Root.
    pub chain_complete: bool,
    /// When it is not: the issuer whose certificate was not found (its
    /// name as the certificates carry it), so the screen can name the one
    /// missing rather than leave "the root is there" and "NG" side by side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_issuer: Option<String>,
    /// Valid today.
    pub valid_now: bool,
}

impl Verification {
    /// The certificate is not in MY at all.
    pub fn absent() -> Self {
        Verification {
            in_my: false,
            has_private_key: false,
            key_signs: KeyMatch::Mismatch,
            chain_complete: false,
            missing_issuer: None,
            valid_now: false,
        }
    }

    pub fn all_ok(&self) -> bool {
        self.in_my
            && self.has_private_key
            && self.key_signs == KeyMatch::Matches
            && self.chain_complete
            && self.valid_now
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstallReport {
    pub leaf: CertInfo,
    pub placements: Vec<Placement>,
    /// The leaf was already installed before this run.
    pub already_installed: bool,
    /// A new root certificate was added (Windows showed its own prompt).
    pub root_added: bool,
    /// Self-signed certificates in the file that are not on the leaf's
    /// chain: not placed anywhere (each would be another Root prompt for a
    /// root this certificate does not need).
    pub ignored: Vec<CertInfo>,
    /// Certificates that claim a place on the chain (they bear the
    /// issuer's name) but whose signature does not verify: never placed.
    pub rejected: Vec<CertInfo>,
    pub verification: Verification,
}

/// Files written by `export`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportReport {
    /// The certificate alone, DER (.cer).
    pub certificate: PathBuf,
    /// Certificate with key as PKCS#12, when the key could be exported.
    pub pkcs12: Option<PathBuf>,
}

/// Where a stored certificate's private key is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyKind {
    /// A legacy CryptoAPI provider (CSP).
    CryptoApi,
    /// A CNG key storage provider.
    Cng,
    /// A file beside the certificate (the folder store).
    File,
}

/// What kind of store this is, for the UI to say so plainly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StoreKind {
    /// The Windows current-user certificate store.
    WindowsCurrentUser,
    /// A folder (Linux/macOS): not a system store.
    Folder,
}

pub trait CertStore {
    fn kind(&self) -> StoreKind;

    /// Import a PKCS#12 file. The file is opened and verified with our own
    /// code first, so a wrong password, corrupt file or missing key fails
    /// before the store is touched.
    fn install(
        &self,
        pfx: &[u8],
        password: &Password,
        options: &InstallOptions,
    ) -> Result<InstallReport>;

    /// Every certificate in the given stores.
    fn list(&self, stores: &[StoreName]) -> Result<Vec<StoredCert>>;

    /// Remove a certificate from every store that has it, the certificate
    /// first; its private key (container) too only when `delete_key` and
    /// the certificate's removal succeeded. Returns the stores it was
    /// removed from (empty: it was not there).
    fn remove(&self, thumbprint: &str, delete_key: bool) -> Result<Vec<StoreName>>;

    /// Write the certificate (`<dir>/<thumbprint>.cer`) and, where the key
    /// is exportable, a PKCS#12 protected by `password`
    /// (`<dir>/<thumbprint>.pfx`).
    fn export(&self, thumbprint: &str, dir: &Path, password: &Password) -> Result<ExportReport>;

    /// Re-open the store and check the installed certificate.
    fn verify(&self, thumbprint: &str) -> Result<Verification>;

    /// Where the certificate's private key is held (`None`: no key found).
    fn key_kind(&self, thumbprint: &str) -> Result<Option<KeyKind>> {
        let _ = thumbprint;
        Ok(None)
    }
}

/// Where each certificate of a bundle goes: the leaf (with its key) to MY,
/// the self-signed root of the leaf's own chain to Root, other CA
/// certificates to CA. Self-signed certificates off the chain
/// ([`ignored_roots`]) and certificates that are neither the leaf nor a CA
/// are left out.
pub fn plan_placement(bundle: &Bundle) -> Vec<(&pfx::Cert, StoreName)> {
    let mut out = vec![(&bundle.leaf, StoreName::My)];
    for c in &bundle.chain {
        if c.info.self_signed {
            out.push((c, StoreName::Root));
        } else if c.info.is_ca {
            out.push((c, StoreName::Ca));
        }
    }
    for c in &bundle.extra {
        if c.info.is_ca && !c.info.self_signed {
            out.push((c, StoreName::Ca));
        }
    }
    out
}

/// Self-signed certificates in the file that are not on the leaf's chain:
/// never placed, reported in `InstallReport::ignored`.
pub fn ignored_roots(bundle: &Bundle) -> Vec<CertInfo> {
    bundle
        .extra
        .iter()
        .filter(|c| c.info.self_signed)
        .map(|c| c.info.clone())
        .collect()
}

/// Certificates of the file whose chain signature did not verify: never
/// placed, reported in `InstallReport::rejected`.
pub fn rejected_certs(bundle: &Bundle) -> Vec<CertInfo> {
    bundle.rejected.iter().map(|c| c.info.clone()).collect()
}

/// Open and check a file for install: our own PKCS#12 code first.
pub(crate) fn open_for_install(pfx_bytes: &[u8], password: &Password) -> Result<Bundle> {
    let bundle = pfx::open(pfx_bytes, password)?;
    if bundle.key_match == KeyMatch::Mismatch {
        return Err(Error::KeyMismatch);
    }
    Ok(bundle)
}

/// The store for this platform: Windows' current-user store on Windows, a
/// folder under the data directory elsewhere.
pub fn platform_store(home: &Path) -> Box<dyn CertStore> {
    #[cfg(windows)]
    {
        let _ = home;
        Box::new(WindowsStore::current_user())
    }
    #[cfg(not(windows))]
    {
        Box::new(file::FileStore::new(home.join("store")))
    }
}

/// Expired certificates in MY at `now`, oldest first.
pub fn expired_in_my(store: &dyn CertStore, now: time::OffsetDateTime) -> Result<Vec<StoredCert>> {
    let mut v: Vec<StoredCert> = store
        .list(&[StoreName::My])?
        .into_iter()
        .filter(|c| c.info.is_expired(now))
        .collect();
    v.sort_by_key(|c| c.info.not_after);
    Ok(v)
}

/// Where a stored certificate's private key lives, as CryptoAPI names it
/// (CERT_KEY_PROV_INFO): enough to tell whether two certificates share
/// one key container. Platform-neutral so the rule is tested everywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyContainer {
    pub container: String,
    pub provider: String,
    /// 0: a CNG key storage provider; otherwise a legacy CSP type.
    pub prov_type: u32,
    /// CRYPT_MACHINE_KEYSET (0x20) set: the machine's keys, not the user's.
    pub machine: bool,
    /// PP_UNIQUE_CONTAINER when the provider gave it: the name of the key
    /// file itself, the same whichever provider name opened it.
    pub unique: Option<String>,
}

impl KeyContainer {
    /// Whether deleting `self` would also delete `other`'s key. Machine and
    /// user keys never meet. The unique names decide where both are known;
    /// otherwise the legacy RSA providers (Base, Strong, Enhanced, AES) keep
    /// their containers in one namespace, so their provider names do not
    /// tell keys apart and only the container name counts (Windows compares
    /// it without regard to case); CNG keys are told apart by provider and
    /// name.
    pub fn same_as(&self, other: &KeyContainer) -> bool {
        if self.machine != other.machine {
            return false;
        }
        if let (Some(a), Some(b)) = (&self.unique, &other.unique) {
            return a.eq_ignore_ascii_case(b);
        }
        let legacy = |k: &KeyContainer| k.prov_type != 0;
        match (legacy(self), legacy(other)) {
            (true, true) => self.container.eq_ignore_ascii_case(&other.container),
            (false, false) => {
                self.provider.eq_ignore_ascii_case(&other.provider)
                    && self.container.eq_ignore_ascii_case(&other.container)
            }
            _ => false,
        }
    }
}

#[cfg(test)]
pub(crate) mod contract;

#[cfg(test)]
mod key_container_tests {
    use super::KeyContainer;

    fn legacy(container: &str, provider: &str) -> KeyContainer {
        KeyContainer {
            container: container.into(),
            provider: provider.into(),
            prov_type: 1,
            machine: false,
            unique: None,
        }
    }

    #[test]
    fn the_legacy_rsa_providers_share_one_namespace() {
        let base = legacy("le-oqs-1234", "Microsoft Base Cryptographic Provider v1.0");
        let enhanced = legacy(
            "LE-OQS-1234",
            "Microsoft Enhanced Cryptographic Provider v1.0",
        );
        assert!(
            base.same_as(&enhanced),
            "same container under another provider name"
        );
        assert!(!base.same_as(&legacy(
            "le-oqs-5678",
            "Microsoft Base Cryptographic Provider v1.0"
        )));
    }

    #[test]
    fn machine_keys_and_user_keys_never_meet() {
        let user = legacy(
            "le-oqs-1234",
            "Microsoft Enhanced Cryptographic Provider v1.0",
        );
        let machine = KeyContainer {
            machine: true,
            ..user.clone()
        };
        assert!(!user.same_as(&machine));
        assert!(machine.same_as(&machine.clone()));
    }

    #[test]
    fn unique_names_decide_when_both_are_known() {
        let a = KeyContainer {
            unique: Some("8b2f_machineguid".into()),
            ..legacy("one", "p")
        };
        let b = KeyContainer {
            unique: Some("8B2F_MACHINEGUID".into()),
            ..legacy("two", "q")
        };
        assert!(a.same_as(&b));
        let c = KeyContainer {
            unique: Some("other".into()),
            ..legacy("one", "p")
        };
        assert!(!a.same_as(&c));
    }

    #[test]
    fn cng_keys_are_told_apart_by_provider_and_name() {
        let cng = |p: &str, c: &str| KeyContainer {
            prov_type: 0,
            ..legacy(c, p)
        };
        let ksp = "Microsoft Software Key Storage Provider";
        assert!(cng(ksp, "k1").same_as(&cng(ksp, "K1")));
        assert!(!cng(ksp, "k1").same_as(&cng("Microsoft Smart Card Key Storage Provider", "k1")));
        assert!(!cng(ksp, "k1").same_as(&legacy("k1", ksp)));
    }
}
