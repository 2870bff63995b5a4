//! The quit question, and the notice shown while quitting waits for work
//! whose result must be recorded.

use crate::i18n::{Lang, t};
use crate::wizard::components::{Theme, centered, clear, text_box};
use ratatui::Frame;
use ratatui::text::{Line, Span};

pub fn view(frame: &mut Frame<'_>, lang: Lang, th: &Theme) {
    let area = centered(frame.area(), 60, 8);
    clear(frame, area);
    let lines = vec![
        Line::from(t(lang, "wizard.quit_body").to_string()),
        Line::from(""),
        Line::from(Span::styled(
            t(lang, "wizard.quit_keys").to_string(),
            th.title(),
        )),
    ];
    text_box(frame, th, area, t(lang, "wizard.quit_title"), lines);
}

/// `import`: only an import runs; its Windows dialog may be hidden, so a
/// second q or Ctrl-C leaves without waiting.
pub fn view_waiting(frame: &mut Frame<'_>, lang: Lang, th: &Theme, import: bool) {
    let area = centered(frame.area(), 64, if import { 13 } else { 9 });
    clear(frame, area);
    let mut lines = vec![Line::from(t(lang, "wizard.quit_wait").to_string())];
    if import {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            t(lang, "wizard.quit_wait_import").to_string(),
            th.warn(),
        )));
    }
    text_box(frame, th, area, t(lang, "wizard.quit_wait_title"), lines);
}
