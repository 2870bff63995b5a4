//! Where the records live (the data folder), and why there.
//!
//! In order: `--home`, then `OQSCERT_HOME`, then portable mode, then the
//! platform's per-user data folder. Portable mode lets the work travel on
//! the USB stick from the PC that applied to the qualification PC: it is on
//! when a folder `oqscert-data` exists beside the running program, or when
//! the program runs from a removable drive (then `<program folder>/
//! oqscert-data`, created when first written).
//!
//! What must stay on one PC never goes to the stick: the secrets live in
//! the OS credential store (per user, `cert::secret`), and the clean-up's
//! exports of old certificates with their keys go under the platform data
//! folder ([`quarantine_root`]): a FAT/exFAT stick has no permissions and
//! is easily lost.

use super::error::{Error, Result};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Environment variable that overrides the data directory.
pub const HOME_ENV: &str = "OQSCERT_HOME";

/// The folder beside the program that turns portable mode on.
pub const PORTABLE_DIR: &str = "oqscert-data";

/// Why the data folder is where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HomeKind {
    /// `--home DIR`.
    Cli,
    /// The `OQSCERT_HOME` environment variable.
    Env,
    /// `oqscert-data` beside the program. `removable`: the program's drive
    /// is removable; `drive`: its letter ("E:") where the path has one.
    Portable {
        removable: bool,
        drive: Option<String>,
    },
    /// The platform's per-user data folder.
    Platform,
}

/// The data folder and why it was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Home {
    pub path: PathBuf,
    pub kind: HomeKind,
}

impl Home {
    pub fn is_portable(&self) -> bool {
        matches!(self.kind, HomeKind::Portable { .. })
    }
}

/// The platform's per-user data folder (`%APPDATA%\oqscert\data` on
/// Windows, `~/.local/share/oqscert` on Linux).
pub fn platform_data_dir() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "oqscert")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or(Error::NoDataDir)
}

/// The resolution with its environment passed in, so that tests need no
/// real stick: `env` is `OQSCERT_HOME`, `exe` the running program, and
/// `is_removable` says whether a folder is on a removable drive.
pub fn resolve_home_with(
    cli: Option<&Path>,
    env: Option<OsString>,
    exe: Option<PathBuf>,
    is_removable: &dyn Fn(&Path) -> bool,
) -> Result<Home> {
    if let Some(h) = cli {
        return Ok(Home {
            path: h.to_path_buf(),
            kind: HomeKind::Cli,
        });
    }
    if let Some(h) = env.filter(|h| !h.is_empty()) {
        return Ok(Home {
            path: PathBuf::from(h),
            kind: HomeKind::Env,
        });
    }
    if let Some(dir) = exe.as_deref().and_then(Path::parent) {
        let data = dir.join(PORTABLE_DIR);
        let removable = is_removable(dir);
        if data.is_dir() || removable {
            return Ok(Home {
                path: data,
                kind: HomeKind::Portable {
                    removable,
                    drive: drive_letter(dir),
                },
            });
        }
    }
    Ok(Home {
        path: platform_data_dir()?,
        kind: HomeKind::Platform,
    })
}

/// The data folder for this process: the real environment, the running
/// program and the real drive type.
pub fn resolve(cli: Option<&Path>) -> Result<Home> {
    let home = resolve_home_with(
        cli,
        std::env::var_os(HOME_ENV),
        std::env::current_exe().ok(),
        &is_removable_dir,
    )?;
    #[cfg(windows)]
    let _ = protect_outside_profile(&home);
    Ok(home)
}

/// A data folder outside the user's profile (`--home`, `OQSCERT_HOME`,
/// portable) is made owner-only when oqscert creates it, or when it is
/// still empty; a folder with other things in it is left as it is (it may
/// be the Desktop) and only the `profiles` folder oqscert creates in it is
/// protected. Under `%APPDATA%` the profile's permissions already hold.
/// Best effort: a FAT/exFAT stick has no permissions (README).
/// Returns the folder that got the DACL (for the tests: wine accepts the
/// call but does not keep the DACL, see docs/ARCHITECTURE.md).
#[cfg(windows)]
fn protect_outside_profile(home: &Home) -> Option<PathBuf> {
    use super::platform::windows::protect_folder;
    if home.kind == HomeKind::Platform {
        return None;
    }
    let empty = std::fs::read_dir(&home.path).map(|mut d| d.next().is_none());
    let target = match empty {
        Err(_) | Ok(true) => home.path.clone(),
        // Not ours to change (it may be the Desktop): our folder in it.
        Ok(false) if home.path.join("profiles").exists() => return None,
        Ok(false) => home.path.join("profiles"),
    };
    std::fs::create_dir_all(&target).ok()?;
    protect_folder(&target).ok().map(|()| target)
}

