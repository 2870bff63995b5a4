//! One oqscert at a time per profile: the wizard and every command that
//! writes a profile's progress or files hold `profiles/<profile>.lock`
//! (an OS file lock: `flock` on Unix, `LockFileEx` on Windows, through
//! `std::fs::File::try_lock`). The OS drops the lock when the process
//! ends, however it ends, so a killed oqscert never leaves a stale lock;
//! the file itself stays and is reused.

use super::error::{Error, Result};
use super::fsutil::{Access, create_dir};
use super::progress::validate_profile_name;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Held while a command or the wizard works on a profile; released on drop.
#[derive(Debug)]
pub struct ProfileLock {
    _file: Option<File>,
    path: PathBuf,
}

/// The lock file of `profile` under the data folder `home`.
pub fn lock_path(home: &Path, profile: &str) -> Result<PathBuf> {
    validate_profile_name(profile)?;
    Ok(home.join("profiles").join(format!("{profile}.lock")))
}

impl ProfileLock {
    /// Take the profile's lock without waiting: `Error::ProfileLocked`
    /// when another process holds it. Where the file system has no locks
    /// (some network shares) oqscert runs unlocked, as it did before.
    pub fn acquire(home: &Path, profile: &str) -> Result<ProfileLock> {
        let path = lock_path(home, profile)?;
        let err = |source| Error::Write {
            path: path.clone(),
            source,
        };
        if let Some(dir) = path.parent() {
            create_dir(dir, Access::Shared).map_err(err)?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(Error::ProfileLocked {
                    profile: profile.to_string(),
                    path,
                });
            }
            Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
                return Ok(ProfileLock { _file: None, path });
            }
            Err(TryLockError::Error(e)) => return Err(err(e)),
        }
        // Who holds it, for a person looking at the folder; not relied on.
        let _ = file.set_len(0);
        let _ = writeln!(file, "{}", std::process::id());
        Ok(ProfileLock {
            _file: Some(file),
            path,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = ProfileLock::acquire(dir.path(), "default").unwrap();
        assert!(first.path().ends_with("profiles/default.lock"));
        // A second handle, even in the same process, is refused.
        match ProfileLock::acquire(dir.path(), "default") {
            Err(Error::ProfileLocked { profile, .. }) => assert_eq!(profile, "default"),
            other => panic!("{other:?}"),
        }
        // Another profile is free.
        let other = ProfileLock::acquire(dir.path(), "other").unwrap();
        drop(first);
        let again = ProfileLock::acquire(dir.path(), "default").unwrap();
        drop(again);
        drop(other);
    }

    #[test]
    fn a_bad_profile_name_takes_no_lock() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            ProfileLock::acquire(dir.path(), "../x"),
            Err(Error::BadProfileName(_))
        ));
    }

    #[test]
    fn locked_means_exit_code_five() {
        let e = Error::ProfileLocked {
            profile: "p".into(),
            path: "/x".into(),
        };
        assert_eq!(e.exit_status().code(), 5);
    }
}
