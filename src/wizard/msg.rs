//! What comes into `App::update` (`Msg`) and what goes out (`Effect`).
//! Task results carry typed outcomes from `ops`: errors stay `cert::Error`
//! (as `Failure`) until a screen puts them into words.

use crate::cert::backup::Drive;
use crate::cert::cleanup::{OldCert, ProvenPassword};
use crate::cert::health::Health;
use crate::cert::net::CheckResult;
use crate::cert::password::Password;
use crate::cert::progress::Progress;
use crate::cert::secret::{Backend, Secrets};
use crate::ops::backup::BackedUp;
use crate::ops::cleanup::CleanedUp;
use crate::ops::install::Installed;
use crate::ops::verify::Verified;
use crate::ops::{Failure, Outcome};
use crossterm::event::KeyEvent;
use std::path::PathBuf;
use time::OffsetDateTime;

/// Text that may be secret (pasted, or copied to the clipboard): `Debug`
/// shows only its length, and it is wiped when dropped.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SecretText(zeroize::Zeroizing<String>);

impl SecretText {
    pub fn new(text: String) -> Self {
        SecretText(zeroize::Zeroizing::new(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for SecretText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for SecretText {
    fn from(s: String) -> Self {
        SecretText::new(s)
    }
}

impl From<&str> for SecretText {
    fn from(s: &str) -> Self {
        SecretText::new(s.to_string())
    }
}

impl PartialEq<str> for SecretText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl std::fmt::Debug for SecretText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretText(<{} chars>)", self.0.chars().count())
    }
}

/// What comes into `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    /// Pasted text (where the terminal sends bracketed paste): may be an
    /// ID or the password, so never shown by `Debug`.
    Paste(SecretText),
    Resize(u16, u16),
    /// A time asked for with `Effect::WakeAfter` has passed: draw again.
    Wake,
    /// SIGTERM, SIGHUP, or the console window being closed: save and leave
    /// as soon as no recorded work is running.
    Terminate,
    Saved(Result<(), Failure>),
    Exported(Outcome<Vec<PathBuf>>),
    /// The clipboard took the text (`what` names it), or there is none.
    Copied(Result<String, String>),
    /// The browser opened; `Some(key)`: with a note (e.g. Edge was not
    /// found and the default browser was used).
    BrowserOpened(Result<Option<&'static str>, String>),
    SecretsLoaded(Outcome<Option<Secrets>>),
    SecretsSaved(Outcome<Backend>),
    NetChecked(Vec<CheckResult>),
    Downloads(Vec<PathBuf>),
    /// The client certificates (with a key) in the personal store, for
    /// the pre-check's first question.
    Certificates(Outcome<Vec<crate::cert::store::StoredCert>>),
    /// Certificate files found on the removable drives (reinstall).
    BackupFiles(Vec<PathBuf>),
    /// A typed path completed (Tab), for the text that was typed then.
    PathCompleted {
        typed: String,
        completed: Option<String>,
    },
    FileVerified(Box<Outcome<Verified>>),
    Drives(Vec<Drive>),
    BackedUp(Outcome<BackedUp>),
    /// Install (or verify) finished.
    Installed(Box<Outcome<Installed>>),
    OldFound(Outcome<Vec<OldCert>>),
    /// The password proven (or why not) for a clean-up.
    PasswordProven(Outcome<ProvenPassword>),
    /// Clean-up progress: (done, total).
    CleanupStep(usize, usize),
    CleanedUp(Box<CleanedUp>),
    ReportWritten(Outcome<Vec<PathBuf>>),
    Health(Box<Health>),
    /// The self-test's lines (画面 H-3).
    Selftest(Box<crate::ops::selftest::Report>),
    /// The profiles of the data folder, for the picker.
    Profiles(Vec<crate::ops::profiles::Summary>),
    /// A profile was created, renamed, deleted, or its secrets forgotten.
    ProfileChanged(Outcome<ProfileChange>),
    /// Another profile is open now (or the open one was renamed).
    ProfileSwitched(Outcome<Box<Switched>>),
}

/// What a profile task did (the picker says so and lists again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileChange {
    Created(String),
    Renamed {
        to: String,
        secrets_moved: bool,
    },
    /// The files were moved to `to` (never removed).
    Deleted {
        name: String,
        to: PathBuf,
    },
    /// Whether there were any to forget.
    SecretsForgotten {
        name: String,
        found: bool,
    },
}

/// The profile the wizard has open after a switch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Switched {
    pub progress: Progress,
    pub profile_dir: PathBuf,
    /// The profile's file could not be read and was set aside (said in
    /// the status line; the profile starts afresh).
    pub notice: Option<String>,
    pub renamed: bool,
}

impl Msg {
    /// The result of work whose outcome must be recorded before the
    /// program may end (a written backup, an install, a removal).
    pub fn ends_recorded_work(&self) -> bool {
        matches!(
            self,
            Msg::FileVerified(_)
                | Msg::BackedUp(_)
                | Msg::Installed(_)
                | Msg::CleanedUp(_)
                | Msg::ProfileSwitched(_)
        )
    }
}

