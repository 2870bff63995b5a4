//! User-facing text. Every sentence lives in `assets/locales/ja.toml` and
//! `en.toml` (embedded at build time); Japanese is the default.

use crate::cert::Error;
use crate::cert::backup::Fault;
use crate::cert::error::{CodeError, FileKind};
use std::ffi::OsString;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

/// Environment variable selecting the language (`ja` or `en`).
pub const LANG_ENV: &str = "OQSCERT_LANG";

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" | "jp" | "japanese" | "日本語" => Some(Lang::Ja),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// `--lang X` / `--lang=X` on the command line wins, then
    /// `OQSCERT_LANG`, then Japanese. Read before clap parses, so that
    /// clap's help itself is localised.
    pub fn detect(args: &[OsString]) -> Lang {
        let mut it = args.iter().map(|a| a.to_string_lossy());
        while let Some(a) = it.next() {
            if a == "--" {
                break;
            }
            if a == "--lang" {
                if let Some(l) = it.next().and_then(|v| Lang::parse(&v)) {
                    return l;
                }
            } else if let Some(v) = a.strip_prefix("--lang=")
                && let Some(l) = Lang::parse(v)
            {
                return l;
            }
        }
        std::env::var(LANG_ENV)
            .ok()
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default()
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

// `build.rs` flattens the locale files to `("section.key", text)` pairs,
// sorted by key, and refuses to build if they do not parse or their key sets
// differ; nothing is parsed at start-up.
mod tables {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

fn table(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Ja => tables::JA,
        Lang::En => tables::EN,
    }
}

fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    let table = table(lang);
    let i = table.binary_search_by(|&(k, _)| k.cmp(key)).ok()?;
    table.get(i).map(|&(_, text)| text)
}

/// The text for `key`; falls back to the other language, then the key.
pub fn t(lang: Lang, key: &str) -> &str {
    let other = if lang == Lang::Ja { Lang::En } else { Lang::Ja };
    lookup(lang, key)
        .or_else(|| lookup(other, key))
        .unwrap_or(key)
}

/// `t` with `{name}` placeholders filled in, in one pass over the
/// template: a value is never read as a template itself (a file named
/// `{path}` stays `{path}`).
pub fn tf(lang: Lang, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    fill(t(lang, key), args)
}

/// The single-pass substitution behind `tf`. A placeholder with no value
/// is left as written.
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (close, v.to_string()))
        });
        match value {
            Some((close, v)) => {
                // Values come from outside (paths, certificate names, OS
                // errors): no control character reaches the terminal.
                out.push_str(&crate::cert::sanitize::printable_lines(&v));
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A stable identifier per error, used as the locale key and in `--json`.
pub fn error_kind(e: &Error) -> &'static str {
    use Error::*;
    match e {
        Code(CodeError::Empty) => "code_empty",
        Code(CodeError::NotDigit { .. }) => "code_not_digit",
        Code(CodeError::WrongLength { .. }) => "code_wrong_length",
        Code(CodeError::UnknownPrefecture(_)) => "code_unknown_prefecture",
        Code(CodeError::UnknownTable(_)) => "code_unknown_table",
        Read { .. } => "read",
        Write { .. } => "write",
        FileTooLarge { .. } => "too_large",
        EmptyFile => "empty_file",
        NotPkcs12(FileKind::Pem) => "not_pkcs12_pem",
        NotPkcs12(FileKind::Certificate) => "not_pkcs12_certificate",
        NotPkcs12(FileKind::Zip) => "not_pkcs12_zip",
        NotPkcs12(FileKind::Unknown) => "not_pkcs12",
        Truncated => "truncated",
        Corrupt(_) => "corrupt",
        WrongPassword => "wrong_password",
        PasswordNotProven { .. } => "password_not_proven",
        NoFileToProve => "no_file_to_prove",
        PasswordsDiffer => "passwords_differ",
        NoPrivateKey => "no_private_key",
        NoCertificate => "no_certificate",
        KeyMismatch => "key_mismatch",
        Expired(_) => "expired_install",
        BadCertificate(_) => "bad_certificate",
        NoMac => "no_mac",
        Unsupported(_) => "unsupported",
        TooMuchWork => "too_much_work",
        Cancelled => "cancelled",
        NotLocal { .. } => "not_local",
        KeyKept { .. } => "key_kept",
        RootNotKnown { .. } => "root_not_known",
        WouldOverwrite { .. } => "would_overwrite",
        RefusedName { .. } => "refused_name",
        ProgressCorrupt { .. } => "progress_corrupt",
        ProgressTooNew { .. } => "progress_too_new",
        BadProfileName(_) => "bad_profile_name",
        NoDataDir => "no_data_dir",
        ProfileLocked { .. } => "profile_locked",
        ProfileExists(_) => "profile_exists",
        NoSuchProfile(_) => "no_such_profile",
        NotInStore(_) => "not_in_store",
        Store(_) => "store",
        RootCancelled => "root_cancelled",
        NoCredentialStore(_) => "no_credential_store",
        Backup { fault, .. } => match fault {
            Fault::TargetGone => "backup_gone",
            Fault::ReadOnly => "backup_read_only",
            Fault::Full => "backup_full",
            Fault::PermissionDenied => "backup_permission",
            Fault::NameTooLong => "backup_name_too_long",
            Fault::VerifyFailed => "backup_verify_failed",
            Fault::NameTaken => "backup_name_taken",
            Fault::Other => "backup_other",
        },
        Usage(_) => "usage",
    }
}

/// The locale key of a reachability diagnosis (`net.*`, with `{proxy}`
/// and, for an automatic proxy configuration, `{setting}`).
pub fn diagnosis_key(d: crate::cert::net::Diagnosis) -> &'static str {
    use crate::cert::net::Diagnosis::*;
    match d {
        Reachable => "net.reachable",
        DnsFailed => "net.dns_failed",
        Refused => "net.refused",
        ProxyFailed => "net.proxy_failed",
        TlsFailed => "net.tls_failed",
        Timeout => "net.timeout",
        AutoProxy => "net.auto_proxy",
        Other => "net.other",
    }
}

