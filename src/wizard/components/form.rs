//! A form row: a label (highlighted when focused) and a text field.

use super::{TextInput, Theme, fit};
use crate::i18n::{Lang, t};
use ratatui::style::{Color, Style};
use ratatui::text::Span;

/// The mark before the element that has the keyboard: 「> 」, the same as
/// a list's selected row, so the focus shows without colour too
/// (`NO_COLOR`, the classic console, a screenshot read on the phone).
pub fn marker(focused: bool) -> &'static str {
    if focused { "> " } else { "  " }
}

/// A field's label, padded to `cells`.
pub fn label(lang: Lang, th: &Theme, key: &str, focused: bool, cells: usize) -> Span<'static> {
    Span::styled(
        fit(t(lang, key), cells),
        if focused {
            th.highlight()
        } else {
            Style::default()
        },
    )
}

/// A whole form row: the focus mark (two cells), the label (`cells` wide)
/// and the field (`w` wide), highlighted together when `focused`.
#[allow(clippy::too_many_arguments)]
pub fn row(
    lang: Lang,
    th: &Theme,
    key: &str,
    cells: usize,
    input: &TextInput,
    focused: bool,
    mask: Option<char>,
    w: u16,
) -> ratatui::text::Line<'static> {
    ratatui::text::Line::from(vec![
        Span::raw(marker(focused)),
        label(lang, th, key, focused, cells),
        field(input, focused, mask, w),
    ])
}

/// A field's visible text, `w` cells wide, masked with `mask` when given.
pub fn field(input: &TextInput, focused: bool, mask: Option<char>, w: u16) -> Span<'static> {
    let (text, _) = input.visible(w, mask);
    Span::styled(
        fit(&text, usize::from(w)),
        if focused {
            Style::default().bg(Color::Blue)
        } else {
            Style::default()
        },
    )
}

/// Which field of a form has the keyboard: Tab or Down to the next,
/// Shift+Tab or Up to the previous. A form of two wraps round (either key
/// reaches the other field); a longer one stops at its ends, so a held key
/// never jumps from the last field back to the first unseen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FocusRing {
    index: usize,
    len: usize,
}

impl FocusRing {
    pub const fn new(len: usize) -> Self {
        FocusRing { index: 0, len }
    }

    pub fn index(&self) -> usize {
        self.index
    }

    pub fn is(&self, i: usize) -> bool {
        self.index == i
    }

    pub fn is_last(&self) -> bool {
        self.index + 1 >= self.len
    }

    pub fn focus(&mut self, i: usize) {
        self.index = i.min(self.len.saturating_sub(1));
    }

    pub fn next(&mut self) {
        if self.len == 2 {
            self.index = 1 - self.index.min(1);
        } else {
            self.focus(self.index + 1);
        }
    }

    pub fn prev(&mut self) {
        if self.len == 2 {
            self.next();
        } else {
            self.index = self.index.saturating_sub(1);
        }
    }

    /// Move on Tab, Down, Shift+Tab or Up; whether the key was one of them.
    pub fn on_key(&mut self, code: crossterm::event::KeyCode) -> bool {
        use crossterm::event::KeyCode;
        match code {
            KeyCode::Tab | KeyCode::Down => self.next(),
            KeyCode::BackTab | KeyCode::Up => self.prev(),
            _ => return false,
        }
        true
    }
}

/// A form's focus and its error notes. Errors are checked as the person
/// types but shown only after the first try to go on (a half-typed form
/// is not an error); from then on they follow every key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    pub ring: FocusRing,
    show_errors: bool,
}

impl Form {
    pub const fn new(len: usize) -> Self {
        Form {
            ring: FocusRing::new(len),
            show_errors: false,
        }
    }

    pub fn showing_errors(&self) -> bool {
        self.show_errors
    }

    /// Enter on the last field, with the index of the first field in
    /// error: whether the form passes. If not, the errors show from now
    /// on and the focus goes to that field.
    pub fn submit(&mut self, first_bad: Option<usize>) -> bool {
        match first_bad {
            None => {
                self.show_errors = false;
                true
            }
            Some(i) => {
                self.show_errors = true;
                self.ring.focus(i);
                false
            }
        }
    }

    /// A label's style: highlighted when focused, red when in error (once
    /// errors show).
    pub fn label_style(&self, th: &Theme, i: usize, bad: bool) -> Style {
        if self.ring.is(i) {
            th.highlight()
        } else if bad && self.show_errors {
            th.error()
        } else {
            Style::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyCode;

    #[test]
    fn two_fields_wrap_longer_forms_stop_at_their_ends() {
        let mut pair = FocusRing::new(2);
        pair.on_key(KeyCode::Up);
        assert_eq!(pair.index(), 1);
        pair.on_key(KeyCode::Tab);
        assert_eq!(pair.index(), 0);

        let mut form = FocusRing::new(4);
        form.on_key(KeyCode::Up);
        assert_eq!(form.index(), 0);
        for _ in 0..9 {
            form.on_key(KeyCode::Down);
        }
        assert!(form.is_last());
        assert!(!form.on_key(KeyCode::Char('a')));
    }

    #[test]
    fn a_failed_submit_shows_errors_and_focuses_the_first_bad_field() {
        let th = Theme::ascii();
        let mut f = Form::new(5);
        f.ring.focus(4);
        // Before any try, a bad field's label is not red.
        assert_eq!(f.label_style(&th, 2, true), Style::default());
        assert!(!f.submit(Some(2)));
        assert!(f.ring.is(2) && f.showing_errors());
        assert_eq!(f.label_style(&th, 3, true), th.error());
        assert!(f.submit(None));
        assert!(!f.showing_errors());
    }
}
