//! What a clean-up's copies are protected with, in words: said before
//! anything is removed (the wizard's 画面 3-7, `store cleanup`).

use crate::cert::cleanup::PasswordProof;
use crate::i18n::{Lang, date, t, tf};

/// One sentence naming which password protects the copies (never its
/// value): the one that opens the clinic's certificate file, or the one
/// typed twice.
pub fn protected_with(lang: Lang, proof: &PasswordProof) -> String {
    match proof {
        PasswordProof::OpensFile {
            path, not_after, ..
        } => tf(
            lang,
            "cleanup.protected_file",
            &[
                ("date", &date(lang, *not_after)),
                (
                    "path",
                    &crate::cert::sanitize::printable(&path.display().to_string()),
                ),
            ],
        ),
        PasswordProof::TypedTwice => t(lang, "cleanup.protected_twice").to_string(),
    }
}
