//! Export-sheet: a printable document as text (UTF-8 with BOM and CRLF,
//! for Notepad) and A4 HTML, written atomically.

use crate::cert::{Error, fsutil};
use std::path::{Path, PathBuf};

pub fn export_sheet(dir: &Path, stem: &str, text: &str, html: &str) -> Result<Vec<PathBuf>, Error> {
    let txt = dir.join(format!("{stem}.txt"));
    let htm = dir.join(format!("{stem}.html"));
    // A BOM lets Windows Notepad of older versions read the UTF-8 text.
    let mut body = "\u{feff}".to_string();
    body.push_str(&text.replace('\n', "\r\n"));
    fsutil::write_atomic(&txt, body.as_bytes())?;
    fsutil::write_atomic(&htm, html.as_bytes())?;
    Ok(vec![txt, htm])
}
