//! A certificate "store" in a folder, for Linux and macOS (demos, tests):
//! `<root>/{MY,CA,Root}/<THUMBPRINT>.cer`, and beside an MY certificate
//! its key (`.key`, PKCS#8 DER, owner-only permissions) and a small
//! `.toml` with the key's export flag. The UI says plainly that on these
//! systems the certificate is kept in a folder, not a system store.

use super::{
    CertStore, ExportReport, InstallOptions, InstallReport, Placement, StoreKind, StoreName,
    StoredCert, Verification, ignored_roots, open_for_install, plan_placement, rejected_certs,
};
use crate::cert::error::{Error, Result};
use crate::cert::fsutil;
use crate::cert::password::Password;
use crate::cert::pfx::{self, CertInfo, KeyMatch, normalize_thumbprint};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use time::OffsetDateTime;
use zeroize::Zeroizing;

#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

#[derive(Debug, Serialize, Deserialize)]
struct KeyMeta {
    exportable: bool,
}

impl FileStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        FileStore { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn dir(&self, store: StoreName) -> PathBuf {
        self.root.join(store.system_name())
    }

    fn cert_path(&self, store: StoreName, thumb: &str) -> PathBuf {
        self.dir(store).join(format!("{thumb}.cer"))
    }

    fn key_path(&self, thumb: &str) -> PathBuf {
        self.dir(StoreName::My).join(format!("{thumb}.key"))
    }

    fn meta_path(&self, thumb: &str) -> PathBuf {
        self.dir(StoreName::My).join(format!("{thumb}.toml"))
    }

    fn read(path: &Path) -> Result<Vec<u8>> {
        crate::cert::fsutil::read_limited(path, pfx::MAX_PFX_SIZE)
    }

    fn write_key(&self, thumb: &str, pkcs8: &[u8], exportable: bool) -> Result<()> {
        let path = self.key_path(thumb);
        // Owner-only from creation (not chmod afterwards).
        fsutil::write_private(&path, pkcs8)?;
        let meta = toml::to_string(&KeyMeta { exportable }).map_err(|e| Error::Write {
            path: self.meta_path(thumb),
            source: std::io::Error::other(e.to_string()),
        })?;
        fsutil::write_atomic(&self.meta_path(thumb), meta.as_bytes())
    }

    fn key_exportable(&self, thumb: &str) -> bool {
        std::fs::read_to_string(self.meta_path(thumb))
            .ok()
            .and_then(|t| toml::from_str::<KeyMeta>(&t).ok())
            .is_some_and(|m| m.exportable)
    }

    fn find(&self, thumb: &str) -> Vec<StoreName> {
        StoreName::ALL
            .into_iter()
            .filter(|s| self.cert_path(*s, thumb).is_file())
            .collect()
    }

    /// Install with only the stores `into` accepts taken from the plan.
    /// `install` accepts every store; tests leave one out to stand in for
    /// a placement Windows refused (the Root prompt answered "No").
    pub(crate) fn install_into(
        &self,
        pfx_bytes: &[u8],
        password: &Password,
        options: &InstallOptions,
        into: &dyn Fn(StoreName) -> bool,
    ) -> Result<InstallReport> {
        let bundle = open_for_install(pfx_bytes, password)?;
        let leaf_thumb = bundle.leaf.info.sha1_thumbprint.clone();
        // The folder holds private keys: owner-only (an existing one is
        // left as it is).
        fsutil::create_dir(&self.dir(StoreName::My), fsutil::Access::Private).map_err(
            |source| Error::Write {
                path: self.dir(StoreName::My),
                source,
            },
        )?;
        // "Already installed" means its key is there and signs for it: a
        // leaf whose key went missing or is another's is written again
        // (reinstalling from a backup repairs it).
        let already_installed = self.cert_path(StoreName::My, &leaf_thumb).is_file()
            && self.verify(&leaf_thumb)?.key_signs == KeyMatch::Matches;
        let mut placements = Vec::new();
        let mut root_added = false;
        for (cert, store) in plan_placement(&bundle) {
            if !into(store) {
                continue;
            }
            let thumb = &cert.info.sha1_thumbprint;
            // Per certificate: one already in its store is not written again.
            let path = self.cert_path(store, thumb);
            let added = !path.is_file();
            if added {
                fsutil::write_atomic(&path, &cert.der)?;
                root_added |= store == StoreName::Root;
            }
            placements.push(Placement {
                sha1_thumbprint: thumb.clone(),
                subject: cert.info.subject.clone(),
                store,
                added,
            });
        }
        if !already_installed && into(StoreName::My) {
            self.write_key(&leaf_thumb, bundle.key_pkcs8(), options.exportable)?;
        }
        let verification = self.verify(&leaf_thumb)?;
        Ok(InstallReport {
            leaf: bundle.leaf.info.clone(),
            placements,
            already_installed,
            root_added,
            ignored: ignored_roots(&bundle),
            rejected: rejected_certs(&bundle),
            verification,
        })
    }

