//! Line breaking for Japanese (and English) text, used by every screen
//! instead of ratatui's wrap (which breaks at ASCII spaces only).
//!
//! Break opportunities come from Unicode's line-breaking algorithm (UAX
//! #14), so a line may break between any two Japanese characters but never
//! inside an ASCII word or number. Japanese text breaks between phrases
//! (BudouX's model: 「有効期限が／切れた／古い／電子証明書が」), so no word is
//! split in two; only a phrase longer than the line falls back to UAX #14.
//! Phrases are computed once per text and kept (the screens redraw the
//! same sentences every frame). On top of it, Japanese rules (禁則):
//! closing brackets, 。、 small kana and ー never start a line; opening
//! brackets never end one. A quoted label of up to 16 characters (「…」
//! 『…』) and a key name in brackets (`[Enter]`) are never split. A
//! wrapped line keeps the indent of its first line (and of a list mark).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_width::UnicodeWidthChar;

/// Characters that never start a line.
const NO_START: &str = "。、，．,.）)」』】〕〉》］]｝}！？!?：；:;ーｰ々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ・…‥％%";
/// Characters that never end a line.
const NO_END: &str = "（(「『【〔〈《［[｛{";
/// Quoted labels up to this many characters stay on one line (the help
/// page's longest button and screen names are 13-15).
const MAX_LABEL: usize = 16;

/// Wrap styled lines to `width` cells.
pub fn wrap(lines: Vec<Line<'static>>, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let mut out = Vec::new();
    for line in lines {
        wrap_line(line, width, &mut out);
    }
    out
}

/// Wrap plain text to `width` cells (for tests and plain outputs).
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    wrap(
        vec![Line::from(text.to_string())],
        width.min(usize::from(u16::MAX)) as u16,
    )
    .into_iter()
    .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
    .collect()
}

fn wrap_line(line: Line<'static>, width: usize, out: &mut Vec<Line<'static>>) {
    let base = line.style;
    let alignment = line.alignment;
    // The text with each character's style.
    let mut chars: Vec<(char, Style)> = Vec::new();
    for span in &line.spans {
        for c in span.content.chars() {
            chars.push((c, span.style));
        }
    }
    let text: String = chars.iter().map(|(c, _)| *c).collect();
    let total: usize = chars.iter().map(|(c, _)| cell(*c)).sum();
    if total <= width && !text.contains('\n') {
        out.push(line);
        return;
    }
    let allowed = break_points(&text);
    let phrases = phrase_starts(&text);
    let indent = hanging_indent(&text).min(width / 2);
    let mut start = 0; // index into `chars` of the current line's start
    let mut first = true;
    while start < chars.len() {
        let room = if first { width } else { width - indent };
        // Find the furthest allowed end within `room`.
        let mut used = 0;
        let mut end = start;
        let mut best: Option<usize> = None;
        // The furthest break between two phrases (preferred).
        let mut best_phrase: Option<usize> = None;
        let mut mandatory = None;
        while end < chars.len() {
            let c = chars[end].0;
            if c == '\n' {
                mandatory = Some(end);
                break;
            }
            let w = cell(c);
            if used + w > room && !c.is_whitespace() {
                break;
            }
            used += w;
            end += 1;
            if end < chars.len() && allowed[end] {
                best = Some(end);
                if phrases[end] {
                    best_phrase = Some(end);
                }
            }
        }
        let stop = if let Some(m) = mandatory {
            m
        } else if end >= chars.len() {
            chars.len()
        } else if let Some(b) = best_phrase.or(best).filter(|b| *b > start) {
            b
        } else {
            // No opportunity fits: cut, but not before a closing mark.
            let mut cut = end.max(start + 1);
            while cut > start + 1 && cut < chars.len() && NO_START.contains(chars[cut].0) {
                cut -= 1;
            }
            cut
        };
        let mut piece: Vec<(char, Style)> = chars[start..stop].to_vec();
        while piece.last().is_some_and(|(c, _)| *c == ' ') {
            piece.pop();
        }
        let mut spans = Vec::new();
        if !first && indent > 0 {
            spans.push(Span::raw(" ".repeat(indent)));
        }
        spans.extend(group(&piece));
        let mut l = Line::from(spans).style(base);
        l.alignment = alignment;
        out.push(l);
        // The next line starts after the break, without the spaces at it.
        start = stop;
        if mandatory.is_some() {
            start += 1;
        }
        while start < chars.len() && chars[start].0 == ' ' {
            start += 1;
        }
        first = false;
    }
}

/// Display width of one character. Ambiguous-width characters (①, ※)
/// count as two: the Japanese Windows console draws them wide, and a line
/// must fit there too.
fn cell(c: char) -> usize {
    c.width_cjk().unwrap_or(0)
}

/// `allowed[i]`: a line may start at character `i`.
fn break_points(text: &str) -> Vec<bool> {
    let idx: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let chars: Vec<char> = text.chars().collect();
    let mut allowed = vec![false; chars.len() + 1];
    for (byte, op) in linebreaks(text) {
        if op == BreakOpportunity::Allowed
            && let Ok(i) = idx.binary_search(&byte)
        {
            allowed[i] = true;
        }
    }
    // UAX #14 never breaks before 「/」 (LB13), but a path after 「: 」 may
    // go to the next line whole.
    for i in 2..chars.len() {
        if chars[i - 2] == ':' && chars[i - 1] == ' ' && chars[i] != ' ' {
            allowed[i] = true;
        }
    }
    for i in 1..chars.len() {
        if NO_START.contains(chars[i]) || NO_END.contains(chars[i - 1]) {
            allowed[i] = false;
        }
    }
    // Words kept whole are kept whole here too: a line with no phrase
    // start in reach (English around a Japanese name) falls back to these
    // opportunities, and must not cut 「…総合ポータ／ルサイト」 either.
    for word in KEEP_WHOLE {
        let w: Vec<char> = word.chars().collect();
        for at in 0..chars.len().saturating_sub(w.len() - 1) {
            if chars[at..at + w.len()] == w[..] {
                for a in &mut allowed[at + 1..at + w.len()] {
                    *a = false;
                }
            }
        }
    }
    // Keep short quoted labels and [key] names whole.
    let mut i = 0;
    while i < chars.len() {
        let close = match chars[i] {
            '「' => Some('」'),
            '『' => Some('』'),
            '[' => Some(']'),
            '［' => Some('］'),
            _ => None,
        };
        if let Some(close) = close
            && let Some(len) = chars[i + 1..].iter().position(|c| *c == close)
            && len <= MAX_LABEL
        {
            for a in allowed.iter_mut().take(i + len + 2).skip(i + 1) {
                *a = false;
            }
            i += len + 1;
        }
        i += 1;
    }
    allowed
}

