//! The expiry monitor's notice: a message box, which waits for OK, so a
//! reminder is not missed the way a toast that fades can be.

use super::{last_error_code, wide};
use std::ptr::null_mut;
use windows_sys::Win32::UI::WindowsAndMessaging::{
    MB_ICONWARNING, MB_OK, MB_SETFOREGROUND, MB_TOPMOST, MessageBoxW,
};

/// Show `body` under `title` with a warning icon, in front of other
/// windows, and wait until it is closed.
pub fn message_box(title: &str, body: &str) -> Result<(), String> {
    let title = wide(title);
    let body = wide(body);
    // SAFETY: both pointers are NUL-terminated UTF-16 buffers that outlive
    // the call; a null owner window is allowed (no owner).
    let pressed = unsafe {
        MessageBoxW(
            null_mut(),
            body.as_ptr(),
            title.as_ptr(),
            MB_OK | MB_ICONWARNING | MB_SETFOREGROUND | MB_TOPMOST,
        )
    };
    if pressed == 0 {
        let code = last_error_code();
        return Err(format!("MessageBoxW failed (Win32 error 0x{code:08X})"));
    }
    Ok(())
}
