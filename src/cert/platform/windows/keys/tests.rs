//! Deleting a key container, run under wine (whose PFX import puts every
//! key in one container, so clean-up's own run there never reaches the
//! delete): containers made here by name, certificates linked to them in
//! a memory store standing in for MY.

use super::*;
use crate::cert::pfx::fixtures::{Identity, IdentitySpec};

const PROVIDER: &str = "Microsoft Enhanced Cryptographic Provider v1.0";

/// A fresh legacy key container named `name`, holding one key.
fn new_container(name: &str) -> KeyRef {
    let key = KeyRef {
        container: wide(name),
        provider: wide(PROVIDER),
        prov_type: PROV_RSA_FULL,
        flags: 0,
        key_spec: AT_KEYEXCHANGE,
    };
    // A leftover from an earlier run would make NEWKEYSET fail.
    drop_container(&key);
    let mut h = 0usize;
    // SAFETY: NUL-terminated strings that outlive the calls; the key and
    // the provider handle made here are released here.
    unsafe {
        assert_ne!(
            CryptAcquireContextW(
                &mut h,
                key.container.as_ptr(),
                key.provider.as_ptr(),
                key.prov_type,
                CRYPT_NEWKEYSET | CRYPT_SILENT,
            ),
            0,
            "CryptAcquireContextW(NEWKEYSET): {:#x}",
            last_error_code()
        );
        let mut k = 0usize;
        assert_ne!(CryptGenKey(h, AT_KEYEXCHANGE, 0, &mut k), 0);
        CryptDestroyKey(k);
        CryptReleaseContext(h, 0);
    }
    key
}

/// Whether the container can still be opened.
fn exists(key: &KeyRef) -> bool {
    let mut h = 0usize;
    // SAFETY: as above; a handle is released when one was given.
    unsafe {
        let ok = CryptAcquireContextW(
            &mut h,
            key.container.as_ptr(),
            key.provider.as_ptr(),
            key.prov_type,
            CRYPT_SILENT,
        ) != 0;
        if ok {
            CryptReleaseContext(h, 0);
        }
        ok
    }
}

fn drop_container(key: &KeyRef) {
    let mut h = 0usize;
    // SAFETY: as above; DELETEKEYSET returns no handle.
    unsafe {
        CryptAcquireContextW(
            &mut h,
            key.container.as_ptr(),
            key.provider.as_ptr(),
            key.prov_type,
            CRYPT_DELETEKEYSET | CRYPT_SILENT,
        );
    }
}

/// Add `der` to `store`, its key property pointing at `key`.
fn add_linked(store: &Store, der: &[u8], key: &KeyRef) {
    let mut container = key.container.clone();
    let mut provider = key.provider.clone();
    let info = CRYPT_KEY_PROV_INFO {
        pwszContainerName: container.as_mut_ptr(),
        pwszProvName: provider.as_mut_ptr(),
        dwProvType: key.prov_type,
        dwFlags: key.flags,
        cProvParam: 0,
        rgProvParam: null_mut(),
        dwKeySpec: key.key_spec,
    };
    let mut ctx: *mut CERT_CONTEXT = null_mut();
    // SAFETY: a live store, a DER buffer with its length, an out pointer
    // whose context is freed by `Ctx`; the property's strings outlive the
    // call (CryptoAPI copies them).
    unsafe {
        assert_ne!(
            CertAddEncodedCertificateToStore(
                store.0,
                super::super::handles::ENCODING,
                der.as_ptr(),
                der.len() as u32,
                CERT_STORE_ADD_ALWAYS,
                &mut ctx,
            ),
            0
        );
        let ctx = Ctx(ctx);
        assert_ne!(
            CertSetCertificateContextProperty(
                ctx.0,
                CERT_KEY_PROV_INFO_PROP_ID,
                0,
                (&info as *const CRYPT_KEY_PROV_INFO).cast::<c_void>(),
            ),
            0
        );
    }
}

/// A container only the removed certificate uses is deleted; one another
/// certificate in MY still uses is kept.
#[test]
fn a_key_container_goes_with_its_last_certificate_only() {
    let id = Identity::new(&IdentitySpec::default());
    let pid = std::process::id();

    let alone = new_container(&format!("oqscert-test-alone-{pid}"));
    assert!(exists(&alone));
    let my = open_memory().unwrap();
    add_linked(&my, &id.leaf_der, &alone);
    // The certificate itself is in MY still when its key is handled.
    delete_key_container(&alone, &id.leaf_der, &my);
    assert!(!exists(&alone), "the container of the removed certificate");

    let shared = new_container(&format!("oqscert-test-shared-{pid}"));
    let my = open_memory().unwrap();
    add_linked(&my, &id.leaf_der, &shared);
    add_linked(&my, &id.ca_der, &shared);
    delete_key_container(&shared, &id.leaf_der, &my);
    assert!(exists(&shared), "another certificate still uses it");
    drop_container(&shared);
    assert!(!exists(&shared));
}
