//! A profile file's problems in words, one line each with its line number:
//! shared by `profile import` and the wizard's `--answers`.

use crate::cert::profile_file::{FORMAT_VERSION, Issue, Problem};
use crate::i18n::{Lang, t, tf};

/// One profile as the picker lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub name: String,
    /// The institution's name, empty if not typed yet.
    pub institution: String,
    /// The 10-digit institution code, when known.
    pub code: Option<String>,
    pub not_after: Option<time::OffsetDateTime>,
    /// The progress file could not be read (it is left as it is: opening
    /// the profile sets it aside with a message).
    pub unreadable: bool,
}

/// What is wrong, in words. A secret key's value is never read, so it
/// cannot appear here.
pub fn message(lang: Lang, i: &Issue) -> String {
    let key = i.key.as_str();
    match &i.problem {
        Problem::Syntax { detail } => tf(lang, "profile.err_syntax", &[("detail", detail)]),
        Problem::Unknown => tf(lang, "profile.err_unknown", &[("key", &key)]),
        Problem::Secret => tf(lang, "profile.err_secret", &[("key", &key)]),
        Problem::NotText => tf(lang, "profile.err_not_text", &[("key", &key)]),
        Problem::NotTable => tf(lang, "profile.err_not_table", &[("key", &key)]),
        Problem::NotInteger => tf(lang, "profile.err_not_integer", &[("key", &key)]),
        Problem::Missing => tf(lang, "profile.err_missing", &[("key", &key)]),
        Problem::TooNew { found } => tf(
            lang,
            "profile.err_too_new",
            &[("found", found), ("supported", &FORMAT_VERSION)],
        ),
        Problem::Invalid { reason } | Problem::Note { reason } => t(lang, reason).to_string(),
    }
}

/// 「3行目 institution.phone: 電話番号は…」
pub fn line(lang: Lang, i: &Issue) -> String {
    let at = if i.key.is_empty() {
        tf(lang, "profile.at_line", &[("line", &i.line)])
    } else {
        tf(
            lang,
            "profile.at_line_key",
            &[("line", &i.line), ("key", &i.key)],
        )
    };
    format!("  {at}: {}", message(lang, i))
}

/// A profile in a list: 「ika  テスト医院  1312345678  有効期限 2027年11月26日」.
/// The institution's name is what was typed: control characters removed.
/// A profile's name as the screens show it: the one made at first start,
/// 「default」, is 「標準」 to a Japanese reader (the CLI keeps the name
/// to type).
pub fn display_name(lang: Lang, name: &str) -> String {
    if name == crate::cert::progress::DEFAULT_PROFILE && lang == Lang::Ja {
        t(lang, "profile.default_name").to_string()
    } else {
        name.to_string()
    }
}

pub fn summary(lang: Lang, s: &Summary) -> String {
    let mut parts = vec![s.name.clone()];
    if s.unreadable {
        parts.push(t(lang, "profile.summary_unreadable").to_string());
    }
    if !s.institution.is_empty() {
        parts.push(crate::cert::sanitize::printable(&s.institution).into_owned());
    }
    if let Some(c) = &s.code {
        parts.push(c.clone());
    }
    if let Some(d) = s.not_after {
        parts.push(tf(
            lang,
            "profile.summary_expires",
            &[("date", &crate::i18n::date(lang, d))],
        ));
    }
    parts.join("  ")
}
