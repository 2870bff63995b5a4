//! This PC's copy of a profile's record, for the expiry monitor. In
//! portable mode the records are on the stick, which is usually not
//! inserted when the daily check runs: the monitor then judges expiry
//! from this copy (the recorded certificate and its thumbprint) and the
//! certificate store, and only the backup check says it cannot look.
//! The copy is the progress file itself (it holds no secret), refreshed
//! at `monitor install` and whenever the check runs with the stick in.

use crate::cert::progress::{Progress, ProgressStore};
use crate::cert::{Error, fsutil};
use std::path::{Path, PathBuf};

/// `<this PC's data folder>/monitor/<profile>-<key>`: `key` is taken from
/// the data folder's path, which is what the scheduled task names (its id
/// file is on the stick and cannot be read while it is out).
pub fn dir(home: &Path, profile: &str) -> Result<PathBuf, Error> {
    crate::cert::progress::validate_profile_name(profile)?;
    let text = home.to_string_lossy().to_lowercase();
    let key = &crate::cert::pfx::sha256_hex(text.as_bytes())[..16];
    Ok(crate::cert::home::platform_data_dir()?
        .join("monitor")
        .join(format!("{profile}-{key}")))
}

/// The copy's store: `dir` holds `profiles/<profile>.toml` as a data
/// folder does, so the same loader reads it.
pub fn store(home: &Path, profile: &str) -> Result<ProgressStore, Error> {
    Ok(ProgressStore::new(dir(home, profile)?))
}

/// Keep this PC's copy of `p` (only where a monitor was installed, or
/// when `create`).
pub fn refresh(home: &Path, p: &Progress, create: bool) -> Result<(), Error> {
    let d = dir(home, &p.profile)?;
    if !create && !d.is_dir() {
        return Ok(());
    }
    fsutil::create_dir(&d, fsutil::Access::Private).map_err(|source| Error::Write {
        path: d.clone(),
        source,
    })?;
    let mut copy = p.clone();
    ProgressStore::new(&d).save(&mut copy)
}

/// The copy, when there is one.
pub fn load(home: &Path, profile: &str) -> Option<Progress> {
    store(home, profile).ok()?.peek(profile)
}
