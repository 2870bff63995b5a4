//! A yes/no choice: two buttons, the chosen one highlighted and also
//! bracketed, so it shows without colour (a monochrome console, a
//! screenshot read aloud on the phone).

use super::Theme;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub fn yes_no(th: &Theme, yes: &str, no: &str, choice: bool) -> Line<'static> {
    let button = |label: &str, on: bool| {
        if on {
            Span::styled(format!("[ {label} ]"), th.highlight())
        } else {
            Span::styled(format!("  {label}  "), Style::default())
        }
    };
    Line::from(vec![
        Span::raw("    "),
        button(yes, choice),
        Span::raw("    "),
        button(no, !choice),
    ])
}

/// One of several answers on one row: the chosen one highlighted and
/// bracketed, the row marked 「> 」 while it has the keyboard.
pub fn one_of(th: &Theme, labels: &[&str], chosen: usize, focused: bool) -> Line<'static> {
    let mut spans = vec![Span::raw(if focused { "  > " } else { "    " })];
    for (i, label) in labels.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(if i == chosen {
            Span::styled(format!("[ {label} ]"), th.highlight())
        } else {
            Span::styled(format!("  {label}  "), Style::default())
        });
    }
    Line::from(spans)
}
