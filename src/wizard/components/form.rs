//! A form row: a label (highlighted when focused) and a text field.

use super::{TextInput, Theme, fit};
use crate::i18n::{Lang, t};
use ratatui::style::{Color, Style};
use ratatui::text::Span;

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
