//! The accepted snapshots are pictures a person sees: checks over every
//! one of them, so that a bug once accepted cannot stay locked in.

use std::collections::HashMap;

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
        let mut seen: HashMap<String, usize> = HashMap::new();
        for r in rows(&text) {
            // Borders, blank rows and lone marks repeat by design.
            let t = r
                .trim()
                .trim_matches(|c: char| "│|+-─┌┐└┘=".contains(c))
                .trim()
                .to_string();
            if t.chars().count() < 2 {
                continue;
            }
            *seen.entry(t).or_default() += 1;
        }
        let twice: Vec<_> = seen.into_iter().filter(|(_, n)| *n > 1).collect();
        assert!(twice.is_empty(), "{name}: {twice:?}");
    }
}

/// What a row holds inside the frame: borders and outer padding removed.
fn inner_text(row: &str) -> String {
    row.trim_matches(|c: char| " │|+-─┌┐└┘".contains(c))
        .to_string()
}

/// Japanese line breaking as a reader sees it: no row starts with closing
/// punctuation, a small kana or ー, none ends with an opening bracket, and
/// no short quoted label (「…」 up to 16 characters) is split across rows.
#[test]
fn japanese_lines_break_where_japanese_breaks() {
    const NO_START: &str = "。、，．）」』】！？ーゃゅょっャュョッ々";
    const NO_END: &str = "（「『【";
    for (name, text) in snapshots() {
        let rows: Vec<String> = rows(&text).iter().map(|r| inner_text(r)).collect();
        for (i, r) in rows.iter().enumerate() {
            // Beside a dialog a row shows the cut-off ends of the screen's
            // own text: judge the text left of the box and inside it only.
            for part in r.split('│').take(2).map(str::trim) {
                if let Some(c) = part.chars().next() {
                    assert!(!NO_START.contains(c), "{name} row {i} starts with {c}: {r}");
                }
                if let Some(c) = part.chars().last() {
                    assert!(!NO_END.contains(c), "{name} row {i} ends with {c}: {r}");
                }
            }
            // A label opened near the end of a row and closed at the start
            // of the next is a split label.
            if let Some(open) = r.rfind('「')
                && !r[open..].contains('」')
                && r[open..].chars().count() <= 16
                && let Some(next) = rows.get(i + 1)
                && next.chars().take(16).any(|c| c == '」')
            {
                panic!("{name} row {i} splits a label: {r} / {next}");
            }
        }
    }
}
