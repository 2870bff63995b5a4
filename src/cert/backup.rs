//! Back the certificate file up to a USB stick (or any folder): verify it
//! first, write it under a clear name without ever overwriting a different
//! file, then read it back, compare SHA-256 and re-open it with the
//! password. Faults (stick removed, read-only, full, permission, name too
//! long) each get their own error; no half-written file is ever left under
//! the final name and the source is never touched.

use super::error::{Error, Result};
use super::fsutil;
use super::password::Password;
use super::pfx::{self, MAX_PFX_SIZE, sha256_hex};
use serde::Serialize;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

pub use super::error::Fault;

pub(crate) use super::fsutil::QuietDrives;

/// OS error numbers that mean the device went away mid-write: EIO, ENODEV
/// and ENXIO on Unix; ERROR_NOT_READY, ERROR_DEV_NOT_EXIST and
/// ERROR_DEVICE_NOT_CONNECTED on Windows.
fn device_gone(code: i32) -> bool {
    #[cfg(unix)]
    {
        matches!(code, libc::EIO | libc::ENODEV | libc::ENXIO)
    }
    #[cfg(windows)]
    {
        matches!(code, 21 | 55 | 1167)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = code;
        false
    }
}

fn fault_of(e: &std::io::Error) -> Fault {
    if e.raw_os_error().is_some_and(device_gone) {
        return Fault::TargetGone;
    }
    match e.kind() {
        ErrorKind::NotFound => Fault::TargetGone,
        ErrorKind::ReadOnlyFilesystem => Fault::ReadOnly,
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => Fault::Full,
        ErrorKind::PermissionDenied => Fault::PermissionDenied,
        ErrorKind::InvalidFilename => Fault::NameTooLong,
        _ => Fault::Other,
    }
}

