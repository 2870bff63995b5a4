//! The common frame of every screen (title with the step code, body,
//! status line, footer keys), boxes and text fitting by display width.

use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Pad or cut `s` to exactly `cells` display cells.
pub fn fit(s: &str, cells: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > cells {
            break;
        }
        out.push(c);
        used += cw;
    }
    // Measured as the frame draws it (a digit with U+FE0F is two cells,
    // one more than its characters): cut to fit, then pad.
    while out.width() > cells {
        out.pop();
    }
    let used = out.width();
    out.push_str(&" ".repeat(cells.saturating_sub(used)));
    out
}

/// The body area `chrome` leaves for a screen in a frame of `area` with a
/// one-row status line.
pub fn body_rect(area: Rect) -> Rect {
    Rect {
        x: area.x,
        y: area.y + 1,
        width: area.width,
        height: area.height.saturating_sub(3),
    }
}

/// Most rows a status message takes: a longer one is wrapped, never cut
/// at the screen's edge; the body gives up its last row for the second.
pub const STATUS_ROWS: usize = 2;

/// The status message as `chrome` draws it in a frame `width` wide: its
/// rows (one, or two when it is long).
pub fn status_rows(text: &str, width: u16) -> Vec<String> {
    // One cell of margin on the left, and the last column left free.
    let room = usize::from(width.saturating_sub(2)).max(1);
    let mut rows = super::paragraph::wrap_text(text, room);
    if rows.len() > STATUS_ROWS {
        rows.truncate(STATUS_ROWS);
        if let Some(last) = rows.last_mut() {
            *last = fit_ellipsis(last, room);
        }
    }
    if rows.is_empty() {
        rows.push(String::new());
    }
    rows
}

/// `text` in `cells` with its end replaced by 「...」 (a message longer
/// than two rows: it should not happen, and is not cut silently if it
/// does). Not 「…」: ambiguous-width, two cells on the Japanese console.
fn fit_ellipsis(text: &str, cells: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + w + 3 > cells {
            break;
        }
        out.push(ch);
        used += w;
    }
    out.push_str("...");
    out
}

/// The body `chrome` leaves when the status says `status`: one row less
/// than `body_rect` when the message takes two.
pub fn body_with_status(area: Rect, status: Option<&str>) -> Rect {
    let extra = status.map_or(0, |s| status_rows(s, area.width).len().saturating_sub(1));
    let mut body = body_rect(area);
    body.height = body.height.saturating_sub(extra as u16);
    body
}

/// The common frame of every screen: a title line with the step code
/// (「画面 1-5」) on the right, the body, a status line (two rows for a
/// long message) and the footer. Returns the body area.
pub fn chrome(
    frame: &mut Frame<'_>,
    theme: &Theme,
    title: &str,
    code: &str,
    status: Option<(&str, Style)>,
    footer: &[(&str, &str)],
) -> Rect {
    let area = frame.area();
    let status_lines = status.map(|(text, _)| status_rows(text, area.width));
    let status_h = status_lines.as_ref().map_or(1, Vec::len) as u16;
    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(status_h),
        Constraint::Length(1),
    ])
    .split(area);
    let code_w = width(code) as u16;
    let head =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(code_w + 1)]).split(rows[0]);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(format!(" {title}"), theme.title()))),
        head[0],
    );
    frame.render_widget(
        Paragraph::new(Span::styled(code.to_string(), theme.dim())),
        head[1],
    );
    if let (Some((_, style)), Some(lines)) = (status, status_lines) {
        let lines: Vec<Line<'_>> = lines
            .into_iter()
            .map(|l| Line::from(Span::styled(format!(" {l}"), style)))
            .collect();
        frame.render_widget(Paragraph::new(lines), rows[2]);
    }
    // Keep the footer inside the width minus one cell: a wide character in
    // the last column makes some terminals wrap and scroll the screen.
    let room = usize::from(rows[3].width.saturating_sub(1));
    // The last key (how to quit) is always shown: the room it needs is
    // kept, and keys before it that do not fit are left out.
    let last_item = footer.last().map_or(0, |(key, what)| {
        1 + width(&format!("[{key}]")) + width(what)
    });
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, (key, what)) in footer.iter().enumerate() {
        let sep = usize::from(i > 0);
        let key_text = format!("[{key}]");
        let item = sep + width(&key_text) + width(what);
        let is_last = i + 1 == footer.len();
        let reserve = if is_last { 0 } else { last_item };
        if used + item + reserve > room {
            if is_last {
                break;
            }
            continue;
        }
        used += item;
        if sep > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(key_text, theme.title()));
        spans.push(Span::raw(what.to_string()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), rows[3]);
    body_with_status(area, status.map(|(text, _)| text))
}

/// A bordered box with wrapped text.
pub fn text_box(
    frame: &mut Frame<'_>,
    theme: &Theme,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
) {
    let block = theme.block().title(format!(" {title} "));
    let inner = block.inner(area);
    frame.render_widget(
        Paragraph::new(super::paragraph::wrap(lines, inner.width)).block(block),
        area,
    );
}

/// Clear the rows of `area` for a dialog, across the whole width: text
/// beside a dialog is cut wherever the dialog starts, and its fragments
/// (「① インターネットに│」) read as nonsense. The rows above and below
/// keep the screen, so the person still sees where they are.
pub fn clear(frame: &mut Frame<'_>, area: Rect) {
    let full = frame.area();
    let band = Rect {
        x: full.x,
        width: full.width,
        ..area
    }
    .intersection(full);
    frame.render_widget(ratatui::widgets::Clear, band);
}

/// A rectangle of `w`×`h` centred in `area` (clipped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name typed with an emoji selector (a digit with U+FE0F draws
    /// two cells) still fills exactly its cells.
    #[test]
    fn fit_counts_sequences_as_drawn() {
        for cells in 0..8 {
            assert_eq!(fit("1\u{fe0f}23テスト", cells).width(), cells, "{cells}");
        }
    }

    #[test]
    fn fit_pads_by_display_width() {
        assert_eq!(fit("東京", 6), "東京  ");
        assert_eq!(fit("東京都庁", 5), "東京 ");
    }

    #[test]
    fn a_status_takes_one_row_two_when_long_and_says_when_it_is_cut() {
        assert_eq!(status_rows("バックアップしました。", 80).len(), 1);
        let long = "ブラウザーを開けませんでした（画面（デスクトップ）のない環境のため、ブラウザーを開けません）。アドレスを見て入力してください。";
        let rows = status_rows(long, 80);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows.concat(), long, "nothing lost");
        assert!(rows.iter().all(|r| r.width() <= 78));
        let body = body_with_status(Rect::new(0, 0, 80, 24), Some(long));
        assert_eq!(body.height, body_rect(Rect::new(0, 0, 80, 24)).height - 1);
        // Longer than two rows (no message is): cut, and marked so.
        let rows = status_rows(&long.repeat(3), 80);
        assert_eq!(rows.len(), 2);
        assert!(rows[1].ends_with("...") && rows[1].width() <= 78);
    }
}