    fn chain_gap(&self, leaf_der: &[u8]) -> Result<(), Option<String>> {
        let Ok(cas) = self.list(&[StoreName::Ca, StoreName::Root]) else {
            return Err(None);
        };
        let ders: Vec<Vec<u8>> = cas
            .iter()
            .filter_map(|c| Self::read(&self.cert_path(c.store, &c.info.sha1_thumbprint)).ok())
            .collect();
        super::chain::chain_gap(leaf_der, &ders)
    }
}

impl CertStore for FileStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Folder
    }

    fn install(
        &self,
        pfx_bytes: &[u8],
        password: &Password,
        options: &InstallOptions,
    ) -> Result<InstallReport> {
        self.install_into(pfx_bytes, password, options, &|_| true)
    }

    fn list(&self, stores: &[StoreName]) -> Result<Vec<StoredCert>> {
        let mut out = Vec::new();
        for &store in stores {
            let dir = self.dir(store);
            let rd = match std::fs::read_dir(&dir) {
                Ok(rd) => rd,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(source) => return Err(Error::Read { path: dir, source }),
            };
            let mut paths: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "cer"))
                .collect();
            paths.sort();
            for p in paths {
                let der = Self::read(&p)?;
                let info = CertInfo::from_der(&der)?;
                let thumb = info.sha1_thumbprint.clone();
                let has_key = store == StoreName::My && self.key_path(&thumb).is_file();
                out.push(StoredCert {
                    info,
                    store,
                    has_private_key: has_key,
                    key_exportable: has_key && self.key_exportable(&thumb),
                });
            }
        }
        Ok(out)
    }

    fn remove(&self, thumbprint: &str, delete_key: bool) -> Result<Vec<StoreName>> {
        let thumb = normalize_thumbprint(thumbprint);
        let found = self.find(&thumb);
        for &s in &found {
            let p = self.cert_path(s, &thumb);
            std::fs::remove_file(&p).map_err(|source| Error::Write { path: p, source })?;
        }
        // The key (and its flag file) only when asked, after the certificate.
        if delete_key && found.contains(&StoreName::My) {
            for p in [self.key_path(&thumb), self.meta_path(&thumb)] {
                match std::fs::remove_file(&p) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(source) => return Err(Error::Write { path: p, source }),
                }
            }
        }
        Ok(found)
    }

    fn export(&self, thumbprint: &str, dir: &Path, password: &Password) -> Result<ExportReport> {
        let thumb = normalize_thumbprint(thumbprint);
        let Some(&store) = self.find(&thumb).first() else {
            return Err(Error::NotInStore(thumb));
        };
        let der = Self::read(&self.cert_path(store, &thumb))?;
        let certificate = dir.join(format!("{thumb}.cer"));
        fsutil::write_atomic(&certificate, &der)?;
        let mut pkcs12 = None;
        if store == StoreName::My && self.key_exportable(&thumb) {
            let key = Zeroizing::new(Self::read(&self.key_path(&thumb))?);
            let bytes = write_pkcs12(&der, &key, password).map_err(|e| Error::Write {
                path: dir.join(format!("{thumb}.pfx")),
                source: std::io::Error::other(e),
            })?;
            let path = dir.join(format!("{thumb}.pfx"));
            fsutil::write_private(&path, &bytes)?;
            pkcs12 = Some(path);
        }
        Ok(ExportReport {
            certificate,
            pkcs12,
        })
    }

    fn key_kind(&self, thumbprint: &str) -> Result<Option<super::KeyKind>> {
        let thumb = normalize_thumbprint(thumbprint);
        Ok(self
            .key_path(&thumb)
            .is_file()
            .then_some(super::KeyKind::File))
    }

    fn verify(&self, thumbprint: &str) -> Result<Verification> {
        let thumb = normalize_thumbprint(thumbprint);
        let cert_path = self.cert_path(StoreName::My, &thumb);
        if !cert_path.is_file() {
            return Ok(Verification::absent());
        }
        let der = Self::read(&cert_path)?;
        let info = CertInfo::from_der(&der)?;
        let key = match Self::read(&self.key_path(&thumb)) {
            Ok(k) => Some(Zeroizing::new(k)),
            Err(_) => None,
        };
        let key_signs = match &key {
            Some(k) => pfx::key_matches_cert(k, &der),
            None => KeyMatch::Mismatch,
        };
        let now = OffsetDateTime::now_utc();
        let gap = self.chain_gap(&der);
        Ok(Verification {
            in_my: true,
            has_private_key: key.is_some(),
            key_signs,
            chain_complete: gap.is_ok(),
            missing_issuer: gap.err().flatten(),
            valid_now: !info.is_expired(now) && !info.is_not_yet_valid(now),
        })
    }
}

