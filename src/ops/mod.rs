//! The use cases, in the style of cargo's `ops`: one function per whole
//! task. The CLI (`cli/`) and the wizard's effect runner (`tui/`) both call
//! these; neither re-implements a task.
//!
//! Each task takes what it works on (the store as `&dyn CertStore`, the
//! progress, the clock as a parameter, a progress callback where the work
//! is long) and returns a typed outcome. What a task leaves in the progress
//! file is built in one place (`record`) and applied with `record(&mut
//! Progress)` by whoever holds the progress: the CLI right away, the wizard
//! when the result message arrives, whichever screen is showing.

pub mod backup;
pub mod cleanup;
pub mod files;
pub mod fleet;
pub mod health;
pub mod install;
pub mod monitor;
pub mod net;
pub mod notify;
pub mod profiles;
pub mod record;
pub mod report;
pub mod selftest;
pub mod sheet;
pub mod verify;

use crate::cert::Error;
use std::sync::Arc;

/// A `cert::Error` that can travel in a message (cloned, compared) to the
/// screen that localises it. The error stays typed until it is shown.
#[derive(Clone)]
pub struct Failure(Arc<Error>);

impl Failure {
    pub fn error(&self) -> &Error {
        &self.0
    }

    pub fn is_wrong_password(&self) -> bool {
        matches!(*self.0, Error::WrongPassword)
    }

    /// The error itself, for a caller that holds the only copy (the CLI
    /// returns it to get its exit code and sentence). A shared copy, which
    /// the CLI never has, keeps its message as a usage error.
    pub fn into_error(self) -> Error {
        Arc::try_unwrap(self.0).unwrap_or_else(|shared| Error::Usage(shared.to_string()))
    }

    /// The sentence for a person, in their language.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::error_message(lang, &self.0)
    }

    /// The same without the system's words (`i18n::error_plain`).
    pub fn plain_message(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::error_plain(lang, &self.0)
    }

    /// The system's words, for the vendor (`i18n::error_detail`).
    pub fn detail(&self) -> Option<String> {
        crate::i18n::error_detail(&self.0)
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure(Arc::new(e))
    }
}

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // cert::Error never holds a secret (its messages name paths and
        // kinds only), so its Debug is safe to show.
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl PartialEq for Failure {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0.to_string() == other.0.to_string()
    }
}

impl Eq for Failure {}

pub type Outcome<T> = Result<T, Failure>;
