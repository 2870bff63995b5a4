//! The completion report: one page for the clinic's records and the
//! vendor, as HTML (printable on A4) and as plain text. Built only from
//! the progress file, which holds no secrets; written atomically into the
//! profile folder.

use crate::cert::codes::codes;
use crate::cert::fsutil;
use crate::cert::install::Check;
use crate::cert::progress::Progress;
use crate::i18n::{Lang, jst, t};
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// Escape text for HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
                    c.not_before.map(jst).unwrap_or_else(dash),
                ),
                (t(lang, "pfx.valid_to").into(), jst(c.not_after)),
            ],
        });
    }
    if let Some(i) = &p.install {
        let mut rows = vec![
            (t(lang, "report.installed_at").into(), jst(i.at)),
            (t(lang, "report.store").into(), i.store.clone()),
        ];
        if i.already_installed {
            rows.push((
                t(lang, "report.note").into(),
                t(lang, "install.already").into(),
            ));
        }
        if let Some(v) = &i.verification {
            for c in Check::ALL {
                rows.push((
                    t(lang, crate::i18n::check_keys(c).0).into(),
                    t(
                        lang,
                        if c.passed(v) {
                            "store.check_ok"
                        } else {
                            "store.check_ng"
                        },
                    )
                    .into(),
                ));
            }
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
                        (t(lang, "report.backup_at").into(), jst(b.at)),
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
                        (t(lang, "pfx.valid_to").into(), jst(r.not_after)),
                        (
                            t(lang, "report.reason").into(),
                            t(lang, &format!("install.reason_{}", r.reason)).into(),
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
            (t(lang, "report.generated_at").into(), jst(now)),
            (
                t(lang, "report.version").into(),
                format!("oqscert {}", env!("CARGO_PKG_VERSION")),
            ),
        ],
    });
    out
}

/// The report as (plain text, HTML).
pub fn render(p: &Progress, lang: Lang, now: OffsetDateTime) -> (String, String) {
    let title = t(lang, "report.title");
    let secs = sections(p, lang, now);
    let mut text = format!("{title}\n\n");
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>@page{{size:A4;margin:15mm}}body{{font-family:sans-serif;font-size:10.5pt}}\
         h1{{font-size:16pt}}h2{{font-size:12pt;margin:14px 0 4px}}\
         table{{border-collapse:collapse;width:100%}}\
         th,td{{border:1px solid #444;padding:3px 6px;text-align:left;vertical-align:top}}\
         th{{width:32%;background:#eee}}td{{word-break:break-all}}</style></head>\
         <body><h1>{}</h1>\n",
        lang.code(),
        esc(title),
        esc(title)
    );
    for s in &secs {
        text.push_str(&format!("[{}]\n", s.title));
        html.push_str(&format!("<h2>{}</h2><table>\n", esc(&s.title)));
        for (label, value) in &s.rows {
            text.push_str(&format!("  {label}: {value}\n"));
            html.push_str(&format!(
                "<tr><th>{}</th><td>{}</td></tr>\n",
                esc(label),
                esc(value)
            ));
        }
        text.push('\n');
        html.push_str("</table>\n");
    }
    let foot = t(lang, "report.footer");
    text.push_str(foot);
    text.push('\n');
    html.push_str(&format!("<p>{}</p></body></html>\n", esc(foot)));
    (text, html)
}

/// Write `report.html` and `report.txt` (UTF-8 with a BOM and CRLF, for
/// Notepad) into `dir`, or beside `out` when a file is named. Returns the
/// paths written, HTML first.
pub fn write(
    p: &Progress,
    lang: Lang,
    now: OffsetDateTime,
    dir: &Path,
    out: Option<&Path>,
) -> crate::cert::error::Result<Vec<PathBuf>> {
    let (text, html) = render(p, lang, now);
    let (htm, txt) = match out {
        Some(o) if o.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) => {
            (o.with_extension("html"), o.to_path_buf())
        }
        Some(o) => (o.to_path_buf(), o.with_extension("txt")),
        None => (dir.join("report.html"), dir.join("report.txt")),
    };
    let mut body = "\u{feff}".to_string();
    body.push_str(&text.replace('\n', "\r\n"));
    fsutil::write_atomic(&htm, html.as_bytes())?;
    fsutil::write_atomic(&txt, body.as_bytes())?;
    Ok(vec![htm, txt])
}
