//! A yes/no choice: two buttons, the chosen one highlighted and also
//! bracketed, so it shows without colour (a monochrome console, a
//! screenshot read aloud on the phone).

use super::Theme;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub fn yes_no(th: &Theme, yes: &str, no: &str, choice: bool) -> Line<'static> {
    buttons(th, yes, no, choice, "    ")
}

/// A yes/no choice that is one of several elements on its screen: marked
/// 「> 」 while it has the keyboard (`form::marker`).
pub fn yes_no_focus(th: &Theme, yes: &str, no: &str, choice: bool, focused: bool) -> Line<'static> {
    let lead = if focused { "  > " } else { "    " };
    buttons(th, yes, no, choice, lead)
}

fn buttons(th: &Theme, yes: &str, no: &str, choice: bool, lead: &'static str) -> Line<'static> {
    let button = |label: &str, on: bool| {
        if on {
            Span::styled(format!("[ {label} ]"), th.highlight())
        } else {
            Span::styled(format!("  {label}  "), Style::default())
        }
    };
    Line::from(vec![
        Span::raw(lead),
        button(yes, choice),
        Span::raw("    "),
        button(no, !choice),
    ])
}
