//! PFXImportCertStore with the import wizard's choices, and what its
//! failures and those of adding a certificate to a store mean.

use super::handles::Store;
use super::{last_error, last_error_code, wide};
use crate::cert::error::{Error, Result};
use crate::cert::password::Password;
use crate::cert::store::{InstallOptions, StoreName};
use windows_sys::Win32::Foundation::{
    E_INVALIDARG, ERROR_CANCELLED, ERROR_INVALID_PARAMETER, NTE_BAD_FLAGS, SetLastError,
};
use windows_sys::Win32::Security::Cryptography::*;
use zeroize::Zeroizing;

/// PFXImportCertStore with the import wizard's choices. It is retried
/// without PKCS12_INCLUDE_EXTENDED_PROPERTIES only when that flag is what
/// failed (wine refuses it): a second import after any other failure would
/// leave another key container on Windows and hide the first error.
pub(super) fn import(
    pfx_bytes: &[u8],
    password: &Password,
    options: &InstallOptions,
) -> Result<Store> {
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
    let attempt = |flags: CRYPT_KEY_FLAGS| -> (HCERTSTORE, u32) {
        // wine returns on an unknown flag without setting an error: start
        // from 0 so that case reads as 0, not as a stale code.
        // SAFETY: SetLastError has no preconditions.
        unsafe { SetLastError(0) };
        // SAFETY: the blob (pointing at `pfx_bytes`, which the call only
        // reads) and the NUL-terminated password outlive the call; a store
        // handle returned is owned by `Store` below.
        let h = unsafe { PFXImportCertStore(&blob, wpw.as_ptr(), flags) };
        let code = if h.is_null() { last_error_code() } else { 0 };
        (h, code)
    };
    let (mut h, mut code) = attempt(flags);
    if h.is_null() && flags & PKCS12_INCLUDE_EXTENDED_PROPERTIES != 0 && flag_refused(code) {
        // Our own check already proved password and contents.
        (h, code) = attempt(flags & !PKCS12_INCLUDE_EXTENDED_PROPERTIES);
    }
    if h.is_null() {
        return Err(last_error("PFXImportCertStore", code));
    }
    Ok(Store(h))
}

/// A failed PFXImportCertStore that means "this flag is not accepted":
/// 0 (wine sets no error for a flag it does not know),
/// ERROR_INVALID_PARAMETER, NTE_BAD_FLAGS or E_INVALIDARG.
fn flag_refused(code: u32) -> bool {
    code == 0
        || code == ERROR_INVALID_PARAMETER
        || code == NTE_BAD_FLAGS as u32
        || code == E_INVALIDARG as u32
}

/// ERROR_CANCELLED as a Win32 code (1223) or as the HRESULT crypt32 may
/// report (0x800704C7): the person said "No" to, or closed, Windows'
/// security warning for a new root.
fn cancelled(code: u32) -> bool {
    code == ERROR_CANCELLED || code == 0x8007_04C7
}

/// The error for a certificate that could not be added to `store`.
pub(super) fn add_error(store: StoreName, code: u32) -> Error {
    if store == StoreName::Root && cancelled(code) {
        return Error::RootCancelled;
    }
    last_error(&format!("adding to {}", store.system_name()), code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_refused_flag_is_retried_and_a_cancel_is_told_apart() {
        for code in [0, 87, 0x8009_0009, 0x8007_0057] {
            assert!(flag_refused(code), "{code:#X}");
        }
        // Wrong password, out of memory, access denied: no second import.
        for code in [0x8007_0056, 14, 5] {
            assert!(!flag_refused(code), "{code:#X}");
        }
        assert!(matches!(
            add_error(StoreName::Root, 1223),
            Error::RootCancelled
        ));
        assert!(matches!(
            add_error(StoreName::Root, 0x8007_04C7),
            Error::RootCancelled
        ));
        assert!(matches!(add_error(StoreName::Ca, 1223), Error::Store(_)));
        assert!(matches!(add_error(StoreName::Root, 5), Error::Store(_)));
    }
}
