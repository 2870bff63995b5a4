//! The layout rules a receptionist would see broken, over rows of text
//! (a snapshot's rows, or a rendered buffer's). Used by
//! `snapshot_lines.rs` (every accepted snapshot) and `every_screen.rs`
//! (every step and help page rendered at 80x24).

use std::collections::HashMap;

/// Characters that never start a row (closing marks, small kana, ー).
pub const NO_START: &str = "。、，．）」』】！？ーゃゅょっャュョッ々";
/// Characters that never end a row (opening brackets).
pub const NO_END: &str = "（「『【";

/// What a row holds inside the frame: borders and outer padding removed.
pub fn inner_text(row: &str) -> String {
    row.trim_matches(|c: char| " │|+-─┌┐└┘".contains(c))
        .to_string()
}

/// Rows (other than borders, blanks and lone marks) drawn more than once.
pub fn rows_twice(rows: &[String]) -> Vec<(String, usize)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in rows {
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
    let mut twice: Vec<_> = seen.into_iter().filter(|(_, n)| *n > 1).collect();
    twice.sort();
    twice
}

/// The first Japanese line-breaking fault: a row starting with closing
/// punctuation or ending with an opening bracket, or a short quoted label
/// (「…」 up to 16 characters) split across two rows.
pub fn break_fault(raw: &[String]) -> Option<String> {
    let rows: Vec<String> = raw.iter().map(|r| inner_text(r)).collect();
    for (i, r) in rows.iter().enumerate() {
        // Beside a dialog a row shows the cut-off ends of the screen's own
        // text, cut wherever the box starts: judge only the box's inside.
        let parts: Vec<&str> = raw[i].split(['│', '|']).collect();
        let judged: Vec<&str> = if parts.len() >= 3 {
            parts[1..parts.len() - 1].to_vec()
        } else {
            vec![r.as_str()]
        };
        for part in judged.into_iter().map(str::trim) {
            if let Some(c) = part.chars().next()
                && NO_START.contains(c)
            {
                return Some(format!("row {i} starts with {c}: {r}"));
            }
            if let Some(c) = part.chars().last()
                && NO_END.contains(c)
            {
                return Some(format!("row {i} ends with {c}: {r}"));
            }
        }
        if let Some(open) = r.rfind('「')
            && !r[open..].contains('」')
            && r[open..].chars().count() <= 16
            && let Some(next) = rows.get(i + 1)
            && next.chars().take(16).any(|c| c == '」')
        {
            return Some(format!("row {i} splits a label: {r} / {next}"));
        }
    }
    None
}
