//! One interface for every screen of the wizard (the four chapters, home
//! and the health view), and the one place that dispatches on which
//! screen is showing.

use super::components::Theme;
use super::msg::{Effect, Msg, Reply};
use crate::cert::position::Position;
use crate::cert::progress::Progress;
use crate::i18n::Lang;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use std::path::PathBuf;
use time::OffsetDateTime;

/// What a screen needs from the app to draw and decide.
pub struct Ctx<'a> {
    pub lang: Lang,
    pub theme: &'a Theme,
    pub now: OffsetDateTime,
    pub profile_dir: &'a PathBuf,
    /// Who runs this, where, on which computer.
    pub machine: &'a super::machine::Machine,
}

/// The arrow keys a screen uses to choose, for the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveKeys {
    /// A list or fields: 「[上下]選ぶ」.
    UpDown,
    /// A yes/no or two-way choice: 「[左右]選ぶ」.
    LeftRight,
    /// Nothing to choose (Enter goes on).
    None,
}

/// A screen of the wizard. `on_key` and `on_result` are pure: they change
/// the screen's own state and the progress, and ask for work through the
/// `Reply`. `view` only draws.
pub trait Chapter {
    /// Where this screen is (saved in the progress file); home for the
    /// screens outside the chapters.
    fn position(&self) -> Position;
    /// The step code without the 「画面」 word ("2-4", "H-2").
    fn code(&self) -> String;
    fn title(&self, lang: Lang) -> String;
    /// The locale key of the F1 help text.
    fn help_key(&self) -> &'static str;
    /// Further help pages after the first (F1 again, or Enter, turns the
    /// page).
    fn more_help(&self) -> &'static [&'static str] {
        &[]
    }
    /// Extra keys for the footer (the common ones are added by the app).
    fn footer_keys(&self, _lang: Lang, _p: &Progress) -> Vec<(&'static str, &'static str)> {
        Vec::new()
    }
    /// Which arrow keys choose something here: the footer shows only keys
    /// that work on the screen.
    fn move_keys(&self) -> MoveKeys {
        MoveKeys::UpDown
    }
    /// A text field has the focus: `q` and `?` are typed, not commands.
    fn is_editing(&self) -> bool {
        false
    }
    /// Work to start when the screen opens.
    fn on_enter(&self, _p: &Progress, _ctx: &Ctx<'_>) -> Vec<Effect> {
        Vec::new()
    }
    fn on_key(&mut self, key: KeyEvent, p: &mut Progress, ctx: &Ctx<'_>) -> Reply;
    /// A task's result. The app has already recorded it in the progress;
    /// the screen updates what it shows.
    fn on_result(&mut self, _msg: &Msg, _p: &mut Progress, _ctx: &Ctx<'_>) -> Reply {
        Reply::default()
    }
    fn paste(&mut self, _text: &str) {}
    /// Where the terminal cursor goes (the caret of the focused field).
    fn cursor(&self, _area: Rect) -> Option<(u16, u16)> {
        None
    }
    fn view(&self, frame: &mut Frame<'_>, body: Rect, p: &Progress, ctx: &Ctx<'_>);
}
