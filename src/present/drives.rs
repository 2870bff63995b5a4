//! A removable drive as one line: where, its label, the free space. The
//! CLI's `backup` list and 画面 2-9 show the same line. A volume label is
//! whatever the stick says: control characters are removed.

use crate::cert::backup::Drive;
use crate::cert::sanitize::{printable, printable_path};

pub fn line(d: &Drive) -> String {
    let free = d
        .free_bytes
        .map(|b| format!("{}\u{a0}MB", b / 1_000_000))
        .unwrap_or_default();
    format!(
        "{}  {}  {free}",
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
        let d = Drive {
            path: PathBuf::from("E:\\"),
            label: "USB\u{1b}[2J".into(),
            free_bytes: Some(8_000_000_000),
        };
        let l = line(&d);
        assert!(!l.contains('\u{1b}'), "{l:?}");
        assert!(
            l.starts_with("E:\\  USB") && l.ends_with("8000\u{a0}MB"),
            "{l:?}"
        );
    }
}
