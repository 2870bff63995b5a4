//! 「画面 3-x」: Chapter 3. Who will own the certificate, the import
//! settings, install (or verify when it is already there), the checks, the
//! clean-up of old certificates (export first) and the completion report.

mod checks;
mod cleanup;
mod connect;
mod done;
mod from_backup;
mod options;
mod owner;
mod password;
mod screen;

use super::components::{Note, PasswordPair, Picker, TextInput, body_rect, fit};
use super::{Ctx, Effect, Nav, Reply};
use crate::cert::cleanup::{OldCert, OldReason, ProvenPassword};
use crate::cert::health::whole_days;
use crate::cert::install::Owner;
use crate::cert::password::Password;
use crate::cert::progress::{ChapterState, Progress};
use crate::cert::store::{InstallReport, StoreKind};
use crate::i18n::{Lang, t, tf};
use crate::ops::Outcome;
use crate::ops::cleanup::CleanedUp;
use crate::ops::install::Installed;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::path::PathBuf;

pub use crate::cert::position::InstallStep as Step;

/// What the password is wanted for when it had to be typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PwFor {
    Install,
    /// The password the clean-up's copies are protected with (proven
    /// against the clinic's certificate file next).
    Cleanup,
    /// No certificate file to prove it with: typed twice.
    CleanupTwice,
    /// Open the chosen backup file (reinstall), then go on to 3-1.
    Verify,
}

pub use super::machine::{Machine, RecordsAt};

#[derive(Debug, Clone)]
pub struct Model {
    pub step: Step,
    owner: Owner,
    machine_user: String,
    store_kind: StoreKind,
    password: Option<Password>,
    pw: TextInput,
    reveal: bool,
    pw_for: PwFor,
    busy: bool,
    report: Option<InstallReport>,
    /// 画面 3-6: the answer to 「つながりましたか」, and the highlighted one.
    connected: Option<bool>,
    connect_choice: bool,
    /// 画面 3-7: the old certificates (expired first, then the still valid
    /// ones), which are picked for removal, and the highlighted row.
    old: Option<Vec<OldCert>>,
    picked: Vec<bool>,
    old_sel: Picker,
    /// The password proven for the clean-up's copies, and the pair of
    /// fields it is typed into twice when there is no file to prove it.
    proven: Option<ProvenPassword>,
    pair: PasswordPair,
    confirming: bool,
    /// 「期限切れですが取り込みますか」 is showing.
    confirm_expired: bool,
    /// The person said yes to installing an expired certificate.
    expired_ok: bool,
    progress: Option<(usize, usize)>,
    cleaned: Option<CleanedUp>,
    skipped: bool,
    report_paths: Option<Outcome<Vec<PathBuf>>>,
    /// Editing the OQS account name (画面 3-1, F6).
    account: Option<TextInput>,
    /// 3-3: the roots' names and thumbprints shown (F3, for the vendor).
    root_detail: bool,
    pub error: Option<Note>,
    /// The automatic import failed (not for a wrong password): the screen
    /// points to the help page's manual steps, with the file's place.
    pub(super) manual_hint: bool,
    /// The clock against the certificate site's, checked on 画面 3-3
    /// before the install (said when it is off).
    clock: crate::cert::net::Clock,
    /// 画面 3-2: certificate files found on the removable drives, the
    /// highlighted one (== len: the typed path), the typed path, the file
    /// being opened.
    backups: Vec<PathBuf>,
    backup_sel: Picker,
    backup_path: TextInput,
    backup_file: Option<PathBuf>,
}

impl Model {
    pub fn resume(p: &Progress, step: Option<Step>, machine: &Machine) -> Self {
        let installed = p.install.is_some();
        let step = match step {
            // The password is never kept on screen: ask again from 3-3.
            Some(Step::Options | Step::Password) => Step::Options,
            Some(s @ (Step::Checks | Step::Connect | Step::Cleanup | Step::Done)) if installed => s,
            Some(Step::Owner) => Step::Owner,
            Some(Step::FromBackup) => Step::FromBackup,
            _ if p.chapters.install == ChapterState::Done => Step::Done,
            _ => Step::Owner,
        };
        let mut owner = crate::cert::install::owner(&p.institution.oqs_account);
        owner.current_user = machine.current_user.clone();
        Model {
            step,
            owner,
            machine_user: machine.current_user.clone(),
            store_kind: machine.store_kind,
            password: None,
            pw: TextInput::default(),
            reveal: false,
            pw_for: PwFor::Install,
            busy: false,
            report: None,
            connected: None,
            connect_choice: true,
            old: None,
            picked: Vec::new(),
            old_sel: Picker::default(),
            proven: None,
            pair: PasswordPair::default(),
            confirming: false,
            confirm_expired: false,
            expired_ok: false,
            progress: None,
            cleaned: None,
            skipped: false,
            report_paths: None,
            account: None,
            root_detail: false,
            error: None,
            manual_hint: false,
            clock: crate::cert::net::Clock::Unknown,
            backups: Vec::new(),
            backup_sel: Picker::default(),
            backup_path: TextInput::default(),
            backup_file: None,
        }
    }

