//! Presentation rows (`present::Row`: the same lines the CLI prints and
//! the report renders) as styled lines of the wizard.

use super::Theme;
use crate::present::{Row, Tone};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// One row, its tone as the theme's colour, two cells per indent level.
pub fn line(th: &Theme, r: &Row) -> Line<'static> {
    let style = match r.tone {
        Tone::Plain => Style::default(),
        Tone::Heading => th.title(),
        Tone::Ok => th.ok(),
        Tone::Warn => th.warn(),
        Tone::Error => th.error(),
        Tone::Dim => th.dim(),
    };
    let pad = "  ".repeat(usize::from(r.indent));
    Line::from(Span::styled(format!("{pad}{}", r.text), style))
}

/// Many rows.
pub fn lines<'a>(th: &'a Theme, rows: &'a [Row]) -> impl Iterator<Item = Line<'static>> + 'a {
    rows.iter().map(move |r| line(th, r))
}
