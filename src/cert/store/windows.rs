//! The Windows current-user certificate store through CryptoAPI. This is
//! the only file with Win32 calls (plus small helpers at the end: the user
//! name and the removable drives).
//!
//! Import follows the Windows import wizard with the help page's choices:
//! `PFXImportCertStore` with CRYPT_EXPORTABLE (exportable on),
//! PKCS12_INCLUDE_EXTENDED_PROPERTIES (all extended properties on),
//! CRYPT_USER_KEYSET (current user) and without CRYPT_USER_PROTECTED
//! (strong key protection off); then each certificate goes to the store
//! its type calls for: with a key to MY, self-signed to Root, other CA
//! certificates to CA.
#![allow(unsafe_code)]

use super::{
    CertStore, ExportReport, InstallOptions, InstallReport, Placement, StoreKind, StoreName,
    StoredCert, Verification, open_for_install, plan_placement,
};
use crate::cert::error::{Error, Result};
use crate::cert::fsutil;
use crate::cert::password::Password;
use crate::cert::pfx::{CertInfo, KeyMatch, normalize_thumbprint};
use std::ffi::c_void;
use std::path::Path;
use std::ptr::{null, null_mut};
use time::OffsetDateTime;
use windows_sys::Win32::Foundation::GetLastError;
use windows_sys::Win32::Security::Cryptography::*;
use zeroize::Zeroizing;

const ENCODING: CERT_QUERY_ENCODING_TYPE = X509_ASN_ENCODING | PKCS_7_ASN_ENCODING;

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

fn last_error(what: &str) -> Error {
    // SAFETY: GetLastError has no preconditions.
    let code = unsafe { GetLastError() };
    Error::Store(format!("{what} failed (Win32 error 0x{code:08X})"))
}

/// An open certificate store, closed on drop.
struct Store(HCERTSTORE);

impl Drop for Store {
    fn drop(&mut self) {
        // SAFETY: the handle came from CertOpenStore/PFXImportCertStore.
        unsafe {
            CertCloseStore(self.0, 0);
        }
    }
}

/// A certificate context we own, freed on drop.
struct Ctx(*const CERT_CONTEXT);

impl Drop for Ctx {
    fn drop(&mut self) {
        // SAFETY: a context returned by a Cert* function that transfers
        // ownership (find, duplicate, add with an out pointer).
        unsafe {
            CertFreeCertificateContext(self.0);
        }
    }
}

impl Ctx {
    fn der(&self) -> &[u8] {
        // SAFETY: a live context points at its encoded certificate.
        unsafe {
            let c = &*self.0;
            std::slice::from_raw_parts(c.pbCertEncoded, c.cbCertEncoded as usize)
        }
    }

    fn has_property(&self, id: u32) -> bool {
        let mut size = 0u32;
        // SAFETY: size query with a null buffer.
        unsafe { CertGetCertificateContextProperty(self.0, id, null_mut(), &mut size) != 0 }
    }

    fn duplicate(&self) -> Ctx {
        // SAFETY: duplicating a live context bumps its reference count.
        Ctx(unsafe { CertDuplicateCertificateContext(self.0) })
    }
}

fn open_system(name: StoreName, read_only: bool) -> Result<Store> {
    let w = wide(name.system_name());
    let open = |flags: u32| {
        // SAFETY: pvPara is a NUL-terminated UTF-16 store name.
        unsafe { CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, flags, w.as_ptr().cast()) }
    };
    let mut h = null_mut();
    if read_only {
        h = open(CERT_SYSTEM_STORE_CURRENT_USER | CERT_STORE_READONLY_FLAG);
    }
    // A user who never had a certificate may have no MY store yet: open it
    // normally, which creates it empty.
    if h.is_null() {
        h = open(CERT_SYSTEM_STORE_CURRENT_USER);
    }
    if h.is_null() {
        return Err(last_error(&format!(
            "CertOpenStore({})",
            name.system_name()
        )));
    }
    Ok(Store(h))
}

fn open_memory() -> Result<Store> {
    // SAFETY: a memory store needs no parameters.
    let h = unsafe { CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, 0, null()) };
    if h.is_null() {
        return Err(last_error("CertOpenStore(memory)"));
    }
    Ok(Store(h))
}

