//! File helpers: atomic writes (temp file in the same directory, fsync,
//! rename, fsync of the directory) and size-limited reads.

use super::error::{Error, Result};
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

mod stale;
pub use stale::{STALE_AFTER, clean_stale_temps, temp_pid};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// `.<name>.tmp-<pid>-<n>` beside `path`: unique within this process, and
/// recognisable later (`temp_pid`) if this process dies before renaming.
pub(crate) fn temp_name_for(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

/// Who may read a file the program writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The platform's default (the umask on Unix).
    Shared,
    /// The owner only, from creation: 0600 files and 0700 new folders on
    /// Unix. For every file that holds a private key.
    Private,
}

/// Write `bytes` to `path` so that a reader sees either the old file or the
/// complete new one, never a half-written file, even after a crash.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_as(path, bytes, Access::Shared)
}

/// `write_atomic` for a file holding a private key: owner-only from the
/// moment it exists (the temporary too), never widened later.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_as(path, bytes, Access::Private)
}

/// Write a program file atomically: runnable by its owner (0755 on Unix;
/// Windows runs any `.exe`).
pub fn write_program(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic(path, bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o755)).map_err(|source| {
            Error::Write {
                path: path.to_path_buf(),
                source,
            }
        })?;
    }
    Ok(())
}

/// Create a folder (and its parents) with `access`; an existing folder is
/// left as it is.
pub fn create_dir(path: &Path, access: Access) -> std::io::Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    if access == Access::Private {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    // Windows: a folder this call makes gets an owner-only DACL (its
    // files inherit it). Best effort: a FAT/exFAT stick has no ACLs.
    #[cfg(windows)]
    let new = access == Access::Private && !path.exists();
    #[cfg(not(any(unix, windows)))]
    let _ = access;
    b.create(path)?;
    #[cfg(windows)]
    if new {
        let _ = super::platform::windows::protect_folder(path);
    }
    Ok(())
}

/// Open a new file for writing with `access` (fails if it exists).
pub fn create_new(path: &Path, access: Access) -> std::io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    if access == Access::Private {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = access;
    o.open(path)
}

fn write_atomic_as(path: &Path, bytes: &[u8], access: Access) -> Result<()> {
    let err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_dir(parent, access).map_err(err)?;
    }
    let tmp = temp_name_for(path);
    let result = (|| -> std::io::Result<()> {
        let mut f = create_new(&tmp, access)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        sync_dir(path);
        Ok(())
    })();
    if result.is_err() {
        // Never leave the temporary behind; the final name is untouched.
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(err)
}

