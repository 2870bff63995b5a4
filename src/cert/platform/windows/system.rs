//! System facts the wizard shows: who this process runs as, and the USB
//! sticks a backup can go to.

use super::wide;
use std::ptr::null_mut;

/// The Windows user this process runs as (the OQS software runs as
/// `OQSComApp`; a certificate imported for another user is invisible to it).
pub fn current_user_name() -> Option<String> {
    use windows_sys::Win32::System::WindowsProgramming::GetUserNameW;
    let mut buf = vec![0u16; 257];
    let mut len = buf.len() as u32;
    // SAFETY: a buffer and its length in characters (UNLEN + 1).
    let ok = unsafe { GetUserNameW(buf.as_mut_ptr(), &mut len) };
    if ok == 0 {
        return None;
    }
    let end = buf.iter().position(|&c| c == 0).unwrap_or(buf.len());
    Some(String::from_utf16_lossy(&buf[..end]))
}

/// A removable drive (USB stick) as Windows reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drive {
    pub root: String,
    pub label: String,
    pub free_bytes: Option<u64>,
}

/// Drives of type DRIVE_REMOVABLE, with label and free space.
pub fn removable_drives() -> Vec<Drive> {
    use windows_sys::Win32::Storage::FileSystem::{
        GetDiskFreeSpaceExW, GetDriveTypeW, GetLogicalDrives, GetVolumeInformationW,
    };
    use windows_sys::Win32::System::WindowsProgramming::DRIVE_REMOVABLE;
    // SAFETY: no preconditions.
    let mask = unsafe { GetLogicalDrives() };
    let mut out = Vec::new();
    for i in 0..26u32 {
        if mask & (1 << i) == 0 {
            continue;
        }
        let root = format!("{}:\\", char::from(b'A' + i as u8));
        let w = wide(&root);
        // SAFETY: a NUL-terminated root path that outlives the call.
        if unsafe { GetDriveTypeW(w.as_ptr()) } != DRIVE_REMOVABLE {
            continue;
        }
        let mut label = vec![0u16; 261];
        // SAFETY: a NUL-terminated root path; the label buffer with its
        // length in characters; the optional outputs null.
        let ok = unsafe {
            GetVolumeInformationW(
                w.as_ptr(),
                label.as_mut_ptr(),
                label.len() as u32,
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut(),
                0,
            )
        };
        let label = if ok != 0 {
            let end = label.iter().position(|&c| c == 0).unwrap_or(0);
            String::from_utf16_lossy(&label[..end])
        } else {
            String::new()
        };
        let mut free = 0u64;
        // SAFETY: a NUL-terminated root path; out pointer to a local, the
        // other outputs null (optional).
        let free_ok = unsafe { GetDiskFreeSpaceExW(w.as_ptr(), &mut free, null_mut(), null_mut()) };
        out.push(Drive {
            root,
            label,
            free_bytes: (free_ok != 0).then_some(free),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_name_is_known() {
        let name = current_user_name().unwrap();
        assert!(!name.is_empty());
    }

    #[test]
    fn removable_drive_listing_does_not_fail() {
        // wine reports no removable drives; the call must still work.
        for d in removable_drives() {
            assert!(d.root.ends_with(":\\"));
        }
    }
}
