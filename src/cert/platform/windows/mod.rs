//! The Win32 FFI, split by concern: the certificate store through
//! CryptoAPI (`store.rs` on the handle wrappers of `handles.rs`, PFX import
//! in `import.rs`), the private keys behind it (`keys.rs`; CNG keys in
//! `ncrypt.rs`), the registry (`registry.rs`), the system facts the wizard
//! shows (`system.rs`: user name, removable drives and their labels, the
//! console, free space, whether the profile roams, the default browser),
//! the owner-only folder (`security.rs`), the clipboard (`clipboard.rs`)
//! and the expiry monitor's message box (`notify.rs`).
//!
//! The only module where `unsafe` is allowed: every block carries a
//! `// SAFETY:` comment saying why it is sound.
#![allow(unsafe_code)]

mod clipboard;
mod handles;
mod import;
mod keys;
mod ncrypt;
mod notify;
pub mod registry;
mod security;
mod store;
mod system;

pub use clipboard::clipboard_has_formats;
pub use notify::message_box;
pub use security::{is_owner_only, protect_folder};
pub use store::WindowsStore;
pub use system::{
    Drive, ErrorModeGuard, console_is_own, console_output_code_page, current_user_name,
    default_browser, discard_console_input, drive_info, free_space, is_remote_drive,
    is_removable_drive, profile_roams, removable_drives,
};

use crate::cert::error::Error;
use windows_sys::Win32::Foundation::GetLastError;

/// A NUL-terminated UTF-16 string, as the `W` functions take.
fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

/// The calling thread's last Win32 error. Read it first thing after the
/// call that failed: anything in between (`format!`, an allocation, any
/// other API call) may overwrite it.
fn last_error_code() -> u32 {
    // SAFETY: GetLastError has no preconditions.
    unsafe { GetLastError() }
}

/// A store error naming what failed, with the code already read by
/// `last_error_code` right after the failing call.
fn last_error(what: &str, code: u32) -> Error {
    Error::Store(format!("{what} failed (Win32 error 0x{code:08X})"))
}
