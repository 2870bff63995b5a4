//! System facts the wizard shows: who this process runs as, the USB
//! sticks a backup can go to, whether the program runs from one; the
//! error mode that keeps probing a drive from popping up a dialog; and
//! whether the console is ours alone.

use super::wide;
use std::ptr::null_mut;
use windows_sys::Win32::System::Diagnostics::Debug::{
    GetThreadErrorMode, SEM_FAILCRITICALERRORS, SetThreadErrorMode,
};

/// While alive, this thread fails a call on a drive without a medium (an
/// empty card-reader slot) with an error instead of Windows' "There is no
/// disk in the drive" dialog; the previous mode comes back on drop. Hold
/// one around probing drives and reading files on removable media.
pub struct ErrorModeGuard {
    previous: u32,
    set: bool,
}

impl ErrorModeGuard {
    pub fn fail_critical_errors() -> Self {
        // SAFETY: no preconditions.
        let current = unsafe { GetThreadErrorMode() };
        let mut previous = 0u32;
        // Added to what is set already, never replacing it.
        // SAFETY: the out pointer is a valid local.
        let ok = unsafe { SetThreadErrorMode(current | SEM_FAILCRITICALERRORS, &mut previous) };
        ErrorModeGuard {
            previous,
            set: ok != 0,
        }
    }
}

impl Drop for ErrorModeGuard {
    fn drop(&mut self) {
        if self.set {
            // SAFETY: restores the mode read when the guard was made; the
            // old-mode out pointer is optional (null).
            unsafe {
                SetThreadErrorMode(self.previous, null_mut());
            }
        }
    }
}

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

/// True when this process is the only one attached to its console: the
/// exe was double-clicked in Explorer, which made a console that closes
/// when the process ends. From cmd or PowerShell the shell is attached too
/// (two or more). No console at all (0) is false.
pub fn console_is_own() -> bool {
    use windows_sys::Win32::System::Console::GetConsoleProcessList;
    // Room for a few ids: only "exactly one" matters; a longer list makes
    // the call return the count it would need, which is not 1 either.
    let mut ids = [0u32; 4];
    // SAFETY: a writable buffer and its length in elements.
    let n = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
    n == 1
}

/// Drop keys still waiting in the console's input (typed while the program
/// was ending), so that a "press Enter" prompt waits for a new key.
pub fn discard_console_input() {
    use windows_sys::Win32::System::Console::{
        FlushConsoleInputBuffer, GetStdHandle, STD_INPUT_HANDLE,
    };
    // SAFETY: no preconditions; the handle is not owned by us (not closed).
    let input = unsafe { GetStdHandle(STD_INPUT_HANDLE) };
    if input.is_null() || input == windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE {
        return;
    }
    // SAFETY: the process's standard input handle, checked above; a
    // non-console handle makes the call fail, which is ignored.
    unsafe {
        FlushConsoleInputBuffer(input);
    }
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
    use windows_sys::Win32::Storage::FileSystem::{GetDriveTypeW, GetLogicalDrives};
    use windows_sys::Win32::System::WindowsProgramming::DRIVE_REMOVABLE;
    // An empty card-reader slot is DRIVE_REMOVABLE too: probing it must
    // not pop up "There is no disk in the drive".
    let _quiet = ErrorModeGuard::fail_critical_errors();
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
        out.push(drive_info(&root));
    }
    out
}

/// The label and free space of the drive at `root` ("E:\\"), whatever
/// its type; empty label and no figure when Windows cannot say.
pub fn drive_info(root: &str) -> Drive {
    use windows_sys::Win32::Storage::FileSystem::{GetDiskFreeSpaceExW, GetVolumeInformationW};
    let _quiet = ErrorModeGuard::fail_critical_errors();
    let w = wide(root);
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
    Drive {
        root: root.to_string(),
        label,
        free_bytes: (free_ok != 0).then_some(free),
    }
}

/// Whether the drive at `root` ("E:\\") is of type DRIVE_REMOVABLE (a
/// USB stick; some large sticks report themselves as fixed disks).
pub fn is_removable_drive(root: &str) -> bool {
    use windows_sys::Win32::Storage::FileSystem::GetDriveTypeW;
    use windows_sys::Win32::System::WindowsProgramming::DRIVE_REMOVABLE;
    // An empty card-reader slot must not pop up a dialog.
    let _quiet = ErrorModeGuard::fail_critical_errors();
    let w = wide(root);
    // SAFETY: a NUL-terminated root path that outlives the call.
    let kind = unsafe { GetDriveTypeW(w.as_ptr()) };
    kind == DRIVE_REMOVABLE
}

/// The console's output code page (65001 is UTF-8); `None` without a
/// console.
pub fn console_output_code_page() -> Option<u32> {
    use windows_sys::Win32::System::Console::GetConsoleOutputCP;
    // SAFETY: no preconditions; 0 means there is no console.
    let cp = unsafe { GetConsoleOutputCP() };
    (cp != 0).then_some(cp)
}

