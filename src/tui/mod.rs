//! The terminal shell: owns the terminal, runs the event loop, runs each
//! `Effect` off the UI thread and feeds the result back as a `Msg`.
//!
//! The loop selects over crossterm's `EventStream`, task results and (on
//! Unix) SIGTERM/SIGHUP; it redraws only when something changed, so an
//! idle wizard uses no CPU. The terminal is restored on exit, `q`, Ctrl-C,
//! panic (ratatui's hook) and signals; progress is saved first.

use crate::cert::health::Health;
use crate::cert::progress::{Progress, ProgressStore, resolve_home};
use crate::cert::secret::SecretStore;
use crate::cert::store::{InstallOptions, InstallReport, StoreName, platform_store};
use crate::cert::{Error, ExitStatus, fsutil};
use crate::i18n::{Lang, error_message, t};
use crate::wizard::download::{VerifiedFile, VerifyError};
use crate::wizard::install::CleanupOutcome;
use crate::wizard::widgets::Theme;
use crate::wizard::{App, Effect, Msg};
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event, EventStream};
use futures_util::StreamExt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

/// This computer's name: the default 端末名称.
pub fn computer_name() -> String {
    if let Some(n) = std::env::var_os("COMPUTERNAME").filter(|n| !n.is_empty()) {
        return n.to_string_lossy().into_owned();
    }
    std::fs::read_to_string("/etc/hostname")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// Load a profile's progress for the wizard. A corrupt file has been set
/// aside by the store: start fresh and say so.
pub fn load_progress(
    store: &ProgressStore,
    profile: &str,
    lang: Lang,
) -> Result<(Progress, Option<String>), Error> {
    match store.load(profile) {
        Ok(Some(p)) => Ok((p, None)),
        Ok(None) => Ok((Progress::new(profile), None)),
        Err(e @ Error::ProgressCorrupt { .. }) => {
            Ok((Progress::new(profile), Some(error_message(lang, &e))))
        }
        Err(e) => Err(e),
    }
}

/// Start the wizard. Without a terminal, print the overview instead.
pub fn run(lang: Lang, home: Option<&Path>, profile: &str) -> Result<ExitStatus, Error> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        print!("{}", t(lang, "cli.overview"));
        return Ok(ExitStatus::Ok);
    }
    let home = resolve_home(home)?;
    let store = ProgressStore::new(&home);
    let profile_dir = store.profile_dir(profile)?;
    let (mut progress, notice) = load_progress(&store, profile, lang)?;
    if progress.institution.terminal_name.is_empty() {
        progress.institution.terminal_name = computer_name();
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
    // OQSCERT_DOWNLOADS: where the browser saves files, when not the usual.
    let downloads = std::env::var_os("OQSCERT_DOWNLOADS")
        .map(PathBuf::from)
        .or_else(|| {
            directories::UserDirs::new().and_then(|u| u.download_dir().map(|d| d.to_path_buf()))
        })
        .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().join("Downloads")))
        .unwrap_or_else(|| PathBuf::from("."));
    let app = app.with_downloads(downloads);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(e.to_string()))?;
    runtime.block_on(event_loop(app, store))
}

fn io_err(e: std::io::Error) -> Error {
    Error::Usage(e.to_string())
}