/// Every certificate of a store, each an owned context.
fn enumerate(store: &Store) -> Vec<Ctx> {
    let mut out = Vec::new();
    let mut prev: *const CERT_CONTEXT = null();
    loop {
        // SAFETY: the enumeration frees `prev` and returns the next one.
        let next = unsafe { CertEnumCertificatesInStore(store.0, prev) };
        if next.is_null() {
            break;
        }
        // Keep our own reference: the enumerator frees `next` on the next
        // call.
        out.push(Ctx(unsafe { CertDuplicateCertificateContext(next) }));
        prev = next;
    }
    out
}

fn thumb_bytes(thumb: &str) -> Option<Vec<u8>> {
    let t = normalize_thumbprint(thumb);
    if t.len() != 40 {
        return None;
    }
    (0..20)
        .map(|i| u8::from_str_radix(&t[2 * i..2 * i + 2], 16).ok())
        .collect()
}

fn find_by_thumb(store: &Store, thumb: &str) -> Option<Ctx> {
    let mut bytes = thumb_bytes(thumb)?;
    let blob = CRYPT_INTEGER_BLOB {
        cbData: bytes.len() as u32,
        pbData: bytes.as_mut_ptr(),
    };
    // SAFETY: the blob outlives the call; the result is owned by us.
    let c = unsafe {
        CertFindCertificateInStore(
            store.0,
            ENCODING,
            0,
            CERT_FIND_SHA1_HASH,
            (&blob as *const CRYPT_INTEGER_BLOB).cast(),
            null(),
        )
    };
    (!c.is_null()).then_some(Ctx(c))
}

/// A private key handle from CryptAcquireCertificatePrivateKey.
struct Prov {
    handle: usize,
    key_spec: u32,
    free: bool,
}

impl Drop for Prov {
    fn drop(&mut self) {
        if self.free && self.key_spec != CERT_NCRYPT_KEY_SPEC {
            // SAFETY: we own this legacy CSP handle.
            unsafe {
                CryptReleaseContext(self.handle, 0);
            }
        }
    }
}

fn acquire_key(ctx: &Ctx) -> Option<Prov> {
    let mut handle = 0usize;
    let mut key_spec = 0u32;
    let mut free = 0;
    // SAFETY: out pointers are valid locals. SILENT: never show UI.
    let ok = unsafe {
        CryptAcquireCertificatePrivateKey(
            ctx.0,
            CRYPT_ACQUIRE_SILENT_FLAG,
            null(),
            &mut handle,
            &mut key_spec,
            &mut free,
        )
    };
    (ok != 0).then_some(Prov {
        handle,
        key_spec,
        free: free != 0,
    })
}

/// The key specs to try: the one reported first, then both real ones
/// (wine reports a spec that is neither, and files keys as AT_KEYEXCHANGE).
fn specs(prov: &Prov) -> Vec<u32> {
    let mut v = vec![prov.key_spec];
    for s in [AT_KEYEXCHANGE, AT_SIGNATURE] {
        if !v.contains(&s) {
            v.push(s);
        }
    }
    v
}

fn key_exportable(prov: &Prov) -> bool {
    for spec in specs(prov) {
        let mut key = 0usize;
        // SAFETY: a valid CSP handle; the key handle is destroyed below.
        unsafe {
            if CryptGetUserKey(prov.handle, spec, &mut key) == 0 {
                continue;
            }
            let mut perms = 0u32;
            let mut len = 4u32;
            let ok = CryptGetKeyParam(
                key,
                KP_PERMISSIONS,
                (&mut perms as *mut u32).cast(),
                &mut len,
                0,
            );
            CryptDestroyKey(key);
            return ok != 0 && perms & CRYPT_EXPORT != 0;
        }
    }
    false
}

const CHALLENGE: &[u8] = b"oqscert store verification challenge";

