//! Line breaking for Japanese (and English) text, used by every screen
//! instead of ratatui's wrap (which breaks at ASCII spaces only).
//!
//! Break opportunities come from Unicode's line-breaking algorithm (UAX
//! #14), so a line may break between any two Japanese characters but never
//! inside an ASCII word or number. On top of it, Japanese rules (禁則):
//! closing brackets, 。、 small kana and ー never start a line; opening
//! brackets never end one. A quoted label of up to 16 characters (「…」
//! 『…』) and a key name in brackets (`[Enter]`) are never split. A
//! wrapped line keeps the indent of its first line (and of a list mark).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
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
    let indent = hanging_indent(&text).min(width / 2);
    let mut start = 0; // index into `chars` of the current line's start
    let mut first = true;
    while start < chars.len() {
        let room = if first { width } else { width - indent };
        // Find the furthest allowed end within `room`.
        let mut used = 0;
        let mut end = start;
        let mut best: Option<usize> = None;
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
            }
        }
        let stop = if let Some(m) = mandatory {
            m
        } else if end >= chars.len() {
            chars.len()
        } else if let Some(b) = best.filter(|b| *b > start) {
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
    for i in 1..chars.len() {
        if NO_START.contains(chars[i]) || NO_END.contains(chars[i - 1]) {
            allowed[i] = false;
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
