//! A removable drive as one line: where, its label, the free space. The
//! CLI's `backup` list and 画面 2-9 show the same line. A volume label is
//! whatever the stick says: control characters are removed.

use crate::cert::backup::Drive;
use crate::cert::sanitize::{printable, printable_path};
use crate::i18n::{Lang, t};

/// The drive's line; the one oqscert runs from says so (「oqscert を
/// 起動したドライブ」: the stick she brought it on).
pub fn line(lang: Lang, d: &Drive) -> String {
    let free = d
        .free_bytes
        .map(|b| format!("{}\u{a0}MB", b / 1_000_000))
        .unwrap_or_default();
    let here = if d.runs_here {
        format!("  {}", t(lang, "backup.runs_here"))
    } else {
        String::new()
    };
    format!(
        "{}  {}  {free}{here}",
        printable_path(&d.path),
        printable(&d.label)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn a_hostile_label_cannot_reach_the_terminal() {
        let mut d = Drive {
            path: PathBuf::from("E:\\"),
            label: "USB\u{1b}[2J".into(),
            free_bytes: Some(8_000_000_000),
            runs_here: false,
        };
        let l = line(Lang::Ja, &d);
        assert!(!l.contains('\u{1b}'), "{l:?}");
        assert!(
            l.starts_with("E:\\  USB") && l.ends_with("8000\u{a0}MB"),
            "{l:?}"
        );
        // The stick oqscert runs from is named as such.
        d.runs_here = true;
        assert!(line(Lang::Ja, &d).ends_with("（oqscert を起動したドライブ）"));
    }
}
