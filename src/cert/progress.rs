//! What the wizard remembers between runs: one versioned TOML file per
//! profile, holding non-secret progress only (chapter and step, form values,
//! dates, paths, hashes, thumbprints). Secrets never come here: the types
//! below have no field that could hold one.
//!
//! Writes are atomic. A file that does not parse is moved aside to
//! `<name>.corrupt-<timestamp>` and reported, never silently overwritten;
//! a file from a newer oqscert is refused and left untouched.

use super::cleanup::OldReason;
use super::error::{Error, Result};
use super::fsutil;
use super::store::{StoreKind, Verification};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

pub const SCHEMA_VERSION: u32 = 1;
pub const DEFAULT_PROFILE: &str = "default";
/// A progress file is a few kilobytes; anything over this is not ours.
pub const MAX_PROGRESS_SIZE: u64 = 4 * 1024 * 1024;
pub use super::home::HOME_ENV;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChapterState {
    #[default]
    NotStarted,
    InProgress,
    Done,
    NeedsAttention,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Chapters {
    pub precheck: ChapterState,
    pub apply: ChapterState,
    pub download: ChapterState,
    pub install: ChapterState,
}

pub use super::position::Position;

/// The institution profile typed in Chapter 1 (all of it printed on the
/// portal form anyway: nothing secret).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Institution {
    /// `codes.toml` institution_type id: medical, dental, pharmacy, nursing.
    pub type_id: String,
    pub prefecture: String,
    pub code7: String,
    pub name: String,
    pub department: String,
    pub person: String,
    pub phone: String,
    pub email: String,
    pub terminal_name: String,
    /// Windows account the OQS software runs under (default OQSComApp).
    pub oqs_account: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Application {
    #[serde(with = "time::serde::rfc3339::option")]
    pub applied_at: Option<OffsetDateTime>,
    /// Which system the application was made from (oqs / billing).
    pub system: String,
}

/// The verified certificate file (never the password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateRecord {
    pub path: PathBuf,
    pub sha256: String,
    pub sha1_thumbprint: String,
    pub subject: String,
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub verified_at: OffsetDateTime,
    /// Added after schema 1 was first written: absent in older files.
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub serial: String,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub not_before: Option<OffsetDateTime>,
    /// The root certificates the import will add to Root, as Windows'
    /// security warning names them: shown before the import so the person
    /// can compare the warning's thumbprint.
    #[serde(default)]
    pub roots: Vec<RootRecord>,
}

/// A root certificate's name and SHA-1 thumbprint (grouped as Windows'
/// warning shows it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootRecord {
    pub name: String,
    pub sha1_grouped: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupRecord {
    pub path: PathBuf,
    pub sha256: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallRecord {
    pub sha1_thumbprint: String,
    /// Written as "CurrentUser\\MY" or "folder", as every version wrote it.
    #[serde(with = "store_kind_record")]
    pub store: StoreKind,
    pub user: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The checks after install (or after finding it already installed).
    #[serde(default)]
    pub verification: Option<Verification>,
    /// It was already in the store: nothing was imported this time.
    #[serde(default)]
    pub already_installed: bool,
}

/// An old certificate taken out of the store, and where its export went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedRecord {
    pub sha1_thumbprint: String,
    pub subject: String,
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    pub reason: OldReason,
    pub exported_certificate: PathBuf,
    pub exported_pkcs12: Option<PathBuf>,
    /// Exported, but its removal failed: the certificate is still in the
    /// store, and this says where its copy went.
    #[serde(default)]
    pub still_in_store: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    pub schema_version: u32,
    pub profile: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub updated_at: Option<OffsetDateTime>,
    pub position: Position,
    pub chapters: Chapters,
    /// Pre-check answers by question id.
    pub precheck: BTreeMap<String, bool>,
    pub institution: Institution,
    pub application: Application,
    pub certificate: Option<CertificateRecord>,
    /// Verified files whose certificate ends earlier than the current one
    /// (never the current one: the newest stays current).
    pub older: Vec<CertificateRecord>,
    pub backups: Vec<BackupRecord>,
    pub install: Option<InstallRecord>,
    /// Old certificates removed in Chapter 3 (exported first).
    pub removed: Vec<RemovedRecord>,
    /// The "write the password down" sheet was shown (no credential store).
    pub password_sheet_shown: bool,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            schema_version: SCHEMA_VERSION,
            profile: DEFAULT_PROFILE.into(),
            updated_at: None,
            position: Position::default(),
            chapters: Chapters::default(),
            precheck: BTreeMap::new(),
            institution: Institution::default(),
            application: Application::default(),
            certificate: None,
            older: Vec::new(),
            backups: Vec::new(),
            install: None,
            removed: Vec::new(),
            password_sheet_shown: false,
        }
    }
}

