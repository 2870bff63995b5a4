//! Runs each `Effect` off the UI thread by calling the use case in `ops`,
//! and sends the result back as a `Msg`.

use super::saver::Saver;
use super::system::{open_in_edge, open_url};
use crate::cert::lock::ProfileLock;
use crate::cert::progress::ProgressStore;
use crate::cert::secret::SecretStore;
use crate::cert::store::platform_store;
use crate::i18n::Lang;
use crate::ops::files::list_pkcs12;
use crate::ops::profiles;
use crate::ops::{self, Failure};
use crate::wizard::msg::{ProfileChange, Switched};
use crate::wizard::{Effect, Msg};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::mpsc::UnboundedSender;

pub struct Runner {
    pub saver: Saver,
    pub tx: UnboundedSender<Msg>,
    pub lang: Lang,
    /// The data directory (the certificate store lives under it off Windows).
    pub home: PathBuf,
    /// Where clean-up exports go (`cert::home::quarantine_root`): the home,
    /// or this PC's data folder when the home is on a stick.
    pub quarantine_home: PathBuf,
    /// Folder watchers stay alive as long as the wizard runs.
    pub watchers: Vec<notify::RecommendedWatcher>,
    /// The open profile's lock: held until the wizard ends, traded when
    /// the picker opens another profile.
    pub lock: HeldLock,
    /// The data folder and why it is there (the self-test says so).
    pub located: crate::cert::home::Home,
    /// Set by `Effect::CancelWork` (quitting): work that can stop part-way
    /// (opening a file) stops at its next check.
    pub cancel: Arc<std::sync::atomic::AtomicBool>,
}

pub type HeldLock = Arc<Mutex<Option<ProfileLock>>>;

/// Run blocking work on tokio's blocking pool and send its message.
fn blocking(tx: &UnboundedSender<Msg>, f: impl FnOnce() -> Msg + Send + 'static) {
    let tx = tx.clone();
    tokio::task::spawn_blocking(move || {
        let _ = tx.send(f());
    });
}