fn backup_error(path: &Path, e: &std::io::Error) -> Error {
    let mut fault = fault_of(e);
    // Some systems (wine, older Windows APIs) answer an over-long name or
    // path with "not found"; the folder being there tells them apart.
    if fault == Fault::TargetGone && path.parent().is_some_and(|p| p.is_dir()) {
        let name_len = path.file_name().map_or(0, |n| n.len());
        if name_len > 255 || path.as_os_str().len() >= 260 {
            fault = Fault::NameTooLong;
        }
    }
    Error::Backup {
        fault,
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupReport {
    pub path: PathBuf,
    pub sha256: String,
    /// The same file was already there: nothing was written.
    pub already_present: bool,
}

/// A clear file name: the institution code (or "oqscert") and the date.
pub fn backup_name(code10: Option<&str>, date: time::Date) -> String {
    format!(
        "{}-{:04}{:02}{:02}.p12",
        code10.filter(|c| !c.is_empty()).unwrap_or("oqscert"),
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Back up `src` into `dir` as `name` (or `name-2.p12`, ... when a
/// different file already has that name).
pub fn backup_file(
    src: &Path,
    dir: &Path,
    name: &str,
    password: &Password,
) -> Result<BackupReport> {
    let bytes = zeroize::Zeroizing::new(fsutil::read_limited(src, MAX_PFX_SIZE)?);
    backup_bytes(&bytes, dir, name, password)
}

pub fn backup_bytes(
    bytes: &[u8],
    dir: &Path,
    name: &str,
    password: &Password,
) -> Result<BackupReport> {
    backup_bytes_with(bytes, dir, name, password, &write_synced)
}

/// Create `path` (never an existing file), write all of `bytes`, fsync.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // The copy holds the key: owner-only where the medium has permissions
    // (a FAT/exFAT stick has none).
    let mut f = crate::cert::fsutil::create_new(path, crate::cert::fsutil::Access::Private)?;
    std::io::Write::write_all(&mut f, bytes)?;
    f.sync_all()
}

/// `backup_bytes` with the temp-file writer given: tests inject one that
/// fails half-way, as a stick pulled out mid-copy does.
fn backup_bytes_with(
    bytes: &[u8],
    dir: &Path,
    name: &str,
    password: &Password,
    write: &dyn Fn(&Path, &[u8]) -> std::io::Result<()>,
) -> Result<BackupReport> {
    // Cheap checks first; the password is proven on the read-back copy
    // below, so the costly key derivation runs once, not twice.
    pfx::sniff(bytes)?;
    let sha256 = sha256_hex(bytes);
    let _quiet = QuietDrives::new();
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(Error::Backup {
                fault: Fault::TargetGone,
                path: dir.to_path_buf(),
                detail: "not a folder".into(),
            });
        }
        Err(e) => return Err(backup_error(dir, &e)),
    }
    let stem = name.strip_suffix(".p12").unwrap_or(name);
    let mut target = dir.join(name);
    let mut n = 1;
    loop {
        match existing(&target, &sha256).map_err(|e| backup_error(&target, &e))? {
            Existing::Free => break,
            Existing::Same => {
                verify_copy(&target, &sha256, password)?;
                return Ok(BackupReport {
                    path: target,
                    sha256,
                    already_present: true,
                });
            }
            // A different file has this name: never overwrite it.
            Existing::Different if n < MAX_NAMES => {
                n += 1;
                target = dir.join(format!("{stem}-{n}.p12"));
            }
            Existing::Different => {
                return Err(Error::Backup {
                    fault: Fault::NameTaken,
                    path: dir.to_path_buf(),
                    detail: format!("{stem}.p12 .. {stem}-{MAX_NAMES}.p12"),
                });
            }
        }
    }
    // Temporaries of a backup killed half-way (ours, by name) go first.
    fsutil::clean_stale_temps(dir);
    // Temp file beside the target, fsync, read back and open it with the
    // password; only a copy that proves good gets the final name.
    let tmp = fsutil::temp_name_for(&target);
    let result = (|| -> Result<()> {
        write(&tmp, bytes).map_err(|e| backup_error(&tmp, &e))?;
        verify_copy(&tmp, &sha256, password)?;
        // No directory fsync here: if power fails before the rename is on
        // the medium, the stick holds only the temp file, never a
        // half-written file under the final name; and that second fsync
        // would double the time on slow sticks.
        std::fs::rename(&tmp, &target).map_err(|e| backup_error(&target, &e))?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(BackupReport {
        path: target,
        sha256,
        already_present: false,
    })
}

/// How many names a backup tries (`name.p12`, `name-2.p12` ..) before
/// giving up with `Fault::NameTaken`.
pub const MAX_NAMES: u32 = 100;

/// What a candidate name on the target holds.
enum Existing {
    Free,
    /// The same bytes (already backed up).
    Same,
    /// Something else: a folder, a larger file, other bytes.
    Different,
}

fn existing(path: &Path, sha256: &str) -> std::io::Result<Existing> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Existing::Free),
        Err(e) => return Err(e),
    };
    if !meta.is_file() || meta.len() > MAX_PFX_SIZE {
        return Ok(Existing::Different);
    }
    let bytes = zeroize::Zeroizing::new(read_capped(path)?);
    Ok(if sha256_hex(&bytes) == sha256 {
        Existing::Same
    } else {
        Existing::Different
    })
}

/// Read a file from the target, at most `MAX_PFX_SIZE` + 1 bytes (a file
/// that grew past it then fails the hash comparison).
pub(crate) fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_PFX_SIZE + 1)
        .read_to_end(&mut buf)?;
    Ok(buf)
}

/// Read the copy back: same SHA-256, and it opens with the password.
pub fn verify_copy(path: &Path, sha256: &str, password: &Password) -> Result<()> {
    let back = {
        let _quiet = QuietDrives::new();
        zeroize::Zeroizing::new(read_capped(path).map_err(|e| backup_error(path, &e))?)
    };
    if sha256_hex(&back) != sha256 {
        return Err(Error::Backup {
            fault: Fault::VerifyFailed,
            path: path.to_path_buf(),
            detail: "SHA-256 differs".into(),
        });
    }
    pfx::open(&back, password).map(|_| ())
}

/// A removable drive (USB stick) that can take a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Drive {
    /// Where to write: a drive root (Windows) or a mount point.
    pub path: PathBuf,
    pub label: String,
    pub free_bytes: Option<u64>,
    /// oqscert runs from this drive (the stick she brought it on).
    pub runs_here: bool,
}

