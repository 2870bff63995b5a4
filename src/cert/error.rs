//! Errors named in terms a user can act on. Each maps to an exit code and to
//! a localised sentence (see `crate::i18n::error_message`).

use std::path::PathBuf;

/// Exit codes, the same for every command (listed in the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: everything is fine.
    Ok = 0,
    /// 1: checked and found invalid (check digit, expired, key mismatch).
    Invalid = 1,
    /// 2: usage error or malformed input.
    Usage = 2,
    /// 3: wrong password.
    WrongPassword = 3,
    /// 4: file unreadable, not PKCS#12, corrupt or too large.
    BadFile = 4,
    /// 5: environment problem (no data directory, no credential store, ...).
    Environment = 5,
}

impl ExitStatus {
    pub fn code(self) -> i32 {
        self as i32
    }
}

/// What kind of non-PKCS#12 content a file turned out to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A PEM text file (`-----BEGIN ...`).
    Pem,
    /// A bare DER X.509 certificate (.cer/.crt) without a key.
    Certificate,
    /// A ZIP archive (the file may be inside it).
    Zip,
    /// Something else entirely.
    Unknown,
}

/// Why a 医療機関コード could not even be checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("the code is empty")]
    Empty,
    #[error("character {ch:?} at position {pos} is not a digit")]
    NotDigit { ch: char, pos: usize },
    #[error("expected {expected} digits, got {got}")]
    WrongLength { expected: usize, got: usize },
    #[error("unknown prefecture number {0}")]
    UnknownPrefecture(String),
    #[error("unknown 点数表 number {0}")]
    UnknownTable(String),
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid institution code: {0}")]
    Code(#[from] CodeError),

    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("file is {size} bytes; a certificate file is at most {max} bytes")]
    FileTooLarge { size: u64, max: u64 },
    #[error("the file is empty")]
    EmptyFile,
    #[error("not a PKCS#12 file ({0:?})")]
    NotPkcs12(FileKind),
    #[error("the file is truncated")]
    Truncated,
    #[error("the file is corrupt: {0}")]
    Corrupt(String),
    #[error("wrong password")]
    WrongPassword,
    /// The password does not open the certificate file the clinic keeps:
    /// it will not protect exports of keys that are then deleted.
    #[error("the password does not open the kept certificate file {path}")]
    PasswordNotProven { path: PathBuf },
    /// No kept certificate file to prove the password against (the caller
    /// asks for it twice instead).
    #[error("no kept certificate file to prove the password with")]
    NoFileToProve,
    /// The password typed twice was not the same four digits both times.
    #[error("the two passwords typed differ or are not four digits")]
    PasswordsDiffer,
    #[error("the file holds no private key")]
    NoPrivateKey,
    #[error("the file holds no certificate")]
    NoCertificate,
    #[error("the private key does not belong to the certificate")]
    KeyMismatch,
    #[error("the certificate could not be read: {0}")]
    BadCertificate(String),
    /// The file has no MAC (integrity check): every real export has one.
    #[error("the file has no integrity check (MAC)")]
    NoMac,
    /// A PKCS#12 feature no certificate file uses (scrypt, public-key
    /// integrity, an unknown cipher).
    #[error("the file uses something this program does not read: {0}")]
    Unsupported(String),
    /// The file asks for more key-derivation work than any real one.
    #[error("the file asks for too much key-derivation work")]
    TooMuchWork,
    /// `store remove --delete-key` on a certificate whose key cannot be
    /// exported (or whose export did not prove): nothing was removed.
    #[error("the key of {thumbprint} cannot be exported and proven: kept")]
    KeyKept { thumbprint: String },
    /// `report --out` names a file that exists (without `--force`).
    #[error("{path} exists")]
    WouldOverwrite { path: PathBuf },
    /// `report --out` names a certificate file's name (.p12, .pfx).
    #[error("{path} is a certificate file's name")]
    RefusedName { path: PathBuf },
    /// The monitor's program would live on a stick or a network share:
    /// whatever is there later would run as the user every day.
    #[error("{path} is not on this PC's own disk")]
    NotLocal { path: PathBuf },
    /// The person stopped the work (quit while a file was being opened).
    #[error("stopped")]
    Cancelled,
    /// The file's certificate ended on this date (JST, as shown).
    #[error("the certificate expired on {0}")]
    Expired(String),

    #[error("progress file {path} could not be read and was moved to {moved_to}")]
    ProgressCorrupt { path: PathBuf, moved_to: PathBuf },
    #[error(
        "progress file {path} has schema version {found}; this oqscert understands up to {supported}"
    )]
    ProgressTooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("invalid profile name {0:?}")]
    BadProfileName(String),
    #[error("no data directory could be determined")]
    NoDataDir,
    /// Another oqscert (the wizard or a command) holds the profile's lock.
    #[error("profile {profile} is in use by another oqscert ({path})")]
    ProfileLocked { profile: String, path: PathBuf },
    #[error("profile {0} already exists")]
    ProfileExists(String),
    #[error("there is no profile {0}")]
    NoSuchProfile(String),

    #[error("backup to {path} failed ({fault:?}): {detail}")]
    Backup {
        fault: Fault,
        path: PathBuf,
        detail: String,
    },
    #[error("no credential store is available: {0}")]
    NoCredentialStore(String),
    #[error("no certificate with thumbprint {0} in the store")]
    NotInStore(String),
    #[error("certificate store operation failed: {0}")]
    Store(String),
    /// The file would add a root to the Root store that oqscert does not
    /// know (codes.toml `[oqs_roots]`) and the command was not told to
    /// trust it (`--trust-root`).
    #[error("the root {name} ({thumbprint}) is not a known OQS root")]
    RootNotKnown { name: String, thumbprint: String },
    /// Windows' security warning for a new root certificate was answered
    /// "No" or closed (ERROR_CANCELLED).
    #[error("adding the root certificate was declined at Windows' security warning")]
    RootCancelled,

    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub fn exit_status(&self) -> ExitStatus {
        use Error::*;
        match self {
            Code(_)
            | Usage(_)
            | BadProfileName(_)
            | ProfileExists(_)
            | NoSuchProfile(_)
            | NotInStore(_)
            | RootNotKnown { .. }
            | WouldOverwrite { .. }
            | RefusedName { .. } => ExitStatus::Usage,
            WrongPassword | PasswordNotProven { .. } | NoFileToProve | PasswordsDiffer => {
                ExitStatus::WrongPassword
            }
            Read { .. }
            | FileTooLarge { .. }
            | EmptyFile
            | NotPkcs12(_)
            | Truncated
            | Corrupt(_)
            | NoPrivateKey
            | NoCertificate
            | BadCertificate(_)
            | NoMac
            | Unsupported(_)
            | TooMuchWork => ExitStatus::BadFile,
            KeyMismatch | Expired(_) | KeyKept { .. } => ExitStatus::Invalid,
            Write { .. }
            | ProgressCorrupt { .. }
            | ProgressTooNew { .. }
            | NoDataDir
            | ProfileLocked { .. }
            | Store(_)
            | Cancelled
            | NotLocal { .. }
            | RootCancelled
            | NoCredentialStore(_)
            | Backup { .. } => ExitStatus::Environment,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong writing to the backup target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// The folder or drive is gone (stick pulled out).
    TargetGone,
    ReadOnly,
    Full,
    PermissionDenied,
    NameTooLong,
    /// What was read back differs from what was written.
    VerifyFailed,
    /// Every name tried (`name.p12`, `name-2.p12` .. `name-100.p12`) is
    /// taken by a different file.
    NameTaken,
    Other,
}
