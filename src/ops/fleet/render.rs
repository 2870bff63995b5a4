//! The fleet table as CSV (for Excel) and as HTML (printed on A4).

use super::{Fleet, cells, headers, skip_text};
use crate::i18n::{Lang, t, tf};
use crate::present::document::esc;

/// A text cell Excel would run as a formula is kept as text: one starting
/// with = + - @, or with a tab or carriage return before one.
pub(super) fn csv_cell(s: &str, text: bool) -> String {
    let guarded = if text && s.len() > 1 && s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

/// UTF-8 with a byte-order mark and CRLF, so Excel opens it as UTF-8.
pub fn csv(lang: Lang, fleet: &Fleet) -> String {
    let mut out = String::from('\u{feff}');
    let head: Vec<String> = headers(lang).iter().map(|h| csv_cell(h, true)).collect();
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for e in &fleet.entries {
        let row: Vec<String> = cells(lang, e)
            .iter()
            .enumerate()
            // Column 4 is the days left: a number, negative once expired.
            .map(|(i, c)| csv_cell(c, i != 4))
            .collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

const STYLE: &str = "@page{size:A4 landscape;margin:12mm}body{font-family:sans-serif;font-size:9.5pt}\
h1{font-size:14pt}h2{font-size:11pt;margin:12px 0 4px}\
table{border-collapse:collapse;width:100%}\
th,td{border:1px solid #444;padding:3px 5px;text-align:left;vertical-align:top}\
th{background:#eee}td{word-break:break-all}td.num{text-align:right}";

/// The table on A4 (landscape: eight columns), then the skipped files.
pub fn html(lang: Lang, fleet: &Fleet, as_of: &str) -> String {
    let title = t(lang, "fleet.title");
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{STYLE}</style></head><body><h1>{}</h1>\n<p>{}</p>\n<table>\n<tr>",
        lang.code(),
        esc(title),
        esc(title),
        esc(&tf(
            lang,
            "fleet.summary",
            &[("count", &fleet.entries.len()), ("date", &as_of)]
        ))
    );
    for h in headers(lang) {
        out.push_str(&format!("<th>{}</th>", esc(h)));
    }
    out.push_str("</tr>\n");
    for e in &fleet.entries {
        out.push_str("<tr>");
        for (i, c) in cells(lang, e).iter().enumerate() {
            let class = if i == 4 { " class=\"num\"" } else { "" };
            out.push_str(&format!("<td{class}>{}</td>", esc(c)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    if !fleet.skipped.is_empty() {
        out.push_str(&format!(
            "<h2>{}</h2>\n<ul>\n",
            esc(t(lang, "fleet.skipped"))
        ));
        for s in &fleet.skipped {
            out.push_str(&format!("<li>{}</li>\n", esc(&skip_text(lang, s))));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body></html>\n");
    out
}