/// Where a backup can go: every removable drive, and the drive oqscert
/// runs from when that is not the system's. A USB stick that reports
/// itself as a fixed disk is then still offered: it is the stick she ran
/// the program from (on Linux, sticks are mounted under /media and are
/// listed already).
pub fn backup_targets() -> Vec<Drive> {
    let mut out = removable_drives();
    let Some(root) = std::env::current_exe()
        .ok()
        .and_then(|exe| stick_root(&exe))
    else {
        return out;
    };
    if let Some(d) = out.iter_mut().find(|d| d.path == root) {
        d.runs_here = true;
        return out;
    }
    #[cfg(windows)]
    {
        let d = super::platform::windows::drive_info(&root.to_string_lossy());
        out.push(Drive {
            path: root,
            label: d.label,
            free_bytes: d.free_bytes,
            runs_here: true,
        });
    }
    #[cfg(not(windows))]
    out.push(Drive {
        label: root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        free_bytes: free_space(&root),
        path: root,
        runs_here: true,
    });
    out
}

/// The root of the drive `path` is on, unless it is the system drive
/// (Windows: `%SystemDrive%`, normally C:). Off Windows: the /media mount
/// it is under, if any. Two paths with the same root are on one stick.
pub fn stick_root(exe: &Path) -> Option<PathBuf> {
    #[cfg(windows)]
    {
        let letter = super::home::drive_letter(exe)?;
        let system = std::env::var("SystemDrive").unwrap_or_else(|_| "C:".into());
        if letter.eq_ignore_ascii_case(system.trim_end_matches('\\')) {
            return None;
        }
        Some(PathBuf::from(format!("{letter}\\")))
    }
    #[cfg(not(windows))]
    {
        // /media/<user>/<label>/... or /run/media/<user>/<label>/...
        let parts: Vec<_> = exe.components().collect();
        let skip = if exe.starts_with("/run/media") {
            4
        } else if exe.starts_with("/media") {
            3
        } else {
            return None;
        };
        (parts.len() > skip).then(|| parts[..=skip].iter().collect())
    }
}

/// Removable drives now attached.
pub fn removable_drives() -> Vec<Drive> {
    #[cfg(windows)]
    {
        super::platform::windows::removable_drives()
            .into_iter()
            .map(|d| Drive {
                path: PathBuf::from(d.root),
                label: d.label,
                free_bytes: d.free_bytes,
                runs_here: false,
            })
            .collect()
    }
    #[cfg(target_os = "linux")]
    {
        linux_removable(Path::new("/sys/block"), Path::new("/proc/mounts"))
    }
    #[cfg(not(any(windows, target_os = "linux")))]
    {
        Vec::new()
    }
}

/// Linux: block devices with `removable` = 1 (and partitions of them), as
/// mounted per /proc/mounts; also whatever is mounted under /media and
/// /run/media (desktop automounts).
#[cfg(target_os = "linux")]
pub fn linux_removable(sys_block: &Path, mounts: &Path) -> Vec<Drive> {
    let mut removable: Vec<String> = Vec::new();
    if let Ok(rd) = std::fs::read_dir(sys_block) {
        for e in rd.flatten() {
            let dev = e.file_name().to_string_lossy().into_owned();
            let flag = std::fs::read_to_string(e.path().join("removable")).unwrap_or_default();
            if flag.trim() == "1" {
                removable.push(dev);
            }
        }
    }
    let table = std::fs::read_to_string(mounts).unwrap_or_default();
    let mut out: Vec<Drive> = Vec::new();
    for line in table.lines() {
        let mut f = line.split_whitespace();
        let (Some(dev), Some(mnt)) = (f.next(), f.next()) else {
            continue;
        };
        // /proc/mounts escapes spaces as \040.
        let mnt = mnt.replace("\\040", " ");
        let devname = dev.trim_start_matches("/dev/");
        let on_removable = removable.iter().any(|r| devname.starts_with(r.as_str()));
        let automount = mnt.starts_with("/media/") || mnt.starts_with("/run/media/");
        if !(on_removable || automount) || out.iter().any(|d| d.path == Path::new(&mnt)) {
            continue;
        }
        let path = PathBuf::from(&mnt);
        let label = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push(Drive {
            free_bytes: free_space(&path),
            path,
            label,
            runs_here: false,
        });
    }
    out
}

/// Bytes free for an unprivileged user (statvfs: f_bavail * f_frsize).
#[cfg(unix)]
fn free_space(path: &Path) -> Option<u64> {
    fs4::available_space(path).ok()
}

#[cfg(test)]
mod tests;