    fn step_effects(&self, p: &Progress, ctx: &Ctx<'_>) -> Vec<Effect> {
        match self.step {
            Step::FromBackup => vec![Effect::ListBackups],
            // The clock, before the install: the validity check and the
            // connection check after it both depend on it.
            Step::Options => vec![Effect::NetCheck],
            Step::Cleanup => vec![Effect::FindOld {
                progress: Box::new(p.clone()),
                now: ctx.now,
            }],
            Step::Done => vec![Effect::WriteReport {
                progress: Box::new(p.clone()),
                dir: ctx.profile_dir.clone(),
                now: ctx.now,
            }],
            _ => Vec::new(),
        }
    }

    /// Keys while the OQS account name is being edited.
    fn edit_account(&mut self, key: KeyEvent, p: &mut Progress, reply: &mut Reply) {
        let Some(a) = &mut self.account else { return };
        match key.code {
            KeyCode::Esc => self.account = None,
            KeyCode::Enter => {
                let typed = a.value().trim().to_string();
                p.institution.oqs_account = typed.clone();
                self.owner = crate::cert::install::owner(&typed);
                self.owner.current_user = self.machine_user.clone();
                self.account = None;
                reply.save = true;
            }
            code => {
                a.edit(code);
            }
        }
    }

    fn goto(&mut self, s: Step, p: &Progress, ctx: &Ctx<'_>, reply: &mut Reply) {
        self.step = s;
        self.error = None;
        self.manual_hint = false;
        self.confirming = false;
        reply.save = true;
        reply.effects.extend(self.step_effects(p, ctx));
    }

    // Results of background work (the app has recorded them already).

    fn on_installed(
        &mut self,
        r: &Outcome<Installed>,
        p: &mut Progress,
        ctx: &Ctx<'_>,
        reply: &mut Reply,
    ) {
        self.busy = false;
        match r {
            Ok(i) => {
                self.report = Some(i.report.clone());
                self.manual_hint = false;
                self.goto(Step::Checks, p, ctx, reply);
            }
            Err(e) if e.is_wrong_password() => {
                self.password = None;
                self.pw_for = PwFor::Install;
                self.goto(Step::Password, p, ctx, reply);
                self.error = Some(e.clone().into());
            }
            Err(e) => {
                self.error = Some(e.clone().into());
                self.manual_hint = true;
            }
        }
    }

    fn on_old_found(&mut self, r: &Outcome<Vec<OldCert>>) {
        self.busy = false;
        match r {
            Ok(v) => self.set_old(v.clone()),
            Err(e) => {
                self.set_old(Vec::new());
                self.error = Some(e.clone().into());
            }
        }
    }

    /// The list in its order (expired first, then the still valid ones),
    /// the expired ones picked; one whose key cannot be exported is never
    /// picked (removing it would destroy the key).
    fn set_old(&mut self, mut v: Vec<OldCert>) {
        v.sort_by_key(|o| (o.still_valid(), o.cert.info.not_after));
        self.picked = v
            .iter()
            .map(|o| !o.still_valid() && o.key_plan() != crate::cert::cleanup::KeyPlan::Keep)
            .collect();
        self.old_sel.clamp(v.len());
        self.old = Some(v);
    }

    /// The old certificates picked for removal.
    fn chosen(&self) -> Vec<OldCert> {
        self.old
            .iter()
            .flatten()
            .zip(&self.picked)
            .filter(|(_, picked)| **picked)
            .map(|(o, _)| o.clone())
            .collect()
    }

    /// Prove the password against the clinic's certificate files before
    /// it protects any copy.
    fn start_prove(&mut self, p: &Progress, reply: &mut Reply) {
        let Some(pw) = &self.password else { return };
        self.busy = true;
        self.error = None;
        reply.effects.push(Effect::ProvePassword {
            progress: Box::new(p.clone()),
            password: pw.clone(),
        });
    }

