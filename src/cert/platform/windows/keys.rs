//! The private key behind a stored certificate: acquire it, tell whether it
//! is exportable and whether it signs for the certificate, export it (as
//! PKCS#12 through CryptoAPI, or as a key blob we convert ourselves) and
//! delete its container. Keys held by CNG go to `ncrypt.rs`.

use super::handles::{Ctx, Store, enumerate, open_memory};
use super::ncrypt;
use super::{last_error, last_error_code, wide};
use crate::cert::error::Result;
use crate::cert::password::Password;
use crate::cert::pfx::KeyMatch;
use crate::cert::store::KeyContainer;
use std::ffi::c_void;
use std::ptr::{null, null_mut};
use windows_sys::Win32::Security::Cryptography::*;
use zeroize::Zeroizing;

/// A private key handle from CryptAcquireCertificatePrivateKey: a legacy
/// CSP handle (HCRYPTPROV), or a CNG key (NCRYPT_KEY_HANDLE) when the key
/// spec says CERT_NCRYPT_KEY_SPEC.
pub(super) struct Prov {
    handle: usize,
    key_spec: u32,
    free: bool,
}

impl Prov {
    /// The key is held by CNG: `handle` is an NCRYPT_KEY_HANDLE, which the
    /// legacy Crypt* functions must never be given.
    pub(crate) fn is_cng(&self) -> bool {
        self.key_spec == CERT_NCRYPT_KEY_SPEC
    }
}

impl Drop for Prov {
    fn drop(&mut self) {
        if !self.free {
            return;
        }
        if self.is_cng() {
            // SAFETY: the call that gave us this NCRYPT_KEY_HANDLE said we
            // must free it (`free`), and it is freed only here.
            unsafe {
                NCryptFreeObject(self.handle);
            }
        } else {
            // SAFETY: the call that gave us this legacy CSP handle said we
            // must free it (`free`), and it is released only here.
            unsafe {
                CryptReleaseContext(self.handle, 0);
            }
        }
    }
}

