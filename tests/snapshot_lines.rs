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

/// The rules catch what they are for: each is fed the broken rows a
/// reader found (a word cut at the right edge, a word split across rows,
/// a sentence's tail alone, text beside a box) and must name them.
#[test]
fn the_layout_rules_catch_the_faults_they_are_for() {
    let pad = |s: &str| {
        use unicode_width::UnicodeWidthStr;
        format!("{s}{}", " ".repeat(80usize.saturating_sub(s.width())))
    };
    let screen = |body: &[&str]| -> Vec<String> {
        let mut r = vec![pad(" 目次")];
        r.extend(body.iter().map(|b| pad(b)));
        r.push(pad("[Enter]進む"));
        r
    };
    // Cut at the last cell.
    let cut = format!("  {}ポータルサ", "あ".repeat(34));
    assert!(layout::edge_fault(&screen(&[&cut]), 80).is_some(), "{cut}");
    assert!(layout::edge_fault(&screen(&["  手続きをします。"]), 80).is_none());
    // Split across rows; a sentence's tail alone.
    let split = screen(&["  医療機関等向け総合ポータルサ", "  イトから申請します。"]);
    assert!(layout::split_fault(&split).is_some());
    let split = screen(&["  更新の手続", "  きをします。"]);
    assert!(layout::split_fault(&split).is_some());
    let tail = screen(&["  証明書をダウンロードしま", "  す。"]);
    assert!(layout::split_fault(&tail).is_some());
    let tail = screen(&["  （F1 で表示しま", "  す）。"]);
    assert!(layout::split_fault(&tail).is_some());
    let name = screen(&["  電話 0800-08", "  0-4583（通話無料）"]);
    assert!(layout::split_fault(&name).is_some());
    assert!(layout::split_fault(&screen(&["  手続きをします。", "  次へ進みます。"])).is_none());
    // Fragments beside a dialog.
    let beside = screen(&["  め  ┌──────┐  く", "      │ 終了 │", "      └──────┘"]);
    assert!(layout::beside_box_fault(&beside).is_some());
    let clear = screen(&["      ┌──────┐", "      │ 終了 │", "      └──────┘"]);
    assert!(layout::beside_box_fault(&clear).is_none());
}