    fn on_proven(
        &mut self,
        r: &Outcome<ProvenPassword>,
        p: &mut Progress,
        ctx: &Ctx<'_>,
        reply: &mut Reply,
    ) {
        self.busy = false;
        match r {
            Ok(proven) => {
                self.proven = Some(proven.clone());
                self.step = Step::Cleanup;
                self.confirming = true;
            }
            Err(e) if matches!(e.error(), crate::cert::Error::NoFileToProve) => {
                self.pair = PasswordPair::default();
                self.pw_for = PwFor::CleanupTwice;
                self.goto(Step::Password, p, ctx, reply);
                self.error = Some(e.clone().into());
            }
            Err(e) => {
                self.password = None;
                self.pw_for = PwFor::Cleanup;
                self.goto(Step::Password, p, ctx, reply);
                self.error = Some(e.clone().into());
            }
        }
    }

    fn on_cleaned(&mut self, r: &CleanedUp, lang: Lang) {
        self.busy = false;
        if let Some((thumb, e)) = &r.failed {
            self.error = Some(Note::Text(tf(
                lang,
                "install.remove_failed",
                &[("thumbprint", thumb), ("detail", &e.message(lang))],
            )));
        }
        self.progress = None;
        self.proven = None;
        // What is left to do: the ones neither removed nor kept on purpose.
        if let Some(old) = self.old.take() {
            let gone = |o: &OldCert| {
                let t = &o.cert.info.sha1_thumbprint;
                r.removed.iter().any(|x| &x.sha1_thumbprint == t)
                    || r.kept.iter().any(|x| &x.sha1_thumbprint == t)
            };
            let left: Vec<OldCert> = old.into_iter().filter(|o| !gone(o)).collect();
            // The still valid ones stay unpicked; a failed one stays picked.
            self.set_old(left);
        }
        self.cleaned = Some(r.clone());
    }

    fn start_install(&mut self, p: &Progress, ctx: &Ctx<'_>, reply: &mut Reply) {
        let (Some(cert), Some(pw)) = (&p.certificate, &self.password) else {
            return;
        };
        // An expired file is installed only when the person says so.
        if cert.not_after <= ctx.now && !self.expired_ok {
            self.confirm_expired = true;
            return;
        }
        self.busy = true;
        self.error = None;
        reply.effects.push(Effect::Install {
            pfx: cert.path.clone(),
            password: pw.clone(),
            user: self.machine_user.clone(),
            allow_expired: self.expired_ok,
            now: ctx.now,
        });
    }

    /// Remove the picked ones, under the proven password.
    fn start_cleanup(&mut self, p: &Progress, ctx: &Ctx<'_>, reply: &mut Reply) {
        let Some(proven) = &self.proven else { return };
        let old = self.chosen();
        if old.is_empty() {
            return;
        }
        self.busy = true;
        self.confirming = false;
        self.error = None;
        self.progress = Some((0, old.len()));
        reply.effects.push(Effect::Cleanup {
            old,
            profile: p.profile.clone(),
            password: proven.clone(),
            now: ctx.now,
        });
    }

    fn finish(&mut self, p: &mut Progress, ctx: &Ctx<'_>, reply: &mut Reply) {
        p.chapters.install = ChapterState::Done;
        self.report_paths = None;
        self.goto(Step::Done, p, ctx, reply);
    }
}

/// The password typed twice (clean-up without a file to prove it): the
/// label's cells and the field's, on body rows 1 and 2.
const PAIR_LABEL_CELLS: usize = 26;
const PAIR_FIELD_CELLS: u16 = 12;

/// The OQS account field: the last row of the body, under everything.
fn account_rect(body: Rect) -> Rect {
    Rect {
        x: body.x + 30,
        y: body.y + body.height.saturating_sub(1),
        width: body.width.saturating_sub(32),
        height: 1,
    }
}

/// The password field: a fixed row under the intro, so wrapped text above
/// cannot move it.
fn input_rect(body: Rect) -> Rect {
    Rect {
        x: body.x + 30,
        y: body.y + 4,
        width: body.width.saturating_sub(32),
        height: 1,
    }
}

/// A label and its value on one row.
fn row(label: &str, value: String) -> Line<'static> {
    Line::from(format!("  {}  {}", fit(label, 28), value))
}
