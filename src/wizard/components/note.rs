//! An error shown on a screen: a sentence the screen wrote, or a typed
//! `cert::Error` from a task, put into words only when it is drawn (so it
//! is always in the screen's language).

use crate::i18n::Lang;
use crate::ops::Failure;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    Text(String),
    Failed(Failure),
}

impl Note {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Note::Text(s) => s.clone(),
            Note::Failed(f) => f.message(lang),
        }
    }

    /// For a screen that keeps the system's words one key away: the plain
    /// sentence, and those words apart.
    pub fn plain(&self, lang: Lang) -> (String, Option<String>) {
        match self {
            Note::Text(s) => (s.clone(), None),
            Note::Failed(f) => match f.detail() {
                Some(d) => (f.plain_message(lang), Some(d)),
                None => (f.message(lang), None),
            },
        }
    }
}

impl From<String> for Note {
    fn from(s: String) -> Self {
        Note::Text(s)
    }
}

impl From<&str> for Note {
    fn from(s: &str) -> Self {
        Note::Text(s.to_string())
    }
}

impl From<Failure> for Note {
    fn from(f: Failure) -> Self {
        Note::Failed(f)
    }
}