async fn event_loop(mut app: App, store: ProgressStore) -> Result<ExitStatus, Error> {
    let mut terminal = ratatui::try_init().map_err(io_err)?;
    let _ = crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
    let (tx, mut rx) = unbounded_channel::<Msg>();
    let saver = Saver::start(store.clone(), tx.clone());
    let mut runner = Runner {
        saver,
        tx: tx.clone(),
        lang: app.lang,
        home: store.home().to_path_buf(),
        watchers: Vec::new(),
    };
    for effect in app.start() {
        runner.run(effect);
    }
    if let Ok(size) = terminal.size() {
        app.update(Msg::Resize(size.width, size.height));
    }
    let mut events = EventStream::new();
    #[cfg(unix)]
    let (mut sigterm, mut sighup) = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::terminate()).map_err(io_err)?,
            signal(SignalKind::hangup()).map_err(io_err)?,
        )
    };
    let mut dirty = true;
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
        }
        if app.should_quit() {
            break Ok(ExitStatus::Ok);
        }
        #[cfg(unix)]
        let signalled = async {
            tokio::select! {
                _ = sigterm.recv() => (),
                _ = sighup.recv() => (),
            }
        };
        #[cfg(not(unix))]
        let signalled = std::future::pending::<()>();
        let msg = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Key(k))) => Some(Msg::Key(k)),
                Some(Ok(Event::Paste(s))) => Some(Msg::Paste(s)),
                Some(Ok(Event::Resize(w, h))) => Some(Msg::Resize(w, h)),
                Some(Ok(_)) => None,
                Some(Err(e)) => break Err(io_err(e)),
                None => break Ok(ExitStatus::Ok),
            },
            Some(msg) = rx.recv() => Some(msg),
            () = signalled => {
                // Terminated: keep what was typed, then leave cleanly.
                let _ = store.save(&mut app.progress.clone());
                break Ok(ExitStatus::Ok);
            }
        };
        let Some(msg) = msg else { continue };
        dirty = true;
        for effect in app.update(msg) {
            runner.run(effect);
        }
    };
    // The last save must land before the process ends.
    runner.saver.finish();
    let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

/// Saves progress on one background thread, in order, so an older state
/// never overwrites a newer one.
struct Saver {
    tx: std::sync::mpsc::Sender<Progress>,
    handle: std::thread::JoinHandle<()>,
}

impl Saver {
    fn start(store: ProgressStore, reply: UnboundedSender<Msg>) -> Saver {
        let (tx, rx) = std::sync::mpsc::channel::<Progress>();
        let handle = std::thread::spawn(move || {
            while let Ok(mut p) = rx.recv() {
                // Only the newest queued state matters.
                while let Ok(newer) = rx.try_recv() {
                    p = newer;
                }
                let r = store.save(&mut p).map_err(|e| e.to_string());
                let _ = reply.send(Msg::Saved(r));
            }
        });
        Saver { tx, handle }
    }

    fn save(&self, p: Progress) {
        let _ = self.tx.send(p);
    }

    fn finish(self) {
        drop(self.tx);
        let _ = self.handle.join();
    }
}

/// Runs effects off the UI thread; results come back as messages.
struct Runner {
    saver: Saver,
    tx: UnboundedSender<Msg>,
    lang: Lang,
    /// The data directory (the certificate store lives under it off Windows).
    home: PathBuf,
    /// Folder watchers stay alive as long as the wizard runs.
    watchers: Vec<notify::RecommendedWatcher>,
}