pub(super) fn acquire_key(ctx: &Ctx) -> Option<Prov> {
    let mut handle = 0usize;
    let mut key_spec = 0u32;
    let mut free = 0;
    // SAFETY: a live context; the out pointers are valid locals. SILENT:
    // never show UI. ALLOW_NCRYPT: a key held by CNG (ECC, or a file that
    // names a CNG provider) comes back as a CNG handle instead of failing
    // as "no key"; legacy keys still come back as CSP handles.
    let ok = unsafe {
        CryptAcquireCertificatePrivateKey(
            ctx.0,
            CRYPT_ACQUIRE_SILENT_FLAG | CRYPT_ACQUIRE_ALLOW_NCRYPT_KEY_FLAG,
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

pub(super) fn key_exportable(prov: &Prov) -> bool {
    if prov.is_cng() {
        return ncrypt::exportable(prov.handle);
    }
    for spec in specs(prov) {
        let mut key = 0usize;
        // SAFETY: a valid CSP handle; out pointers to locals of the right
        // size (`len` = 4 for the u32); the key handle is destroyed below.
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
pub(super) fn key_signs(ctx: &Ctx, prov: &Prov) -> KeyMatch {
    use x509_parser::prelude::{FromDer, X509Certificate};
    if prov.is_cng() {
        return ncrypt::signs(ctx.der(), prov.handle);
    }
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
        // SAFETY: a valid CSP handle; the challenge and the signature
        // buffer with their lengths; the hash is destroyed before the block
        // ends.
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

/// Where a certificate's key lives, from its CERT_KEY_PROV_INFO. Read it
/// before the certificate is deleted: afterwards nothing names the key.
pub(super) struct KeyRef {
    /// NUL-terminated UTF-16.
    container: Vec<u16>,
    /// NUL-terminated UTF-16 (just the NUL: the default provider).
    provider: Vec<u16>,
    /// 0: a CNG key storage provider; otherwise a legacy CSP type.
    prov_type: u32,
    flags: u32,
    key_spec: u32,
}

impl KeyRef {
    /// The machine's key set rather than the user's.
    fn machine(&self) -> bool {
        self.flags & CRYPT_MACHINE_KEYSET != 0
    }

    /// Its identity for comparing with another certificate's key.
    fn identity(&self) -> KeyContainer {
        let text = |w: &[u16]| String::from_utf16_lossy(w.strip_suffix(&[0]).unwrap_or(w));
        KeyContainer {
            container: text(&self.container),
            provider: text(&self.provider),
            prov_type: self.prov_type,
            machine: self.machine(),
            unique: unique_container(self),
        }
    }
}

/// PP_UNIQUE_CONTAINER of a legacy key container: the name of its key file,
/// the same whichever RSA provider opened it. `None` for CNG keys and when
/// the provider does not say.
fn unique_container(key: &KeyRef) -> Option<String> {
    if key.prov_type == 0 {
        return None;
    }
    let mut h = 0usize;
    let machine = if key.machine() {
        CRYPT_MACHINE_KEYSET
    } else {
        0
    };
    // SAFETY: NUL-terminated strings that outlive the call; the handle is
    // released below; size query with a null buffer, then a buffer of the
    // size reported.
    unsafe {
        if CryptAcquireContextW(
            &mut h,
            key.container.as_ptr(),
            key.provider.as_ptr(),
            key.prov_type,
            CRYPT_SILENT | machine,
        ) == 0
        {
            return None;
        }
        let mut len = 0u32;
        let mut out = None;
        if CryptGetProvParam(h, PP_UNIQUE_CONTAINER, null_mut(), &mut len, 0) != 0 && len > 0 {
            let mut buf = vec![0u8; len as usize];
            if CryptGetProvParam(h, PP_UNIQUE_CONTAINER, buf.as_mut_ptr(), &mut len, 0) != 0 {
                buf.truncate(len as usize);
                let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
                out = Some(String::from_utf8_lossy(&buf[..end]).into_owned());
            }
        }
        CryptReleaseContext(h, 0);
        out
    }
}

/// Delete the key container `key` names, unless a certificate in MY other
/// than `cert_der` still uses it (compared as `KeyContainer::same_as`
/// says: unique names, the RSA providers' shared namespace, machine keys
/// apart).
pub(super) fn delete_key_container(key: &KeyRef, cert_der: &[u8], my: &Store) {
    let id = key.identity();
    let shared = enumerate(my).iter().any(|other| {
        other.der() != cert_der && key_ref(other).is_some_and(|o| o.identity().same_as(&id))
    });
    if shared {
        return;
    }
    if key.prov_type == 0 {
        ncrypt::delete_key(&key.provider, &key.container, key.key_spec, key.flags);
        return;
    }
    let mut h = 0usize;
    let machine = if key.machine() {
        CRYPT_MACHINE_KEYSET
    } else {
        0
    };
    // SAFETY: NUL-terminated strings that outlive the call; DELETEKEYSET
    // returns no handle to release.
    unsafe {
        CryptAcquireContextW(
            &mut h,
            key.container.as_ptr(),
            key.provider.as_ptr(),
            key.prov_type,
            CRYPT_DELETEKEYSET | CRYPT_SILENT | machine,
        );
    }
}

/// The certificate's key location, if it has one.
pub(super) fn key_ref(ctx: &Ctx) -> Option<KeyRef> {
    let mut size = 0u32;
    // SAFETY: a live context; size query, then a buffer of that size,
    // u64-aligned as CRYPT_KEY_PROV_INFO needs. The strings it points at
    // are NUL-terminated and live in that buffer, which outlives the reads.
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
        Some(KeyRef {
            container: read(info.pwszContainerName),
            provider: read(info.pwszProvName),
            prov_type: info.dwProvType,
            flags: info.dwFlags,
            key_spec: info.dwKeySpec,
        })
    }
}

/// PFXExportCertStoreEx on a memory store holding just this certificate
/// (with its key link).
pub(super) fn pfx_export(ctx: &Ctx, password: &Password) -> Result<Zeroizing<Vec<u8>>> {
    let mem = open_memory()?;
    // SAFETY: copying a live context (with its key link) into our live
    // store; no out context wanted.
    let ok = unsafe {
        CertAddCertificateContextToStore(mem.0, ctx.0, CERT_STORE_ADD_ALWAYS, null_mut())
    };
    if ok == 0 {
        let code = last_error_code();
        return Err(last_error("CertAddCertificateContextToStore(memory)", code));
    }
    let wpw = Zeroizing::new(wide(password.expose()));
    let mut blob = CRYPT_INTEGER_BLOB {
        cbData: 0,
        pbData: null_mut(),
    };
    let flags = EXPORT_PRIVATE_KEYS | REPORT_NOT_ABLE_TO_EXPORT_PRIVATE_KEY;
    // SAFETY: a live store and a NUL-terminated password; size query with a
    // null buffer, then a buffer of exactly the size reported.
    unsafe {
        if PFXExportCertStoreEx(mem.0, &mut blob, wpw.as_ptr(), null(), flags) == 0 {
            let code = last_error_code();
            return Err(last_error("PFXExportCertStoreEx", code));
        }
        let mut buf = Zeroizing::new(vec![0u8; blob.cbData as usize]);
        blob.pbData = buf.as_mut_ptr();
        if PFXExportCertStoreEx(mem.0, &mut blob, wpw.as_ptr(), null(), flags) == 0 {
            let code = last_error_code();
            return Err(last_error("PFXExportCertStoreEx", code));
        }
        buf.truncate(blob.cbData as usize);
        Ok(buf)
    }
}

/// Export the RSA key as a CryptoAPI PRIVATEKEYBLOB, turn it into PKCS#8
/// and write a PKCS#12 with the certificate.
pub(super) fn export_via_key_blob(ctx: &Ctx, password: &Password) -> Option<Zeroizing<Vec<u8>>> {
    let prov = acquire_key(ctx)?;
    if prov.is_cng() {
        // Key blobs are CryptoAPI's; a CNG key is exported by
        // PFXExportCertStoreEx, which works wherever CNG does.
        return None;
    }
    for spec in specs(&prov) {
        let mut key = 0usize;
        // SAFETY: a valid CSP handle; size query with a null buffer, then a
        // buffer of the size reported; the key handle is destroyed before
        // the block ends.
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
        let pkcs8 = crate::cert::keyblob::rsa_blob_to_pkcs8(&blob)?;
        return crate::cert::store::file::write_pkcs12(ctx.der(), &pkcs8, password)
            .ok()
            .map(Zeroizing::new);
    }
    None
}

#[cfg(test)]
mod tests;
