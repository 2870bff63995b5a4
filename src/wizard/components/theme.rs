//! Colours and the border set (ASCII on the Japanese Windows console,
//! where box-drawing characters are double width).

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::widgets::{Block, Borders};

/// Minimum terminal size the layout is made for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Colours and the border set.
///
/// Box-drawing characters are East Asian ambiguous-width: the Japanese
/// Windows console (conhost) draws them two cells wide and breaks every
/// border. Windows Terminal (`WT_SESSION` set) and Unix terminals draw them
/// narrow. Elsewhere on Windows we draw borders in plain ASCII.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub ascii_borders: bool,
    /// Circled numbers (the help page's ①…⑫) are drawn as 「(1)」: they
    /// are ambiguous-width too, two cells on the classic console.
    pub ascii_numbers: bool,
}

/// A border set of ASCII characters only (always one cell wide).
pub const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    /// The borders and step marks the console's measurement decided
    /// (`tui::console`: measured, or the guess when it did not answer).
    pub fn from_facts(f: &crate::present::selftest::ConsoleFacts) -> Theme {
        Theme {
            ascii_borders: f.ascii_borders,
            ascii_numbers: f.ascii_numbers,
        }
    }

    /// Decide from the environment where the program runs.
    pub fn detect() -> Theme {
        let windows_terminal = std::env::var_os("WT_SESSION").is_some();
        let classic_console = cfg!(windows) && !windows_terminal;
        Theme {
            ascii_borders: classic_console,
            ascii_numbers: classic_console,
        }
    }

    pub fn unicode() -> Theme {
        Theme {
            ascii_borders: false,
            ascii_numbers: false,
        }
    }

    pub fn ascii() -> Theme {
        Theme {
            ascii_borders: true,
            ascii_numbers: true,
        }
    }

    /// The help page's step mark for step `n`: ① … ⑫ where the console
    /// draws them one cell wide, 「(1)」 where it does not.
    pub fn step_mark(&self, n: u8) -> String {
        if self.ascii_numbers {
            format!("({n})")
        } else {
            // U+2460 is ①; the help page's steps stop at ⑫ (within ⑳).
            char::from_u32(0x2460 + u32::from(n.clamp(1, 20)) - 1)
                .map_or_else(|| format!("({n})"), String::from)
        }
    }

    pub fn border_set(&self) -> border::Set<'static> {
        if self.ascii_borders {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    pub fn block(&self) -> Block<'static> {
        Block::default()
            .borders(Borders::ALL)
            .border_set(self.border_set())
    }

    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn highlight(&self) -> Style {
        Style::default()
            .fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        Style::default().fg(Color::DarkGray)
    }

    pub fn ok(&self) -> Style {
        Style::default().fg(Color::Green)
    }

    pub fn warn(&self) -> Style {
        Style::default().fg(Color::Yellow)
    }

    pub fn error(&self) -> Style {
        Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_theme_uses_only_ascii_borders() {
        let s = Theme::ascii().border_set();
        for part in [
            s.top_left,
            s.horizontal_top,
            s.vertical_left,
            s.bottom_right,
        ] {
            assert!(part.is_ascii());
        }
    }
}