/// Make the rename durable on Unix. Windows has no directory handles to
/// sync through std; NTFS journals the rename itself.
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(d) = File::open(parent)
    {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Whether `path` names a network location by its text: a UNC path
/// (`\\server\share`, `\\?\UNC\...`, `//server/share`). Platform-neutral
/// so the rule is tested everywhere.
pub fn is_unc_path(path: &Path) -> bool {
    let t = path.to_string_lossy();
    if let Some(rest) = t.strip_prefix(r"\\?\") {
        return rest
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case(r"UNC\"));
    }
    t.starts_with(r"\\") || t.starts_with("//") || t.starts_with(r"\/") || t.starts_with(r"/\")
}

/// Whether `path` is on this computer, not on a network share: not a UNC
/// path, and on Windows not on a drive letter mapped to a share. A network
/// path recorded in a progress file is never opened on our own (the daily
/// monitor, a health check): on Windows that starts a sign-in to whatever
/// server it names.
pub fn is_local_path(path: &Path) -> bool {
    if is_unc_path(path) {
        return false;
    }
    #[cfg(windows)]
    if let Some(d) = drive_letter(path)
        && super::platform::windows::is_remote_drive(&format!("{d}\\"))
    {
        return false;
    }
    true
}

/// Bytes free for this user on the volume that holds `path`.
pub fn free_space(path: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        fs4::available_space(path).ok()
    }
    #[cfg(windows)]
    {
        super::platform::windows::free_space(path)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = path;
        None
    }
}

/// A Windows system program by its full path under `%SystemRoot%`
/// (`explorer.exe` in the Windows folder, the others in `System32`).
/// Windows looks for a bare program name in the running program's own
/// folder first, so a planted `explorer.exe` beside oqscert on a stick
/// would otherwise run as the user.
pub fn system_program(name: &str) -> PathBuf {
    let root = std::env::var_os("SystemRoot")
        .filter(|r| !r.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(r"C:\Windows"));
    if name.eq_ignore_ascii_case("explorer.exe") {
        root.join(name)
    } else {
        root.join("System32").join(name)
    }
}

/// While alive on Windows, an empty card-reader slot (or a stick pulled
/// out) makes a file call on it fail instead of popping up "There is no
/// disk in the drive". Held while backup paths are read or written and
/// while a file the person named (or one found on a stick) is read.
pub(crate) struct QuietDrives {
    #[cfg(windows)]
    _guard: super::platform::windows::ErrorModeGuard,
}

impl QuietDrives {
    pub(crate) fn new() -> Self {
        QuietDrives {
            #[cfg(windows)]
            _guard: super::platform::windows::ErrorModeGuard::fail_critical_errors(),
        }
    }
}

/// Run `f` with `QuietDrives` held.
pub fn quietly<T>(f: impl FnOnce() -> T) -> T {
    let _quiet = QuietDrives::new();
    f()
}

/// `read_limited` for a file the person named or one found on a USB
/// stick or a card: on Windows a missing medium is an error, never a
/// dialog (the reinstall route reads the backup from the stick).
pub fn read_limited_quiet(path: &Path, max: u64) -> Result<Vec<u8>> {
    quietly(|| read_limited(path, max))
}

/// Read a whole file, refusing before reading if it is larger than `max`.
pub fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>> {
    let err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let f = File::open(path).map_err(err)?;
    let meta = f.metadata().map_err(err)?;
    if meta.is_dir() {
        return Err(Error::Read {
            path: path.to_path_buf(),
            source: std::io::Error::other("is a directory"),
        });
    }
    if meta.len() > max {
        return Err(Error::FileTooLarge {
            size: meta.len(),
            max,
        });
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    // take(max + 1): the file may grow between metadata and read.
    f.take(max + 1).read_to_end(&mut buf).map_err(err)?;
    if buf.len() as u64 > max {
        return Err(Error::FileTooLarge {
            size: buf.len() as u64,
            max,
        });
    }
    Ok(buf)
}

/// The drive letter of a Windows path ("E:"), also for `\\?\E:\...`;
/// `None` for UNC paths and Unix paths. Text-based so it is tested on
/// Linux too.
pub fn drive_letter(path: &Path) -> Option<String> {
    let text = path.to_string_lossy();
    let s: &str = text.strip_prefix(r"\\?\").unwrap_or(&*text);
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(l), Some(':')) if l.is_ascii_alphabetic() => {
            Some(format!("{}:", l.to_ascii_uppercase()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub").join("a.toml");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        // Target is a directory: the rename fails, the directory stays.
        let p = dir.path().join("d");
        fs::create_dir(&p).unwrap();
        fs::write(p.join("keep"), b"x").unwrap();
        assert!(matches!(write_atomic(&p, b"new"), Err(Error::Write { .. })));
        assert!(p.join("keep").exists());
        let stray: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains(".tmp-")
            })
            .collect();
        assert!(stray.is_empty());
    }

    #[test]
    fn read_limited_refuses_large_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big");
        fs::write(&p, vec![0u8; 2048]).unwrap();
        assert!(matches!(
            read_limited(&p, 1024),
            Err(Error::FileTooLarge {
                size: 2048,
                max: 1024
            })
        ));
        assert_eq!(read_limited(&p, 4096).unwrap().len(), 2048);
        assert!(matches!(
            read_limited(&dir.path().join("missing"), 10),
            Err(Error::Read { .. })
        ));
        assert!(matches!(
            read_limited(dir.path(), 10),
            Err(Error::Read { .. })
        ));
    }
}
