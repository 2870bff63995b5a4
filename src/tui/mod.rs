//! The terminal shell: owns the terminal, runs the event loop, runs each
//! `Effect` off the UI thread (`runner`, which calls `ops`) and feeds the
//! result back as a `Msg`.
//!
//! The loop selects over crossterm's `EventStream`, task results and the
//! signals that end a session (SIGTERM/SIGHUP; on Windows the console
//! window being closed); it redraws only when something changed, so an
//! idle wizard uses no CPU. Quitting waits for work whose result must be
//! recorded (a backup, an install, a clean-up). The terminal is restored on
//! exit, panic (ratatui's hook, and bracketed paste turned off by ours)
//! and signals; progress is saved first, through the one ordered saver (on
//! a panic, by the saver's hook: `Saver::install_panic_flush`).

pub mod console;
mod runner;
mod saver;
pub mod system;

use crate::cert::home::HomeKind;
use crate::cert::progress::{Progress, ProgressStore};
use crate::cert::{Error, ExitStatus};
use crate::i18n::{Lang, error_message, t};
use crate::wizard::components::Theme;
use crate::wizard::install::RecordsAt;
use crate::wizard::{App, Msg};
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event, EventStream};
use futures_util::StreamExt;
use runner::Runner;
use saver::Saver;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;
use tokio::sync::mpsc::unbounded_channel;

/// Load a profile's progress for the wizard. A corrupt file has been set
/// aside by the store: start fresh and say so.
pub fn load_progress(
    store: &ProgressStore,
    profile: &str,
    lang: Lang,
) -> Result<(Progress, Option<String>), Error> {
    let (p, notice) = crate::ops::profiles::load_or_new(store, profile)?;
    Ok((p, notice.map(|e| error_message(lang, &e))))
}

/// Start the wizard. Without a terminal, print the overview instead.
/// `answers` (a profile file, as `profile import` reads it) pre-fills the
/// institution and the form first; a file with problems lists every one
/// with its line and the wizard does not start (exit 2).
pub fn run(
    lang: Lang,
    home: Option<&Path>,
    profile: &str,
    answers: Option<&Path>,
) -> Result<ExitStatus, Error> {
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    // An answers file is checked even without a terminal, so that a
    // vendor's script sees its mistakes.
    if !interactive && answers.is_none() {
        print!("{}", t(lang, "cli.overview"));
        return Ok(ExitStatus::Ok);
    }
    let home = crate::cert::home::resolve(home)?;
    // Clean-up exports stay on this PC even when the records travel.
    let quarantine_home = crate::cert::home::quarantine_root(&home)?;
    // Held until the wizard ends: no command writes this profile meanwhile.
    // The picker's switch (P on 画面 H) trades it for another profile's.
    let lock = crate::cert::lock::ProfileLock::acquire(&home.path, profile)?;
    let store = ProgressStore::new(&home.path);
    let profile_dir = store.profile_dir(profile)?;
    let (mut progress, notice) = load_progress(&store, profile, lang)?;
    if let Some(path) = answers
        && !apply_answers(lang, path, &mut progress)?
    {
        return Ok(ExitStatus::Usage);
    }
    if !interactive {
        print!("{}", t(lang, "cli.overview"));
        return Ok(ExitStatus::Ok);
    }
    let mut app = App::new(
        lang,
        Theme::detect(),
        progress,
        profile_dir,
        OffsetDateTime::now_utc(),
    );
    if let Some(n) = notice {
        app.notify(n);
    }
    let downloads = crate::ops::files::downloads_dir()
        .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().join("Downloads")))
        .unwrap_or_else(|| PathBuf::from("."));
    let machine = crate::wizard::install::Machine {
        records: crate::present::home::where_kept(lang, &home),
        records_at: match home.kind {
            HomeKind::Platform => RecordsAt::PerUser,
            HomeKind::Cli | HomeKind::Env => {
                RecordsAt::Folder(crate::cert::sanitize::printable_path(&home.path))
            }
            HomeKind::Portable { .. } => RecordsAt::Travelling,
        },
        ..crate::wizard::install::Machine::this_machine()
    };
    let app = app.with_downloads(downloads).with_machine(machine);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(e.to_string()))?;
    let lock = std::sync::Arc::new(std::sync::Mutex::new(Some(lock)));
    let result = runtime.block_on(event_loop(app, store, quarantine_home, lock, home));
    // An import left behind on purpose (its Windows dialog never answered)
    // must not keep the process alive: do not wait for blocking tasks.
    runtime.shutdown_background();
    result
}

/// Merge an answers file into `progress` (in memory: the wizard saves as
/// it goes). False when the file has problems, each printed with its line
/// exactly as `profile import` prints them.
fn apply_answers(lang: Lang, path: &Path, progress: &mut Progress) -> Result<bool, Error> {
    match crate::cert::profile_file::import(path, progress)? {
        Ok(notes) => {
            for n in &notes {
                eprintln!("{}", crate::present::profile::line(lang, n));
            }
            Ok(true)
        }
        Err(errors) => {
            eprintln!(
                "{}: {}",
                t(lang, "error.prefix"),
                crate::i18n::tf(
                    lang,
                    "profile.import_failed",
                    &[("path", &path.display()), ("count", &errors.len())]
                )
            );
            for e in &errors {
                eprintln!("{}", crate::present::profile::line(lang, e));
            }
            Ok(false)
        }
    }
}

