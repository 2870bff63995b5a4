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
