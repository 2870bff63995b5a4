//! The form sheet (the values to type into the portal) as a dialog: the
//! frame; the rows are drawn by Chapter 1, which knows them.

use crate::i18n::{Lang, t};
use crate::wizard::components::{Theme, centered, clear};
use ratatui::Frame;
use ratatui::layout::Rect;

/// Clear the dialog's area, draw its border and title; the inner area.
pub fn frame_box(frame: &mut Frame<'_>, lang: Lang, th: &Theme) -> Rect {
    let r = centered(frame.area(), 76, 16);
    clear(frame, r);
    let block = th
        .block()
        .title(format!(" {} ", t(lang, "apply.sheet_title")));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    inner
}