/// The locale key of a chapter's state (home, health view, `status`).
pub fn chapter_state_key(s: crate::cert::progress::ChapterState) -> &'static str {
    use crate::cert::progress::ChapterState::*;
    match s {
        NotStarted => "home.state_not_started",
        InProgress => "home.state_in_progress",
        Done => "home.state_done",
        NeedsAttention => "home.state_needs_attention",
    }
}

/// The locale keys of an install check: its name and what to do when it
/// fails.
pub fn check_keys(c: crate::cert::install::Check) -> (&'static str, &'static str) {
    use crate::cert::install::Check::*;
    match c {
        InMy => ("store.check_in_my", "install.fix_in_my"),
        HasPrivateKey => ("store.check_key", "install.fix_key"),
        KeySigns => ("store.check_signs", "install.fix_signs"),
        ChainComplete => ("store.check_chain", "install.fix_chain"),
        ValidNow => ("store.check_valid", "install.fix_valid"),
    }
}

/// The sentence for a receptionist's screen: as `error_message`, but
/// without the system's own words where a plain one exists
/// (`error.<kind>_plain`); those words are `error_detail`, for the vendor.
pub fn error_plain(lang: Lang, e: &Error) -> String {
    let key = format!("error.{}_plain", error_kind(e));
    match error_detail(e) {
        Some(_) if t(lang, &key) != key => t(lang, &key).to_string(),
        _ => error_message(lang, e),
    }
}

/// The system's own words inside an error (a store's "access denied"), for
/// the vendor's detail; `None` when the error has none.
pub fn error_detail(e: &Error) -> Option<String> {
    match e {
        Error::Store(d) | Error::NoCredentialStore(d) => Some(d.clone()),
        _ => None,
    }
}