/// Whether the user's profile roams (its Credential Manager entries
/// follow the user to other PCs); `None` when Windows does not say.
pub fn profile_roams() -> Option<bool> {
    use windows_sys::Win32::UI::Shell::GetProfileType;
    // PT_ROAMING and PT_ROAMING_PREEXISTING (userenv.h), kept here rather
    // than turning on the GroupPolicy module for two numbers.
    const ROAMING: u32 = 0x2 | 0x8;
    let mut flags = 0u32;
    // SAFETY: an out pointer to a local.
    let ok = unsafe { GetProfileType(&mut flags) };
    (ok != 0).then_some(flags & ROAMING != 0)
}

/// The program Windows opens https links with for this user (the
/// `UserChoice` ProgId: "MSEdgeHTM", "ChromeHTML" ...); `None` when the
/// user never chose one.
pub fn default_browser() -> Option<String> {
    super::registry::read_string(
        r"Software\Microsoft\Windows\Shell\Associations\UrlAssociations\https\UserChoice",
        "ProgId",
    )
    .filter(|p| !p.is_empty())
}

/// Bytes free for this user on the volume holding `path`.
pub fn free_space(path: &std::path::Path) -> Option<u64> {
    use windows_sys::Win32::Storage::FileSystem::GetDiskFreeSpaceExW;
    let _quiet = ErrorModeGuard::fail_critical_errors();
    let w = wide(&path.to_string_lossy());
    let mut free = 0u64;
    // SAFETY: a NUL-terminated path that outlives the call; the out
    // pointer to a local, the other outputs null (optional).
    let ok = unsafe { GetDiskFreeSpaceExW(w.as_ptr(), &mut free, null_mut(), null_mut()) };
    (ok != 0).then_some(free)
}

/// Whether the drive at `root` ("Z:\\") is a network share mapped to a
/// letter (DRIVE_REMOTE).
pub fn is_remote_drive(root: &str) -> bool {
    use windows_sys::Win32::Storage::FileSystem::GetDriveTypeW;
    use windows_sys::Win32::System::WindowsProgramming::DRIVE_REMOTE;
    let _quiet = ErrorModeGuard::fail_critical_errors();
    let w = wide(root);
    // SAFETY: a NUL-terminated root path that outlives the call.
    let kind = unsafe { GetDriveTypeW(w.as_ptr()) };
    kind == DRIVE_REMOTE
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
    fn error_mode_is_restored() {
        // SAFETY: no preconditions.
        let before = unsafe { GetThreadErrorMode() };
        {
            let _quiet = ErrorModeGuard::fail_critical_errors();
            // SAFETY: no preconditions.
            let during = unsafe { GetThreadErrorMode() };
            assert_ne!(during & SEM_FAILCRITICALERRORS, 0);
        }
        // SAFETY: no preconditions.
        assert_eq!(unsafe { GetThreadErrorMode() }, before);
    }

    /// A file the person named (a backup on the stick, read on the
    /// reinstall route) is read with the drive dialog off, and a drive
    /// that is not there is an error.
    #[test]
    fn named_files_are_read_quietly() {
        // SAFETY: no preconditions.
        let seen = crate::cert::fsutil::quietly(|| unsafe { GetThreadErrorMode() });
        assert_ne!(seen & SEM_FAILCRITICALERRORS, 0);
        let missing = std::path::Path::new("Q:\\oqscert-backup\\missing.p12");
        assert!(crate::cert::fsutil::read_limited_quiet(missing, 1024).is_err());
    }

    #[test]
    fn the_system_drive_is_not_removable() {
        assert!(!is_removable_drive("C:\\"));
    }

    #[test]
    fn a_test_does_not_own_its_console() {
        // The test runs under the harness (and wine's runner): a console,
        // if there is one, is shared, so the double-click pause is off.
        assert!(!console_is_own());
        // Without a console of its own, flushing must not fail either.
        discard_console_input();
    }

    #[test]
    fn removable_drives_are_listed() {
        let drives = removable_drives();
        let roots: Vec<&str> = drives.iter().map(|d| d.root.as_str()).collect();
        for r in &roots {
            assert!(r.len() == 3 && r.ends_with(":\\"), "{roots:?}");
            assert!(is_removable_drive(r), "{r}");
        }
        assert!(
            !roots.iter().any(|r| r.eq_ignore_ascii_case("C:\\")),
            "{roots:?}"
        );
        // windows-test.sh maps a folder as a drive of wine's removable kind
        // ("floppy") and names it; there it must be listed.
        match std::env::var("OQSCERT_TEST_REMOVABLE") {
            Ok(root) => assert!(
                roots.iter().any(|r| r.eq_ignore_ascii_case(&root)),
                "{root} not among {roots:?}"
            ),
            Err(_) => assert!(
                std::env::var_os("OQSCERT_TEST_FIXTURES").is_none(),
                "windows-test.sh sets OQSCERT_TEST_REMOVABLE"
            ),
        }
    }
}
