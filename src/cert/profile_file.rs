//! `profile export` / `profile import`: the non-secret profile (institution,
//! application, chapter states, position) as a versioned TOML file, for
//! moving the work between PCs without a stick.
//!
//! Import checks every value the way the wizard's form does and reports
//! every problem at once, each with its line: a syntax error, an unknown
//! key, a value of the wrong type, a value the form would refuse. A key
//! that looks like a password or an ID is refused as such, and its value is
//! never read into a message: secrets never go into files.

mod merge;

use super::error::{Error, Result};
use super::fsutil;
use super::progress::{Position, Progress};
use super::sanitize::to_half_width;
use merge::Checker;
use serde::{Deserialize, Serialize};
use std::path::Path;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The file format's version; a newer file is refused, not half-read.
pub const FORMAT_VERSION: i64 = 1;

/// The keys each table may hold (everything else is refused).
const SCHEMA: [(&str, &[&str]); 4] = [
    (
        "institution",
        &[
            "type_id",
            "prefecture",
            "code7",
            "name",
            "department",
            "person",
            "phone",
            "email",
            "terminal_name",
            "oqs_account",
        ],
    ),
    ("application", &["applied_at", "system"]),
    ("chapters", &["precheck", "apply", "download", "install"]),
    ("position", &["chapter", "step"]),
];

/// One problem in an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// 1-based line of the key (or of the syntax error).
    pub line: usize,
    /// The dotted key as written ("institution.phone").
    pub key: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// Not TOML; the parser's own words.
    Syntax { detail: String },
    /// A key this format does not have.
    Unknown,
    /// A key that looks like a password or an ID.
    Secret,
    /// Should be text in quotes.
    NotText,
    /// Should be a table (`[name]`).
    NotTable,
    /// Should be a whole number.
    NotInteger,
    /// `format_version` is missing.
    Missing,
    /// Written by a newer oqscert.
    TooNew { found: i64 },
    /// A value the form refuses; the locale key says why.
    Invalid { reason: &'static str },
    /// Accepted, with something to check; the locale key says what.
    Note { reason: &'static str },
}

#[derive(Serialize)]
struct FileOut<'a> {
    format_version: i64,
    institution: &'a super::progress::Institution,
    application: &'a super::progress::Application,
    chapters: &'a super::progress::Chapters,
    position: Position,
}

type Text = Option<Spanned<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    format_version: Spanned<i64>,
    institution: Option<InstitutionIn>,
    application: Option<ApplicationIn>,
    chapters: Option<ChaptersIn>,
    position: Option<PositionIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InstitutionIn {
    type_id: Text,
    prefecture: Text,
    code7: Text,
    name: Text,
    department: Text,
    person: Text,
    phone: Text,
    email: Text,
    terminal_name: Text,
    oqs_account: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApplicationIn {
    applied_at: Text,
    system: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChaptersIn {
    precheck: Text,
    apply: Text,
    download: Text,
    install: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PositionIn {
    chapter: Text,
    step: Text,
}

const HEADER: &str = "# oqscert のプロファイル（パスワードや ID は入っていません）\n\
# oqscert profile (no password, no IDs): oqscert profile import FILE\n\n";

/// The file's text for `p`.
pub fn export_text(p: &Progress) -> std::result::Result<String, toml::ser::Error> {
    let out = FileOut {
        format_version: FORMAT_VERSION,
        institution: &p.institution,
        application: &p.application,
        chapters: &p.chapters,
        position: p.position,
    };
    Ok(format!("{HEADER}{}", toml::to_string_pretty(&out)?))
}

/// Write `p`'s profile to `path` atomically.
pub fn export(p: &Progress, path: &Path) -> Result<()> {
    let text = export_text(p).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    fsutil::write_atomic(path, text.as_bytes())
}

/// Merge the file's values into `into`: all or nothing. `Ok` holds the
/// notes (accepted, but worth a look); `Err` every problem found.
pub fn import_text(text: &str, into: &mut Progress) -> std::result::Result<Vec<Issue>, Vec<Issue>> {
    // Notepad may save UTF-8 with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = match DeTable::parse(text) {
        Ok(r) => r,
        Err(e) => {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            return Err(vec![Issue {
                line,
                key: String::new(),
                problem: Problem::Syntax {
                    detail: e.message().to_string(),
                },
            }]);
        }
    };
    let issues = walk(text, root.get_ref());
    if !issues.is_empty() {
        return Err(issues);
    }
    let file: FileIn = toml::from_str(text).map_err(|e| {
        vec![Issue {
            line: e.span().map_or(1, |s| line_of(text, s.start)),
            key: String::new(),
            problem: Problem::Syntax {
                detail: e.message().to_string(),
            },
        }]
    })?;
    let mut merged = into.clone();
    let mut c = Checker {
        text,
        errors: Vec::new(),
        notes: Vec::new(),
    };
    // Newer versions were refused by `walk`; 0 or less never existed.
    if *file.format_version.get_ref() < 1 {
        c.errors.push(Issue {
            line: line_of(text, file.format_version.span().start),
            key: "format_version".into(),
            problem: Problem::Invalid {
                reason: "profile.err_version",
            },
        });
    }
    c.merge(&file, &mut merged);
    c.errors.sort_by_key(|i| i.line);
    if c.errors.is_empty() {
        *into = merged;
        Ok(c.notes)
    } else {
        Err(c.errors)
    }
}

/// Read `path` and merge it into `into` (see [`import_text`]). A file that
/// cannot be read is an `Error`; a file with problems is `Ok(Err(..))`.
pub fn import(
    path: &Path,
    into: &mut Progress,
) -> Result<std::result::Result<Vec<Issue>, Vec<Issue>>> {
    // A profile is a few hundred bytes; anything big is not one.
    let bytes = fsutil::read_limited(path, 64 * 1024)?;
    let Ok(text) = String::from_utf8(bytes) else {
        return Ok(Err(vec![Issue {
            line: 1,
            key: String::new(),
            problem: Problem::Syntax {
                detail: "not UTF-8 text".into(),
            },
        }]));
    };
    Ok(import_text(&text, into))
}

/// Does this key look like it names a secret (a password, a PIN, the
/// リクエストID or リファレンスID)?
pub fn looks_secret(key: &str) -> bool {
    const WORDS: [&str; 13] = [
        "password",
        "passwd",
        "passphrase",
        "passcode",
        "secret",
        "requestid",
        "referenceid",
        "reqid",
        "refid",
        "パスワード",
        "暗証",
        "リクエストid",
        "リファレンスid",
    ];
    let lower = to_half_width(key).to_lowercase();
    let squashed: String = lower
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | ' ' | '.'))
        .collect();
    WORDS.iter().any(|w| squashed.contains(w))
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|tok| matches!(tok, "pin" | "pw" | "pwd" | "pass"))
}

