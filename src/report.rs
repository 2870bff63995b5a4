//! The completion report: one page for the clinic's records and the
//! vendor, as HTML (printable on A4) and as plain text. Built only from
//! the progress file, which holds no secrets; written atomically into the
//! profile folder.

use crate::cert::codes::codes;
use crate::cert::fsutil;
use crate::cert::progress::Progress;
use crate::cert::store::StoreKind;
use crate::i18n::{Lang, date, date_time, t};
use crate::present::document::{Document, Field, Section as DocSection};
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

pub use crate::present::document::esc;

/// Where it was installed, as the report names it.
fn store_name(k: StoreKind) -> &'static str {
    match k {
        StoreKind::WindowsCurrentUser => "CurrentUser\\MY",
        StoreKind::Folder => "folder",
    }
}

/// One titled section of label/value rows.
struct Section {
    title: String,
    rows: Vec<(String, String)>,
}

fn sections(p: &Progress, lang: Lang, now: OffsetDateTime) -> Vec<Section> {
    let dash = || "-".to_string();
    let or_dash = |s: &str| {
        if s.is_empty() { dash() } else { s.to_string() }
    };
    let inst = &p.institution;
    let type_name = codes()
        .institution_type(&inst.type_id)
        .map(|x| match lang {
            Lang::Ja => x.name_ja.clone(),
            Lang::En => x.name_en.clone(),
        })
        .unwrap_or_else(dash);
    let mut out = vec![Section {
        title: t(lang, "report.s_institution").into(),
        rows: vec![
            (
                t(lang, "report.code").into(),
                inst.code10().unwrap_or_else(|| or_dash(&inst.code7)),
            ),
            (t(lang, "report.name").into(), or_dash(&inst.name)),
            (t(lang, "report.type").into(), type_name),
            (
                t(lang, "report.terminal").into(),
                or_dash(&inst.terminal_name),
            ),
            (
                t(lang, "report.windows_user").into(),
                p.install
                    .as_ref()
                    .map(|i| or_dash(&i.user))
                    .unwrap_or_else(dash),
            ),
        ],
    }];
    if let Some(c) = &p.certificate {
        out.push(Section {
            title: t(lang, "report.s_certificate").into(),
            rows: vec![
                (t(lang, "pfx.subject").into(), c.subject.clone()),
                (t(lang, "pfx.issuer").into(), or_dash(&c.issuer)),
                (t(lang, "pfx.serial").into(), or_dash(&c.serial)),
                (t(lang, "pfx.thumbprint").into(), c.sha1_thumbprint.clone()),
                (
                    t(lang, "pfx.valid_from").into(),
                    c.not_before.map(|d| date(lang, d)).unwrap_or_else(dash),
                ),
                (t(lang, "pfx.valid_to").into(), date(lang, c.not_after)),
            ],
        });
    }
    if let Some(i) = &p.install {
        let mut rows = vec![
            (t(lang, "report.installed_at").into(), date_time(lang, i.at)),
            (t(lang, "report.store").into(), store_name(i.store).into()),
        ];
        if i.already_installed {
            rows.push((
                t(lang, "report.note").into(),
                t(lang, "install.already").into(),
            ));
        }
        if let Some(v) = &i.verification {
            rows.extend(crate::present::checks::pairs(lang, v));
        }
        out.push(Section {
            title: t(lang, "report.s_install").into(),
            rows,
        });
    }
    out.push(Section {
        title: t(lang, "report.s_backup").into(),
        rows: if p.backups.is_empty() {
            vec![(
                t(lang, "report.backup").into(),
                t(lang, "report.none").into(),
            )]
        } else {
            p.backups
                .iter()
                .flat_map(|b| {
                    [
                        (
                            t(lang, "report.backup").into(),
                            b.path.display().to_string(),
                        ),
                        (t(lang, "report.backup_at").into(), date_time(lang, b.at)),
                        ("SHA-256".into(), b.sha256.clone()),
                    ]
                })
                .collect()
        },
    });
    out.push(Section {
        title: t(lang, "report.s_removed").into(),
        rows: if p.removed.is_empty() {
            vec![(
                t(lang, "report.removed").into(),
                t(lang, "report.none").into(),
            )]
        } else {
            p.removed
                .iter()
                .flat_map(|r| {
                    let mut rows = vec![
                        (t(lang, "report.removed").into(), r.subject.clone()),
                        (t(lang, "pfx.thumbprint").into(), r.sha1_thumbprint.clone()),
                        (t(lang, "pfx.valid_to").into(), date(lang, r.not_after)),
                        (
                            t(lang, "report.reason").into(),
                            t(lang, &format!("install.reason_{}", r.reason.id())).into(),
                        ),
                        (
                            t(lang, "report.exported").into(),
                            r.exported_certificate.display().to_string(),
                        ),
                    ];
                    if let Some(x) = &r.exported_pkcs12 {
                        rows.push((t(lang, "report.exported").into(), x.display().to_string()));
                    }
                    rows
                })
                .collect()
        },
    });
    out.push(Section {
        title: t(lang, "report.s_generated").into(),
        rows: vec![
            (t(lang, "report.generated_at").into(), date_time(lang, now)),
            (
                t(lang, "report.version").into(),
                format!("oqscert {}", env!("CARGO_PKG_VERSION")),
            ),
        ],
    });
    out
}

