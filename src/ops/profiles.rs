//! The profiles of one data folder: list, create, rename, delete (the
//! wizard's profile picker and `oqscert profile list/new/rename/delete`).
//! A clinic with a 医科 and a 歯科 code has two profiles; a vendor has one
//! per clinic.
//!
//! Nothing here touches the certificate store. The credential store is
//! touched only where asked: a rename carries the saved password and IDs
//! to the new name (they are keyed by the profile's name), and
//! `forget_secrets` is its own step, never part of a delete. A delete
//! moves the profile's files (its progress and its folder, which may hold
//! the kept certificate copy) into `profiles/deleted/`; it never removes
//! a file, so a profile deleted by mistake can be put back by hand.

use crate::cert::error::{Error, Result};
use crate::cert::home::rebase;
use crate::cert::lock::ProfileLock;
use crate::cert::progress::{Progress, ProgressStore, validate_profile_name};
use crate::cert::secret::SecretStore;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// A profile's progress for the wizard to open: a new one when it has
/// none; a file that could not be read is set aside and a new one started,
/// with the error that says where the old one went (`notice`).
pub fn load_or_new(store: &ProgressStore, profile: &str) -> Result<(Progress, Option<Error>)> {
    match store.load(profile) {
        Ok(Some(p)) => Ok((p, None)),
        Ok(None) => Ok((Progress::new(profile), None)),
        Err(e @ Error::ProgressCorrupt { .. }) => Ok((Progress::new(profile), Some(e))),
        Err(e) => Err(e),
    }
}

/// Another profile, opened by `switch`.
#[derive(Debug)]
pub struct Opened {
    pub progress: Progress,
    pub profile_dir: PathBuf,
    /// The profile's file could not be read and was set aside.
    pub notice: Option<Error>,
}

/// Open profile `to` in place of the open one, whose lock `held` holds;
/// with `rename_from` (the open one) it is renamed to `to` first. On any
/// failure the open profile stays open and locked.
pub fn switch(
    store: &ProgressStore,
    held: &mut Option<ProfileLock>,
    to: &str,
    rename_from: Option<&str>,
) -> Result<Opened> {
    let home = store.home();
    if let Some(from) = rename_from {
        // `rename` takes the profile's lock itself: let go of ours.
        drop(held.take());
        if let Err(e) = rename(store, from, to) {
            *held = ProfileLock::acquire(home, from).ok();
            return Err(e);
        }
    }
    let lock = ProfileLock::acquire(home, to)?;
    let (progress, notice) = load_or_new(store, to)?;
    let profile_dir = store.profile_dir(to)?;
    *held = Some(lock);
    Ok(Opened {
        progress,
        profile_dir,
        notice,
    })
}

pub use crate::present::profile::Summary;

/// Every profile with a progress file, sorted by name. Reading never
/// changes a file (a damaged one is only marked).
pub fn list(store: &ProgressStore) -> Vec<Summary> {
    store
        .profiles()
        .into_iter()
        .map(|name| match store.peek(&name) {
            Some(p) => Summary {
                institution: p.institution.name.clone(),
                code: p.institution.code10(),
                not_after: p.certificate.as_ref().map(|c| c.not_after),
                unreadable: false,
                name,
            },
            None => Summary {
                name,
                institution: String::new(),
                code: None,
                not_after: None,
                unreadable: true,
            },
        })
        .collect()
}

fn exists(store: &ProgressStore, name: &str) -> Result<bool> {
    Ok(store.path_for(name)?.exists() || store.profile_dir(name)?.exists())
}

/// A new, empty profile.
pub fn create(store: &ProgressStore, name: &str) -> Result<()> {
    validate_profile_name(name)?;
    let _lock = ProfileLock::acquire(store.home(), name)?;
    if exists(store, name)? {
        return Err(Error::ProfileExists(name.into()));
    }
    store.save(&mut Progress::new(name))
}

/// What a rename did besides the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Renamed {
    /// The saved password and IDs now belong to the new name. `false`:
    /// there were none, or the credential store did not answer (the old
    /// entry is then left as it was; the paper copy still holds them).
    pub secrets_moved: bool,
}

