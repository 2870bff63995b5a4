//! The accepted snapshots are pictures a person sees: checks over every
//! one of them, so that a bug once accepted cannot stay locked in.

use crate::layout;

/// The text rows of a snapshot (TestBackend's Debug: one quoted row a line).
fn rows(snapshot: &str) -> Vec<String> {
    let body = snapshot.splitn(3, "\n---\n").last().unwrap_or("");
    body.lines()
        .filter_map(|l| {
            let l = l.strip_prefix('"')?;
            // insta appends `" Hidden by multi-width symbols: [...]`.
            let end = l.find("\" Hidden by").or_else(|| l.rfind('"'))?;
            Some(l[..end].to_string())
        })
        .collect()
}

fn snapshots() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "snap").then(|| {
                let text = std::fs::read_to_string(&p).unwrap();
                (p.file_name().unwrap().to_string_lossy().into_owned(), text)
            })
        })
        .collect();
    out.sort();
    out
}

/// A label drawn twice (a row drawn in the paragraph and again on its
/// fixed row) is a bug a receptionist sees at once.
#[test]
fn no_snapshot_shows_a_label_line_twice() {
    let all = snapshots();
    assert!(all.len() > 50, "found {} snapshots", all.len());
    for (name, text) in all {
        let twice = layout::rows_twice(&rows(&text));
        assert!(twice.is_empty(), "{name}: {twice:?}");
    }
}

/// Japanese line breaking as a reader sees it: no row starts with closing
/// punctuation, a small kana or ー, none ends with an opening bracket, and
/// no short quoted label (「…」 up to 16 characters) is split across rows.
#[test]
fn japanese_lines_break_where_japanese_breaks() {
    for (name, text) in snapshots() {
        if let Some(fault) = layout::break_fault(&rows(&text)) {
            panic!("{name} {fault}");
        }
    }
}

/// No word is split across rows (「ポータルサ／イト」), and no row is only
/// a sentence's tail (「す。」): lines break between phrases.
#[test]
fn no_word_is_split_across_rows() {
    let mut faults = Vec::new();
    for (name, text) in snapshots() {
        if let Some(fault) = layout::split_fault(&rows(&text)) {
            faults.push(format!("{name} {fault}"));
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

/// No text runs into the right edge (cut there), and no text stands
/// beside a dialog (fragments of the screen behind it), at 80 columns.
#[test]
fn no_text_is_cut_at_the_edge_or_left_beside_a_box() {
    let mut faults = Vec::new();
    for (name, text) in snapshots() {
        if !name.contains("80x24") {
            continue;
        }
        let rows = rows(&text);
        for fault in [
            layout::edge_fault(&rows, 80),
            layout::beside_box_fault(&rows),
        ]
        .into_iter()
        .flatten()
        {
            faults.push(format!("{name} {fault}"));
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}