/// Sign a challenge with the stored key (SHA-1: every RSA CSP has it) and
/// verify it with the certificate's public key.
fn key_signs(ctx: &Ctx, prov: &Prov) -> KeyMatch {
    use x509_parser::prelude::{FromDer, X509Certificate};
    let Ok((_, x)) = X509Certificate::from_der(ctx.der()) else {
        return KeyMatch::Mismatch;
    };
    if x.public_key().algorithm.algorithm.to_id_string() != "1.2.840.113549.1.1.1" {
        // CryptoAPI's legacy CSPs sign only with RSA; the issued
        // certificates are RSA.
        return KeyMatch::Unverified;
    }
    let mut signed = None;
    for spec in specs(prov) {
        let mut sig = vec![0u8; 1024];
        let mut sig_len = sig.len() as u32;
        // SAFETY: valid handles; the hash is destroyed before return.
        let ok = unsafe {
            let mut hash = 0usize;
            if CryptCreateHash(prov.handle, CALG_SHA1, 0, 0, &mut hash) == 0 {
                continue;
            }
            let ok = CryptHashData(hash, CHALLENGE.as_ptr(), CHALLENGE.len() as u32, 0) != 0
                && CryptSignHashW(hash, spec, null(), 0, sig.as_mut_ptr(), &mut sig_len) != 0;
            CryptDestroyHash(hash);
            ok
        };
        if ok {
            sig.truncate(sig_len as usize);
            signed = Some(sig);
            break;
        }
    }
    let Some(mut sig) = signed else {
        // Could not sign at all: not proven either way.
        return KeyMatch::Unverified;
    };
    // CryptoAPI writes the signature little-endian.
    sig.reverse();
    let public = ring::signature::UnparsedPublicKey::new(
        &ring::signature::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY,
        x.public_key().subject_public_key.data.as_ref(),
    );
    if public.verify(CHALLENGE, &sig).is_ok() {
        KeyMatch::Matches
    } else {
        KeyMatch::Mismatch
    }
}

/// Delete the key container a certificate points at, unless another
/// certificate in MY still uses it.
fn delete_key_container(ctx: &Ctx, my: &Store) {
    let Some((container, provider, prov_type)) = key_prov_info(ctx) else {
        return;
    };
    let shared = enumerate(my).iter().any(|other| {
        other.der() != ctx.der()
            && key_prov_info(other).is_some_and(|(c, p, _)| c == container && p == provider)
    });
    if shared {
        return;
    }
    let mut h = 0usize;
    // SAFETY: NUL-terminated strings; DELETEKEYSET returns no handle.
    unsafe {
        CryptAcquireContextW(
            &mut h,
            container.as_ptr(),
            provider.as_ptr(),
            prov_type,
            CRYPT_DELETEKEYSET | CRYPT_SILENT,
        );
    }
}

/// Container name, provider name (both NUL-terminated UTF-16) and type.
fn key_prov_info(ctx: &Ctx) -> Option<(Vec<u16>, Vec<u16>, u32)> {
    let mut size = 0u32;
    // SAFETY: size query, then a buffer of that size (u64-aligned).
    unsafe {
        if CertGetCertificateContextProperty(
            ctx.0,
            CERT_KEY_PROV_INFO_PROP_ID,
            null_mut(),
            &mut size,
        ) == 0
        {
            return None;
        }
        let mut buf = vec![0u64; (size as usize).div_ceil(8)];
        if CertGetCertificateContextProperty(
            ctx.0,
            CERT_KEY_PROV_INFO_PROP_ID,
            buf.as_mut_ptr().cast::<c_void>(),
            &mut size,
        ) == 0
        {
            return None;
        }
        let info = &*(buf.as_ptr().cast::<CRYPT_KEY_PROV_INFO>());
        let read = |p: *const u16| -> Vec<u16> {
            if p.is_null() {
                return vec![0];
            }
            let mut n = 0;
            while *p.add(n) != 0 {
                n += 1;
            }
            std::slice::from_raw_parts(p, n + 1).to_vec()
        };
        Some((
            read(info.pwszContainerName),
            read(info.pwszProvName),
            info.dwProvType,
        ))
    }
}

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
            // SAFETY: blob and password outlive the call.
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
                // SAFETY: live contexts/buffers; no out context wanted.
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

    fn remove(&self, thumbprint: &str) -> Result<Vec<StoreName>> {
        let mut removed = Vec::new();
        for name in StoreName::ALL {
            let store = open_system(name, false)?;
            while let Some(ctx) = find_by_thumb(&store, thumbprint) {
                if name == StoreName::My {
                    delete_key_container(&ctx, &store);
                }
                // CertDeleteCertificateFromStore frees the context it is
                // given, so hand it a duplicate and let `ctx` drop ours.
                let dup = ctx.duplicate();
                // SAFETY: `dup` is a live context we own; it is consumed.
                let ok = unsafe { CertDeleteCertificateFromStore(dup.0) };
                std::mem::forget(dup);
                if ok == 0 {
                    return Err(last_error("CertDeleteCertificateFromStore"));
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
                fsutil::write_atomic(&path, &bytes)?;
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
            chain_complete: super::file::chain_complete_from(ctx.der(), &cas),
            valid_now: !info.is_expired(now) && !info.is_not_yet_valid(now),
        })
    }
}