/// The file holding a data folder's id.
pub const HOME_ID_FILE: &str = "home-id";

/// A data folder's id: 16 random hex digits kept in `<home>/home-id`,
/// made on first use. The credential store keys a profile's secrets by it
/// (`SecretStore`), so profiles of the same name in different data folders
/// never share a password. The id travels with the folder (a stick), so a
/// drive letter that changes does not lose the entry. An unreadable id is
/// replaced (its entry, unknown, stays in the store; the paper copy holds
/// the password).
pub fn home_id(home: &Path) -> Result<String> {
    use std::io::Write;
    let path = home.join(HOME_ID_FILE);
    let read = |p: &Path| {
        let bytes = super::fsutil::read_limited(p, 64).ok()?;
        let id = String::from_utf8(bytes).ok()?.trim().to_string();
        (id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit())).then_some(id)
    };
    if let Some(id) = read(&path) {
        return Ok(id);
    }
    let mut raw = [0u8; 8];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut raw)
        .map_err(|_| Error::Usage("no random numbers from the system".into()))?;
    let id: String = raw.iter().map(|b| format!("{b:02x}")).collect();
    let err = |source| Error::Write {
        path: path.clone(),
        source,
    };
    super::fsutil::create_dir(home, super::fsutil::Access::Shared).map_err(err)?;
    match super::fsutil::create_new(&path, super::fsutil::Access::Shared) {
        Ok(mut f) => {
            writeln!(f, "{id}").map_err(err)?;
            f.sync_all().map_err(err)?;
            Ok(id)
        }
        // Another oqscert made it first: its id is the one.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => match read(&path) {
            Some(id) => Ok(id),
            None => {
                super::fsutil::write_atomic(&path, format!("{id}\n").as_bytes())?;
                Ok(id)
            }
        },
        Err(e) => Err(err(e)),
    }
}

/// A data folder's id when it has one already (never made here: a check
/// must not write to a folder it only looks at).
pub fn existing_home_id(home: &Path) -> Option<String> {
    let bytes = super::fsutil::read_limited(&home.join(HOME_ID_FILE), 64).ok()?;
    let id = String::from_utf8(bytes).ok()?.trim().to_string();
    (id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit())).then_some(id)
}

/// Where clean-up's exports of old certificates (with their keys) go:
/// under the home, except in portable mode, where they go under the
/// platform data folder of this PC instead (they belong to this PC's
/// store, and a stick has no permissions and gets lost).
pub fn quarantine_root(home: &Home) -> Result<PathBuf> {
    if home.is_portable() {
        platform_data_dir()
    } else {
        Ok(home.path.clone())
    }
}

/// `path` moved from under `from` to the same place under `to` (a profile
/// folder under the home, to its twin under the quarantine root); `path`
/// itself when it is not under `from`.
pub fn rebase(path: &Path, from: &Path, to: &Path) -> PathBuf {
    match path.strip_prefix(from) {
        Ok(rel) => to.join(rel),
        Err(_) => path.to_path_buf(),
    }
}

pub use super::fsutil::drive_letter;

/// Whether `dir` is on a removable drive (a USB stick).
pub fn is_removable(dir: &Path) -> bool {
    is_removable_dir(dir)
}

/// Whether `dir` is on a removable drive. Windows asks the drive type
/// (DRIVE_REMOVABLE; a stick that reports itself as a fixed disk is not
/// seen: create `oqscert-data` beside the program instead).
#[cfg(windows)]
fn is_removable_dir(dir: &Path) -> bool {
    drive_letter(dir)
        .is_some_and(|d| super::platform::windows::is_removable_drive(&format!("{d}\\")))
}

/// Whether `dir` is on a removable drive. A heuristic off Windows: under
/// `/media/` or `/run/media/`, where desktops mount sticks.
#[cfg(not(windows))]
fn is_removable_dir(dir: &Path) -> bool {
    dir.starts_with("/media") || dir.starts_with("/run/media")
}

#[cfg(test)]
mod tests;