/// Rename a profile: its progress (paths inside it follow the folder),
/// its folder, and its entry in the credential store. The caller must not
/// hold either lock (the wizard lets go of its own first).
///
/// Order, so that a failure half-way loses nothing: the new progress file
/// is written, then the folder is renamed (on failure the new file is
/// removed again and nothing has changed), then the old progress file
/// goes. The secret is copied before the old entry is removed.
pub fn rename(store: &ProgressStore, from: &str, to: &str) -> Result<Renamed> {
    validate_profile_name(from)?;
    validate_profile_name(to)?;
    if from == to {
        return Ok(Renamed {
            secrets_moved: false,
        });
    }
    let _from_lock = ProfileLock::acquire(store.home(), from)?;
    let _to_lock = ProfileLock::acquire(store.home(), to)?;
    if exists(store, to)? {
        return Err(Error::ProfileExists(to.into()));
    }
    let Some(mut p) = store.load(from)? else {
        return Err(Error::NoSuchProfile(from.into()));
    };
    let (old_dir, new_dir) = (store.profile_dir(from)?, store.profile_dir(to)?);
    p.profile = to.to_string();
    rebase_paths(&mut p, &old_dir, &new_dir);
    store.save(&mut p)?;
    if old_dir.exists()
        && let Err(source) = std::fs::rename(&old_dir, &new_dir)
    {
        let _ = std::fs::remove_file(store.path_for(to)?);
        return Err(Error::Write {
            path: new_dir,
            source,
        });
    }
    let old_file = store.path_for(from)?;
    std::fs::remove_file(&old_file).map_err(|source| Error::Write {
        path: old_file,
        source,
    })?;
    drop(_from_lock);
    forget_lock_file(store, from);
    Ok(Renamed {
        secrets_moved: move_secrets(store.home(), from, to),
    })
}

/// Copy the credential entry to the new name, then remove the old one.
fn move_secrets(home: &Path, from: &str, to: &str) -> bool {
    let (Ok(old), Ok(new)) = (SecretStore::new(home, from), SecretStore::new(home, to)) else {
        return false;
    };
    let Ok(Some(s)) = old.load() else {
        return false;
    };
    if new.save(&s).is_err() {
        return false;
    }
    let _ = old.delete();
    true
}

/// Paths recorded inside the profile's folder move with it.
fn rebase_paths(p: &mut Progress, from: &Path, to: &Path) {
    if let Some(c) = &mut p.certificate {
        c.path = rebase(&c.path, from, to);
    }
    for r in &mut p.removed {
        r.exported_certificate = rebase(&r.exported_certificate, from, to);
        if let Some(x) = &mut r.exported_pkcs12 {
            *x = rebase(x, from, to);
        }
    }
}