/// A sentence saying what went wrong and what to do next.
pub fn error_message(lang: Lang, e: &Error) -> String {
    use Error::*;
    let key = format!("error.{}", error_kind(e));
    match e {
        Code(CodeError::NotDigit { ch, pos }) => tf(lang, &key, &[("ch", ch), ("pos", pos)]),
        Code(CodeError::WrongLength { expected, got }) => {
            tf(lang, &key, &[("expected", expected), ("got", got)])
        }
        Code(CodeError::UnknownPrefecture(v)) | Code(CodeError::UnknownTable(v)) => {
            tf(lang, &key, &[("value", v)])
        }
        Read { path, source } | Write { path, source } => {
            tf(lang, &key, &[("path", &path.display()), ("detail", source)])
        }
        FileTooLarge { size, max } => tf(lang, &key, &[("size", size), ("max", max)]),
        Corrupt(d) | BadCertificate(d) | Unsupported(d) | Usage(d) => {
            tf(lang, &key, &[("detail", d)])
        }
        ProgressCorrupt { path, moved_to } => tf(
            lang,
            &key,
            &[("path", &path.display()), ("moved_to", &moved_to.display())],
        ),
        ProgressTooNew {
            path,
            found,
            supported,
        } => tf(
            lang,
            &key,
            &[
                ("path", &path.display()),
                ("found", found),
                ("supported", supported),
            ],
        ),
        BadProfileName(n) | ProfileExists(n) | NoSuchProfile(n) => tf(lang, &key, &[("name", n)]),
        ProfileLocked { profile, path } => tf(
            lang,
            &key,
            &[("profile", profile), ("path", &path.display())],
        ),
        Expired(date) => tf(lang, &key, &[("date", date)]),
        NotInStore(th) | KeyKept { thumbprint: th } => tf(lang, &key, &[("thumbprint", th)]),
        PasswordNotProven { path }
        | WouldOverwrite { path }
        | RefusedName { path }
        | NotLocal { path } => tf(lang, &key, &[("path", &path.display())]),
        RootNotKnown { name, thumbprint } => tf(
            lang,
            &key,
            &[
                ("name", &crate::cert::sanitize::printable(name)),
                ("thumbprint", thumbprint),
            ],
        ),
        Store(d) | NoCredentialStore(d) => tf(lang, &key, &[("detail", d)]),
        Backup { path, detail, .. } => {
            tf(lang, &key, &[("path", &path.display()), ("detail", detail)])
        }
        _ => t(lang, &key).to_string(),
    }
}

/// A time as clinics read it: Japan time, to the minute.
/// The calendar date in Japan (a certificate ending at 15:00 UTC or later
/// ends on the next day there), `YYYY-MM-DD`.
pub fn jst_date(dt: time::OffsetDateTime) -> String {
    crate::cert::jst::iso_day(dt)
}

/// A day as a person reads it in `lang`: 「2026年11月20日（金）」 in
/// Japanese, `2026-11-20` in English (Japan's calendar day either way).
/// `--json`, file names and the vendor's records keep `jst_date`.
pub fn date(lang: Lang, dt: time::OffsetDateTime) -> String {
    let offset = time::UtcOffset::from_hms(9, 0, 0).unwrap_or(time::UtcOffset::UTC);
    let d = dt.to_offset(offset).date();
    match lang {
        Lang::Ja => {
            let weekday = match d.weekday() {
                time::Weekday::Monday => "月",
                time::Weekday::Tuesday => "火",
                time::Weekday::Wednesday => "水",
                time::Weekday::Thursday => "木",
                time::Weekday::Friday => "金",
                time::Weekday::Saturday => "土",
                time::Weekday::Sunday => "日",
            };
            format!(
                "{}年{}月{}日（{weekday}）",
                d.year(),
                u8::from(d.month()),
                d.day()
            )
        }
        Lang::En => d.to_string(),
    }
}

/// A moment as a person reads it: 「2026年11月25日（水）19:00」 in
/// Japanese, `2026-11-25 19:00 JST` in English (Japan's time either way).
pub fn date_time(lang: Lang, dt: time::OffsetDateTime) -> String {
    let t = dt.to_offset(crate::cert::jst::offset());
    match lang {
        Lang::Ja => format!("{} {:02}:{:02}", date(lang, dt), t.hour(), t.minute()),
        Lang::En => jst(dt),
    }
}

/// `value` with a note after it: 「…（あと5日）」 in Japanese (full-width
/// brackets, no space), "… (5 days left)" in English.
pub fn with_note(lang: Lang, value: &str, note: &str) -> String {
    match lang {
        Lang::Ja => format!("{value}（{note}）"),
        Lang::En => format!("{value} ({note})"),
    }
}

pub fn jst(dt: time::OffsetDateTime) -> String {
    let offset = time::UtcOffset::from_hms(9, 0, 0).unwrap_or(time::UtcOffset::UTC);
    let d = dt.to_offset(offset);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} JST",
        d.year(),
        u8::from(d.month()),
        d.day(),
        d.hour(),
        d.minute()
    )
}

#[cfg(test)]
mod tests;
