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
        // The label's length is both parts together.
        if let Some(open) = r.rfind('「')
            && !r[open..].contains('」')
            && let Some(next) = rows.get(i + 1)
            && let Some(close) = next.chars().position(|c| c == '」')
            && r[open..].chars().count() - 1 + close <= 16
        {
            return Some(format!("row {i} splits a label: {r} / {next}"));
        }
    }
    None
}

/// Words a receptionist reads as one: a row never ends inside one of them
/// (grow the list when a review finds another).
pub const WHOLE_WORDS: &[&str] = &[
    "よくある",
    "習志野市",
    "（祝日を除く）",
    "秘密キー",
    "パスワード保管庫",
    "USBメモリ",
    "記入用紙",
    "電子証明書",
    "証明書",
    "インターネット",
    "ダウンロード",
    "ポータルサイト",
    "ベンダー",
    "サインイン",
    "メモリー",
    "パスワード",
    "差出人",
    "有効期限",
    "選択肢",
    "医療機関",
    "通知書",
    "バックアップ",
    "資格確認",
    "パソコン",
    "ヘルプデスク",
    "フォルダー",
    "ブラウザー",
    "ネットワーク",
    "プロファイル",
    "手続き",
    "直し方",
    "時刻",
    "取り込",
    "もう一度",
    // Names and numbers a reader takes as one.
    "e-オンデマンド便サービス事務局",
    "医療機関等向け総合ポータルサイト",
    "証明書のインポートウィザード",
    "端末名称等",
    "リクエストID",
    "リファレンスID",
    "0800-080-4583",
    "8:00〜18:00",
];

/// The first word of `WHOLE_WORDS` split across two rows, or a row that
/// holds only the tail of a sentence (「す。」), which reads as a stray mark.
pub fn split_fault(raw: &[String]) -> Option<String> {
    let rows: Vec<String> = raw.iter().map(|r| inner_text(r)).collect();
    for i in 0..rows.len().saturating_sub(1) {
        let (a, b) = (rows[i].trim_end(), rows[i + 1].trim_start());
        if a.is_empty() || b.is_empty() {
            continue;
        }
        for w in WHOLE_WORDS {
            let cs: Vec<char> = w.chars().collect();
            for k in 1..cs.len() {
                let head: String = cs[..k].iter().collect();
                let tail: String = cs[k..].iter().collect();
                if a.ends_with(&head) && b.starts_with(&tail) {
                    return Some(format!("rows {i}-{} split {w}: {a} / {b}", i + 1));
                }
            }
        }
        // A tail of at most two characters before its closing marks
        // (「す。」, 「す）。」, 「す。」」).
        let core = b.trim_end_matches(['。', '）', '」', '』']);
        if b.ends_with(['。', '」', '』', '）'])
            && b.contains('。')
            && core.chars().count() <= 2
            && !a.ends_with('。')
        {
            return Some(format!("row {} is a sentence's tail: {a} / {b}", i + 1));
        }
    }
    None
}

/// A row whose text runs into the screen's last cell: the screens keep a
/// right margin (or wrap before the edge themselves), so text there was
/// cut by the edge (「ポータルサ」 with 「イト」 lost). A row that ends a
/// cell short because the next wide character went to the next row is
/// the wrapping at work, not a cut. The header and the footer (first and
/// last rows) and box borders may touch the edge.
pub fn edge_fault(rows: &[String], width: usize) -> Option<String> {
    use unicode_width::UnicodeWidthStr;
    let last = rows.len().saturating_sub(1);
    for (i, r) in rows.iter().enumerate() {
        if i == 0 || i == last {
            continue;
        }
        let Some(c) = r.chars().last() else { continue };
        if r.width() >= width && !" │|+-─┐┘".contains(c) {
            return Some(format!("row {i} runs into the right edge: {r}"));
        }
    }
    None
}

/// Text beside a dialog: on a row that crosses a box, everything outside
/// the box's borders is blank (the box clears its rows; fragments of the
/// screen behind it read as garbage).
pub fn beside_box_fault(rows: &[String]) -> Option<String> {
    for (i, r) in rows.iter().enumerate() {
        let left = r.find(['│', '┌', '└']);
        let right = r.rfind(['│', '┐', '┘']);
        let (Some(l), Some(rt)) = (left, right) else {
            continue;
        };
        if rt <= l {
            continue;
        }
        let outside = format!("{}{}", &r[..l], &r[rt + '│'.len_utf8()..]);
        if !outside.trim().is_empty() {
            return Some(format!("row {i} has text beside a box: {r}"));
        }
    }
    None
}