/// A PKCS#12 (AES-256, HMAC-SHA256) with one certificate and its key.
pub(crate) fn write_pkcs12(
    cert_der: &[u8],
    key_pkcs8: &[u8],
    password: &Password,
) -> std::result::Result<Vec<u8>, String> {
    use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
    let cert = Certificate::from_der(cert_der).map_err(|e| e.to_string())?;
    let key = PrivateKey::from_der(key_pkcs8).map_err(|e| e.to_string())?;
    let id = pfx::sha1_thumbprint(cert_der);
    let mut ks = KeyStore::new();
    ks.add_entry(
        &id,
        KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(id.as_bytes(), key, [cert])),
    );
    ks.writer(password.expose())
        .write()
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_store_passes_the_contract() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(dir.path().join("store"));
        super::super::contract::run_all(&store, dir.path());
    }

    #[test]
    fn file_store_install_or_verify_and_cleanup() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(dir.path().join("store"));
        super::super::contract::run_cleanup(&store, dir.path());
    }

    #[test]
    fn remove_keeps_the_key_unless_told() {
        use crate::cert::store::contract::fixture_files;
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(dir.path().join("store"));
        let (modern, _) = fixture_files();
        let pw = Password::new(&modern.password);
        let opts = InstallOptions::default();
        let thumb = store
            .install(&modern.bytes, &pw, &opts)
            .unwrap()
            .leaf
            .sha1_thumbprint;
        assert_eq!(store.remove(&thumb, false).unwrap(), vec![StoreName::My]);
        assert!(store.key_path(&thumb).is_file());
        store.install(&modern.bytes, &pw, &opts).unwrap();
        assert_eq!(store.remove(&thumb, true).unwrap(), vec![StoreName::My]);
        assert!(!store.key_path(&thumb).exists());
        assert!(!store.meta_path(&thumb).exists());
    }

    #[cfg(unix)]
    #[test]
    fn key_file_is_owner_only() {
        use crate::cert::store::contract::fixture_files;
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(dir.path().join("store"));
        let (modern, _) = fixture_files();
        let r = store
            .install(
                &modern.bytes,
                &Password::new(&modern.password),
                &InstallOptions::default(),
            )
            .unwrap();
        let mode = std::fs::metadata(store.key_path(&r.leaf.sha1_thumbprint))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