fn io_err(e: std::io::Error) -> Error {
    Error::Usage(e.to_string())
}

/// A future that resolves when the session is asked to end from outside.
struct Signals {
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    hup: tokio::signal::unix::Signal,
    #[cfg(windows)]
    close: tokio::signal::windows::CtrlClose,
}

impl Signals {
    fn new() -> Result<Signals, Error> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Signals {
                term: signal(SignalKind::terminate()).map_err(io_err)?,
                hup: signal(SignalKind::hangup()).map_err(io_err)?,
            })
        }
        #[cfg(windows)]
        {
            Ok(Signals {
                close: tokio::signal::windows::ctrl_close().map_err(io_err)?,
            })
        }
        #[cfg(not(any(unix, windows)))]
        {
            Ok(Signals {})
        }
    }

    async fn recv(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.term.recv() => (),
            _ = self.hup.recv() => (),
        }
        #[cfg(windows)]
        {
            let _ = self.close.recv().await;
        }
        #[cfg(not(any(unix, windows)))]
        std::future::pending::<()>().await
    }
}

async fn event_loop(
    mut app: App,
    store: ProgressStore,
    quarantine_home: PathBuf,
    lock: runner::HeldLock,
    located: crate::cert::home::Home,
) -> Result<ExitStatus, Error> {
    let mut terminal = ratatui::try_init().map_err(io_err)?;
    // Measured before the first frame: which border set this console
    // draws in one cell (the guess stands when it does not answer).
    app.set_console(console::measure_here());
    let _ = crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
    // ratatui's panic hook restores raw mode, the cursor and the main
    // screen; bracketed paste is ours to turn off.
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
        ratatui_hook(info);
    }));
    let (tx, mut rx) = unbounded_channel::<Msg>();
    let saver = Saver::start(store.clone(), tx.clone());
    // A panic writes the latest progress first, then restores the terminal.
    saver.install_panic_flush();
    // Test only (debug builds): OQSCERT_TEST_PANIC=1 panics after the
    // first key has been handled, for the PTY tests of a panic.
    #[cfg(debug_assertions)]
    let test_panic = std::env::var_os("OQSCERT_TEST_PANIC").is_some_and(|v| v == "1");
    let mut runner = Runner {
        saver,
        tx: tx.clone(),
        lang: app.lang,
        home: store.home().to_path_buf(),
        quarantine_home,
        watchers: Vec::new(),
        lock,
        located,
        cancel: std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    };
    for effect in app.start() {
        runner.run(effect);
    }
    if let Ok(size) = terminal.size() {
        app.update(Msg::Resize(size.width, size.height));
    }
    let mut events = EventStream::new();
    let mut signals = Signals::new()?;
    let mut dirty = true;
    // The terminal's input ended (closed): no more key events to wait for.
    let mut input_closed = false;
    // A hung-up input that crossterm does not report (see
    // `system::watch_hang_up`); `watching` ends when it cannot be watched.
    // The watch starts after the first frame: a thread costs a little, and
    // the first frame is what the person waits for.
    let (hang_up_tx, mut hang_up) = tokio::sync::oneshot::channel();
    let mut hang_up_tx = Some(hang_up_tx);
    let mut watching = true;
    let result = loop {
        if dirty {
            let drawn = terminal.draw(|f| {
                app.view(f);
                if let Some((x, y)) = app.cursor(f.area()) {
                    f.set_cursor_position((x, y));
                }
            });
            if let Err(e) = drawn {
                break Err(io_err(e));
            }
            dirty = false;
            if let Some(tx) = hang_up_tx.take() {
                system::watch_hang_up(tx);
            }
        }
        if app.should_quit() {
            break Ok(ExitStatus::Ok);
        }
        let msg = tokio::select! {
            ev = events.next(), if !input_closed => match ev {
                Some(Ok(Event::Key(k))) => Some(Msg::Key(k)),
                Some(Ok(Event::Paste(s))) => Some(Msg::Paste(s.into())),
                Some(Ok(Event::Resize(w, h))) => Some(Msg::Resize(w, h)),
                Some(Ok(_)) => None,
                Some(Err(e)) => break Err(io_err(e)),
                None => {
                    input_closed = true;
                    Some(Msg::Terminate)
                }
            },
            Some(msg) = rx.recv() => Some(msg),
            () = signals.recv() => Some(Msg::Terminate),
            hung = &mut hang_up, if watching && !input_closed => {
                watching = false;
                input_closed = hung.is_ok();
                input_closed.then_some(Msg::Terminate)
            }
        };
        let Some(msg) = msg else { continue };
        dirty = true;
        // One clock: the app's `now` is what the screens show and what
        // the effects record.
        app.set_now(OffsetDateTime::now_utc());
        #[cfg(debug_assertions)]
        let is_key = matches!(msg, Msg::Key(_));
        for effect in app.update(msg) {
            runner.run(effect);
        }
        #[cfg(debug_assertions)]
        if test_panic && is_key {
            panic!("OQSCERT_TEST_PANIC: a forced panic after the first key");
        }
    };
    // The last save must land before the process ends.
    runner.saver.finish();
    let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    restore_terminal();
    result
}

/// Raw mode off, the main screen back and the cursor shown, each tried on
/// its own: with the input hung up raw mode cannot be changed, but the
/// screen still can (ratatui's `restore` stops at the first failure and
/// prints an English line).
fn restore_terminal() {
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = crossterm::execute!(
        std::io::stdout(),
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}
