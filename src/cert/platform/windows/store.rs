//! The Windows current-user certificate store through CryptoAPI.
//!
//! Import follows the Windows import wizard with the help page's choices:
//! `PFXImportCertStore` with CRYPT_EXPORTABLE (exportable on),
//! PKCS12_INCLUDE_EXTENDED_PROPERTIES (all extended properties on),
//! CRYPT_USER_KEYSET (current user) and without CRYPT_USER_PROTECTED
//! (strong key protection off); then each certificate goes to the store
//! its type calls for: with a key to MY, self-signed to Root, other CA
//! certificates to CA.

use super::handles::{ENCODING, Store, enumerate, find_by_thumb, open_system};
use super::keys::{
    acquire_key, delete_key_container, export_via_key_blob, key_exportable, key_signs, pfx_export,
};
use super::{last_error, wide};
use crate::cert::error::{Error, Result};
use crate::cert::fsutil;
use crate::cert::password::Password;
use crate::cert::pfx::{CertInfo, KeyMatch, normalize_thumbprint};
use crate::cert::store::{
    CertStore, ExportReport, InstallOptions, InstallReport, Placement, StoreKind, StoreName,
    StoredCert, Verification, open_for_install, plan_placement,
};
use std::path::Path;
use std::ptr::{null, null_mut};
use time::OffsetDateTime;
use windows_sys::Win32::Security::Cryptography::*;
use zeroize::Zeroizing;

/// The current user's certificate stores.
#[derive(Debug, Clone, Default)]
pub struct WindowsStore;

impl WindowsStore {
    pub fn current_user() -> Self {
        WindowsStore
    }
}

impl CertStore for WindowsStore {
    fn kind(&self) -> StoreKind {
        StoreKind::WindowsCurrentUser
    }

    fn install(
        &self,
        pfx_bytes: &[u8],
        password: &Password,
        options: &InstallOptions,
    ) -> Result<InstallReport> {
        // Our own check first: nothing below runs for a wrong password,
        // a corrupt file or a file without a key.
        let bundle = open_for_install(pfx_bytes, password)?;
        let leaf_thumb = bundle.leaf.info.sha1_thumbprint.clone();
        let my = open_system(StoreName::My, false)?;
        let already_installed = find_by_thumb(&my, &leaf_thumb)
            .is_some_and(|c| c.has_property(CERT_KEY_PROV_INFO_PROP_ID));

        let mut flags = CRYPT_USER_KEYSET;
        if options.exportable {
            flags |= CRYPT_EXPORTABLE;
        }
        if options.include_extended_properties {
            flags |= PKCS12_INCLUDE_EXTENDED_PROPERTIES;
        }
        if options.strong_key_protection {
            flags |= CRYPT_USER_PROTECTED;
        }
        let wpw = Zeroizing::new(wide(password.expose()));
        let blob = CRYPT_INTEGER_BLOB {
            cbData: pfx_bytes.len() as u32,
            pbData: pfx_bytes.as_ptr().cast_mut(),
        };
        let imported = if already_installed {
            None
        } else {
            // SAFETY: the blob (pointing at `pfx_bytes`, which the call only
            // reads) and the NUL-terminated password outlive the call; the
            // store handle returned is owned by `Store` below.
            let mut h = unsafe { PFXImportCertStore(&blob, wpw.as_ptr(), flags) };
            if h.is_null() && flags & PKCS12_INCLUDE_EXTENDED_PROPERTIES != 0 {
                // wine's crypt32 refuses this flag (Windows has it since
                // Vista): import without it rather than not at all. Our own
                // check above already proved password and contents.
                // SAFETY: as above.
                h = unsafe {
                    PFXImportCertStore(
                        &blob,
                        wpw.as_ptr(),
                        flags & !PKCS12_INCLUDE_EXTENDED_PROPERTIES,
                    )
                };
            }
            if h.is_null() {
                return Err(last_error("PFXImportCertStore"));
            }
            Some(Store(h))
        };

        let mut placements = Vec::new();
        let mut root_added = false;
        let imported_ctxs = imported.as_ref().map(enumerate).unwrap_or_default();
        for (cert, store_name) in plan_placement(&bundle) {
            let thumb = cert.info.sha1_thumbprint.clone();
            let target = open_system(store_name, false)?;
            let present = find_by_thumb(&target, &thumb).is_some_and(|c| {
                store_name != StoreName::My || c.has_property(CERT_KEY_PROV_INFO_PROP_ID)
            });
            if !present {
                // The imported context carries the key link for the leaf;
                // CA certificates are added from their DER.
                let source = imported_ctxs
                    .iter()
                    .find(|c| c.der() == cert.der.as_slice());
                // SAFETY: a live target store, a live context or DER buffer
                // with its length; no out context wanted.
                let ok = unsafe {
                    match source {
                        Some(ctx) => CertAddCertificateContextToStore(
                            target.0,
                            ctx.0,
                            CERT_STORE_ADD_REPLACE_EXISTING,
                            null_mut(),
                        ),
                        None => CertAddEncodedCertificateToStore(
                            target.0,
                            ENCODING,
                            cert.der.as_ptr(),
                            cert.der.len() as u32,
                            CERT_STORE_ADD_USE_EXISTING,
                            null_mut(),
                        ),
                    }
                };
                if ok == 0 {
                    return Err(last_error(&format!(
                        "adding to {}",
                        store_name.system_name()
                    )));
                }
                root_added |= store_name == StoreName::Root;
            }
            placements.push(Placement {
                sha1_thumbprint: thumb,
                subject: cert.info.subject.clone(),
                store: store_name,
                added: !present,
            });
        }
        drop(imported_ctxs);
        drop(imported);
        let verification = self.verify(&leaf_thumb)?;
        Ok(InstallReport {
            leaf: bundle.leaf.info.clone(),
            placements,
            already_installed,
            root_added,
            verification,
        })
    }

