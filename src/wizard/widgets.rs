//! Reusable pieces of the screens: the theme (with a border set that is
//! safe on the Japanese Windows console), the text input with an
//! IME-correct caret, and the common frame (title, step code, footer keys).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
use zeroize::Zeroize;

/// Minimum terminal size the layout is made for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Colours and the border set.
///
/// Box-drawing characters are East Asian ambiguous-width: the Japanese
/// Windows console (conhost) draws them two cells wide and breaks every
/// border. Windows Terminal (`WT_SESSION` set) and Unix terminals draw them
/// narrow. Elsewhere on Windows we draw borders in plain ASCII.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub ascii_borders: bool,
}

/// A border set of ASCII characters only (always one cell wide).
pub const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    /// Decide from the environment where the program runs.
    pub fn detect() -> Theme {
        let windows_terminal = std::env::var_os("WT_SESSION").is_some();
        Theme {
            ascii_borders: cfg!(windows) && !windows_terminal,
        }
    }

    pub fn unicode() -> Theme {
        Theme {
            ascii_borders: false,
        }
    }

    pub fn ascii() -> Theme {
        Theme {
            ascii_borders: true,
        }
    }

    pub fn border_set(&self) -> border::Set<'static> {
        if self.ascii_borders {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    pub fn block(&self) -> Block<'static> {
        Block::default()
            .borders(Borders::ALL)
            .border_set(self.border_set())
    }

    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn highlight(&self) -> Style {
        Style::default()
            .fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        Style::default().fg(Color::DarkGray)
    }

    pub fn ok(&self) -> Style {
        Style::default().fg(Color::Green)
    }

    pub fn warn(&self) -> Style {
        Style::default().fg(Color::Yellow)
    }

    pub fn error(&self) -> Style {
        Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
    }
}

/// A one-line text field edited by character (not byte), with the caret
/// tracked in characters and drawn at its display column, so that the
/// Japanese IME composes in place.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    chars: Vec<char>,
    /// Caret position in characters (0..=len).
    caret: usize,
}

impl TextInput {
    pub fn new(value: &str) -> Self {
        let chars: Vec<char> = value.chars().collect();
        let caret = chars.len();
        TextInput { chars, caret }
    }

    pub fn value(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    pub fn caret(&self) -> usize {
        self.caret
    }

    pub fn set(&mut self, value: &str) {
        self.chars = value.chars().collect();
        self.caret = self.chars.len();
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.chars.insert(self.caret, c);
        self.caret += 1;
    }

    /// Paste arrives as a stream of characters (Windows consoles send no
    /// bracketed paste); newlines end a one-line field, so they are dropped.
    pub fn insert_str(&mut self, s: &str) {
        for c in s.chars() {
            self.insert(c);
        }
    }

    pub fn backspace(&mut self) {
        if self.caret > 0 {
            self.caret -= 1;
            self.chars.remove(self.caret);
        }
    }

    pub fn delete(&mut self) {
        if self.caret < self.chars.len() {
            self.chars.remove(self.caret);
        }
    }

    pub fn left(&mut self) {
        self.caret = self.caret.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.caret = (self.caret + 1).min(self.chars.len());
    }

    pub fn home(&mut self) {
        self.caret = 0;
    }

    pub fn end(&mut self) {
        self.caret = self.chars.len();
    }

    /// Apply an editing key (characters, Backspace, Delete, Left, Right,
    /// Home, End); false if the key is not one of them.
    pub fn edit(&mut self, code: crossterm::event::KeyCode) -> bool {
        use crossterm::event::KeyCode;
        match code {
            KeyCode::Char(c) => self.insert(c),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => self.left(),
            KeyCode::Right => self.right(),
            KeyCode::Home => self.home(),
            KeyCode::End => self.end(),
            _ => return false,
        }
        true
    }

    pub fn clear(&mut self) {
        self.chars.zeroize();
        self.chars.clear();
        self.caret = 0;
    }

    /// The text to draw in `width` cells and the caret's column in it.
    /// Scrolls so the caret stays visible; never splits a wide character.
    pub fn visible(&self, width: u16, mask: Option<char>) -> (String, u16) {
        let width = usize::from(width.max(1));
        let w = |c: &char| -> usize {
            match mask {
                Some(m) => m.width().unwrap_or(1),
                None => c.width().unwrap_or(0),
            }
        };
        // Start from the caret and walk left while it fits (keep one cell
        // for the caret itself at the end).
        let mut start = self.caret;
        let mut used = 0;
        while start > 0 {
            let cw = w(&self.chars[start - 1]);
            if used + cw >= width {
                break;
            }
            used += cw;
            start -= 1;
        }
        let mut out = String::new();
        let mut col = 0;
        let mut caret_col = 0;
        for (i, c) in self.chars.iter().enumerate().skip(start) {
            if i == self.caret {
                caret_col = col;
            }
            let cw = w(c);
            if col + cw > width {
                break;
            }
            out.push(mask.unwrap_or(*c));
            col += cw;
        }
        if self.caret >= self.chars.len() {
            caret_col = col;
        }
        (out, caret_col.min(width - 1) as u16)
    }
}

/// Fields may hold secrets (the IDs, the password): Debug shows only the
/// length, never the text.
impl std::fmt::Debug for TextInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextInput")
            .field("len", &self.chars.len())
            .field("caret", &self.caret)
            .finish()
    }
}

