//! A list picker: one row highlighted and marked 「>」, moved with the
//! arrow keys. The rows may change under it (a stick plugged in, a file
//! downloaded, a profile added), so every move and every query takes the
//! current number of rows and the selection never points past them.
//! A screen with a free-text row below its list (「ほかのフォルダー」)
//! counts that row too: `selected() == items` then means "the typed one".

use super::Theme;
use crossterm::event::KeyCode;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Picker {
    selected: usize,
}

/// Which keys move the selection besides Up and Down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// Up and Down only: Tab is the screen's (path completion, say).
    Arrows,
    /// Tab and Shift+Tab too: the list is all the screen has.
    ArrowsAndTab,
}

impl Picker {
    pub fn at(selected: usize) -> Self {
        Picker { selected }
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn is(&self, row: usize) -> bool {
        self.selected == row
    }

    /// Put the selection on `row`, within `rows`.
    pub fn select(&mut self, row: usize, rows: usize) {
        self.selected = row.min(rows.saturating_sub(1));
    }

    /// Keep the selection within `rows` after the list changed.
    pub fn clamp(&mut self, rows: usize) {
        self.select(self.selected, rows);
    }

    /// Move on a key; whether the key was a move key (even at an end,
    /// where nothing moves: the key is still the picker's).
    pub fn on_key(&mut self, code: KeyCode, rows: usize, keys: Keys) -> bool {
        let tab = keys == Keys::ArrowsAndTab;
        match code {
            KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            KeyCode::BackTab if tab => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down => self.select(self.selected + 1, rows),
            KeyCode::Tab if tab => self.select(self.selected + 1, rows),
            _ => return false,
        }
        true
    }

    /// 「> 」 on the selected row, two spaces on the others: the rows stay
    /// aligned and the selection shows without colour too.
    pub fn marker(&self, row: usize) -> &'static str {
        super::form::marker(self.is(row))
    }

    pub fn style(&self, row: usize, th: &Theme) -> Style {
        if self.is(row) {
            th.highlight()
        } else {
            Style::default()
        }
    }

    /// A whole row: the marker, then `text` highlighted when selected.
    pub fn row(&self, row: usize, text: String, th: &Theme) -> Line<'static> {
        Line::from(vec![
            Span::raw(self.marker(row)),
            Span::styled(text, self.style(row, th)),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stay_within_the_rows() {
        let mut p = Picker::default();
        assert!(p.on_key(KeyCode::Up, 3, Keys::Arrows));
        assert_eq!(p.selected(), 0);
        for _ in 0..5 {
            p.on_key(KeyCode::Down, 3, Keys::Arrows);
        }
        assert_eq!(p.selected(), 2);
        // Tab is the screen's unless asked for.
        assert!(!p.on_key(KeyCode::Tab, 3, Keys::Arrows));
        assert!(p.on_key(KeyCode::BackTab, 3, Keys::ArrowsAndTab));
        assert_eq!(p.selected(), 1);
    }

    #[test]
    fn a_shrinking_list_pulls_the_selection_back() {
        let mut p = Picker::at(4);
        p.clamp(2);
        assert_eq!(p.selected(), 1);
        p.clamp(0);
        assert_eq!(p.selected(), 0);
        // Nothing to pick: Down stays put.
        p.on_key(KeyCode::Down, 0, Keys::Arrows);
        assert_eq!(p.selected(), 0);
    }

    #[test]
    fn the_marker_shows_the_selection_without_colour() {
        let p = Picker::at(1);
        let th = Theme::ascii();
        let text = |l: Line<'_>| {
            l.spans
                .iter()
                .map(|s| s.content.to_string())
                .collect::<String>()
        };
        assert_eq!(text(p.row(0, "USB1".into(), &th)), "  USB1");
        assert_eq!(text(p.row(1, "USB2".into(), &th)), "> USB2");
    }
}
