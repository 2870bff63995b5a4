//! The wizard: one state machine per chapter (The Elm Architecture).
//!
//! `App::update` is pure: key presses and task results come in as `Msg`,
//! requests for work go out as `Effect`s that the event loop (`tui`) runs
//! on tasks and answers with another `Msg`. `App::view` only draws.

pub mod apply;
pub mod download;
pub mod health;
pub mod install;
pub mod precheck;
pub mod widgets;

use crate::cert::backup::{BackupReport, Drive};
use crate::cert::cleanup::OldCert;
use crate::cert::codes::codes;
use crate::cert::health::Health;
use crate::cert::net::CheckResult;
use crate::cert::password::Password;
use crate::cert::progress::{ChapterState, Position, Progress};
use crate::cert::secret::Secrets;
use crate::cert::store::InstallReport;
use crate::i18n::{Lang, t, tf};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use std::path::PathBuf;
use time::{Duration, OffsetDateTime};
use widgets::{Theme, centered, chrome, text_box};

/// What comes into `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    /// Pasted text (where the terminal sends bracketed paste).
    Paste(String),
    Resize(u16, u16),
    Saved(Result<(), String>),
    Exported(Result<Vec<PathBuf>, String>),
    Copied(Result<String, String>),
    BrowserOpened(Result<(), String>),
    SecretsLoaded(Result<Option<Secrets>, String>),
    SecretsSaved(Result<crate::cert::secret::Backend, String>),
    NetChecked(Vec<CheckResult>),
    Downloads(Vec<PathBuf>),
    FileVerified(Box<Result<download::VerifiedFile, download::VerifyError>>),
    Drives(Vec<Drive>),
    BackedUp(Result<BackupReport, String>),
    /// Install (or verify) finished; a wrong password says so.
    Installed(Box<Result<InstallReport, download::VerifyError>>),
    OldFound(Result<Vec<OldCert>, String>),
    /// Clean-up progress: (done, total).
    CleanupStep(usize, usize),
    CleanedUp(Box<install::CleanupOutcome>),
    ReportWritten(Result<Vec<PathBuf>, String>),
    Health(Box<Health>),
}

/// Work for the event loop to do off the UI thread.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Save(Box<Progress>),
    /// Copy text; `what` names it in the confirmation.
    Copy {
        text: String,
        what: String,
    },
    OpenBrowser(String),
    /// Write a printable sheet as `<dir>/<stem>.txt` and `.html`.
    ExportSheet {
        dir: PathBuf,
        stem: String,
        text: String,
        html: String,
    },
    /// Load the profile's secrets from the OS credential store.
    LoadSecrets(String),
    /// Keep the secrets of a profile in the OS credential store.
    SaveSecrets(String, Secrets),
    NetCheck,
    /// List PKCS#12 files in a folder now and whenever it changes.
    WatchDownloads(PathBuf),
    /// Open the file with the password; keep a copy in `keep_dir`.
    VerifyAndKeep {
        path: PathBuf,
        password: Password,
        keep_dir: PathBuf,
    },
    ListDrives,
    /// List the drives again after a pause (the backup screen's refresh).
    ListDrivesAfter(std::time::Duration),
    Backup {
        src: PathBuf,
        dir: PathBuf,
        name: String,
        password: Password,
    },
    /// Install the kept file into the store (or verify it is there).
    Install {
        pfx: PathBuf,
        password: Password,
    },
    /// Look for old certificates in MY; `current` is never one of them.
    FindOld {
        current: Option<String>,
    },
    /// Export each to `quarantine`, then remove it from the store.
    Cleanup {
        old: Vec<OldCert>,
        quarantine: PathBuf,
        password: Password,
    },
    /// Write the completion report (HTML and text) into `dir`.
    WriteReport {
        progress: Box<Progress>,
        dir: PathBuf,
    },
    /// Check the store and the backups for the health view.
    CheckHealth(Box<Progress>),
    Quit,
}