impl Drop for TextInput {
    fn drop(&mut self) {
        // Fields may hold secrets (IDs, the password): wipe them.
        self.chars.zeroize();
    }
}

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
    out.push_str(&" ".repeat(cells - used));
    out
}

/// The body area `chrome` leaves for a screen in a frame of `area`.
pub fn body_rect(area: Rect) -> Rect {
    Rect {
        x: area.x,
        y: area.y + 1,
        width: area.width,
        height: area.height.saturating_sub(3),
    }
}

/// The common frame of every screen: a title line with the step code
/// (「画面 1-4」) on the right, the body, a status line and the footer.
/// Returns the body area.
pub fn chrome(
    frame: &mut Frame<'_>,
    theme: &Theme,
    title: &str,
    code: &str,
    status: Option<(&str, Style)>,
    footer: &[(&str, &str)],
) -> Rect {
    let area = frame.area();
    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
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
    if let Some((text, style)) = status {
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {text}"), style)),
            rows[2],
        );
    }
    // Keep the footer inside the width minus one cell: a wide character in
    // the last column makes some terminals wrap and scroll the screen.
    let room = usize::from(rows[3].width.saturating_sub(1));
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, (key, what)) in footer.iter().enumerate() {
        let sep = usize::from(i > 0);
        let key_text = format!("[{key}]");
        let item = sep + width(&key_text) + width(what);
        if used + item > room {
            break;
        }
        used += item;
        if sep > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled(key_text, theme.title()));
        spans.push(Span::raw(what.to_string()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), rows[3]);
    body_rect(area)
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
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
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

    #[test]
    fn edits_by_character_not_byte() {
        let mut t = TextInput::new("受付");
        t.insert('1');
        t.left();
        t.left();
        t.insert('号');
        assert_eq!(t.value(), "受号付1");
        t.backspace();
        assert_eq!(t.value(), "受付1");
        t.home();
        t.delete();
        assert_eq!(t.value(), "付1");
        t.end();
        t.insert_str("号機\n");
        assert_eq!(t.value(), "付1号機");
    }

    #[test]
    fn caret_column_counts_wide_characters_as_two() {
        let t = TextInput::new("受付1");
        let (text, col) = t.visible(20, None);
        assert_eq!(text, "受付1");
        assert_eq!(col, 5);
        let mut t = TextInput::new("ab受");
        t.left();
        assert_eq!(t.visible(20, None).1, 2);
    }

    #[test]
    fn long_text_scrolls_to_keep_the_caret_visible() {
        let t = TextInput::new("あいうえおかきくけこ");
        let (text, col) = t.visible(8, None);
        assert!(width(&text) <= 8);
        assert!(text.ends_with('こ'));
        assert_eq!(usize::from(col), width(&text).min(7));
    }

    #[test]
    fn debug_never_shows_the_text() {
        let t = TextInput::new("2468");
        assert!(!format!("{t:?}").contains("2468"));
    }

    #[test]
    fn mask_hides_the_text() {
        let t = TextInput::new("1234");
        assert_eq!(t.visible(10, Some('*')).0, "****");
    }

    #[test]
    fn fit_pads_by_display_width() {
        assert_eq!(fit("東京", 6), "東京  ");
        assert_eq!(fit("東京都庁", 5), "東京 ");
    }

    #[test]
    fn ascii_theme_uses_only_ascii_borders() {
        let s = Theme::ascii().border_set();
        for part in [
            s.top_left,
            s.horizontal_top,
            s.vertical_left,
            s.bottom_right,
        ] {
            assert!(part.is_ascii());
        }
    }
}
