//! The accepted snapshots are pictures a person sees: checks over every
//! one of them, so that a bug once accepted cannot stay locked in.

use std::collections::HashMap;

/// The text rows of a snapshot (TestBackend's Debug: one quoted row a line).
fn rows(snapshot: &str) -> Vec<String> {
    let body = snapshot.splitn(3, "\n---\n").last().unwrap_or("");
    body.lines()
        .filter_map(|l| {
            let l = l.strip_prefix('"')?;
            let end = l.rfind('"')?;
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