/// A chapter's answer to a key.
#[derive(Debug, Default)]
pub struct Reply {
    /// Progress changed: save it.
    pub save: bool,
    pub effects: Vec<Effect>,
    pub nav: Option<Nav>,
    pub status: Option<Status>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Home,
    Precheck,
    Apply,
    Download,
    Install,
    Health,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Ok,
    Warn,
    Error,
}

impl Status {
    pub fn new(kind: StatusKind, text: impl Into<String>) -> Self {
        Status {
            text: text.into(),
            kind,
        }
    }
}

/// What a chapter screen needs from the app to draw and decide.
pub struct Ctx<'a> {
    pub lang: Lang,
    pub theme: &'a Theme,
    pub now: OffsetDateTime,
    pub profile_dir: &'a PathBuf,
}

#[derive(Debug, Clone)]
enum Screen {
    Home { selected: usize },
    Precheck(precheck::Model),
    Apply(Box<apply::Model>),
    Download(Box<download::Model>),
    Install(Box<install::Model>),
    Health(health::Model),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Overlay {
    Help,
    ConfirmQuit,
}

/// The whole wizard.
#[derive(Debug, Clone)]
pub struct App {
    pub lang: Lang,
    pub theme: Theme,
    pub progress: Progress,
    profile_dir: PathBuf,
    now: OffsetDateTime,
    screen: Screen,
    overlay: Option<Overlay>,
    status: Option<Status>,
    size: (u16, u16),
    quit: bool,
    downloads: PathBuf,
    machine: install::Machine,
}

const CHAPTERS: [&str; 4] = ["precheck", "apply", "download", "install"];
/// Home entries: the four chapters, then the health view.
const HOME_ENTRIES: usize = 5;

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
            progress,
            profile_dir,
            now,
            screen: Screen::Home { selected: 0 },
            overlay: None,
            status: None,
            size: (widgets::MIN_WIDTH, widgets::MIN_HEIGHT),
            quit: false,
            downloads: PathBuf::from("Downloads"),
            machine: install::Machine {
                current_user: crate::cert::install::current_user(),
                store_kind: if cfg!(windows) {
                    crate::cert::store::StoreKind::WindowsCurrentUser
                } else {
                    crate::cert::store::StoreKind::Folder
                },
            },
        };
        let pos = app.progress.position.clone();
        app.screen = match pos.chapter.as_str() {
            "precheck" => Screen::Precheck(precheck::Model::resume(&app.progress, &pos.step)),
            "apply" => Screen::Apply(Box::new(apply::Model::resume(&app.progress, &pos.step))),
            "download" => Screen::Download(Box::new(download::Model::resume(
                &app.progress,
                &pos.step,
                app.downloads.clone(),
            ))),
            "install" => Screen::Install(Box::new(install::Model::resume(
                &app.progress,
                &pos.step,
                &app.machine,
            ))),
            _ => Screen::Home {
                selected: app.next_chapter(),
            },
        };
        app
    }

    /// The folder the browser downloads into (watched in Chapter 2).
    pub fn with_downloads(mut self, dir: PathBuf) -> Self {
        self.downloads = dir.clone();
        if let Screen::Download(m) = &self.screen {
            let step = m.step_id();
            self.screen = Screen::Download(Box::new(download::Model::resume(
                &self.progress,
                &step,
                dir,
            )));
        }
        self
    }

    /// Who runs the wizard and which store it installs into (tests and
    /// snapshots set these instead of reading the machine).
    pub fn with_machine(mut self, machine: install::Machine) -> Self {
        self.machine = machine;
        if let Screen::Install(m) = &self.screen {
            let step = m.step_id();
            self.screen = Screen::Install(Box::new(install::Model::resume(
                &self.progress,
                &step,
                &self.machine,
            )));
        }
        self
    }

    /// Work to start with the screen the app opened on.
    pub fn start(&self) -> Vec<Effect> {
        match &self.screen {
            Screen::Download(m) => m.on_enter(&self.progress.profile),
            Screen::Install(m) => m.on_enter(&self.progress, &self.profile_dir),
            Screen::Health(m) => m.on_enter(&self.progress),
            _ => Vec::new(),
        }
    }

    /// Show a message in the status line (e.g. a progress file was set
    /// aside at start).
    pub fn notify(&mut self, text: String) {
        self.status = Some(Status::new(StatusKind::Warn, text));
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn set_now(&mut self, now: OffsetDateTime) {
        self.now = now;
    }

    /// The step code shown on screen, e.g. 「画面 1-4」.
    pub fn screen_code(&self) -> String {
        match &self.screen {
            Screen::Home { .. } => t(self.lang, "home.code").to_string(),
            Screen::Precheck(m) => m.code(self.lang),
            Screen::Apply(m) => m.code(self.lang),
            Screen::Download(m) => m.code(self.lang),
            Screen::Install(m) => m.code(self.lang),
            Screen::Health(_) => t(self.lang, "health.code").to_string(),
        }
    }

    fn chapter_state(&self, i: usize) -> ChapterState {
        let c = &self.progress.chapters;
        match i {
            0 => c.precheck,
            1 => c.apply,
            2 => c.download,
            _ => c.install,
        }
    }

    /// The first chapter not done: where the "next" mark goes.
    fn next_chapter(&self) -> usize {
        (0..4)
            .find(|&i| self.chapter_state(i) != ChapterState::Done)
            .unwrap_or(3)
    }

    fn position(&self) -> Position {
        match &self.screen {
            Screen::Home { .. } => Position::default(),
            Screen::Precheck(m) => Position {
                chapter: "precheck".into(),
                step: m.step_id(),
            },
            Screen::Apply(m) => Position {
                chapter: "apply".into(),
                step: m.step_id(),
            },
            Screen::Download(m) => Position {
                chapter: "download".into(),
                step: m.step_id(),
            },
            Screen::Install(m) => Position {
                chapter: "install".into(),
                step: m.step_id(),
            },
            Screen::Health(_) => Position::default(),
        }
    }

    fn save_effect(&mut self) -> Effect {
        self.progress.position = self.position();
        Effect::Save(Box::new(self.progress.clone()))
    }

    fn go(&mut self, nav: Nav) -> Vec<Effect> {
        self.screen = match nav {
            Nav::Home => Screen::Home {
                selected: self.next_chapter(),
            },
            Nav::Precheck => Screen::Precheck(precheck::Model::resume(&self.progress, "")),
            Nav::Apply => Screen::Apply(Box::new(apply::Model::resume(&self.progress, ""))),
            Nav::Download => Screen::Download(Box::new(download::Model::resume(
                &self.progress,
                "",
                self.downloads.clone(),
            ))),
            Nav::Install => Screen::Install(Box::new(install::Model::resume(
                &self.progress,
                "",
                &self.machine,
            ))),
            Nav::Health => Screen::Health(health::Model::default()),
        };
        self.start()
    }

    /// The pure state transition.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Resize(w, h) => {
                self.size = (w, h);
                Vec::new()
            }
            Msg::Saved(Ok(())) => Vec::new(),
            Msg::Saved(Err(e)) => {
                self.status = Some(Status::new(
                    StatusKind::Error,
                    tf(self.lang, "wizard.saved_error", &[("detail", &e)]),
                ));
                Vec::new()
            }
            Msg::Exported(r) => {
                self.status = Some(match r {
                    Ok(paths) => {
                        let list: Vec<String> =
                            paths.iter().map(|p| p.display().to_string()).collect();
                        Status::new(
                            StatusKind::Ok,
                            tf(self.lang, "apply.exported", &[("path", &list.join(", "))]),
                        )
                    }
                    Err(e) => Status::new(
                        StatusKind::Error,
                        tf(self.lang, "apply.export_failed", &[("detail", &e)]),
                    ),
                });
                Vec::new()
            }
            Msg::Copied(r) => {
                self.status = Some(match r {
                    Ok(what) => Status::new(
                        StatusKind::Ok,
                        tf(self.lang, "apply.copied", &[("what", &what)]),
                    ),
                    Err(_) => Status::new(StatusKind::Warn, t(self.lang, "apply.no_clipboard")),
                });
                Vec::new()
            }
            Msg::BrowserOpened(r) => {
                self.status = Some(match r {
                    Ok(()) => Status::new(StatusKind::Ok, t(self.lang, "apply.opened")),
                    Err(e) => Status::new(
                        StatusKind::Warn,
                        tf(self.lang, "apply.open_failed", &[("detail", &e)]),
                    ),
                });
                Vec::new()
            }
            Msg::Paste(text) => self.route_paste(&text),
            Msg::SecretsLoaded(r) => {
                match (&mut self.screen, r) {
                    (Screen::Download(m), Ok(s)) => m.on_secrets_loaded(s),
                    (Screen::Install(m), Ok(s)) => m.on_secrets_loaded(s),
                    (Screen::Download(_) | Screen::Install(_), Err(e)) => {
                        self.status = Some(Status::new(
                            StatusKind::Warn,
                            tf(self.lang, "error.no_credential_store", &[("detail", &e)]),
                        ))
                    }
                    _ => {}
                }
                Vec::new()
            }
            Msg::Installed(r) => {
                let mut reply = Reply::default();
                let ctx = Ctx {
                    lang: self.lang,
                    theme: &self.theme,
                    now: self.now,
                    profile_dir: &self.profile_dir,
                };
                if let Screen::Install(m) = &mut self.screen {
                    m.on_installed(*r, &mut self.progress, &ctx, &mut reply);
                }
                self.apply_reply(reply)
            }
            Msg::OldFound(r) => {
                if let Screen::Install(m) = &mut self.screen {
                    m.on_old_found(r);
                }
                Vec::new()
            }
            Msg::CleanupStep(done, total) => {
                if let Screen::Install(m) = &mut self.screen {
                    m.on_cleanup_step(done, total);
                }
                Vec::new()
            }
            Msg::CleanedUp(r) => {
                let ctx = Ctx {
                    lang: self.lang,
                    theme: &self.theme,
                    now: self.now,
                    profile_dir: &self.profile_dir,
                };
                if let Screen::Install(m) = &mut self.screen {
                    m.on_cleaned(*r, &mut self.progress, &ctx);
                }
                vec![self.save_effect()]
            }
            Msg::ReportWritten(r) => {
                if let Screen::Install(m) = &mut self.screen {
                    m.on_report(r);
                }
                Vec::new()
            }
            Msg::Health(h) => {
                if let Screen::Health(m) = &mut self.screen {
                    m.on_health(*h);
                }
                Vec::new()
            }
            Msg::NetChecked(r) => {
                if let Screen::Download(m) = &mut self.screen {
                    m.on_net(r);
                }
                Vec::new()
            }
            Msg::Downloads(files) => {
                if let Screen::Download(m) = &mut self.screen {
                    m.on_downloads(files);
                }
                Vec::new()
            }
            Msg::Drives(d) => match &mut self.screen {
                Screen::Download(m) => m.on_drives(d),
                _ => Vec::new(),
            },
            Msg::SecretsSaved(r) => {
                let mut reply = Reply::default();
                if let Screen::Download(m) = &mut self.screen {
                    m.on_secrets_saved(r, &mut self.progress, self.lang, &mut reply);
                }
                self.apply_reply(reply)
            }
            Msg::FileVerified(r) => {
                let mut reply = Reply::default();
                if let Screen::Download(m) = &mut self.screen {
                    m.on_verified(*r, &mut self.progress, self.now, &mut reply);
                }
                self.apply_reply(reply)
            }
            Msg::BackedUp(r) => {
                let mut reply = Reply::default();
                if let Screen::Download(m) = &mut self.screen {
                    m.on_backed_up(r, &mut self.progress, self.now, self.lang, &mut reply);
                }
                self.apply_reply(reply)
            }
            Msg::Key(key) => self.on_key(key),
        }
    }

    fn route_paste(&mut self, text: &str) -> Vec<Effect> {
        match &mut self.screen {
            Screen::Apply(m) => m.paste(text),
            Screen::Download(m) => m.paste(text),
            Screen::Install(m) => m.paste(text),
            _ => {}
        }
        Vec::new()
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // Windows also sends key releases: act on presses only.
        if key.kind != KeyEventKind::Press {
            return Vec::new();
        }
        // Ctrl-C: save and leave at once, from anywhere.
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.quit = true;
            let save = self.save_effect();
            return vec![save, Effect::Quit];
        }
        match self.overlay {
            Some(Overlay::ConfirmQuit) => {
                return match key.code {
                    KeyCode::Char('y' | 'Y') | KeyCode::Enter => {
                        self.quit = true;
                        let save = self.save_effect();
                        vec![save, Effect::Quit]
                    }
                    _ => {
                        self.overlay = None;
                        Vec::new()
                    }
                };
            }
            Some(Overlay::Help) => {
                if matches!(
                    key.code,
                    KeyCode::Esc | KeyCode::F(1) | KeyCode::Enter | KeyCode::Char('?')
                ) {
                    self.overlay = None;
                }
                return Vec::new();
            }
            None => {}
        }
        let editing = match &self.screen {
            Screen::Apply(m) => m.is_editing(),
            Screen::Download(m) => m.is_editing(),
            Screen::Install(m) => m.is_editing(),
            _ => false,
        };
        match key.code {
            KeyCode::F(1) => {
                self.overlay = Some(Overlay::Help);
                return Vec::new();
            }
            KeyCode::Char('?') if !editing => {
                self.overlay = Some(Overlay::Help);
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
        };
        let reply = match &mut self.screen {
            Screen::Home { selected } => home_key(selected, key),
            Screen::Precheck(m) => m.update(key, &mut self.progress, &ctx),
            Screen::Apply(m) => m.update(key, &mut self.progress, &ctx),
            Screen::Download(m) => m.update(key, &mut self.progress, &ctx),
            Screen::Install(m) => m.update(key, &mut self.progress, &ctx),
            Screen::Health(m) => m.update(key, &mut self.progress),
        };
        self.apply_reply(reply)
    }

    fn apply_reply(&mut self, reply: Reply) -> Vec<Effect> {
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
        if self.overlay.is_some() || too_small(area) {
            return None;
        }
        match &self.screen {
            Screen::Apply(m) => m.cursor(area),
            Screen::Download(m) => m.cursor(area),
            Screen::Install(m) => m.cursor(area),
            _ => None,
        }
    }

    /// Pure rendering of the model.
    pub fn view(&self, frame: &mut Frame<'_>) {
        let area = frame.area();
        if too_small(area) {
            let msg = tf(
                self.lang,
                "wizard.too_small",
                &[("w", &area.width), ("h", &area.height)],
            );
            frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: false }), area);
            return;
        }
        let ctx = Ctx {
            lang: self.lang,
            theme: &self.theme,
            now: self.now,
            profile_dir: &self.profile_dir,
        };
        let status = self.status.as_ref().map(|s| {
            let style = match s.kind {
                StatusKind::Info => Style::default(),
                StatusKind::Ok => self.theme.ok(),
                StatusKind::Warn => self.theme.warn(),
                StatusKind::Error => self.theme.error(),
            };
            (s.text.as_str(), style)
        });
        let lang = self.lang;
        let mut footer: Vec<(&str, &str)> = Vec::new();
        let extra = match &self.screen {
            Screen::Home { .. } => Vec::new(),
            Screen::Precheck(_) => Vec::new(),
            Screen::Apply(m) => m.footer_keys(lang),
            Screen::Download(m) => m.footer_keys(lang),
            Screen::Install(m) => m.footer_keys(lang),
            Screen::Health(m) => m.footer_keys(lang),
        };
        footer.push((t(lang, "wizard.key_move"), t(lang, "wizard.move")));
        footer.push((t(lang, "wizard.key_enter"), t(lang, "wizard.next")));
        if !matches!(self.screen, Screen::Home { .. }) {
            footer.push((t(lang, "wizard.key_back"), t(lang, "wizard.back")));
        }
        for (k, v) in &extra {
            footer.push((k, v));
        }
        footer.push((t(lang, "wizard.key_help"), t(lang, "wizard.help")));
        footer.push((t(lang, "wizard.key_quit"), t(lang, "wizard.quit")));
        let (title, code) = match &self.screen {
            Screen::Home { .. } => (t(lang, "home.title").to_string(), self.screen_code()),
            Screen::Precheck(_) => (t(lang, "precheck.title").to_string(), self.screen_code()),
            Screen::Apply(m) => (m.title(lang), self.screen_code()),
            Screen::Download(m) => (m.title(lang), self.screen_code()),
            Screen::Install(m) => (m.title(lang), self.screen_code()),
            Screen::Health(_) => (t(lang, "health.title").to_string(), self.screen_code()),
        };
        let body = chrome(frame, &self.theme, &title, &code, status, &footer);
        match &self.screen {
            Screen::Home { selected } => self.view_home(frame, body, *selected),
            Screen::Precheck(m) => m.view(frame, body, &self.progress, &ctx),
            Screen::Apply(m) => m.view(frame, body, &self.progress, &ctx),
            Screen::Download(m) => m.view(frame, body, &self.progress, &ctx),
            Screen::Install(m) => m.view(frame, body, &self.progress, &ctx),
            Screen::Health(m) => m.view(frame, body, &ctx),
        }
        match self.overlay {
            Some(Overlay::Help) => self.view_help(frame),
            Some(Overlay::ConfirmQuit) => self.view_quit(frame),
            None => {}
        }
    }

    fn help_text(&self) -> String {
        let key = match &self.screen {
            Screen::Home { .. } => "home.help",
            Screen::Precheck(_) => "precheck.help",
            Screen::Apply(m) => m.help_key(),
            Screen::Download(m) => m.help_key(),
            Screen::Install(m) => m.help_key(),
            Screen::Health(_) => "health.help",
        };
        t(self.lang, key).to_string()
    }

    fn view_help(&self, frame: &mut Frame<'_>) {
        let lang = self.lang;
        let hl = &codes().help_line;
        let (name, hours) = match lang {
            Lang::Ja => (&hl.name_ja, &hl.hours_ja),
            Lang::En => (&hl.name_en, &hl.hours_en),
        };
        let area = centered(frame.area(), 70, 14);
        frame.render_widget(Clear, area);
        let lines = vec![
            Line::from(self.help_text()),
            Line::from(""),
            Line::from(tf(
                lang,
                "wizard.help_line",
                &[("name", name), ("phone", &hl.phone), ("hours", hours)],
            )),
            Line::from(""),
            Line::from(Span::styled(
                t(lang, "wizard.help_close").to_string(),
                self.theme.dim(),
            )),
        ];
        text_box(
            frame,
            &self.theme,
            area,
            t(lang, "wizard.help_title"),
            lines,
        );
    }

    fn view_quit(&self, frame: &mut Frame<'_>) {
        let lang = self.lang;
        let area = centered(frame.area(), 60, 8);
        frame.render_widget(Clear, area);
        let lines = vec![
            Line::from(t(lang, "wizard.quit_body").to_string()),
            Line::from(""),
            Line::from(Span::styled(
                t(lang, "wizard.quit_keys").to_string(),
                self.theme.title(),
            )),
        ];
        text_box(
            frame,
            &self.theme,
            area,
            t(lang, "wizard.quit_title"),
            lines,
        );
    }

    fn view_home(&self, frame: &mut Frame<'_>, area: ratatui::layout::Rect, selected: usize) {
        let lang = self.lang;
        let inst = &self.progress.institution;
        let not_set = t(lang, "home.not_set");
        let name = if inst.name.is_empty() {
            not_set
        } else {
            &inst.name
        };
        let terminal = if inst.terminal_name.is_empty() {
            not_set
        } else {
            &inst.terminal_name
        };
        let mut lines = vec![
            Line::from(format!("{}: {}", t(lang, "home.institution"), name)),
            Line::from(format!("{}: {}", t(lang, "home.terminal"), terminal)),
            Line::from(""),
            Line::from(t(lang, "home.intro").to_string()),
            Line::from(""),
        ];
        let next = self.next_chapter();
        for i in 0..HOME_ENTRIES {
            let state = if i < CHAPTERS.len() {
                let state_key = crate::i18n::chapter_state_key(self.chapter_state(i));
                format!(" [{}]", t(lang, state_key))
            } else {
                String::new()
            };
            let label = if i < CHAPTERS.len() {
                t(lang, &format!("home.part{i}")).to_string()
            } else {
                t(lang, "health.part4").to_string()
            };
            let marker = if i == selected { "> " } else { "  " };
            let mut spans = vec![
                Span::raw(marker),
                Span::styled(
                    widgets::fit(&label, 46),
                    if i == selected {
                        self.theme.highlight()
                    } else {
                        Style::default()
                    },
                ),
                Span::raw(widgets::fit(&state, 16)),
            ];
            if i == next {
                spans.push(Span::styled(
                    format!(" {}", t(lang, "home.next_mark")),
                    self.theme.warn(),
                ));
            }
            lines.push(Line::from(spans));
        }
        // The certificate's end date, and the most urgent alert (from the
        // progress file alone: the store is checked in the health view).
        if let Some(c) = &self.progress.certificate {
            let h = crate::cert::health::assess(&self.progress, None, &[], self.now);
            let days = crate::cert::health::whole_days(self.now, c.not_after);
            lines.push(Line::from(""));
            lines.push(Line::from(if self.now >= c.not_after {
                Span::styled(
                    tf(
                        lang,
                        "health.home_expired",
                        &[("date", &c.not_after.date())],
                    ),
                    self.theme.error(),
                )
            } else {
                Span::raw(tf(
                    lang,
                    "health.home_line",
                    &[("date", &c.not_after.date()), ("days", &days)],
                ))
            }));
            if let Some(a) = h
                .alerts
                .iter()
                .find(|a| !matches!(a, crate::cert::health::Alert::Expired { .. }))
            {
                lines.push(Line::from(Span::styled(
                    health::alert_text(lang, a),
                    self.theme.warn(),
                )));
            }
        }
        if let Some(applied) = self.progress.application.applied_at {
            let lt = &codes().lifetime;
            let d = |x: OffsetDateTime| x.date().to_string();
            lines.push(Line::from(""));
            lines.push(Line::from(tf(
                lang,
                "home.applied",
                &[("date", &d(applied))],
            )));
            if self.progress.chapters.download != ChapterState::Done {
                lines.push(Line::from(tf(
                    lang,
                    "home.mail_expected",
                    &[
                        (
                            "from",
                            &d(applied + Duration::days(i64::from(lt.mail_expected_min_days))),
                        ),
                        (
                            "to",
                            &d(applied + Duration::days(i64::from(lt.mail_expected_max_days))),
                        ),
                    ],
                )));
                lines.push(Line::from(tf(
                    lang,
                    "home.deadline",
                    &[(
                        "date",
                        &d(applied + Duration::days(i64::from(lt.download_deadline_days))),
                    )],
                )));
                lines.push(Line::from(t(lang, "home.status_check").to_string()));
            }
        }
        let rows = Layout::vertical([Constraint::Min(1)]).split(area);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), rows[0]);
    }
}

/// 「画面 2-3」 / "Screen 2-3": the step code clinics quote on the phone.
pub fn screen_code(lang: Lang, code: &str) -> String {
    tf(lang, "wizard.screen_code", &[("code", &code)])
}

fn too_small(area: ratatui::layout::Rect) -> bool {
    area.width < widgets::MIN_WIDTH || area.height < widgets::MIN_HEIGHT
}

fn home_key(selected: &mut usize, key: KeyEvent) -> Reply {
    let mut reply = Reply::default();
    match key.code {
        KeyCode::Up | KeyCode::BackTab => *selected = selected.saturating_sub(1),
        KeyCode::Down | KeyCode::Tab => *selected = (*selected + 1).min(HOME_ENTRIES - 1),
        KeyCode::Enter => {
            reply.nav = Some(match *selected {
                0 => Nav::Precheck,
                1 => Nav::Apply,
                2 => Nav::Download,
                3 => Nav::Install,
                _ => Nav::Health,
            })
        }
        _ => {}
    }
    reply
}