/// `starts[i]`: a Japanese phrase starts at character `i` (BudouX), or
/// the text has no Japanese and every position counts. Kept per text: the
/// same sentences are wrapped on every frame.
fn phrase_starts(text: &str) -> Arc<Vec<bool>> {
    static KEPT: OnceLock<Mutex<HashMap<String, Arc<Vec<bool>>>>> = OnceLock::new();
    /// Enough for every sentence of every screen; cleared when full (the
    /// values people type change, the fixed texts come back at once).
    const KEEP_AT_MOST: usize = 4096;
    let kept = KEPT.get_or_init(|| Mutex::new(HashMap::new()));
    if let Ok(k) = kept.lock()
        && let Some(v) = k.get(text)
    {
        return Arc::clone(v);
    }
    let v = Arc::new(compute_phrase_starts(text));
    if let Ok(mut k) = kept.lock() {
        if k.len() >= KEEP_AT_MOST {
            k.clear();
        }
        k.insert(text.to_string(), Arc::clone(&v));
    }
    v
}

fn compute_phrase_starts(text: &str) -> Vec<bool> {
    let n = text.chars().count();
    let japanese = |c: char| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}');
    if !text.chars().any(japanese) {
        return vec![true; n + 1];
    }
    let mut starts = vec![false; n + 1];
    let mut at = 0;
    // Line by line: a mandatory break is never inside a phrase.
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            // The '\n' itself.
            at += 1;
        }
        starts[at] = true;
        for phrase in budoux::parse(budoux::models::default_japanese_model(), line) {
            starts[at] = true;
            at += phrase.chars().count();
        }
    }
    starts[n] = true;
    // A Latin word after Japanese and a space starts a phrase: BudouX runs
    // 「している Windows ユーザー」 together, which would leave 「いま」 alone
    // on a line. Not a single letter or a number (「s キー」, 「なら 4 に」
    // stay with their neighbours).
    let chars: Vec<char> = text.chars().collect();
    for i in 2..n.saturating_sub(1) {
        let latin_word = !chars[i - 2].is_ascii()
            && chars[i].is_ascii_alphabetic()
            && chars[i + 1].is_ascii_alphanumeric();
        // The value after 「…しました: 」 (a path) starts one too.
        let after_colon = chars[i - 2] == ':' && chars[i] != ' ';
        // And the address after a postal code (「〒275-0023 千葉県…」):
        // BudouX runs the two together into a phrase too long for a row,
        // which then breaks anywhere (「習志野／市」). Only there: 「縦 24
        // 文字」 keeps its number with its unit.
        let address = !chars[i].is_ascii() && {
            let mut k = i - 1;
            while k > 0 && chars[k - 1].is_ascii() && chars[k - 1] != ' ' {
                k -= 1;
            }
            k > 0 && chars[k - 1] == '〒'
        };
        if chars[i - 1] == ' ' && (latin_word || after_colon || address) {
            starts[i] = true;
        }
    }
    // Words the model splits but a reader does not (「お問い／合わせ」).
    for word in KEEP_WHOLE {
        let w: Vec<char> = word.chars().collect();
        for at in 0..chars.len().saturating_sub(w.len() - 1) {
            if chars[at..at + w.len()] == w[..] {
                for s in &mut starts[at + 1..at + w.len()] {
                    *s = false;
                }
            }
        }
    }
    starts
}

/// Words BudouX's model splits that a reader takes as one (grow the list
/// when a screen shows another).
const KEEP_WHOLE: &[&str] = &[
    "習志野市",
    "医療機関等向け総合ポータルサイト",
    "（祝日を除く）",
    "お問い合わせ",
    "問い合わせ",
    "直し方",
    "手続き",
    "差し込",
    "もう一度",
    "取り込",
    "書き込",
    "書き出",
    "読み取",
    "よくある",
];

/// The indent a wrapped line keeps: the leading spaces, and a list mark
/// after them ("- ", "・").
fn hanging_indent(text: &str) -> usize {
    let spaces = text.chars().take_while(|c| *c == ' ').count();
    let rest = &text[spaces..];
    if rest.starts_with("- ") || rest.starts_with('・') {
        spaces + 2
    } else {
        spaces
    }
}

/// Runs of characters of the same style as spans.
fn group(piece: &[(char, Style)]) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut cur = String::new();
    let mut style = None;
    for (c, s) in piece {
        if style.is_some_and(|st| st != *s) {
            spans.push(Span::styled(
                std::mem::take(&mut cur),
                style.unwrap_or_default(),
            ));
        }
        style = Some(*s);
        cur.push(*c);
    }
    if !cur.is_empty() {
        spans.push(Span::styled(cur, style.unwrap_or_default()));
    }
    spans
}

#[cfg(test)]
mod tests;
