//! The Windows current-user certificate store through CryptoAPI.
//!
//! Import follows the Windows import wizard with the help page's choices:
//! `PFXImportCertStore` with CRYPT_EXPORTABLE (exportable on),
//! PKCS12_INCLUDE_EXTENDED_PROPERTIES (all extended properties on),
//! CRYPT_USER_KEYSET (current user) and without CRYPT_USER_PROTECTED
//! (strong key protection off). Each certificate goes to the store its
//! type calls for: the chain's root to Root and other CA certificates to
//! CA first, then the leaf with its key to MY (a refused Root prompt then
//! leaves nothing half-installed).

use super::handles::{ENCODING, enumerate, find_by_thumb, open_system};
use super::import::{add_error, import};
use super::keys::{
    acquire_key, delete_key_container, export_via_key_blob, key_exportable, key_ref, key_signs,
    pfx_export,
};
use super::{last_error, last_error_code};
use crate::cert::error::{Error, Result};
use crate::cert::fsutil;
use crate::cert::password::Password;
use crate::cert::pfx::{self, CertInfo, KeyMatch, normalize_thumbprint};
use crate::cert::store::{
    CertStore, ExportReport, InstallOptions, InstallReport, Placement, StoreKind, StoreName,
    StoredCert, Verification, ignored_roots, open_for_install, plan_placement, rejected_certs,
};
use std::path::Path;
use std::ptr::{null, null_mut};
use time::OffsetDateTime;
use windows_sys::Win32::Security::Cryptography::*;

/// The current user's certificate stores.
#[derive(Debug, Clone, Default)]
pub struct WindowsStore;

impl WindowsStore {
    pub fn current_user() -> Self {
        WindowsStore
    }
}

fn placement(cert: &pfx::Cert, store: StoreName, added: bool) -> Placement {
    Placement {
        sha1_thumbprint: cert.info.sha1_thumbprint.clone(),
        subject: cert.info.subject.clone(),
        store,
        added,
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
        let plan = plan_placement(&bundle);
        let mut placements: Vec<(usize, Placement)> = Vec::new();
        let mut root_added = false;

        // CA and Root before the leaf: Windows asks before it adds a root,
        // and "No" must leave no leaf in MY and no key container behind,
        // so that the next run simply does it again. Each certificate
        // already in its store is left as it is.
        for (i, &(cert, store_name)) in plan.iter().enumerate() {
            if store_name == StoreName::My {
                continue;
            }
            let target = open_system(store_name, false)?;
            let present = find_by_thumb(&target, &cert.info.sha1_thumbprint).is_some();
            if !present {
                // SAFETY: a live target store; the DER buffer with its
                // length; no out context wanted.
                let ok = unsafe {
                    CertAddEncodedCertificateToStore(
                        target.0,
                        ENCODING,
                        cert.der.as_ptr(),
                        cert.der.len() as u32,
                        CERT_STORE_ADD_USE_EXISTING,
                        null_mut(),
                    )
                };
                if ok == 0 {
                    let code = last_error_code();
                    return Err(add_error(store_name, code));
                }
                root_added |= store_name == StoreName::Root;
            }
            placements.push((i, placement(cert, store_name, !present)));
        }

        let my = open_system(StoreName::My, false)?;
        // "Already installed" means its key is there and signs for it: a
        // leaf whose key link is broken (the container gone, or another
        // key's) is imported again, so reinstalling a backup repairs it.
        let already_installed = find_by_thumb(&my, &leaf_thumb).is_some_and(|c| {
            c.has_property(CERT_KEY_PROV_INFO_PROP_ID)
                && acquire_key(&c).is_some_and(|p| key_signs(&c, &p) == KeyMatch::Matches)
        });
        for (i, &(cert, store_name)) in plan.iter().enumerate() {
            if store_name != StoreName::My {
                continue;
            }
            if !already_installed {
                let imported = import(pfx_bytes, password, options)?;
                let imported_ctxs = enumerate(&imported);
                // The imported context carries the key link.
                let source = imported_ctxs
                    .iter()
                    .find(|c| c.der() == cert.der.as_slice());
                // SAFETY: a live MY store, a live context or DER buffer
                // with its length; no out context wanted.
                let ok = unsafe {
                    match source {
                        Some(ctx) => CertAddCertificateContextToStore(
                            my.0,
                            ctx.0,
                            CERT_STORE_ADD_REPLACE_EXISTING,
                            null_mut(),
                        ),
                        None => CertAddEncodedCertificateToStore(
                            my.0,
                            ENCODING,
                            cert.der.as_ptr(),
                            cert.der.len() as u32,
                            CERT_STORE_ADD_USE_EXISTING,
                            null_mut(),
                        ),
                    }
                };
                if ok == 0 {
                    let code = last_error_code();
                    return Err(add_error(StoreName::My, code));
                }
            }
            placements.push((i, placement(cert, store_name, !already_installed)));
        }
        drop(my);
        // Reported in the plan's order (the leaf first), whatever the order
        // of the work.
        placements.sort_by_key(|(i, _)| *i);
        let verification = self.verify(&leaf_thumb)?;
        Ok(InstallReport {
            leaf: bundle.leaf.info.clone(),
            placements: placements.into_iter().map(|(_, p)| p).collect(),
            already_installed,
            root_added,
            ignored: ignored_roots(&bundle),
            rejected: rejected_certs(&bundle),
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
                // Where the key lives, read while the certificate still
                // names it; deleted only after the certificate is gone.
                let key = if name == StoreName::My && delete_key {
                    key_ref(&ctx)
                } else {
                    None
                };
                let der = ctx.der().to_vec();
                // CertDeleteCertificateFromStore frees the context it is
                // given, so hand it a duplicate and let `ctx` drop ours.
                let dup = ctx.duplicate();
                // SAFETY: `dup` is a live context we own; the call frees it
                // (success or not), so it is forgotten, never dropped.
                let ok = unsafe { CertDeleteCertificateFromStore(dup.0) };
                let code = if ok == 0 { last_error_code() } else { 0 };
                std::mem::forget(dup);
                if ok == 0 {
                    // The key stays with a certificate that stayed.
                    return Err(last_error("CertDeleteCertificateFromStore", code));
                }
                if let Some(key) = key {
                    delete_key_container(&key, &der, &store);
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

    fn key_kind(&self, thumbprint: &str) -> Result<Option<crate::cert::store::KeyKind>> {
        use crate::cert::store::KeyKind;
        let my = open_system(StoreName::My, true)?;
        Ok(find_by_thumb(&my, &normalize_thumbprint(thumbprint))
            .and_then(|ctx| acquire_key(&ctx))
            .map(|p| {
                if p.is_cng() {
                    KeyKind::Cng
                } else {
                    KeyKind::CryptoApi
                }
            }))
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
        let gap = crate::cert::store::chain::chain_gap(ctx.der(), &cas);
        Ok(Verification {
            in_my: true,
            has_private_key: ctx.has_property(CERT_KEY_PROV_INFO_PROP_ID) && prov.is_some(),
            key_signs,
            chain_complete: gap.is_ok(),
            missing_issuer: gap.err().flatten(),
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
