//! The wizard: one state machine per chapter (The Elm Architecture).
//!
//! `App::update` is pure: key presses and task results come in as `Msg`,
//! requests for work go out as `Effect`s that the event loop (`tui`) runs
//! on tasks and answers with another `Msg`. `App::view` only draws.
//!
//! Screens implement `chapter::Chapter`; `screen::Screen` is the one place
//! that dispatches on which screen shows. A task's result is recorded in
//! the progress here, whichever screen is showing when it arrives, and
//! only then handed to the screen.

pub mod apply;
pub mod chapter;
pub mod components;
pub mod download;
pub mod health;
pub mod home;
pub mod install;
pub mod machine;
pub mod msg;
pub mod popups;
pub mod precheck;
mod results;
pub mod screen;
pub mod selftest;
mod view;

pub use chapter::{Chapter, Ctx};
pub use msg::{Effect, Msg, Nav, Reply, SecretText, Status, StatusKind};
pub use screen::Screen;

use crate::cert::position::Position;
use crate::cert::progress::Progress;
use crate::i18n::{Lang, t, tf};
use components::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::path::PathBuf;
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MsgKind {
    Installed,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Overlay {
    /// F1: the help text, page n (0 = the screen's own help).
    Help(usize),
    ConfirmQuit,
    /// Quit was asked for while recorded work runs: wait for it.
    Waiting,
}

/// The whole wizard.
#[derive(Debug, Clone)]
pub struct App {
    pub lang: Lang,
    pub theme: Theme,
    pub progress: Progress,
    profile_dir: PathBuf,
    /// The one clock of a run: screens, effects and records use it.
    now: OffsetDateTime,
    screen: Screen,
    overlay: Option<Overlay>,
    status: Option<Status>,
    size: (u16, u16),
    quit: bool,
    /// Work running whose result must be recorded before quitting.
    pending: usize,
    /// Of those, imports: one may wait on a Windows dialog hidden behind
    /// the console, so a second quit request does not wait for it.
    pending_installs: usize,
    downloads: PathBuf,
    machine: install::Machine,
}

impl App {
    /// Start where the user stopped (`progress.position`), with everything
    /// typed before restored.
    pub fn new(
        lang: Lang,
        theme: Theme,
        progress: Progress,
        profile_dir: PathBuf,
        now: OffsetDateTime,
    ) -> Self {
        let mut app = App {
            lang,
            theme,
            screen: Screen::Home(home::Model::new(&progress)),
            progress,
            profile_dir,
            now,
            overlay: None,
            status: None,
            size: (components::MIN_WIDTH, components::MIN_HEIGHT),
            quit: false,
            pending: 0,
            pending_installs: 0,
            downloads: PathBuf::from("Downloads"),
            machine: install::Machine::this_machine(),
        };
        app.screen = app.screen_at(app.progress.position);
        app
    }

    /// The screen for a saved position, resumed with what was typed.
    fn screen_at(&self, pos: Position) -> Screen {
        Screen::open(pos, &self.progress, &self.downloads, &self.machine)
    }

    /// The folder the browser downloads into (watched in Chapter 2).
    pub fn with_downloads(mut self, dir: PathBuf) -> Self {
        self.downloads = dir;
        if let Screen::Download(_) = self.screen {
            self.screen = self.screen_at(self.screen.chapter().position());
        }
        self
    }

    /// Who runs the wizard and which store it installs into (tests and
    /// snapshots set these instead of reading the machine).
    pub fn with_machine(mut self, machine: install::Machine) -> Self {
        self.machine = machine;
        if let Screen::Install(_) = self.screen {
            self.screen = self.screen_at(self.screen.chapter().position());
        }
        self
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            lang: self.lang,
            theme: &self.theme,
            now: self.now,
            profile_dir: &self.profile_dir,
            machine: &self.machine,
        }
    }

    /// Work to start with the screen the app opened on.
    pub fn start(&mut self) -> Vec<Effect> {
        let fx = self.screen.chapter().on_enter(&self.progress, &self.ctx());
        self.track(fx)
    }

    /// What the console said of itself at start-up: the border set and
    /// the step marks come from it, and the self-test shows it.
    pub fn set_console(&mut self, facts: crate::ops::selftest::ConsoleFacts) {
        self.theme = Theme::from_facts(&facts);
        self.machine.console = facts;
    }

    /// Show a message in the status line (e.g. a progress file was set
    /// aside at start).
    pub fn notify(&mut self, text: String) {
        self.status = Some(Status::new(StatusKind::Warn, text));
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Recorded work still running (a backup, an install, a clean-up).
    pub fn pending(&self) -> usize {
        self.pending
    }

    pub fn now(&self) -> OffsetDateTime {
        self.now
    }

    pub fn set_now(&mut self, now: OffsetDateTime) {
        self.now = now;
    }

    /// The step code shown on screen, e.g. 「画面 1-5」.
    pub fn screen_code(&self) -> String {
        screen_code(self.lang, &self.screen.chapter().code())
    }

    /// The help page's step this screen does (「ヘルプページ 2章③」), drawn
    /// beside the screen code; empty where the page has none.
    pub fn help_ref(&self) -> String {
        use crate::cert::position::HelpRef;
        match self.screen.chapter().position().help_ref() {
            None => String::new(),
            Some(HelpRef::Backup) => t(self.lang, "wizard.help_ref_backup").to_string(),
            Some(HelpRef::Steps { chapter, steps }) => {
                let marks: String = steps.iter().map(|n| self.theme.step_mark(*n)).collect();
                tf(
                    self.lang,
                    "wizard.help_ref",
                    &[("chapter", &chapter), ("steps", &marks)],
                )
            }
        }
    }

    fn save_effect(&mut self) -> Effect {
        self.progress.position = self.screen.chapter().position();
        Effect::Save(Box::new(self.progress.clone()))
    }

    fn go(&mut self, nav: Nav) -> Vec<Effect> {
        self.screen = Screen::start(nav, &self.progress, &self.downloads, &self.machine);
        self.screen.chapter().on_enter(&self.progress, &self.ctx())
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // Windows also sends key releases: act on presses only.
        if key.kind != KeyEventKind::Press {
            return Vec::new();
        }
        // Ctrl-C: save and leave, from anywhere (after recorded work).
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            return self.request_quit();
        }
        match self.overlay {
            Some(Overlay::Waiting) => {
                if key.code == KeyCode::Char('q') {
                    return self.request_quit();
                }
                return Vec::new();
            }
            Some(Overlay::ConfirmQuit) => {
                if matches!(key.code, KeyCode::Char('y' | 'Y') | KeyCode::Enter) {
                    return self.request_quit();
                }
                self.overlay = None;
                return Vec::new();
            }
            Some(Overlay::Help(page)) => {
                let pages = 1 + self.screen.chapter().more_help().len();
                match key.code {
                    KeyCode::Esc | KeyCode::Char('?') => self.overlay = None,
                    // F1 / Enter / right: the next page, closing after the last.
                    KeyCode::F(1) | KeyCode::Enter | KeyCode::Right => {
                        self.overlay = (page + 1 < pages).then_some(Overlay::Help(page + 1));
                    }
                    KeyCode::Left if page > 0 => self.overlay = Some(Overlay::Help(page - 1)),
                    _ => {}
                }
                return Vec::new();
            }
            None => {}
        }
        let editing = self.screen.chapter().is_editing();
        match key.code {
            KeyCode::F(1) => {
                self.overlay = Some(Overlay::Help(0));
                return Vec::new();
            }
            KeyCode::Char('?') if !editing => {
                self.overlay = Some(Overlay::Help(0));
                return Vec::new();
            }
            KeyCode::Char('q') if !editing => {
                self.overlay = Some(Overlay::ConfirmQuit);
                return Vec::new();
            }
            _ => {}
        }
        self.status = None;
        let ctx = Ctx {
            lang: self.lang,
            theme: &self.theme,
            now: self.now,
            profile_dir: &self.profile_dir,
            machine: &self.machine,
        };
        let reply = self
            .screen
            .chapter_mut()
            .on_key(key, &mut self.progress, &ctx);
        self.apply_reply(reply)
    }

    fn apply_reply(&mut self, mut reply: Reply) -> Vec<Effect> {
        // A profile is not let go of while work for it runs: its result
        // would be recorded in the other profile.
        if self.pending > 0
            && reply
                .effects
                .iter()
                .any(|e| matches!(e, Effect::SwitchProfile { .. }))
        {
            reply
                .effects
                .retain(|e| !matches!(e, Effect::SwitchProfile { .. }));
            reply.status = Some(Status::new(
                StatusKind::Warn,
                crate::i18n::t(self.lang, "profiles.busy_work"),
            ));
            // The picker waits for an answer that will not come.
            self.screen = Screen::Home(home::Model::new(&self.progress));
        }
        let mut out = reply.effects;
        if let Some(s) = reply.status {
            self.status = Some(s);
        }
        let moved = reply.nav.is_some();
        if let Some(nav) = reply.nav {
            out.extend(self.go(nav));
        }
        if reply.save || moved {
            out.insert(0, self.save_effect());
        }
        out
    }

    /// Where the real terminal cursor goes (the caret of the focused text
    /// field), so the Japanese IME composes in place.
    pub fn cursor(&self, area: ratatui::layout::Rect) -> Option<(u16, u16)> {
        if self.overlay.is_some() || view::too_small(area) {
            return None;
        }
        // A two-row status takes the body's last row: the screen places
        // its fields in the body `chrome` left (`body_with_status`).
        let body = components::layout::body_with_status(
            area,
            self.status.as_ref().map(|s| s.text.as_str()),
        );
        let shorter = area
            .height
            .saturating_sub(components::layout::body_rect(area).height - body.height);
        self.screen.chapter().cursor(ratatui::layout::Rect {
            height: shorter,
            ..area
        })
    }
}

/// 「画面 2-4」 / "Screen 2-4": the step code clinics quote on the phone.
pub fn screen_code(lang: Lang, code: &str) -> String {
    tf(lang, "wizard.screen_code", &[("code", &code)])
}