impl Institution {
    /// The 10-digit 医療機関コード, when prefecture, type and 7-digit code
    /// are all set.
    pub fn code10(&self) -> Option<String> {
        let table = &super::codes::codes().institution_type(&self.type_id)?.table;
        super::institution::InstitutionCode::from_parts(&self.prefecture, table, &self.code7)
            .ok()
            .map(|c| c.as_ten())
    }
}

impl Progress {
    pub fn new(profile: &str) -> Self {
        Progress {
            profile: profile.into(),
            ..Default::default()
        }
    }
}

/// Profile names become file names: keep them to a safe, portable set.
pub fn validate_profile_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !name.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(Error::BadProfileName(name.into()))
    }
}

/// The data directory: `--home`, else `OQSCERT_HOME`, else portable mode
/// (`oqscert-data` beside the program, or the program on a USB stick),
/// else the platform's (`%APPDATA%\oqscert\data` on Windows,
/// `~/.local/share/oqscert` on Linux). `cert::home::resolve` also says why.
pub fn resolve_home(cli_home: Option<&Path>) -> Result<PathBuf> {
    super::home::resolve(cli_home).map(|h| h.path)
}

/// What a progress file's bytes hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    Progress(Box<Progress>),
    /// Written by a newer oqscert (its schema version): kept as it is.
    TooNew(u32),
    /// Not UTF-8, not TOML, no or a bad version, or not a progress: the
    /// loader sets such a file aside.
    Unreadable,
}

/// Decode a progress file's bytes (no file system: the loader's rules,
/// also what the `progress_load` fuzz target runs).
pub fn decode(bytes: &[u8]) -> Decoded {
    let parsed = std::str::from_utf8(bytes)
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok());
    let Some(table) = parsed else {
        return Decoded::Unreadable;
    };
    let version = table
        .get("schema_version")
        .and_then(|v| v.as_integer())
        .unwrap_or(0);
    if version > i64::from(SCHEMA_VERSION) {
        return Decoded::TooNew(u32::try_from(version).unwrap_or(u32::MAX));
    }
    if version < 1 {
        return Decoded::Unreadable;
    }
    match table.try_into::<Progress>() {
        Ok(p) => Decoded::Progress(Box::new(p)),
        Err(_) => Decoded::Unreadable,
    }
}

/// Reads and writes progress files under a data directory.
#[derive(Debug, Clone)]
pub struct ProgressStore {
    home: PathBuf,
}

impl ProgressStore {
    pub fn new(home: impl Into<PathBuf>) -> Self {
        ProgressStore { home: home.into() }
    }

    pub fn home(&self) -> &Path {
        &self.home
    }

    pub fn path_for(&self, profile: &str) -> Result<PathBuf> {
        validate_profile_name(profile)?;
        Ok(self.home.join("profiles").join(format!("{profile}.toml")))
    }

    /// The profile folder for files that belong to it (the verified
    /// certificate copy, reports, quarantined exports).
    pub fn profile_dir(&self, profile: &str) -> Result<PathBuf> {
        validate_profile_name(profile)?;
        Ok(self.home.join("profiles").join(profile))
    }

