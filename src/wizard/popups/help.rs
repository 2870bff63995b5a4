//! F1: the screen's help text and the help line.

use crate::i18n::{Lang, t, tf};
use crate::wizard::components::{Theme, centered, clear, text_box};
use ratatui::Frame;
use ratatui::text::{Line, Span};

/// `page`: (this page, how many) — more than one shows where it is and
/// how to turn the page.
pub fn view(frame: &mut Frame<'_>, lang: Lang, th: &Theme, help_key: &str, page: (usize, usize)) {
    let area = centered(frame.area(), 70, 14);
    clear(frame, area);
    let lines = vec![
        Line::from(t(lang, help_key).to_string()),
        Line::from(""),
        Line::from(crate::present::help_line(lang)),
        Line::from(""),
        Line::from(Span::styled(
            if page.1 > 1 {
                tf(
                    lang,
                    "wizard.help_pages",
                    &[("n", &(page.0 + 1)), ("total", &page.1)],
                )
            } else {
                t(lang, "wizard.help_close").to_string()
            },
            th.dim(),
        )),
    ];
    text_box(frame, th, area, t(lang, "wizard.help_title"), lines);
}