/// Move a profile's progress file and folder to
/// `profiles/deleted/<name>-<time>/`; returns that folder. The certificate
/// store and the credential store are not touched.
pub fn delete(store: &ProgressStore, name: &str, now: OffsetDateTime) -> Result<PathBuf> {
    validate_profile_name(name)?;
    let _lock = ProfileLock::acquire(store.home(), name)?;
    if !exists(store, name)? {
        return Err(Error::NoSuchProfile(name.into()));
    }
    let stamp = now
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_else(|_| "unknown".into());
    let deleted = store.home().join("profiles").join("deleted");
    let mut target = deleted.join(format!("{name}-{stamp}"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = deleted.join(format!("{name}-{stamp}-{n}"));
    }
    let write_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    crate::cert::fsutil::create_dir(&target, crate::cert::fsutil::Access::Private)
        .map_err(write_err(&target))?;
    let file = store.path_for(name)?;
    if file.exists() {
        std::fs::rename(&file, target.join(format!("{name}.toml"))).map_err(write_err(&file))?;
    }
    let dir = store.profile_dir(name)?;
    if dir.exists() {
        std::fs::rename(&dir, target.join(name)).map_err(write_err(&dir))?;
    }
    drop(_lock);
    forget_lock_file(store, name);
    Ok(target)
}

/// The lock file of a profile that no longer exists (let go of first):
/// a stale `.lock` would only puzzle someone looking at the folder.
fn forget_lock_file(store: &ProgressStore, name: &str) {
    if let Ok(p) = crate::cert::lock::lock_path(store.home(), name) {
        let _ = std::fs::remove_file(p);
    }
}

/// Remove a profile's saved password and IDs from the credential store
/// (asked separately from a delete); `Ok(false)` if there were none.
pub fn forget_secrets(store: &ProgressStore, name: &str) -> Result<bool> {
    validate_profile_name(name)?;
    SecretStore::new(store.home(), name)?.delete()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::progress::CertificateRecord;

    fn now() -> OffsetDateTime {
        time::macros::datetime!(2026-11-27 09:00 UTC)
    }

    #[test]
    fn create_list_and_refuse_a_taken_name() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::new(dir.path());
        create(&store, "ika").unwrap();
        create(&store, "shika").unwrap();
        assert!(matches!(
            create(&store, "ika"),
            Err(Error::ProfileExists(n)) if n == "ika"
        ));
        assert!(matches!(
            create(&store, "歯科"),
            Err(Error::BadProfileName(_))
        ));
        let names: Vec<_> = list(&store).into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["ika", "shika"]);
    }

    #[test]
    fn a_damaged_profile_is_listed_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::new(dir.path());
        create(&store, "ok").unwrap();
        let bad = store.path_for("bad").unwrap();
        std::fs::write(&bad, "not = [toml").unwrap();
        let l = list(&store);
        assert!(l.iter().any(|s| s.name == "bad" && s.unreadable));
        assert_eq!(std::fs::read_to_string(&bad).unwrap(), "not = [toml");
    }

    #[test]
    fn rename_moves_the_folder_and_the_paths_inside_the_progress() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::new(dir.path());
        let mut p = Progress::new("old");
        p.institution.name = "テスト歯科".into();
        let kept = store.profile_dir("old").unwrap().join("certificate.p12");
        std::fs::create_dir_all(kept.parent().unwrap()).unwrap();
        std::fs::write(&kept, b"key").unwrap();
        p.certificate = Some(CertificateRecord {
            path: kept.clone(),
            sha256: String::new(),
            sha1_thumbprint: String::new(),
            subject: "CN=test".into(),
            not_after: now(),
            verified_at: now(),
            issuer: String::new(),
            serial: String::new(),
            not_before: None,
            roots: Vec::new(),
        });
        store.save(&mut p).unwrap();

        rename(&store, "old", "new").unwrap();
        assert!(!store.path_for("old").unwrap().exists());
        assert!(!store.profile_dir("old").unwrap().exists());
        let q = store.load("new").unwrap().unwrap();
        assert_eq!(q.profile, "new");
        assert_eq!(q.institution.name, "テスト歯科");
        let c = q.certificate.unwrap();
        assert_eq!(
            c.path,
            store.profile_dir("new").unwrap().join("certificate.p12")
        );
        assert_eq!(std::fs::read(&c.path).unwrap(), b"key");
    }

    #[test]
    fn rename_onto_a_taken_name_or_a_held_profile_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::new(dir.path());
        create(&store, "a").unwrap();
        create(&store, "b").unwrap();
        assert!(matches!(
            rename(&store, "a", "b"),
            Err(Error::ProfileExists(_))
        ));
        let held = ProfileLock::acquire(dir.path(), "a").unwrap();
        assert!(matches!(
            rename(&store, "a", "c"),
            Err(Error::ProfileLocked { .. })
        ));
        drop(held);
        assert!(matches!(
            rename(&store, "nothing", "c"),
            Err(Error::NoSuchProfile(_))
        ));
        let names: Vec<_> = list(&store).into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["a", "b"]);
    }

    #[test]
    fn delete_sets_the_files_aside_and_removes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::new(dir.path());
        create(&store, "gone").unwrap();
        let kept = store.profile_dir("gone").unwrap().join("certificate.p12");
        std::fs::create_dir_all(kept.parent().unwrap()).unwrap();
        std::fs::write(&kept, b"key").unwrap();

        let target = delete(&store, "gone", now()).unwrap();
        assert!(list(&store).is_empty());
        assert_eq!(
            std::fs::read(target.join("gone").join("certificate.p12")).unwrap(),
            b"key"
        );
        assert!(target.join("gone.toml").exists());
        // The name is free again; a second delete of the same name at the
        // same second gets its own folder.
        create(&store, "gone").unwrap();
        let again = delete(&store, "gone", now()).unwrap();
        assert_ne!(again, target);
        assert!(matches!(
            delete(&store, "gone", now()),
            Err(Error::NoSuchProfile(_))
        ));
    }
}
