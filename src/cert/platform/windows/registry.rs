//! Values under HKEY_CURRENT_USER: read for the proxy settings, manual and
//! automatic (`cert::net` knows which key and what the values mean),
//! written only by tests, as Internet Options writes them. And one look at
//! HKEY_CLASSES_ROOT: whether a URL protocol (`microsoft-edge:`) has a
//! handler, before the wizard hands a link to it.

use super::wide;
use std::ptr::null_mut;
use windows_sys::Win32::System::Registry::{
    HKEY, HKEY_CLASSES_ROOT, HKEY_CURRENT_USER, RRF_RT_REG_BINARY, RRF_RT_REG_DWORD, RRF_RT_REG_SZ,
    RegGetValueW,
};

/// Whether `scheme:` links have a handler: the scheme's key carries the
/// "URL Protocol" value that marks a URL protocol. Explorer starts without
/// complaint for a protocol nobody handles and then shows its own "get an
/// app" dialog, so the spawn succeeding proves nothing; this is asked
/// first. The user's own registrations (HKCU\\Software\\Classes, where Edge
/// installed for one user lands) are looked at before HKCR: Windows merges
/// them into HKCR, wine does not.
pub fn url_protocol_registered(scheme: &str) -> bool {
    has_url_protocol(HKEY_CURRENT_USER, &format!("Software\\Classes\\{scheme}"))
        || has_url_protocol(HKEY_CLASSES_ROOT, scheme)
}

fn has_url_protocol(root: HKEY, subkey: &str) -> bool {
    let key = wide(subkey);
    let n = wide("URL Protocol");
    let mut len = 0u32;
    // SAFETY: NUL-terminated key and value names that outlive the call; no
    // out buffer (null), only its size asked for, into a local u32.
    let r = unsafe {
        RegGetValueW(
            root,
            key.as_ptr(),
            n.as_ptr(),
            RRF_RT_REG_SZ,
            null_mut(),
            null_mut(),
            &mut len,
        )
    };
    r == 0
}

/// A REG_DWORD value of HKCU\\`subkey`; `None` when absent or another type.
pub fn read_dword(subkey: &str, name: &str) -> Option<u32> {
    let key = wide(subkey);
    let n = wide(name);
    let mut v = 0u32;
    let mut len = 4u32;
    // SAFETY: NUL-terminated key and value names that outlive the call; an
    // out buffer of `len` bytes (a local u32).
    let r = unsafe {
        RegGetValueW(
            HKEY_CURRENT_USER,
            key.as_ptr(),
            n.as_ptr(),
            RRF_RT_REG_DWORD,
            null_mut(),
            (&mut v as *mut u32).cast(),
            &mut len,
        )
    };
    (r == 0).then_some(v)
}

/// A REG_SZ value of HKCU\\`subkey` (up to 2047 characters); `None` when
/// absent, longer or another type.
pub fn read_string(subkey: &str, name: &str) -> Option<String> {
    let key = wide(subkey);
    let n = wide(name);
    let mut buf = vec![0u16; 2048];
    let mut len = (buf.len() * 2) as u32;
    // SAFETY: NUL-terminated key and value names that outlive the call; an
    // out buffer of `len` bytes. RegGetValueW NUL-terminates what it
    // writes, and fails rather than overrun a buffer too small.
    let r = unsafe {
        RegGetValueW(
            HKEY_CURRENT_USER,
            key.as_ptr(),
            n.as_ptr(),
            RRF_RT_REG_SZ,
            null_mut(),
            buf.as_mut_ptr().cast(),
            &mut len,
        )
    };
    if r != 0 {
        return None;
    }
    let end = buf.iter().position(|&c| c == 0).unwrap_or(0);
    Some(String::from_utf16_lossy(&buf[..end]))
}

/// A REG_BINARY value of HKCU\\`subkey` (up to 16 KiB; the LAN settings
/// blob is a few hundred bytes); `None` when absent, larger or another type.
pub fn read_binary(subkey: &str, name: &str) -> Option<Vec<u8>> {
    let key = wide(subkey);
    let n = wide(name);
    let mut buf = vec![0u8; 16 * 1024];
    let mut len = buf.len() as u32;
    // SAFETY: NUL-terminated key and value names that outlive the call; an
    // out buffer of `len` bytes. RegGetValueW fails rather than overrun a
    // buffer too small, and sets `len` to the bytes it wrote.
    let r = unsafe {
        RegGetValueW(
            HKEY_CURRENT_USER,
            key.as_ptr(),
            n.as_ptr(),
            RRF_RT_REG_BINARY,
            null_mut(),
            buf.as_mut_ptr().cast(),
            &mut len,
        )
    };
    if r != 0 {
        return None;
    }
    buf.truncate(len as usize);
    Some(buf)
}

