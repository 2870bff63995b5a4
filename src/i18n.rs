//! User-facing text. Every sentence lives in `assets/locales/ja.toml` and
//! `en.toml` (embedded at build time); Japanese is the default.

use crate::cert::Error;
use crate::cert::backup::Fault;
use crate::cert::error::{CodeError, FileKind};
use std::collections::HashMap;
use std::ffi::OsString;
use std::sync::LazyLock;

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

type Catalog = HashMap<String, String>;

fn flatten(prefix: &str, table: &toml::Table, out: &mut Catalog) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(t) => flatten(&key, t, out),
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            other => {
                out.insert(key, other.to_string());
            }
        }
    }
}

pub fn parse_catalog(text: &str) -> Result<Catalog, toml::de::Error> {
    let table: toml::Table = text.parse()?;
    let mut out = Catalog::new();
    flatten("", &table, &mut out);
    Ok(out)
}

/// A fast reader for the locale files' TOML subset (`[section]`,
/// `key = "..."` with `\\"`, `\\\\`, `\\n` escapes, `key = """` multi-line
/// strings, `#` comments). Start-up time matters for every CLI call; the
/// general TOML parser stays the reference (`tests::fast_reader_matches_toml`).
pub fn parse_catalog_fast(text: &str) -> Catalog {
    let mut out = Catalog::new();
    let mut section = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if let Some(name) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            section = name.trim().to_string();
            continue;
        }
        let Some((key, value)) = l.split_once('=') else {
            continue;
        };
        let key = if section.is_empty() {
            key.trim().to_string()
        } else {
            format!("{section}.{}", key.trim())
        };
        let value = value.trim();
        if value == "\"\"\"" {
            // Multi-line basic string: a newline right after the opening
            // quotes is dropped, as TOML does.
            let mut body = String::new();
            for next in lines.by_ref() {
                if let Some(end) = next.strip_suffix("\"\"\"") {
                    body.push_str(end);
                    break;
                }
                body.push_str(next);
                body.push('\n');
            }
            out.insert(key, unescape(&body));
        } else if let Some(inner) = value
            .strip_prefix('"')
            .and_then(|v| v.rfind('"').map(|i| &v[..i]))
        {
            out.insert(key, unescape(inner));
        }
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

const JA_TOML: &str = include_str!("../assets/locales/ja.toml");
const EN_TOML: &str = include_str!("../assets/locales/en.toml");

// Embedded at build time; `tests::catalogs_parse_and_agree` proves both parse
// and carry the same keys, so an empty fallback is never used in a tested build.
static JA: LazyLock<Catalog> = LazyLock::new(|| parse_catalog_fast(JA_TOML));
static EN: LazyLock<Catalog> = LazyLock::new(|| parse_catalog_fast(EN_TOML));

fn catalog(lang: Lang) -> &'static Catalog {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

/// The text for `key`; falls back to the other language, then the key.
pub fn t(lang: Lang, key: &str) -> &str {
    if let Some(s) = catalog(lang).get(key) {
        return s;
    }
    let other = if lang == Lang::Ja { Lang::En } else { Lang::Ja };
    catalog(other).get(key).map(String::as_str).unwrap_or(key)
}

/// `t` with `{name}` placeholders filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut s = t(lang, key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), &value.to_string());
    }
    s
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
        NoPrivateKey => "no_private_key",
        NoCertificate => "no_certificate",
        KeyMismatch => "key_mismatch",
        BadCertificate(_) => "bad_certificate",
        ProgressCorrupt { .. } => "progress_corrupt",
        ProgressTooNew { .. } => "progress_too_new",
        BadProfileName(_) => "bad_profile_name",
        NoDataDir => "no_data_dir",
        NotInStore(_) => "not_in_store",
        Store(_) => "store",
        NoCredentialStore(_) => "no_credential_store",
        Backup { fault, .. } => match fault {
            Fault::TargetGone => "backup_gone",
            Fault::ReadOnly => "backup_read_only",
            Fault::Full => "backup_full",
            Fault::PermissionDenied => "backup_permission",
            Fault::NameTooLong => "backup_name_too_long",
            Fault::VerifyFailed => "backup_verify_failed",
            Fault::Other => "backup_other",
        },
        Usage(_) => "usage",
    }
}

/// The locale key of a reachability diagnosis (`net.*`, with `{proxy}`).
pub fn diagnosis_key(d: crate::cert::net::Diagnosis) -> &'static str {
    use crate::cert::net::Diagnosis::*;
    match d {
        Reachable => "net.reachable",
        DnsFailed => "net.dns_failed",
        Refused => "net.refused",
        ProxyFailed => "net.proxy_failed",
        TlsFailed => "net.tls_failed",
        Timeout => "net.timeout",
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
        Corrupt(d) | BadCertificate(d) | Usage(d) => tf(lang, &key, &[("detail", d)]),
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
        BadProfileName(n) => tf(lang, &key, &[("name", n)]),
        NotInStore(th) => tf(lang, &key, &[("thumbprint", th)]),
        Store(d) | NoCredentialStore(d) => tf(lang, &key, &[("detail", d)]),
        Backup { path, detail, .. } => {
            tf(lang, &key, &[("path", &path.display()), ("detail", detail)])
        }
        _ => t(lang, &key).to_string(),
    }
}

