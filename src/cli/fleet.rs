//! `oqscert fleet DIR [--csv] [--html FILE]`: the vendor's table of every
//! clinic's collected `status --json` / `report --json` (`ops::fleet`).

use super::Globals;
use crate::cert::{Error, ExitStatus};
use crate::i18n::{t, tf};
use crate::ops::fleet::{self, render};
use clap::ArgMatches;
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr;

pub fn fleet(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let lang = g.lang;
    let dir = m
        .get_one::<PathBuf>("dir")
        .ok_or_else(|| Error::Usage(t(lang, "cli.usage_error").into()))?;
    let now = super::status::now(g)?;
    let fleet = fleet::scan(dir, now)?;
    if let Some(out) = m.get_one::<PathBuf>("html") {
        let as_of = crate::ops::notify::jst_date(now).to_string();
        let html = render::html(lang, &fleet, &as_of);
        crate::cert::fsutil::write_atomic(out, html.as_bytes())?;
        eprintln!(
            "{}",
            tf(lang, "fleet.html_written", &[("path", &out.display())])
        );
    }
    if m.get_flag("csv") {
        print!("{}", render::csv(lang, &fleet));
    } else {
        print_table(g, &fleet);
    }
    for s in &fleet.skipped {
        eprintln!(
            "{}: {}",
            t(lang, "fleet.skipped"),
            fleet::skip_text(lang, s)
        );
    }
    Ok(ExitStatus::Ok)
}

/// The columns aligned by display width (the file column left out: the
/// CSV and HTML have it).
fn print_table(g: &Globals, f: &fleet::Fleet) {
    let lang = g.lang;
    if f.entries.is_empty() {
        println!("{}", t(lang, "fleet.none"));
        return;
    }
    let head = fleet::headers(lang).map(String::from);
    let rows: Vec<[String; 8]> = std::iter::once(head)
        .chain(f.entries.iter().map(|e| fleet::cells(lang, e)))
        .collect();
    let mut widths = [0usize; 7];
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r.iter()) {
            *w = (*w).max(c.width());
        }
    }
    for r in &rows {
        let line: Vec<String> = r
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.width())))
            .collect();
        println!("{}", line.join("  ").trim_end());
    }
}