/// PFXExportCertStoreEx on a memory store holding just this certificate
/// (with its key link).
fn pfx_export(ctx: &Ctx, password: &Password) -> Result<Zeroizing<Vec<u8>>> {
    let mem = open_memory()?;
    // SAFETY: copying a live context (with its key link) into our store.
    let ok = unsafe {
        CertAddCertificateContextToStore(mem.0, ctx.0, CERT_STORE_ADD_ALWAYS, null_mut())
    };
    if ok == 0 {
        return Err(last_error("CertAddCertificateContextToStore(memory)"));
    }
    let wpw = Zeroizing::new(wide(password.expose()));
    let mut blob = CRYPT_INTEGER_BLOB {
        cbData: 0,
        pbData: null_mut(),
    };
    let flags = EXPORT_PRIVATE_KEYS | REPORT_NOT_ABLE_TO_EXPORT_PRIVATE_KEY;
    // SAFETY: size query, then the buffer of that size.
    unsafe {
        if PFXExportCertStoreEx(mem.0, &mut blob, wpw.as_ptr(), null(), flags) == 0 {
            return Err(last_error("PFXExportCertStoreEx"));
        }
        let mut buf = Zeroizing::new(vec![0u8; blob.cbData as usize]);
        blob.pbData = buf.as_mut_ptr();
        if PFXExportCertStoreEx(mem.0, &mut blob, wpw.as_ptr(), null(), flags) == 0 {
            return Err(last_error("PFXExportCertStoreEx"));
        }
        buf.truncate(blob.cbData as usize);
        Ok(buf)
    }
}

/// Export the RSA key as a CryptoAPI PRIVATEKEYBLOB, turn it into PKCS#8
/// and write a PKCS#12 with the certificate.
fn export_via_key_blob(ctx: &Ctx, password: &Password) -> Option<Zeroizing<Vec<u8>>> {
    let prov = acquire_key(ctx)?;
    for spec in specs(&prov) {
        let mut key = 0usize;
        // SAFETY: valid CSP handle; size query then buffer; key destroyed.
        let blob = unsafe {
            if CryptGetUserKey(prov.handle, spec, &mut key) == 0 {
                continue;
            }
            let mut len = 0u32;
            let mut out = None;
            if CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, null_mut(), &mut len) != 0 {
                let mut buf = Zeroizing::new(vec![0u8; len as usize]);
                if CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, buf.as_mut_ptr(), &mut len) != 0 {
                    buf.truncate(len as usize);
                    out = Some(buf);
                }
            }
            CryptDestroyKey(key);
            out
        };
        let Some(blob) = blob else { continue };
        let pkcs8 = rsa_blob_to_pkcs8(&blob)?;
        return super::file::write_pkcs12(ctx.der(), &pkcs8, password)
            .ok()
            .map(Zeroizing::new);
    }
    None
}

/// PRIVATEKEYBLOB (BLOBHEADER, RSAPUBKEY "RSA2", then little-endian n, p,
/// q, dp, dq, qinv, d) to PKCS#8 DER.
pub(crate) fn rsa_blob_to_pkcs8(blob: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let u32_at = |i: usize| -> Option<u32> {
        Some(u32::from_le_bytes(blob.get(i..i + 4)?.try_into().ok()?))
    };
    if blob.first() != Some(&7) || u32_at(8)? != 0x3241_5352 {
        return None; // not a PRIVATEKEYBLOB / "RSA2"
    }
    let bits = u32_at(12)? as usize;
    let e = u32_at(16)?;
    let (n8, n16) = (bits.div_ceil(8), bits.div_ceil(16));
    let mut at = 20;
    let mut take = |len: usize| -> Option<Vec<u8>> {
        let mut v = blob.get(at..at + len)?.to_vec();
        at += len;
        v.reverse(); // little-endian to big-endian
        Some(v)
    };
    let n = take(n8)?;
    let p = take(n16)?;
    let q = take(n16)?;
    let dp = take(n16)?;
    let dq = take(n16)?;
    let qinv = take(n16)?;
    let d = take(n8)?;
    let mut rsa = Vec::new();
    for int in [
        &[0u8][..],
        &n,
        &e.to_be_bytes(),
        &d,
        &p,
        &q,
        &dp,
        &dq,
        &qinv,
    ] {
        der_integer(&mut rsa, int);
    }
    let rsa = Zeroizing::new(der_tlv(0x30, &rsa));
    let mut pki = Vec::new();
    der_integer(&mut pki, &[0]);
    // AlgorithmIdentifier { rsaEncryption, NULL }
    pki.extend_from_slice(&[
        0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
    ]);
    pki.extend_from_slice(&der_tlv(0x04, &rsa));
    let out = Zeroizing::new(der_tlv(0x30, &pki));
    Some(out)
}