impl Runner {
    fn run(&mut self, effect: Effect) {
        let tx = self.tx.clone();
        let lang = self.lang;
        match effect {
            Effect::Save(p) => self.saver.save(*p),
            Effect::Quit => {}
            Effect::Copy { text, what } => {
                tokio::task::spawn_blocking(move || {
                    let r = arboard::Clipboard::new()
                        .and_then(|mut c| c.set_text(text))
                        .map(|()| what)
                        .map_err(|e| e.to_string());
                    let _ = tx.send(Msg::Copied(r));
                });
            }
            Effect::OpenBrowser(url) => {
                tokio::task::spawn_blocking(move || {
                    let _ = tx.send(Msg::BrowserOpened(open_url(&url)));
                });
            }
            Effect::ExportSheet {
                dir,
                stem,
                text,
                html,
            } => {
                tokio::task::spawn_blocking(move || {
                    let _ = tx.send(Msg::Exported(export_sheet(&dir, &stem, &text, &html)));
                });
            }
            Effect::LoadSecrets(profile) => {
                tokio::task::spawn_blocking(move || {
                    let r = SecretStore::new(&profile).load().map_err(|e| e.to_string());
                    let _ = tx.send(Msg::SecretsLoaded(r));
                });
            }
            Effect::SaveSecrets(profile, secrets) => {
                tokio::task::spawn_blocking(move || {
                    let r = SecretStore::new(&profile)
                        .save(&secrets)
                        .map_err(|e| e.to_string());
                    let _ = tx.send(Msg::SecretsSaved(r));
                });
            }
            Effect::NetCheck => {
                tokio::spawn(async move {
                    let r = crate::cert::net::check(&crate::cert::net::NetConfig::default()).await;
                    let _ = tx.send(Msg::NetChecked(r));
                });
            }
            Effect::WatchDownloads(dir) => self.watch(dir),
            Effect::VerifyAndKeep {
                path,
                password,
                keep_dir,
            } => {
                tokio::task::spawn_blocking(move || {
                    let r = verify_and_keep(&path, &password, &keep_dir, lang);
                    let _ = tx.send(Msg::FileVerified(Box::new(r)));
                });
            }
            Effect::ListDrives => {
                tokio::task::spawn_blocking(move || {
                    let _ = tx.send(Msg::Drives(crate::cert::backup::removable_drives()));
                });
            }
            Effect::ListDrivesAfter(pause) => {
                tokio::spawn(async move {
                    tokio::time::sleep(pause).await;
                    let drives = tokio::task::spawn_blocking(crate::cert::backup::removable_drives)
                        .await
                        .unwrap_or_default();
                    let _ = tx.send(Msg::Drives(drives));
                });
            }
            Effect::Install { pfx, password } => {
                let home = self.home.clone();
                tokio::task::spawn_blocking(move || {
                    let r = install_file(&home, &pfx, &password, lang);
                    let _ = tx.send(Msg::Installed(Box::new(r)));
                });
            }
            Effect::FindOld { current } => {
                let home = self.home.clone();
                tokio::task::spawn_blocking(move || {
                    let store = platform_store(&home);
                    let r = crate::cert::cleanup::find_old(
                        store.as_ref(),
                        current.as_deref(),
                        OffsetDateTime::now_utc(),
                    )
                    .map_err(|e| error_message(lang, &e));
                    let _ = tx.send(Msg::OldFound(r));
                });
            }
            Effect::Cleanup {
                old,
                quarantine,
                password,
            } => {
                let home = self.home.clone();
                tokio::task::spawn_blocking(move || {
                    let store = platform_store(&home);
                    let step = tx.clone();
                    let r = crate::cert::cleanup::cleanup(
                        store.as_ref(),
                        &old,
                        &quarantine,
                        &password,
                        |d, n| {
                            let _ = step.send(Msg::CleanupStep(d, n));
                        },
                    );
                    let out = CleanupOutcome {
                        quarantine: r.quarantine,
                        removed: r.removed,
                        failed: r.failed.map(|(t, e)| (t, error_message(lang, &e))),
                    };
                    let _ = tx.send(Msg::CleanedUp(Box::new(out)));
                });
            }
            Effect::WriteReport { progress, dir } => {
                tokio::task::spawn_blocking(move || {
                    let r = crate::report::write(
                        &progress,
                        lang,
                        OffsetDateTime::now_utc(),
                        &dir,
                        None,
                    )
                    .map_err(|e| error_message(lang, &e));
                    let _ = tx.send(Msg::ReportWritten(r));
                });
            }
            Effect::CheckHealth(progress) => {
                let home = self.home.clone();
                tokio::task::spawn_blocking(move || {
                    let h = check_health(&home, &progress, OffsetDateTime::now_utc());
                    let _ = tx.send(Msg::Health(Box::new(h)));
                });
            }
            Effect::Backup {
                src,
                dir,
                name,
                password,
            } => {
                tokio::task::spawn_blocking(move || {
                    let r = crate::cert::backup::backup_file(&src, &dir, &name, &password)
                        .map_err(|e| error_message(lang, &e));
                    let _ = tx.send(Msg::BackedUp(r));
                });
            }
        }
    }

    /// List the folder now and on every change (notify); if the folder
    /// cannot be watched, poll it every two seconds instead.
    fn watch(&mut self, dir: PathBuf) {
        use notify::Watcher;
        let _ = self
            .tx
            .send(Msg::Downloads(crate::wizard::download::list_pkcs12(&dir)));
        let tx = self.tx.clone();
        let d = dir.clone();
        let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            // Listing the folder opens it, which is itself an access event:
            // react to changes only, or the watcher would feed itself.
            if let Ok(ev) = res
                && !matches!(ev.kind, notify::EventKind::Access(_))
            {
                let _ = tx.send(Msg::Downloads(crate::wizard::download::list_pkcs12(&d)));
            }
        });
        if let Ok(mut w) = watcher
            && w.watch(&dir, notify::RecursiveMode::NonRecursive).is_ok()
        {
            self.watchers.push(w);
            return;
        }
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let mut last = Vec::new();
            loop {
                tokio::time::sleep(std::time::Duration::from_secs(2)).await;
                let now = crate::wizard::download::list_pkcs12(&dir);
                if now != last {
                    last = now.clone();
                    if tx.send(Msg::Downloads(now)).is_err() {
                        return;
                    }
                }
            }
        });
    }
}

