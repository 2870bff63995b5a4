//! Quitting and the results of background work: a result is recorded in
//! the progress first (whichever screen shows), then handed to the screen;
//! quitting waits for work whose result must be recorded.

use super::msg::{Effect, Msg};
use super::{App, Ctx, MsgKind, Overlay, Status, StatusKind, view};
use crate::i18n::tf;

impl App {
    /// Count the recorded work that starts.
    pub(super) fn track(&mut self, fx: Vec<Effect>) -> Vec<Effect> {
        self.pending += fx.iter().filter(|e| e.starts_recorded_work()).count();
        self.pending_installs += fx
            .iter()
            .filter(|e| matches!(e, Effect::Install { .. }))
            .count();
        fx
    }

    /// Only an import runs, which may wait on a Windows dialog.
    pub fn only_imports_pending(&self) -> bool {
        self.pending > 0 && self.pending == self.pending_installs
    }

    /// Leave now, or once the recorded work has ended. Asked a second time
    /// while only an import runs (its Windows dialog may be hidden and
    /// never answered), leave without waiting: nothing was written yet
    /// that would go unrecorded.
    pub(super) fn request_quit(&mut self) -> Vec<Effect> {
        let again = self.overlay == Some(Overlay::Waiting);
        if self.pending > 0 && !(again && self.only_imports_pending()) {
            self.overlay = Some(Overlay::Waiting);
            // Work that can stop part-way (opening a file) stops now,
            // writing nothing; the rest is waited for.
            return vec![Effect::CancelWork];
        }
        self.quit = true;
        self.overlay = None;
        let save = self.save_effect();
        vec![save, Effect::Quit]
    }

    /// The pure state transition.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let fx = self.route(msg);
        self.track(fx)
    }

    pub(super) fn route(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) => self.on_key(key),
            Msg::Resize(w, h) => {
                self.size = (w, h);
                Vec::new()
            }
            Msg::Terminate => self.request_quit(),
            // The new `now` is all it brings: the next frame uses it.
            Msg::Wake => Vec::new(),
            Msg::Paste(text) => {
                self.screen.chapter_mut().paste(&text);
                Vec::new()
            }
            Msg::Saved(Err(e)) => {
                self.status = Some(Status::new(
                    StatusKind::Error,
                    tf(
                        self.lang,
                        "wizard.saved_error",
                        &[("detail", &e.message(self.lang))],
                    ),
                ));
                Vec::new()
            }
            Msg::Saved(Ok(())) => Vec::new(),
            Msg::ProfileSwitched(Ok(s)) => {
                let mut out = self.switched(*s);
                out.extend(self.work_ended(false));
                out
            }
            other => self.on_result(other),
        }
    }

    /// A task's result: recorded first, whichever screen shows; then the
    /// screen (and the status line) hear of it.
    fn on_result(&mut self, msg: Msg) -> Vec<Effect> {
        let ends = msg.ends_recorded_work();
        let msg_kind = if matches!(msg, Msg::Installed(_)) {
            MsgKind::Installed
        } else {
            MsgKind::Other
        };
        let recorded = self.record(&msg);
        if let Some(s) = view::result_status(self.lang, &msg) {
            self.status = Some(s);
        }
        let ctx = Ctx {
            lang: self.lang,
            theme: &self.theme,
            now: self.now,
            profile_dir: &self.profile_dir,
            machine: &self.machine,
        };
        let mut reply = self
            .screen
            .chapter_mut()
            .on_result(&msg, &mut self.progress, &ctx);
        reply.save |= recorded;
        let mut out = self.apply_reply(reply);
        if ends {
            out.extend(self.work_ended(matches!(msg_kind, MsgKind::Installed)));
        }
        out
    }

    /// One piece of recorded work has ended: counted off, and a quit that
    /// was waiting for it goes ahead once nothing is left.
    fn work_ended(&mut self, install: bool) -> Vec<Effect> {
        self.pending = self.pending.saturating_sub(1);
        if install {
            self.pending_installs = self.pending_installs.saturating_sub(1);
        }
        if self.overlay == Some(Overlay::Waiting) && self.pending == 0 {
            self.request_quit()
        } else {
            Vec::new()
        }
    }

    /// Another profile is open: its progress and folder, from its home
    /// screen.
    fn switched(&mut self, s: super::msg::Switched) -> Vec<Effect> {
        let name = s.progress.profile.clone();
        self.progress = s.progress;
        self.profile_dir = s.profile_dir;
        self.screen = super::Screen::Home(super::home::Model::new(&self.progress));
        let key = if s.renamed {
            "profiles.renamed_open"
        } else {
            "profiles.switched"
        };
        self.status = Some(match s.notice {
            Some(n) => Status::new(StatusKind::Warn, n),
            None => Status::new(StatusKind::Ok, tf(self.lang, key, &[("name", &name)])),
        });
        self.screen.chapter().on_enter(&self.progress, &self.ctx())
    }

    /// Put what a task did into the progress (the records are built in
    /// `ops`). True when something was recorded.
    fn record(&mut self, msg: &Msg) -> bool {
        let p = &mut self.progress;
        match msg {
            Msg::FileVerified(r) => r.as_ref().as_ref().map(|v| v.record(p)).is_ok(),
            Msg::BackedUp(Ok(b)) => {
                b.record(p);
                true
            }
            Msg::Installed(r) => r
                .as_ref()
                .as_ref()
                .is_ok_and(|i| i.record(p) == crate::ops::install::Recorded::Current),
            Msg::CleanedUp(c) => {
                c.record(p);
                !c.removed.is_empty()
            }
            _ => false,
        }
    }
}