/// Work for the event loop to do off the UI thread. Every effect that
/// records something carries `now`, the app's clock, so the screens and
/// the records agree on the time.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Save(Box<Progress>),
    /// Send `Msg::Wake` after this long: a screen that shows something for
    /// a while (the password on 2-5) is drawn again when the time is up.
    WakeAfter(std::time::Duration),
    /// Copy text; `what` names it in the confirmation. The text may be
    /// an ID: never shown by `Debug`, wiped when dropped.
    Copy {
        text: SecretText,
        what: String,
    },
    OpenBrowser(String),
    /// The certificate site: the help page says Microsoft Edge (on Windows;
    /// elsewhere, and when Edge is missing, the default browser).
    OpenInEdge(String),
    /// Write a printable sheet as `<dir>/<stem>.txt` and `.html`.
    ExportSheet {
        dir: PathBuf,
        stem: String,
        text: String,
        html: String,
    },
    /// Load the profile's secrets from the OS credential store.
    LoadSecrets(String),
    /// Keep the secrets of a profile in the OS credential store.
    SaveSecrets(String, Secrets),
    NetCheck,
    /// List PKCS#12 files in a folder now and whenever it changes.
    WatchDownloads(PathBuf),
    /// Open the file with the password; keep a copy in `keep_dir`.
    /// `current`: the profile's recorded certificate (a file that ends
    /// earlier is recorded as an older one, never as the current).
    VerifyAndKeep {
        path: PathBuf,
        password: Password,
        keep_dir: PathBuf,
        current: Option<Box<crate::cert::progress::CertificateRecord>>,
        now: OffsetDateTime,
    },
    ListDrives,
    /// List the personal store (the pre-check shows what it holds).
    ListCertificates,
    /// Look for certificate files on the removable drives.
    ListBackups,
    /// Complete a typed path (Tab on 2-7): the folder is read off the UI
    /// thread.
    CompletePath(String),
    /// List the drives again after a pause (the backup screen's refresh).
    ListDrivesAfter(std::time::Duration),
    Backup {
        src: PathBuf,
        dir: PathBuf,
        name: String,
        password: Password,
        now: OffsetDateTime,
    },
    /// Install the kept file into the store (or verify it is there).
    Install {
        pfx: PathBuf,
        password: Password,
        /// Who runs the install (recorded with it).
        user: String,
        /// The person confirmed installing an expired certificate.
        allow_expired: bool,
        now: OffsetDateTime,
    },
    /// Look for old certificates in MY; the profile's installed one is
    /// never one of them.
    FindOld {
        progress: Box<Progress>,
        now: OffsetDateTime,
    },
    /// Prove the password against the certificate files the clinic keeps
    /// (`ops::cleanup::prove_password`) before it protects any export.
    ProvePassword {
        progress: Box<Progress>,
        password: Password,
    },
    /// Export each to the profile's quarantine folder (this PC's), then
    /// remove it from the store.
    Cleanup {
        old: Vec<OldCert>,
        profile: String,
        password: ProvenPassword,
        now: OffsetDateTime,
    },
    /// Write the completion report (HTML and text) into `dir`.
    WriteReport {
        progress: Box<Progress>,
        dir: PathBuf,
        now: OffsetDateTime,
    },
    /// Check the store and the backups for the health view.
    CheckHealth {
        progress: Box<Progress>,
        now: OffsetDateTime,
    },
    /// Run the self-test (画面 H-3): the network as 2-6 checks it, then
    /// every other line.
    Selftest {
        now: OffsetDateTime,
        console: crate::ops::selftest::ConsoleFacts,
    },
    ListProfiles,
    CreateProfile(String),
    /// Rename a profile that is not the open one.
    RenameProfile {
        from: String,
        to: String,
    },
    /// Set a profile's files aside (never the open one).
    DeleteProfile {
        name: String,
        now: OffsetDateTime,
    },
    /// Remove a profile's password and IDs from the credential store.
    ForgetSecrets(String),
    /// Open another profile; with `rename_from` (the open one) it is
    /// renamed to `to` first. Queued saves land before the lock goes.
    SwitchProfile {
        to: String,
        rename_from: Option<String>,
    },
    /// Quitting: work that can stop part-way (opening a file) stops before
    /// its next key derivation and writes nothing; its result still comes.
    CancelWork,
    Quit,
}

impl Effect {
    /// Work whose result must be recorded before the program may end.
    pub fn starts_recorded_work(&self) -> bool {
        matches!(
            self,
            Effect::VerifyAndKeep { .. }
                | Effect::Backup { .. }
                | Effect::Install { .. }
                | Effect::Cleanup { .. }
                // Quitting mid-switch would save the profile being let
                // go of (after a rename: under its old name again).
                | Effect::SwitchProfile { .. }
        )
    }
}

/// A screen's answer to a key or a result.
#[derive(Debug, Default)]
pub struct Reply {
    /// Progress changed: save it.
    pub save: bool,
    pub effects: Vec<Effect>,
    pub nav: Option<Nav>,
    pub status: Option<Status>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Home,
    Precheck,
    Apply,
    Download,
    Install,
    /// Chapter 3 from a backup on a USB stick (a replaced or reset PC).
    InstallFromBackup,
    Health,
    /// 画面 H-3: the self-test.
    Selftest,
}

/// The status line: a sentence and its tone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Ok,
    Warn,
    Error,
}

impl Status {
    pub fn new(kind: StatusKind, text: impl Into<String>) -> Self {
        Status {
            text: text.into(),
            kind,
        }
    }
}