/// The report as a document.
pub fn document(p: &Progress, lang: Lang, now: OffsetDateTime) -> Document {
    Document {
        lang,
        title: t(lang, "report.title").into(),
        intro: None,
        sections: sections(p, lang, now)
            .into_iter()
            .map(|s| DocSection {
                title: Some(s.title),
                fields: s
                    .rows
                    .into_iter()
                    .map(|(label, value)| Field::pair(label, value))
                    .collect(),
            })
            .collect(),
        footer: t(lang, "report.footer").into(),
    }
}

/// The report as (plain text, HTML).
pub fn render(p: &Progress, lang: Lang, now: OffsetDateTime) -> (String, String) {
    let d = document(p, lang, now);
    (d.text(), d.html())
}

/// Write `report.html` and `report.txt` (UTF-8 with a BOM and CRLF, for
/// Notepad) into `dir`, or beside `out` when a file is named. Returns the
/// paths written, HTML first.
/// Where a report goes: the profile folder (its own two files, written
/// over each time) or a file the person named.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    Dir(&'a Path),
    /// `--out FILE`: never over an existing file unless `force`, and never
    /// to a name a certificate file has (.p12, .pfx: a slip of the hand
    /// would destroy the one copy of a key).
    Named {
        file: &'a Path,
        force: bool,
    },
}

pub fn write(
    p: &Progress,
    lang: Lang,
    now: OffsetDateTime,
    target: Target<'_>,
) -> crate::cert::error::Result<Vec<PathBuf>> {
    let (htm, txt) = match target {
        Target::Named { file: o, .. }
            if o.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) =>
        {
            (o.with_extension("html"), o.to_path_buf())
        }
        Target::Named { file: o, .. } => (o.to_path_buf(), o.with_extension("txt")),
        Target::Dir(dir) => (dir.join("report.html"), dir.join("report.txt")),
    };
    if let Target::Named { force, .. } = target {
        for path in [&htm, &txt] {
            // Windows drops trailing dots and spaces from a name:
            // "x.pfx." and "x.pfx " are x.pfx there.
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            let name = name.trim_end_matches(['.', ' ']);
            if name.ends_with(".p12") || name.ends_with(".pfx") {
                return Err(crate::cert::Error::RefusedName { path: path.clone() });
            }
            if !force && path.exists() {
                return Err(crate::cert::Error::WouldOverwrite { path: path.clone() });
            }
        }
    }
    let (text, html) = render(p, lang, now);
    // Temporaries of a write killed half-way are swept first.
    for d in [htm.parent(), txt.parent()].into_iter().flatten() {
        fsutil::clean_stale_temps(d);
    }
    let mut body = "\u{feff}".to_string();
    body.push_str(&text.replace('\n', "\r\n"));
    fsutil::write_atomic(&htm, html.as_bytes())?;
    fsutil::write_atomic(&txt, body.as_bytes())?;
    Ok(vec![htm, txt])
}