    /// Load a profile's progress; `Ok(None)` if it has none yet.
    pub fn load(&self, profile: &str) -> Result<Option<Progress>> {
        let path = self.path_for(profile)?;
        // Temporaries of a save that was killed half-way are never read;
        // sweep them here, where every session starts.
        if let Some(dir) = path.parent() {
            fsutil::clean_stale_temps(dir);
        }
        let text = match fsutil::read_limited(&path, MAX_PROGRESS_SIZE) {
            Ok(b) => b,
            Err(Error::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                return Ok(None);
            }
            // No oqscert writes a progress file this large: set it aside.
            Err(Error::FileTooLarge { .. }) => return Err(self.set_aside(&path)),
            Err(e) => return Err(e),
        };
        match decode(&text) {
            // The file's name says whose it is, not a field inside it (a
            // file copied or edited by hand must not save over another).
            Decoded::Progress(mut p) => {
                p.profile = profile.to_string();
                Ok(Some(*p))
            }
            Decoded::TooNew(found) => Err(Error::ProgressTooNew {
                path,
                found,
                supported: SCHEMA_VERSION,
            }),
            Decoded::Unreadable => Err(self.set_aside(&path)),
        }
    }

    /// Read a profile's progress without changing anything: `None` when it
    /// is missing or cannot be read (`load` would set such a file aside;
    /// a listing must not).
    pub fn peek(&self, profile: &str) -> Option<Progress> {
        let path = self.path_for(profile).ok()?;
        let bytes = fsutil::read_limited(&path, MAX_PROGRESS_SIZE).ok()?;
        match decode(&bytes) {
            Decoded::Progress(mut p) => {
                p.profile = profile.to_string();
                Some(*p)
            }
            Decoded::TooNew(_) | Decoded::Unreadable => None,
        }
    }

    /// Move an unreadable file out of the way so that nothing overwrites it.
    fn set_aside(&self, path: &Path) -> Error {
        let stamp = OffsetDateTime::now_utc()
            .format(time::macros::format_description!(
                "[year][month][day]T[hour][minute][second]Z"
            ))
            .unwrap_or_else(|_| "unknown".into());
        let base = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let base = base.unwrap_or_else(|| "progress.toml".into());
        let mut moved_to = path.with_file_name(format!("{base}.corrupt-{stamp}"));
        let mut n = 1;
        while moved_to.exists() {
            n += 1;
            moved_to = path.with_file_name(format!("{base}.corrupt-{stamp}-{n}"));
        }
        match std::fs::rename(path, &moved_to) {
            Ok(()) => Error::ProgressCorrupt {
                path: path.to_path_buf(),
                moved_to,
            },
            Err(source) => Error::Write {
                path: path.to_path_buf(),
                source,
            },
        }
    }

    /// Save atomically, stamping the schema version and time.
    pub fn save(&self, progress: &mut Progress) -> Result<()> {
        let path = self.path_for(&progress.profile)?;
        progress.schema_version = SCHEMA_VERSION;
        progress.updated_at = Some(OffsetDateTime::now_utc());
        let text = toml::to_string_pretty(progress).map_err(|e| Error::Write {
            path: path.clone(),
            source: std::io::Error::other(e.to_string()),
        })?;
        fsutil::write_atomic(&path, text.as_bytes())
    }

    /// Profiles that have a progress file, sorted.
    pub fn profiles(&self) -> Vec<String> {
        let Ok(rd) = std::fs::read_dir(self.home.join("profiles")) else {
            return Vec::new();
        };
        let mut out: Vec<String> = rd
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let stem = name.strip_suffix(".toml")?;
                validate_profile_name(stem).ok()?;
                Some(stem.to_string())
            })
            .collect();
        out.sort();
        out
    }
}

/// The store kind as the progress file has always spelled it.
mod store_kind_record {
    use super::StoreKind;
    use serde::{Deserialize, Deserializer, Serializer};

    const WINDOWS: &str = "CurrentUser\\MY";
    const FOLDER: &str = "folder";

    pub fn serialize<S: Serializer>(k: &StoreKind, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match k {
            StoreKind::WindowsCurrentUser => WINDOWS,
            StoreKind::Folder => FOLDER,
        })
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<StoreKind, D::Error> {
        let v = String::deserialize(d)?;
        match v.as_str() {
            WINDOWS => Ok(StoreKind::WindowsCurrentUser),
            FOLDER => Ok(StoreKind::Folder),
            other => Err(serde::de::Error::unknown_variant(other, &[WINDOWS, FOLDER])),
        }
    }
}

#[cfg(test)]
mod tests;