impl Runner {
    pub fn run(&mut self, effect: Effect) {
        let tx = &self.tx;
        let home = self.home.clone();
        let lang = self.lang;
        match effect {
            Effect::Save(p) => self.saver.save(*p),
            Effect::Quit => {}
            Effect::Copy { text, what } => blocking(tx, move || {
                let r = arboard::Clipboard::new()
                    .and_then(|mut c| super::system::set_clipboard(&mut c, text.as_str()))
                    .map(|()| what)
                    .map_err(|e| e.to_string());
                Msg::Copied(r)
            }),
            Effect::OpenBrowser(url) => blocking(tx, move || {
                Msg::BrowserOpened(open_url(&url, lang).map(|()| None))
            }),
            Effect::OpenInEdge(url) => {
                blocking(tx, move || Msg::BrowserOpened(open_in_edge(&url, lang)))
            }
            Effect::ExportSheet {
                dir,
                stem,
                text,
                html,
            } => blocking(tx, move || {
                Msg::Exported(
                    ops::sheet::export_sheet(&dir, &stem, &text, &html).map_err(Failure::from),
                )
            }),
            Effect::LoadSecrets(profile) => blocking(tx, move || {
                let r = SecretStore::new(&home, &profile).and_then(|s| s.load());
                Msg::SecretsLoaded(r.map_err(Failure::from))
            }),
            Effect::SaveSecrets(profile, secrets) => blocking(tx, move || {
                let r = SecretStore::new(&home, &profile).and_then(|s| s.save(&secrets));
                Msg::SecretsSaved(r.map_err(Failure::from))
            }),
            Effect::NetCheck => {
                let tx = tx.clone();
                tokio::spawn(async move {
                    let r = ops::net::net_check(&ops::net::wizard_config()).await;
                    let _ = tx.send(Msg::NetChecked(r));
                });
            }
            Effect::WatchDownloads(dir) => self.watch(dir),
            Effect::VerifyAndKeep {
                path,
                password,
                keep_dir,
                current,
                now,
            } => {
                // Quitting sets the flag: the open stops before its next
                // key derivation, and nothing is written.
                let cancel = Arc::clone(&self.cancel);
                cancel.store(false, std::sync::atomic::Ordering::Relaxed);
                blocking(tx, move || {
                    let r = ops::verify::verify_and_keep(
                        &path,
                        &password,
                        &keep_dir,
                        current.as_deref(),
                        now,
                        Some(&cancel),
                    );
                    Msg::FileVerified(Box::new(r.map_err(Failure::from)))
                })
            }
            Effect::CancelWork => self
                .cancel
                .store(true, std::sync::atomic::Ordering::Relaxed),
            Effect::ListDrives => {
                blocking(tx, || Msg::Drives(crate::cert::backup::backup_targets()))
            }
            Effect::WakeAfter(after) => {
                let tx = tx.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(after).await;
                    let _ = tx.send(Msg::Wake);
                });
            }
            Effect::ListCertificates => blocking(tx, move || {
                let store = platform_store(&home);
                let r = ops::health::client_certificates(store.as_ref());
                Msg::Certificates(r.map_err(Failure::from))
            }),
            Effect::ListBackups => blocking(tx, || Msg::BackupFiles(ops::files::find_backups())),
            Effect::CompletePath(typed) => blocking(tx, move || {
                let completed = ops::files::complete_path(&typed);
                Msg::PathCompleted { typed, completed }
            }),
            Effect::ListDrivesAfter(pause) => {
                let tx = tx.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(pause).await;
                    let drives = tokio::task::spawn_blocking(crate::cert::backup::backup_targets)
                        .await
                        .unwrap_or_default();
                    let _ = tx.send(Msg::Drives(drives));
                });
            }
            Effect::Backup {
                src,
                dir,
                name,
                password,
                now,
            } => blocking(tx, move || {
                let r = ops::backup::backup_kept_copy(&src, &dir, &name, &password, now);
                Msg::BackedUp(r.map_err(Failure::from))
            }),
            Effect::Install {
                pfx,
                password,
                user,
                allow_expired,
                now,
            } => blocking(tx, move || {
                let store = platform_store(&home);
                let r = ops::install::read_file(&pfx).and_then(|bytes| {
                    let req = ops::install::Request {
                        bytes: &bytes,
                        file: &pfx,
                        password: &password,
                        allow_expired,
                        // 画面 3-3 said which root Windows will ask about,
                        // and that oqscert does not know it.
                        trust_new_root: true,
                    };
                    ops::install::install_and_record(store.as_ref(), &req, &user, now)
                });
                Msg::Installed(Box::new(r.map_err(Failure::from)))
            }),
            Effect::FindOld { progress, now } => blocking(tx, move || {
                let store = platform_store(&home);
                let r = ops::cleanup::find_old(store.as_ref(), &progress, now);
                Msg::OldFound(r.map_err(Failure::from))
            }),
            Effect::Cleanup {
                old,
                profile,
                password,
                now,
            } => {
                let step = tx.clone();
                let quarantine =
                    ops::cleanup::quarantine_profile_dir(&self.quarantine_home, &profile);
                blocking(tx, move || {
                    let profile_dir = match quarantine {
                        Ok(d) => d,
                        Err(e) => {
                            return Msg::CleanedUp(Box::new(
                                ops::cleanup::CleanedUp::failed_before(e, now),
                            ));
                        }
                    };
                    let store = platform_store(&home);
                    let r = ops::cleanup::cleanup_and_record(
                        store.as_ref(),
                        &old,
                        &profile_dir,
                        &password,
                        now,
                        |d, n| {
                            let _ = step.send(Msg::CleanupStep(d, n));
                        },
                    );
                    Msg::CleanedUp(Box::new(r))
                })
            }
            Effect::ProvePassword { progress, password } => blocking(tx, move || {
                Msg::PasswordProven(
                    ops::cleanup::prove_password(&progress, &password).map_err(Failure::from),
                )
            }),
            Effect::WriteReport { progress, dir, now } => blocking(tx, move || {
                let r =
                    ops::report::write_report(&progress, lang, now, ops::report::Target::Dir(&dir));
                Msg::ReportWritten(r.map_err(Failure::from))
            }),
            Effect::Selftest { now, console } => {
                let tx = tx.clone();
                let located = self.located.clone();
                tokio::spawn(async move {
                    let net = ops::net::net_check(&ops::net::wizard_config()).await;
                    let report = tokio::task::spawn_blocking(move || {
                        let store = platform_store(&located.path);
                        ops::selftest::run(&ops::selftest::Inputs {
                            store: store.as_ref(),
                            home: &located,
                            net: &net,
                            console: &console,
                            vault_account: ops::selftest::vault_account(),
                            downloads: ops::files::downloads_dir(),
                            now,
                        })
                    })
                    .await;
                    if let Ok(r) = report {
                        let _ = tx.send(Msg::Selftest(Box::new(r)));
                    }
                });
            }
            Effect::CheckHealth { progress, now } => blocking(tx, move || {
                let store = platform_store(&home);
                let h = ops::health::assess_health(store.as_ref(), &progress, now);
                Msg::Health(Box::new(h))
            }),
            Effect::ListProfiles => blocking(tx, move || {
                Msg::Profiles(profiles::list(&ProgressStore::new(&home)))
            }),
            Effect::CreateProfile(name) => blocking(tx, move || {
                let r = profiles::create(&ProgressStore::new(&home), &name);
                Msg::ProfileChanged(
                    r.map(|()| ProfileChange::Created(name))
                        .map_err(Failure::from),
                )
            }),
            Effect::RenameProfile { from, to } => blocking(tx, move || {
                let r = profiles::rename(&ProgressStore::new(&home), &from, &to);
                Msg::ProfileChanged(
                    r.map(|r| ProfileChange::Renamed {
                        to,
                        secrets_moved: r.secrets_moved,
                    })
                    .map_err(Failure::from),
                )
            }),
            Effect::DeleteProfile { name, now } => blocking(tx, move || {
                let r = profiles::delete(&ProgressStore::new(&home), &name, now);
                Msg::ProfileChanged(
                    r.map(|to| ProfileChange::Deleted { name, to })
                        .map_err(Failure::from),
                )
            }),
            Effect::ForgetSecrets(name) => blocking(tx, move || {
                let r = profiles::forget_secrets(&ProgressStore::new(&home), &name);
                Msg::ProfileChanged(
                    r.map(|found| ProfileChange::SecretsForgotten { name, found })
                        .map_err(Failure::from),
                )
            }),
            Effect::SwitchProfile { to, rename_from } => {
                // Every state queued so far lands before the lock goes.
                let saved = self.saver.waiter();
                let lock = Arc::clone(&self.lock);
                blocking(tx, move || {
                    saved.wait(std::time::Duration::from_secs(5));
                    let r = switch(&home, &lock, &to, rename_from.as_deref(), lang);
                    Msg::ProfileSwitched(r.map(Box::new).map_err(Failure::from))
                })
            }
        }
    }

    /// List the folder now and on every change (notify); if the folder
    /// cannot be watched, poll it every two seconds instead.
    fn watch(&mut self, dir: PathBuf) {
        use notify::Watcher;
        let _ = self.tx.send(Msg::Downloads(list_pkcs12(&dir)));
        let tx = self.tx.clone();
        let d = dir.clone();
        let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            // Listing the folder opens it, which is itself an access event:
            // react to changes only, or the watcher would feed itself.
            if let Ok(ev) = res
                && !matches!(ev.kind, notify::EventKind::Access(_))
            {
                let _ = tx.send(Msg::Downloads(list_pkcs12(&d)));
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
                let now = list_pkcs12(&dir);
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

/// Open profile `to` in place of the open one (whose lock is in `held`):
/// `ops::profiles::switch`, its notice put into words.
fn switch(
    home: &std::path::Path,
    held: &HeldLock,
    to: &str,
    rename_from: Option<&str>,
    lang: Lang,
) -> crate::cert::error::Result<Switched> {
    let store = ProgressStore::new(home);
    let mut held = held.lock().unwrap_or_else(PoisonError::into_inner);
    let o = profiles::switch(&store, &mut held, to, rename_from)?;
    Ok(Switched {
        progress: o.progress,
        profile_dir: o.profile_dir,
        notice: o.notice.map(|e| crate::i18n::error_message(lang, &e)),
        renamed: rename_from.is_some(),
    })
}