/// 1-based line of a byte offset (never panics on a bad offset).
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Every structural problem: unknown and secret-looking keys, wrong types,
/// a missing or newer version. A newer file is refused on that alone.
fn walk(text: &str, root: &DeTable<'_>) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut has_version = false;
    for (k, v) in root.iter() {
        let key: &str = k.get_ref();
        let line = line_of(text, k.span().start);
        if key == "format_version" {
            let found = v
                .get_ref()
                .as_integer()
                .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok());
            match found {
                Some(n) if n > FORMAT_VERSION => {
                    return vec![issue(line, key, Problem::TooNew { found: n })];
                }
                Some(_) => has_version = true,
                None => {
                    has_version = true;
                    out.push(issue(line, key, Problem::NotInteger));
                }
            }
            continue;
        }
        let Some((_, fields)) = SCHEMA.iter().find(|(t, _)| *t == key) else {
            unknown(text, key, line, v.get_ref(), &mut out);
            continue;
        };
        let Some(table) = v.get_ref().as_table() else {
            out.push(issue(line, key, Problem::NotTable));
            continue;
        };
        for (fk, fv) in table.iter() {
            let name: &str = fk.get_ref();
            let path = format!("{key}.{name}");
            let fline = line_of(text, fk.span().start);
            if !fields.contains(&name) {
                unknown(text, &path, fline, fv.get_ref(), &mut out);
            } else if !fv.get_ref().is_str() {
                out.push(issue(fline, &path, Problem::NotText));
            }
        }
    }
    if !has_version {
        out.push(issue(1, "format_version", Problem::Missing));
    }
    out.sort_by_key(|i| i.line);
    out
}

/// An unknown key: refused as a secret when it looks like one; inside an
/// unknown table, secret-looking keys are named too.
fn unknown(text: &str, path: &str, line: usize, v: &DeValue<'_>, out: &mut Vec<Issue>) {
    let last = path.rsplit('.').next().unwrap_or(path);
    let problem = if looks_secret(last) {
        Problem::Secret
    } else {
        Problem::Unknown
    };
    out.push(issue(line, path, problem));
    if let Some(t) = v.as_table() {
        for (k, _) in t.iter() {
            let name: &str = k.get_ref();
            if looks_secret(name) {
                let line = line_of(text, k.span().start);
                out.push(issue(line, &format!("{path}.{name}"), Problem::Secret));
            }
        }
    }
}

fn issue(line: usize, key: &str, problem: Problem) -> Issue {
    Issue {
        line,
        key: key.to_string(),
        problem,
    }
}

#[cfg(test)]
mod tests;