/// Set a REG_SZ value of HKCU\\`subkey` (tests); true on success.
#[cfg(test)]
pub fn write_string(subkey: &str, name: &str, value: &str) -> bool {
    use windows_sys::Win32::System::Registry::{REG_SZ, RegSetKeyValueW};
    let key = wide(subkey);
    let n = wide(name);
    let v = wide(value);
    // SAFETY: NUL-terminated strings that outlive the call; the data length
    // in bytes, the terminating NUL included.
    let r = unsafe {
        RegSetKeyValueW(
            HKEY_CURRENT_USER,
            key.as_ptr(),
            n.as_ptr(),
            REG_SZ,
            v.as_ptr().cast(),
            (v.len() * 2) as u32,
        )
    };
    r == 0
}

/// Set a REG_DWORD value of HKCU\\`subkey` (tests); true on success.
#[cfg(test)]
pub fn write_dword(subkey: &str, name: &str, value: u32) -> bool {
    use windows_sys::Win32::System::Registry::{REG_DWORD, RegSetKeyValueW};
    let key = wide(subkey);
    let n = wide(name);
    // SAFETY: NUL-terminated names that outlive the call; 4 bytes of data
    // read from a local u32.
    let r = unsafe {
        RegSetKeyValueW(
            HKEY_CURRENT_USER,
            key.as_ptr(),
            n.as_ptr(),
            REG_DWORD,
            (&value as *const u32).cast(),
            4,
        )
    };
    r == 0
}

/// Set a REG_BINARY value of HKCU\\`subkey` (tests); true on success.
#[cfg(test)]
pub fn write_binary(subkey: &str, name: &str, value: &[u8]) -> bool {
    use windows_sys::Win32::System::Registry::{REG_BINARY, RegSetKeyValueW};
    let key = wide(subkey);
    let n = wide(name);
    // SAFETY: NUL-terminated names that outlive the call; `value.len()`
    // bytes of data read from a slice that outlives the call.
    let r = unsafe {
        RegSetKeyValueW(
            HKEY_CURRENT_USER,
            key.as_ptr(),
            n.as_ptr(),
            REG_BINARY,
            value.as_ptr().cast(),
            value.len() as u32,
        )
    };
    r == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every wine prefix has HKCU\\Software\\Wine; Windows has none.
    fn under_wine() -> bool {
        use windows_sys::Win32::System::Registry::{KEY_READ, RegCloseKey, RegOpenKeyExW};
        let key = wide("Software\\Wine");
        let mut h: HKEY = null_mut();
        // SAFETY: a NUL-terminated key name that outlives the call and an
        // out handle (a local), closed below when the open succeeded.
        let r = unsafe { RegOpenKeyExW(HKEY_CURRENT_USER, key.as_ptr(), 0, KEY_READ, &mut h) };
        if r == 0 {
            // SAFETY: `h` was opened just above and is closed once.
            unsafe { RegCloseKey(h) };
        }
        r == 0
    }

    #[test]
    fn url_protocols_are_told_apart_by_their_registration() {
        // Wine registers https (for winebrowser) and has no Edge: the same
        // look that finds Edge on Windows finds https here, and finds no
        // microsoft-edge, so the wizard takes the default-browser path.
        assert!(url_protocol_registered("https"));
        // Only wine lacks Edge; on Windows this look finds it.
        if under_wine() {
            assert!(!url_protocol_registered("microsoft-edge"));
        }
        assert!(!url_protocol_registered("oqscert-no-such-protocol"));
        // A protocol the user registers (HKCU\Software\Classes) counts,
        // as Edge installed for one user does.
        let scheme = format!("oqscert-test-{}", std::process::id());
        assert!(write_string(
            &format!("Software\\Classes\\{scheme}"),
            "URL Protocol",
            ""
        ));
        assert!(url_protocol_registered(&scheme));
    }
}