/// A time as clinics read it: Japan time, to the minute.
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
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn catalogs_parse_and_agree() {
        let ja = parse_catalog(JA_TOML).unwrap();
        let en = parse_catalog(EN_TOML).unwrap();
        let jk: BTreeSet<_> = ja.keys().collect();
        let ek: BTreeSet<_> = en.keys().collect();
        let only_ja: Vec<_> = jk.difference(&ek).collect();
        let only_en: Vec<_> = ek.difference(&jk).collect();
        assert!(
            only_ja.is_empty() && only_en.is_empty(),
            "ja only: {only_ja:?}, en only: {only_en:?}"
        );
        assert!(ja.len() > 30);
    }

    #[test]
    fn fast_reader_matches_toml() {
        for text in [JA_TOML, EN_TOML] {
            assert_eq!(parse_catalog_fast(text), parse_catalog(text).unwrap());
        }
    }

    #[test]
    fn layout_safe_symbols_only() {
        // East Asian ambiguous-width symbols break alignment by font.
        for text in [JA_TOML, EN_TOML] {
            for bad in ['①', '②', '■', '□', '※', '●', '○', '★', '→', '─', '│']
            {
                assert!(!text.contains(bad), "locale text contains {bad}");
            }
        }
    }

    #[test]
    fn every_error_kind_has_a_message_in_both_languages() {
        use std::path::PathBuf;
        let io = || std::io::Error::other("x");
        let errors = vec![
            Error::Code(CodeError::Empty),
            Error::Code(CodeError::NotDigit { ch: 'a', pos: 3 }),
            Error::Code(CodeError::WrongLength {
                expected: 10,
                got: 9,
            }),
            Error::Code(CodeError::UnknownPrefecture("48".into())),
            Error::Code(CodeError::UnknownTable("2".into())),
            Error::Read {
                path: PathBuf::from("/a"),
                source: io(),
            },
            Error::Write {
                path: PathBuf::from("/a"),
                source: io(),
            },
            Error::FileTooLarge { size: 2, max: 1 },
            Error::EmptyFile,
            Error::NotPkcs12(FileKind::Pem),
            Error::NotPkcs12(FileKind::Certificate),
            Error::NotPkcs12(FileKind::Zip),
            Error::NotPkcs12(FileKind::Unknown),
            Error::Truncated,
            Error::Corrupt("d".into()),
            Error::WrongPassword,
            Error::NoPrivateKey,
            Error::NoCertificate,
            Error::KeyMismatch,
            Error::BadCertificate("d".into()),
            Error::ProgressCorrupt {
                path: "/p".into(),
                moved_to: "/q".into(),
            },
            Error::ProgressTooNew {
                path: "/p".into(),
                found: 9,
                supported: 1,
            },
            Error::BadProfileName("x y".into()),
            Error::NoDataDir,
            Error::NotInStore("AB".into()),
            Error::Store("d".into()),
            Error::NoCredentialStore("d".into()),
            Error::Backup {
                fault: Fault::TargetGone,
                path: "/u".into(),
                detail: "d".into(),
            },
            Error::Backup {
                fault: Fault::ReadOnly,
                path: "/u".into(),
                detail: "d".into(),
            },
            Error::Backup {
                fault: Fault::Full,
                path: "/u".into(),
                detail: "d".into(),
            },
            Error::Backup {
                fault: Fault::PermissionDenied,
                path: "/u".into(),
                detail: "d".into(),
            },
            Error::Backup {
                fault: Fault::NameTooLong,
                path: "/u".into(),
                detail: "d".into(),
            },
            Error::Backup {
                fault: Fault::VerifyFailed,
                path: "/u".into(),
                detail: "d".into(),
            },
            Error::Backup {
                fault: Fault::Other,
                path: "/u".into(),
                detail: "d".into(),
            },
            Error::Usage("d".into()),
        ];
        for e in &errors {
            for lang in [Lang::Ja, Lang::En] {
                let m = error_message(lang, e);
                assert!(!m.starts_with("error."), "{lang:?} lacks {m}");
                assert!(!m.contains('{'), "unfilled placeholder in {m}");
            }
        }
    }

    #[test]
    fn detects_language() {
        let a = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(Lang::detect(&a(&["oqscert", "--lang", "en"])), Lang::En);
        assert_eq!(
            Lang::detect(&a(&["oqscert", "code", "--lang=en", "x"])),
            Lang::En
        );
        assert_eq!(Lang::detect(&a(&["oqscert", "--lang", "ja"])), Lang::Ja);
    }
}
