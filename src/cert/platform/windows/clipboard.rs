//! Reading which formats the clipboard holds (for the test that a copied
//! ID carries the "not in the clipboard history, not to the cloud"
//! formats that arboard sets).

use super::wide;
use std::io;
use std::ptr::null_mut;
use windows_sys::Win32::System::DataExchange::{
    CloseClipboard, IsClipboardFormatAvailable, OpenClipboard, RegisterClipboardFormatW,
};

/// For each registered format name, whether the clipboard holds it now.
pub fn clipboard_has_formats(names: &[&str]) -> io::Result<Vec<bool>> {
    // SAFETY: a null owner window is allowed; the clipboard is closed
    // below on every path.
    if unsafe { OpenClipboard(null_mut()) } == 0 {
        return Err(io::Error::last_os_error());
    }
    let seen = names
        .iter()
        .map(|n| {
            let name = wide(n);
            // SAFETY: `name` is NUL-terminated and outlives the call.
            let format = unsafe { RegisterClipboardFormatW(name.as_ptr()) };
            // SAFETY: the clipboard is open; any format number is allowed.
            format != 0 && unsafe { IsClipboardFormatAvailable(format) } != 0
        })
        .collect();
    // SAFETY: opened above by this thread.
    unsafe {
        CloseClipboard();
    }
    Ok(seen)
}
