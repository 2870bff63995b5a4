//! The console measured instead of guessed. Box-drawing characters and
//! circled numbers are East Asian ambiguous-width: the classic Japanese
//! console draws them two cells wide and breaks every border, Windows
//! Terminal and Unix terminals one. At start-up (raw mode, the alternate
//! screen, before the first frame) each is printed at the top-left corner
//! and the terminal is asked where the cursor went (the cursor position
//! report; on Windows crossterm asks the console API directly). No answer
//! within ~100 ms: the guess from the environment stands
//! (`Theme::detect`: Windows Terminal or not).

use crate::ops::selftest::ConsoleFacts;
use crate::wizard::components::Theme;
use crossterm::cursor::{MoveTo, position};
use crossterm::style::Print;
use crossterm::terminal::{Clear, ClearType};
use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

/// How long a terminal may take to say where its cursor is.
const ANSWER_WITHIN: Duration = Duration::from_millis(100);

/// The box-drawing and circled-number probes.
pub const BOX_PROBE: &str = "─";
pub const CIRCLED_PROBE: &str = "①";

/// The output code page (Windows), for the self-test's line.
pub fn code_page() -> Option<u32> {
    #[cfg(windows)]
    {
        crate::cert::platform::windows::console_output_code_page()
    }
    #[cfg(not(windows))]
    {
        None
    }
}

/// Where the terminal says the cursor is, within `ANSWER_WITHIN`.
fn ask() -> Option<(u16, u16)> {
    // crossterm waits up to two seconds for the answer; the wizard waits
    // ANSWER_WITHIN and goes on with the guess.
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(position().ok());
    });
    rx.recv_timeout(ANSWER_WITHIN).ok().flatten()
}

/// Cells `probe` takes: where the cursor is before and after printing it
/// (both asked, so a console that does not honour the move to the corner
/// still measures right). Only one or two cells is an answer.
fn cells(probe: &str) -> Option<u16> {
    let mut out = std::io::stdout();
    crossterm::queue!(out, MoveTo(0, 0)).ok()?;
    out.flush().ok()?;
    let (col0, row0) = ask()?;
    crossterm::queue!(out, Print(probe)).ok()?;
    out.flush().ok()?;
    let (col1, row1) = ask()?;
    let n = col1.checked_sub(col0)?;
    (row1 == row0 && (1..=2).contains(&n)).then_some(n)
}

/// Measure, in raw mode on the alternate screen (the wizard's start-up,
/// or `selftest` on a terminal, which enters and leaves them itself).
pub fn measure_here() -> ConsoleFacts {
    let box_cells = cells(BOX_PROBE);
    let circled_cells = box_cells.and_then(|_| cells(CIRCLED_PROBE));
    let _ = crossterm::execute!(std::io::stdout(), MoveTo(0, 0), Clear(ClearType::All));
    facts(box_cells, circled_cells)
}

/// The facts and the border decision: measured when the terminal answered
/// (two cells: ASCII borders), the guess otherwise.
pub fn facts(box_cells: Option<u16>, circled_cells: Option<u16>) -> ConsoleFacts {
    let windows_terminal = std::env::var_os("WT_SESSION").is_some();
    let guess = Theme::detect();
    let ascii_borders = box_cells.map_or(guess.ascii_borders, |n| n != 1);
    let ascii_numbers = circled_cells.map_or(guess.ascii_numbers, |n| n != 1);
    ConsoleFacts {
        code_page: code_page(),
        windows_terminal,
        box_cells,
        circled_cells,
        ascii_borders,
        ascii_numbers,
    }
}

/// `selftest` on a terminal: raw mode and the alternate screen around the
/// measurement, restored after it.
pub fn measure() -> ConsoleFacts {
    use crossterm::terminal::{
        EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
    };
    if enable_raw_mode().is_err() {
        return facts(None, None);
    }
    let _ = crossterm::execute!(std::io::stdout(), EnterAlternateScreen);
    let f = measure_here();
    let _ = crossterm::execute!(std::io::stdout(), LeaveAlternateScreen);
    let _ = disable_raw_mode();
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measured_width_decides_and_no_answer_keeps_the_guess() {
        assert!(!facts(Some(1), Some(1)).ascii_borders);
        assert!(facts(Some(2), Some(2)).ascii_borders);
        // Each decides its own: narrow lines, wide circled numbers.
        let mixed = facts(Some(1), Some(2));
        assert!(!mixed.ascii_borders && mixed.ascii_numbers);
        assert_eq!(Theme::from_facts(&mixed).step_mark(8), "(8)");
        assert_eq!(
            Theme::from_facts(&facts(Some(1), Some(1))).step_mark(8),
            "⑧"
        );
        assert_eq!(
            facts(None, None).ascii_borders,
            Theme::detect().ascii_borders
        );
    }
}
