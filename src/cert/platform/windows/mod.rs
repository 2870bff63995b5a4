//! The Win32 FFI, split by concern: the certificate store through
//! CryptoAPI (`store.rs` on the handle wrappers of `handles.rs`), the
//! private keys behind it (`keys.rs`), the registry (`registry.rs`) and the
//! system facts the wizard shows (`system.rs`: user name, removable drives).
//!
//! The only module where `unsafe` is allowed: every block carries a
//! `// SAFETY:` comment saying why it is sound.
#![allow(unsafe_code)]

mod handles;
mod keys;
pub mod registry;
mod store;
mod system;

pub use store::WindowsStore;
pub use system::{Drive, current_user_name, removable_drives};

use crate::cert::error::Error;
use windows_sys::Win32::Foundation::GetLastError;

/// A NUL-terminated UTF-16 string, as the `W` functions take.
fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

/// The calling thread's last Win32 error as a store error.
fn last_error(what: &str) -> Error {
    // SAFETY: GetLastError has no preconditions.
    let code = unsafe { GetLastError() };
    Error::Store(format!("{what} failed (Win32 error 0x{code:08X})"))
}