    fn list(&self, stores: &[StoreName]) -> Result<Vec<StoredCert>> {
        let mut out = Vec::new();
        for &name in stores {
            let store = open_system(name, true)?;
            for ctx in enumerate(&store) {
                let Ok(info) = CertInfo::from_der(ctx.der()) else {
                    continue; // a certificate we cannot parse is not ours
                };
                let has_key = ctx.has_property(CERT_KEY_PROV_INFO_PROP_ID);
                let exportable = has_key && acquire_key(&ctx).is_some_and(|p| key_exportable(&p));
                out.push(StoredCert {
                    info,
                    store: name,
                    has_private_key: has_key,
                    key_exportable: exportable,
                });
            }
        }
        Ok(out)
    }

    fn remove(&self, thumbprint: &str, delete_key: bool) -> Result<Vec<StoreName>> {
        let mut removed = Vec::new();
        for name in StoreName::ALL {
            let store = open_system(name, false)?;
            while let Some(ctx) = find_by_thumb(&store, thumbprint) {
                // CertDeleteCertificateFromStore frees the context it is
                // given, so hand it a duplicate and let `ctx` drop ours.
                let dup = ctx.duplicate();
                // SAFETY: `dup` is a live context we own; the call frees it
                // (success or not), so it is forgotten, never dropped.
                let ok = unsafe { CertDeleteCertificateFromStore(dup.0) };
                std::mem::forget(dup);
                if ok == 0 {
                    return Err(last_error("CertDeleteCertificateFromStore"));
                }
                // The key only after its certificate is gone, and only when
                // asked (its export was proven): `ctx`, our own reference,
                // still names the container.
                if name == StoreName::My && delete_key {
                    delete_key_container(&ctx, &store);
                }
                if !removed.contains(&name) {
                    removed.push(name);
                }
            }
            if removed.contains(&name) {
                // Write the deletion through now (wine keeps it in memory
                // otherwise); harmless on Windows, which commits at once.
                // SAFETY: a live store handle.
                unsafe {
                    CertControlStore(store.0, 0, CERT_STORE_CTRL_COMMIT, null());
                }
            }
        }
        Ok(removed)
    }

    fn export(&self, thumbprint: &str, dir: &Path, password: &Password) -> Result<ExportReport> {
        let thumb = normalize_thumbprint(thumbprint);
        let mut found = None;
        for name in StoreName::ALL {
            let store = open_system(name, true)?;
            if let Some(ctx) = find_by_thumb(&store, &thumb) {
                found = Some((name, ctx));
                break;
            }
        }
        let Some((name, ctx)) = found else {
            return Err(Error::NotInStore(thumb));
        };
        let certificate = dir.join(format!("{thumb}.cer"));
        fsutil::write_atomic(&certificate, ctx.der())?;
        let exportable = name == StoreName::My
            && ctx.has_property(CERT_KEY_PROV_INFO_PROP_ID)
            && acquire_key(&ctx).is_some_and(|p| key_exportable(&p));
        let mut pkcs12 = None;
        if exportable {
            let bytes = match pfx_export(&ctx, password) {
                Ok(b) => b,
                // wine's PFXExportCertStoreEx is a stub: build the PKCS#12
                // ourselves from the exported key (works on Windows too).
                Err(first) => export_via_key_blob(&ctx, password).ok_or(first)?,
            };
            // Keep only a PKCS#12 whose key proves to be this certificate's
            // (wine keeps every imported key in one container, so an older
            // certificate there can point at a newer key).
            let proven = crate::cert::pfx::open(&bytes, password).is_ok_and(|b| {
                b.key_match == KeyMatch::Matches && b.leaf.info.sha1_thumbprint == thumb
            });
            if proven {
                let path = dir.join(format!("{thumb}.pfx"));
                fsutil::write_private(&path, &bytes)?;
                pkcs12 = Some(path);
            }
        }
        Ok(ExportReport {
            certificate,
            pkcs12,
        })
    }

    fn verify(&self, thumbprint: &str) -> Result<Verification> {
        let my = open_system(StoreName::My, true)?;
        let Some(ctx) = find_by_thumb(&my, thumbprint) else {
            return Ok(Verification::absent());
        };
        let info = CertInfo::from_der(ctx.der())?;
        let prov = acquire_key(&ctx);
        let key_signs = match &prov {
            Some(p) => key_signs(&ctx, p),
            None => KeyMatch::Mismatch,
        };
        let mut cas: Vec<Vec<u8>> = Vec::new();
        for name in [StoreName::Ca, StoreName::Root] {
            let s = open_system(name, true)?;
            cas.extend(enumerate(&s).iter().map(|c| c.der().to_vec()));
        }
        let now = OffsetDateTime::now_utc();
        Ok(Verification {
            in_my: true,
            has_private_key: ctx.has_property(CERT_KEY_PROV_INFO_PROP_ID) && prov.is_some(),
            key_signs,
            chain_complete: crate::cert::store::file::chain_complete_from(ctx.der(), &cas),
            valid_now: !info.is_expired(now) && !info.is_not_yet_valid(now),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::store::contract;

    #[test]
    fn windows_store_passes_the_contract() {
        // One test, in sequence: both parts use the real current-user store.
        let dir = tempfile::tempdir().unwrap();
        let store = WindowsStore::current_user();
        contract::run_all(&store, dir.path());
        contract::run_cleanup(&store, dir.path());
    }
}
