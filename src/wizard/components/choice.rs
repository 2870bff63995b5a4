//! A yes/no choice: two buttons, the chosen one highlighted.

use super::Theme;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub fn yes_no(th: &Theme, yes: &str, no: &str, choice: bool) -> Line<'static> {
    let button = |label: &str, on: bool| {
        Span::styled(
            format!("  {label}  "),
            if on { th.highlight() } else { Style::default() },
        )
    };
    Line::from(vec![
        Span::raw("    "),
        button(yes, choice),
        Span::raw("    "),
        button(no, !choice),
    ])
}