/// Open the chosen file with the password and keep a verified copy in the
/// profile folder (`certificate.p12`), so later steps never depend on the
/// Downloads folder.
pub fn verify_and_keep(
    path: &Path,
    password: &crate::cert::Password,
    keep_dir: &Path,
    lang: Lang,
) -> Result<VerifiedFile, VerifyError> {
    let fail = |e: &Error| VerifyError {
        wrong_password: matches!(e, Error::WrongPassword),
        message: error_message(lang, e),
    };
    let bytes = zeroize::Zeroizing::new(
        fsutil::read_limited(path, crate::cert::pfx::MAX_PFX_SIZE).map_err(|e| fail(&e))?,
    );
    let bundle = crate::cert::pfx::open(&bytes, password).map_err(|e| fail(&e))?;
    let kept = keep_dir.join("certificate.p12");
    fsutil::write_atomic(&kept, &bytes).map_err(|e| fail(&e))?;
    Ok(VerifiedFile {
        problems: bundle.problems(OffsetDateTime::now_utc()),
        info: bundle.leaf.info.clone(),
        kept,
        sha256: crate::cert::pfx::sha256_hex(&bytes),
    })
}

/// Install the kept certificate file, or verify it when it is already in
/// the store.
pub fn install_file(
    home: &Path,
    pfx: &Path,
    password: &crate::cert::Password,
    lang: Lang,
) -> Result<InstallReport, VerifyError> {
    let fail = |e: &Error| VerifyError {
        wrong_password: matches!(e, Error::WrongPassword),
        message: error_message(lang, e),
    };
    let bytes = zeroize::Zeroizing::new(
        fsutil::read_limited(pfx, crate::cert::pfx::MAX_PFX_SIZE).map_err(|e| fail(&e))?,
    );
    let store = platform_store(home);
    crate::cert::install::install_or_verify(
        store.as_ref(),
        &bytes,
        password,
        &InstallOptions::default(),
    )
    .map_err(|e| fail(&e))
}

/// The health of a profile with the store listed and the backups read.
/// A store that cannot be read counts as "not checked".
pub fn check_health(home: &Path, p: &Progress, now: OffsetDateTime) -> Health {
    let store = platform_store(home);
    let listed = store.list(&[StoreName::My]).ok();
    let backups = crate::cert::health::check_backups(&p.backups);
    crate::cert::health::assess(p, listed.as_deref(), &backups, now)
}

/// Write a printable sheet (text and HTML) atomically.
pub fn export_sheet(
    dir: &Path,
    stem: &str,
    text: &str,
    html: &str,
) -> Result<Vec<PathBuf>, String> {
    let txt = dir.join(format!("{stem}.txt"));
    let htm = dir.join(format!("{stem}.html"));
    // A BOM lets Windows Notepad of older versions read the UTF-8 text.
    let mut body = "\u{feff}".to_string();
    body.push_str(&text.replace('\n', "\r\n"));
    fsutil::write_atomic(&txt, body.as_bytes()).map_err(|e| e.to_string())?;
    fsutil::write_atomic(&htm, html.as_bytes()).map_err(|e| e.to_string())?;
    Ok(vec![txt, htm])
}

/// Open a URL in the default browser (Edge on Windows).
pub fn open_url(url: &str) -> Result<(), String> {
    use std::process::{Command, Stdio};
    #[cfg(windows)]
    let mut cmd = {
        let mut c = Command::new("explorer.exe");
        c.arg(url);
        c
    };
    #[cfg(target_os = "macos")]
    let mut cmd = {
        let mut c = Command::new("open");
        c.arg(url);
        c
    };
    #[cfg(all(unix, not(target_os = "macos")))]
    let mut cmd = {
        if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
            return Err("no graphical display".into());
        }
        let mut c = Command::new("xdg-open");
        c.arg(url);
        c
    };
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| e.to_string())
}
