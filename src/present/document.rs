//! Printable documents (the completion report, the portal form sheet, the
//! password write-down sheet) as one structure, rendered as plain text and
//! as HTML for A4. Nothing here may hold a secret: the write-down sheet has
//! empty boxes, not values.

use crate::i18n::Lang;

/// One row of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// A label and its value; `note` is shown after the value, marked
    /// (e.g. "unconfirmed: check on the portal").
    Pair {
        label: String,
        value: String,
        note: Option<String>,
    },
    /// An empty box to write in by hand, `cells` characters wide.
    Blank { label: String, cells: usize },
}

impl Field {
    pub fn pair(label: impl Into<String>, value: impl Into<String>) -> Field {
        Field::Pair {
            label: label.into(),
            value: value.into(),
            note: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Shown as a heading; `None` for a document of one plain table.
    pub title: Option<String>,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub lang: Lang,
    pub title: String,
    pub intro: Option<String>,
    pub sections: Vec<Section>,
    pub footer: String,
}

/// Escape text for HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "@page{size:A4;margin:15mm}body{font-family:sans-serif;font-size:10.5pt}\
h1{font-size:16pt}h2{font-size:12pt;margin:14px 0 4px}\
table{border-collapse:collapse;width:100%}\
th,td{border:1px solid #444;padding:4px 6px;text-align:left;vertical-align:top}\
th{width:32%;background:#eee}td{word-break:break-all}td.box{height:28px}.note{color:#a60}";

impl Document {
    /// Plain text (LF line ends; the writer turns them into CRLF).
    pub fn text(&self) -> String {
        let mut out = format!("{}\n\n", self.title);
        if let Some(i) = &self.intro {
            out.push_str(&format!("{i}\n\n"));
        }
        for s in &self.sections {
            let pad = if let Some(t) = &s.title {
                out.push_str(&format!("[{t}]\n"));
                "  "
            } else {
                ""
            };
            for f in &s.fields {
                match f {
                    Field::Pair { label, value, note } => {
                        out.push_str(&format!("{pad}{label}: {value}"));
                        if let Some(n) = note {
                            out.push_str(&format!(" {n}"));
                        }
                        out.push('\n');
                    }
                    Field::Blank { label, cells } => {
                        out.push_str(&format!("{pad}{label}: [{}]\n", " ".repeat(cells * 2)));
                    }
                }
            }
            out.push('\n');
        }
        out.push_str(&self.footer);
        out.push('\n');
        out
    }

    /// HTML for printing on A4.
    pub fn html(&self) -> String {
        let mut out = format!(
            "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
             <style>{STYLE}</style></head><body><h1>{}</h1>\n",
            self.lang.code(),
            esc(&self.title),
            esc(&self.title)
        );
        if let Some(i) = &self.intro {
            out.push_str(&format!("<p>{}</p>\n", esc(i)));
        }
        for s in &self.sections {
            if let Some(t) = &s.title {
                out.push_str(&format!("<h2>{}</h2>", esc(t)));
            }
            out.push_str("<table>\n");
            for f in &s.fields {
                match f {
                    Field::Pair { label, value, note } => {
                        let note = note
                            .as_ref()
                            .map(|n| format!(" <span class=\"note\">{}</span>", esc(n)))
                            .unwrap_or_default();
                        out.push_str(&format!(
                            "<tr><th>{}</th><td>{}{note}</td></tr>\n",
                            esc(label),
                            esc(value)
                        ));
                    }
                    Field::Blank { label, .. } => out.push_str(&format!(
                        "<tr><th>{}</th><td class=\"box\"></td></tr>\n",
                        esc(label)
                    )),
                }
            }
            out.push_str("</table>\n");
        }
        out.push_str(&format!("<p>{}</p>", esc(&self.footer)));
        // A web address at the end (the portal, on the application sheet)
        // also as a QR code, for the phone that applies: on paper it is
        // square and sharp, which the console's ASCII QR cannot be.
        if self.footer.starts_with("https://")
            && let Some(svg) = qr_svg(&self.footer)
        {
            out.push_str(&format!("<p class=\"qr\">{svg}</p>"));
        }
        out.push_str("</body></html>\n");
        out
    }
}

/// `text` as an inline SVG QR code (4 px modules, quiet zone of 4), or
/// `None` when it does not fit a QR code.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let n = code.width();
    let quiet = 4;
    let side = n + 2 * quiet;
    let mut path = String::new();
    for y in 0..n {
        for x in 0..n {
            if code[(x, y)] == qrcode::Color::Dark {
                path.push_str(&format!("M{} {}h1v1h-1z", x + quiet, y + quiet));
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
         width=\"{px}\" height=\"{px}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>",
        px = side * 4
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_html_hold_every_field_escaped() {
        let d = Document {
            lang: Lang::Ja,
            title: "報告 <1>".into(),
            intro: Some("はじめに".into()),
            sections: vec![Section {
                title: Some("証明書".into()),
                fields: vec![
                    Field::Pair {
                        label: "名前".into(),
                        value: "A&B".into(),
                        note: Some("未確認".into()),
                    },
                    Field::Blank {
                        label: "パスワード".into(),
                        cells: 4,
                    },
                ],
            }],
            footer: "おわり".into(),
        };
        let text = d.text();
        assert!(text.starts_with("報告 <1>\n\nはじめに\n\n[証明書]\n  名前: A&B 未確認\n"));
        assert!(text.contains("  パスワード: [        ]\n"));
        assert!(text.ends_with("おわり\n"));
        let html = d.html();
        assert!(html.contains("<title>報告 &lt;1&gt;</title>"));
        assert!(html.contains("<td>A&amp;B <span class=\"note\">未確認</span></td>"));
        assert!(html.contains("<th>パスワード</th><td class=\"box\"></td>"));
        assert!(html.contains("size:A4"));
        assert!(!html.contains("<svg"), "no QR without a web address");
    }

    /// The application sheet ends with the portal's address: its HTML
    /// carries the same address as a QR code, module for module.
    #[test]
    fn a_web_address_at_the_end_is_also_a_qr_code() {
        let url = "https://example.jp/portal";
        let d = Document {
            lang: Lang::Ja,
            title: "申請".into(),
            intro: None,
            sections: Vec::new(),
            footer: url.into(),
        };
        let html = d.html();
        let svg = qr_svg(url).unwrap();
        assert!(html.contains(&svg));
        let code = qrcode::QrCode::new(url.as_bytes()).unwrap();
        let dark = code
            .to_colors()
            .iter()
            .filter(|c| **c == qrcode::Color::Dark)
            .count();
        assert_eq!(svg.matches("h1v1h-1z").count(), dark);
        assert!(svg.contains(&format!("viewBox=\"0 0 {0} {0}\"", code.width() + 8)));
    }
}
