//! Owned CryptoAPI handles (closed or freed on drop) and the store lookups
//! the store and key code share.

use super::{last_error, last_error_code};
use crate::cert::error::Result;
use crate::cert::pfx::normalize_thumbprint;
use crate::cert::store::StoreName;
use std::ptr::{null, null_mut};
use windows_sys::Win32::Security::Cryptography::*;

pub(super) const ENCODING: CERT_QUERY_ENCODING_TYPE = X509_ASN_ENCODING | PKCS_7_ASN_ENCODING;

/// An open certificate store, closed on drop.
pub(super) struct Store(pub(super) HCERTSTORE);

impl Drop for Store {
    fn drop(&mut self) {
        // SAFETY: the handle came from CertOpenStore/PFXImportCertStore and
        // is closed only here.
        unsafe {
            CertCloseStore(self.0, 0);
        }
    }
}

/// A certificate context we own, freed on drop.
pub(super) struct Ctx(pub(super) *const CERT_CONTEXT);

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
    pub(super) fn der(&self) -> &[u8] {
        // SAFETY: a live context points at its encoded certificate, which
        // lives as long as the context (borrowed from `self`).
        unsafe {
            let c = &*self.0;
            std::slice::from_raw_parts(c.pbCertEncoded, c.cbCertEncoded as usize)
        }
    }

    pub(super) fn has_property(&self, id: u32) -> bool {
        let mut size = 0u32;
        // SAFETY: a live context; size query with a null buffer.
        unsafe { CertGetCertificateContextProperty(self.0, id, null_mut(), &mut size) != 0 }
    }

    pub(super) fn duplicate(&self) -> Ctx {
        // SAFETY: duplicating a live context bumps its reference count; the
        // new reference is owned by the returned Ctx.
        Ctx(unsafe { CertDuplicateCertificateContext(self.0) })
    }
}

pub(super) fn open_system(name: StoreName, read_only: bool) -> Result<Store> {
    let w = super::wide(name.system_name());
    let open = |flags: u32| {
        // SAFETY: pvPara is a NUL-terminated UTF-16 store name that outlives
        // the call.
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
        let code = last_error_code();
        return Err(last_error(
            &format!("CertOpenStore({})", name.system_name()),
            code,
        ));
    }
    Ok(Store(h))
}

pub(super) fn open_memory() -> Result<Store> {
    // SAFETY: a memory store needs no parameters.
    let h = unsafe { CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, 0, null()) };
    if h.is_null() {
        let code = last_error_code();
        return Err(last_error("CertOpenStore(memory)", code));
    }
    Ok(Store(h))
}

/// Every certificate of a store, each an owned context.
pub(super) fn enumerate(store: &Store) -> Vec<Ctx> {
    let mut out = Vec::new();
    let mut prev: *const CERT_CONTEXT = null();
    loop {
        // SAFETY: a live store; the enumeration frees `prev` (null or the
        // context it returned last) and returns the next one.
        let next = unsafe { CertEnumCertificatesInStore(store.0, prev) };
        if next.is_null() {
            break;
        }
        // Keep our own reference: the enumerator frees `next` on the next
        // call.
        // SAFETY: `next` is a live context just returned by the enumeration.
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

pub(super) fn find_by_thumb(store: &Store, thumb: &str) -> Option<Ctx> {
    let mut bytes = thumb_bytes(thumb)?;
    let blob = CRYPT_INTEGER_BLOB {
        cbData: bytes.len() as u32,
        pbData: bytes.as_mut_ptr(),
    };
    // SAFETY: a live store; the blob and its bytes outlive the call; the
    // result is a context we own.
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
