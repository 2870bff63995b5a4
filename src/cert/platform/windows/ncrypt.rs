//! Keys held by CNG (a key storage provider): ECC keys, or files that name
//! a CNG provider. CryptAcquireCertificatePrivateKey hands these out as an
//! NCRYPT_KEY_HANDLE (key spec CERT_NCRYPT_KEY_SPEC) when allowed to; the
//! legacy Crypt* calls in `keys.rs` cannot use them. wine keeps every key
//! in a legacy CSP, so this code runs on real Windows only.

use crate::cert::pfx::KeyMatch;
use std::ffi::c_void;
use std::ptr::{null, null_mut};
use windows_sys::Win32::Security::Cryptography::*;

const OID_RSA: &str = "1.2.840.113549.1.1.1";
const OID_EC: &str = "1.2.840.10045.2.1";
const OID_P256: &str = "1.2.840.10045.3.1.7";
const OID_P384: &str = "1.3.132.0.34";

const CHALLENGE: &[u8] = b"oqscert store verification challenge";

/// The key's export policy allows export (「エクスポート可能」).
pub(super) fn exportable(key: NCRYPT_KEY_HANDLE) -> bool {
    let mut policy = 0u32;
    let mut len = 0u32;
    // SAFETY: a live key handle; the property is a DWORD, written into a
    // local of exactly that size (4 bytes); `len` receives the size written.
    let status = unsafe {
        NCryptGetProperty(
            key,
            NCRYPT_EXPORT_POLICY_PROPERTY,
            (&mut policy as *mut u32).cast::<u8>(),
            4,
            &mut len,
            0,
        )
    };
    // 0 is S_OK.
    status == 0 && len == 4 && policy & NCRYPT_ALLOW_EXPORT_FLAG != 0
}

/// Sign a challenge with the CNG key and verify it with the certificate's
/// public key: RSA (PKCS#1 v1.5 with SHA-256) and ECDSA P-256/P-384.
/// Another key type, or a key that will not sign here: not proven either
/// way.
pub(super) fn signs(cert_der: &[u8], key: NCRYPT_KEY_HANDLE) -> KeyMatch {
    use ring::signature::{self, UnparsedPublicKey, VerificationAlgorithm};
    use x509_parser::prelude::{FromDer, X509Certificate};
    let Ok((_, x)) = X509Certificate::from_der(cert_der) else {
        return KeyMatch::Mismatch;
    };
    let spki = x.public_key();
    let alg = spki.algorithm.algorithm.to_id_string();
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.as_oid().ok())
        .map(|o| o.to_id_string());
    let (hash, rsa, verify_with): (
        &'static ring::digest::Algorithm,
        bool,
        &'static dyn VerificationAlgorithm,
    ) = match (alg.as_str(), curve.as_deref()) {
        (OID_RSA, _) => (
            &ring::digest::SHA256,
            true,
            &signature::RSA_PKCS1_2048_8192_SHA256,
        ),
        (OID_EC, Some(OID_P256)) => (
            &ring::digest::SHA256,
            false,
            &signature::ECDSA_P256_SHA256_FIXED,
        ),
        (OID_EC, Some(OID_P384)) => (
            &ring::digest::SHA384,
            false,
            &signature::ECDSA_P384_SHA384_FIXED,
        ),
        _ => return KeyMatch::Unverified,
    };
    let digest = ring::digest::digest(hash, CHALLENGE);
    let digest = digest.as_ref();
    let pkcs1 = BCRYPT_PKCS1_PADDING_INFO {
        pszAlgId: BCRYPT_SHA256_ALGORITHM,
    };
    // RSA needs its padding named; ECDSA takes none.
    let (padding, pad_flag) = if rsa {
        (
            (&pkcs1 as *const BCRYPT_PKCS1_PADDING_INFO).cast::<c_void>(),
            NCRYPT_PAD_PKCS1_FLAG,
        )
    } else {
        (null(), 0)
    };
    let flags = pad_flag | NCRYPT_SILENT_FLAG;
    let mut len = 0u32;
    // SAFETY: a live key handle; the padding info (or null) and the digest
    // outlive the call; a size query with a null output buffer.
    let status = unsafe {
        NCryptSignHash(
            key,
            padding,
            digest.as_ptr(),
            digest.len() as u32,
            null_mut(),
            0,
            &mut len,
            flags,
        )
    };
    if status != 0 || len == 0 {
        return KeyMatch::Unverified;
    }
    let mut sig = vec![0u8; len as usize];
    // SAFETY: as above, with an output buffer of the size just reported.
    let status = unsafe {
        NCryptSignHash(
            key,
            padding,
            digest.as_ptr(),
            digest.len() as u32,
            sig.as_mut_ptr(),
            sig.len() as u32,
            &mut len,
            flags,
        )
    };
    if status != 0 {
        return KeyMatch::Unverified;
    }
    sig.truncate(len as usize);
    // CNG writes RSA signatures big-endian and ECDSA ones as r || s, the
    // forms ring verifies.
    let public = UnparsedPublicKey::new(verify_with, spki.subject_public_key.data.as_ref());
    if public.verify(CHALLENGE, &sig).is_ok() {
        KeyMatch::Matches
    } else {
        KeyMatch::Mismatch
    }
}

/// Delete a CNG key by the names in the certificate's CERT_KEY_PROV_INFO
/// (provider and container, NUL-terminated UTF-16; `prov_flags` may say
/// the key is the machine's). Best effort, like the legacy deletion.
pub(super) fn delete_key(provider: &[u16], container: &[u16], key_spec: u32, prov_flags: u32) {
    // Just the NUL: no provider named, the default one.
    let provider_ptr = if provider.len() > 1 {
        provider.as_ptr()
    } else {
        null()
    };
    let mut prov: NCRYPT_PROV_HANDLE = 0;
    // SAFETY: a NUL-terminated provider name (or null for the default)
    // that outlives the call; the handle is freed below.
    if unsafe { NCryptOpenStorageProvider(&mut prov, provider_ptr, 0) } != 0 {
        return;
    }
    let mut key: NCRYPT_KEY_HANDLE = 0;
    let flags = NCRYPT_SILENT_FLAG | (prov_flags & NCRYPT_MACHINE_KEY_FLAG);
    // SAFETY: a live provider handle; a NUL-terminated container name that
    // outlives the call; the key handle is deleted or freed below.
    let opened = unsafe { NCryptOpenKey(prov, &mut key, container.as_ptr(), key_spec, flags) } == 0;
    if opened {
        // SAFETY: a live key handle: NCryptDeleteKey frees it when it
        // succeeds; when it fails the handle is still ours to free.
        unsafe {
            if NCryptDeleteKey(key, NCRYPT_SILENT_FLAG) != 0 {
                NCryptFreeObject(key);
            }
        }
    }
    // SAFETY: the provider handle opened above, freed once, here.
    unsafe {
        NCryptFreeObject(prov);
    }
}