fn der_tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend_from_slice(&bytes);
    }
    out.extend_from_slice(content);
    out
}

/// An unsigned big-endian integer as DER INTEGER.
fn der_integer(out: &mut Vec<u8>, be: &[u8]) {
    let trimmed: Vec<u8> = be.iter().copied().skip_while(|b| *b == 0).collect();
    let mut content = if trimmed.is_empty() { vec![0] } else { trimmed };
    if content[0] & 0x80 != 0 {
        content.insert(0, 0);
    }
    out.extend_from_slice(&der_tlv(0x02, &content));
}

/// The Windows user this process runs as (the OQS software runs as
/// `OQSComApp`; a certificate imported for another user is invisible to it).
pub fn current_user_name() -> Option<String> {
    use windows_sys::Win32::System::WindowsProgramming::GetUserNameW;
    let mut buf = vec![0u16; 257];
    let mut len = buf.len() as u32;
    // SAFETY: buffer and its length in characters.
    let ok = unsafe { GetUserNameW(buf.as_mut_ptr(), &mut len) };
    if ok == 0 {
        return None;
    }
    let end = buf.iter().position(|&c| c == 0).unwrap_or(buf.len());
    Some(String::from_utf16_lossy(&buf[..end]))
}

/// A removable drive (USB stick) as Windows reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drive {
    pub root: String,
    pub label: String,
    pub free_bytes: Option<u64>,
}

/// Drives of type DRIVE_REMOVABLE, with label and free space.
pub fn removable_drives() -> Vec<Drive> {
    use windows_sys::Win32::Storage::FileSystem::{
        GetDiskFreeSpaceExW, GetDriveTypeW, GetLogicalDrives, GetVolumeInformationW,
    };
    use windows_sys::Win32::System::WindowsProgramming::DRIVE_REMOVABLE;
    // SAFETY: no preconditions.
    let mask = unsafe { GetLogicalDrives() };
    let mut out = Vec::new();
    for i in 0..26u32 {
        if mask & (1 << i) == 0 {
            continue;
        }
        let root = format!("{}:\\", char::from(b'A' + i as u8));
        let w = wide(&root);
        // SAFETY: NUL-terminated root path.
        if unsafe { GetDriveTypeW(w.as_ptr()) } != DRIVE_REMOVABLE {
            continue;
        }
        let mut label = vec![0u16; 261];
        // SAFETY: buffers with their sizes; optional outputs null.
        let ok = unsafe {
            GetVolumeInformationW(
                w.as_ptr(),
                label.as_mut_ptr(),
                label.len() as u32,
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut(),
                0,
            )
        };
        let label = if ok != 0 {
            let end = label.iter().position(|&c| c == 0).unwrap_or(0);
            String::from_utf16_lossy(&label[..end])
        } else {
            String::new()
        };
        let mut free = 0u64;
        // SAFETY: out pointers to locals.
        let free_ok = unsafe { GetDiskFreeSpaceExW(w.as_ptr(), &mut free, null_mut(), null_mut()) };
        out.push(Drive {
            root,
            label,
            free_bytes: (free_ok != 0).then_some(free),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_store_passes_the_contract() {
        // One test, in sequence: both parts use the real current-user store.
        let dir = tempfile::tempdir().unwrap();
        let store = WindowsStore::current_user();
        super::super::contract::run_all(&store, dir.path());
        super::super::contract::run_cleanup(&store, dir.path());
    }

    #[test]
    fn user_name_is_known() {
        let name = current_user_name().unwrap();
        assert!(!name.is_empty());
    }

    #[test]
    fn removable_drive_listing_does_not_fail() {
        // wine reports no removable drives; the call must still work.
        for d in removable_drives() {
            assert!(d.root.ends_with(":\\"));
        }
    }
}
