//! 「画面 3-x」: Chapter 3. Who will own the certificate, the import
//! settings, install (or verify when it is already there), the checks, the
//! clean-up of old certificates (export first) and the completion report.

use super::download::VerifyError;
use super::widgets::{TextInput, body_rect, fit};
use super::{Ctx, Effect, Nav, Reply};
use crate::cert::cleanup::{OldCert, OldReason, Removed, quarantine_dir};
use crate::cert::health::whole_days;
use crate::cert::install::{Check, Owner};
use crate::cert::password::Password;
use crate::cert::progress::{ChapterState, InstallRecord, Progress};
use crate::cert::secret::Secrets;
use crate::cert::store::{InstallReport, StoreKind};
use crate::i18n::{Lang, check_keys, jst, t, tf};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Owner,
    Options,
    Password,
    Checks,
    Cleanup,
    Done,
}

const STEPS: [Step; 6] = [
    Step::Owner,
    Step::Options,
    Step::Password,
    Step::Checks,
    Step::Cleanup,
    Step::Done,
];

/// What the password is wanted for when it had to be typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PwFor {
    Install,
    Cleanup,
}

/// The clean-up's result as the screen needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanupOutcome {
    pub quarantine: PathBuf,
    pub removed: Vec<Removed>,
    /// (thumbprint, message) of the one that stopped the clean-up.
    pub failed: Option<(String, String)>,
}

/// The facts about this machine the chapter shows (injected, so tests and
/// snapshots do not depend on who runs them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    pub current_user: String,
    pub store_kind: StoreKind,
}

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
    old: Option<Vec<OldCert>>,
    confirming: bool,
    progress: Option<(usize, usize)>,
    cleaned: Option<CleanupOutcome>,
    skipped: bool,
    report_paths: Option<Result<Vec<PathBuf>, String>>,
    /// Editing the OQS account name (画面 3-1, F6).
    account: Option<TextInput>,
    pub error: Option<String>,
}

impl Model {
    pub fn resume(p: &Progress, step_id: &str, machine: &Machine) -> Self {
        let installed = p.install.is_some();
        let step = match step_id {
            "options" | "password" => Step::Options,
            "checks" if installed => Step::Checks,
            "cleanup" if installed => Step::Cleanup,
            "done" if installed => Step::Done,
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
            old: None,
            confirming: false,
            progress: None,
            cleaned: None,
            skipped: false,
            report_paths: None,
            account: None,
            error: None,
        }
    }

    /// Work to start when the chapter opens (or is resumed).
    pub fn on_enter(&self, p: &Progress, profile_dir: &std::path::Path) -> Vec<Effect> {
        let mut out = vec![Effect::LoadSecrets(p.profile.clone())];
        out.extend(self.step_effects(p, profile_dir));
        out
    }

    fn step_effects(&self, p: &Progress, profile_dir: &std::path::Path) -> Vec<Effect> {
        match self.step {
            Step::Cleanup => vec![Effect::FindOld {
                current: p.install.as_ref().map(|i| i.sha1_thumbprint.clone()),
            }],
            Step::Done => vec![Effect::WriteReport {
                progress: Box::new(p.clone()),
                dir: profile_dir.to_path_buf(),
            }],
            _ => Vec::new(),
        }
    }

    pub fn step_id(&self) -> String {
        match self.step {
            Step::Owner => "owner",
            Step::Options => "options",
            Step::Password => "password",
            Step::Checks => "checks",
            Step::Cleanup => "cleanup",
            Step::Done => "done",
        }
        .into()
    }

    pub fn code(&self, lang: Lang) -> String {
        let n = STEPS.iter().position(|x| *x == self.step).unwrap_or(0) + 1;
        super::screen_code(lang, &format!("3-{n}"))
    }

    pub fn title(&self, lang: Lang) -> String {
        t(
            lang,
            match self.step {
                Step::Owner => "install.owner_title",
                Step::Options => "install.options_title",
                Step::Password => "install.pw_title",
                Step::Checks => "install.checks_title",
                Step::Cleanup => "install.cleanup_title",
                Step::Done => "install.done_title",
            },
        )
        .to_string()
    }

    pub fn help_key(&self) -> &'static str {
        match self.step {
            Step::Owner => "install.help_owner",
            Step::Options | Step::Password => "install.help_options",
            Step::Checks => "install.help_checks",
            Step::Cleanup => "install.help_cleanup",
            Step::Done => "install.help_done",
        }
    }

    pub fn is_editing(&self) -> bool {
        self.step == Step::Password || self.account.is_some()
    }

    pub fn footer_keys(&self, lang: Lang) -> Vec<(&'static str, &'static str)> {
        match self.step {
            Step::Owner => vec![("F6", t(lang, "install.key_account"))],
            Step::Password => vec![("F2", t(lang, "install.key_reveal"))],
            Step::Checks => vec![("F5", t(lang, "install.key_reverify"))],
            Step::Cleanup => vec![("F9", t(lang, "install.key_skip"))],
            Step::Done => vec![("F4", t(lang, "install.key_open_report"))],
            _ => Vec::new(),
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(a) = &mut self.account {
            a.insert_str(text);
        } else if self.step == Step::Password {
            self.pw.insert_str(text);
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
        self.confirming = false;
        reply.save = true;
        reply.effects.extend(self.step_effects(p, ctx.profile_dir));
    }

    // Messages from background work.

    pub fn on_secrets_loaded(&mut self, s: Option<Secrets>) {
        if let Some(s) = s {
            self.password = Some(s.password);
        }
    }

    pub fn on_installed(
        &mut self,
        r: Result<InstallReport, VerifyError>,
        p: &mut Progress,
        ctx: &Ctx<'_>,
        reply: &mut Reply,
    ) {
        self.busy = false;
        match r {
            Ok(rep) => {
                let ok = rep.verification.all_ok();
                p.install = Some(InstallRecord {
                    sha1_thumbprint: rep.leaf.sha1_thumbprint.clone(),
                    store: match self.store_kind {
                        StoreKind::WindowsCurrentUser => "CurrentUser\\MY".into(),
                        StoreKind::Folder => "folder".into(),
                    },
                    user: self.owner.current_user.clone(),
                    at: ctx.now,
                    verification: Some(rep.verification.clone()),
                    already_installed: rep.already_installed,
                });
                p.chapters.install = if ok {
                    ChapterState::InProgress
                } else {
                    ChapterState::NeedsAttention
                };
                self.report = Some(rep);
                self.goto(Step::Checks, p, ctx, reply);
            }
            Err(e) if e.wrong_password => {
                self.password = None;
                self.pw_for = PwFor::Install;
                self.goto(Step::Password, p, ctx, reply);
                self.error = Some(e.message);
            }
            Err(e) => self.error = Some(e.message),
        }
    }

    pub fn on_old_found(&mut self, r: Result<Vec<OldCert>, String>) {
        self.busy = false;
        match r {
            Ok(v) => self.old = Some(v),
            Err(e) => {
                self.old = Some(Vec::new());
                self.error = Some(e);
            }
        }
    }

    pub fn on_cleanup_step(&mut self, done: usize, total: usize) {
        self.progress = Some((done, total));
    }

    pub fn on_cleaned(&mut self, r: CleanupOutcome, p: &mut Progress, ctx: &Ctx<'_>) {
        self.busy = false;
        self.progress = None;
        p.removed
            .extend(r.removed.iter().map(|rm| rm.record(ctx.now)));
        // What is left: the ones not removed.
        if let Some(old) = &mut self.old {
            old.retain(|o| {
                !r.removed
                    .iter()
                    .any(|x| x.sha1_thumbprint == o.cert.info.sha1_thumbprint)
            });
        }
        if let Some((thumb, detail)) = &r.failed {
            self.error = Some(tf(
                ctx.lang,
                "install.remove_failed",
                &[("thumbprint", thumb), ("detail", detail)],
            ));
        }
        self.cleaned = Some(r);
    }

    pub fn on_report(&mut self, r: Result<Vec<PathBuf>, String>) {
        self.report_paths = Some(r);
    }

    fn start_install(&mut self, p: &Progress, reply: &mut Reply) {
        let (Some(cert), Some(pw)) = (&p.certificate, &self.password) else {
            return;
        };
        self.busy = true;
        self.error = None;
        reply.effects.push(Effect::Install {
            pfx: cert.path.clone(),
            password: pw.clone(),
        });
    }

    fn start_cleanup(&mut self, ctx: &Ctx<'_>, reply: &mut Reply) {
        let (Some(old), Some(pw)) = (&self.old, &self.password) else {
            return;
        };
        self.busy = true;
        self.confirming = false;
        self.error = None;
        self.progress = Some((0, old.len()));
        reply.effects.push(Effect::Cleanup {
            old: old.clone(),
            quarantine: quarantine_dir(ctx.profile_dir, ctx.now),
            password: pw.clone(),
        });
    }

    pub fn update(&mut self, key: KeyEvent, p: &mut Progress, ctx: &Ctx<'_>) -> Reply {
        let mut reply = Reply::default();
        let lang = ctx.lang;
        if p.chapters.install == ChapterState::NotStarted {
            p.chapters.install = ChapterState::InProgress;
            reply.save = true;
        }
        if self.confirming {
            match key.code {
                KeyCode::Char('y' | 'Y') => self.start_cleanup(ctx, &mut reply),
                _ => self.confirming = false,
            }
            return reply;
        }
        if self.account.is_some() {
            self.edit_account(key, p, &mut reply);
            return reply;
        }
        if key.code == KeyCode::Esc {
            let prev = match self.step {
                Step::Owner => {
                    reply.nav = Some(Nav::Home);
                    return reply;
                }
                Step::Options => Step::Owner,
                Step::Password => Step::Options,
                Step::Checks => Step::Options,
                Step::Cleanup => Step::Checks,
                Step::Done => Step::Cleanup,
            };
            if !self.busy {
                self.goto(prev, p, ctx, &mut reply);
            }
            return reply;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if self.step == Step::Password && !ctrl && self.pw.edit(key.code) {
            return reply;
        }
        if self.busy {
            return reply;
        }
        match (self.step, key.code) {
            (Step::Owner, KeyCode::F(6)) => {
                self.account = Some(TextInput::new(&self.owner.oqs_account));
            }
            (Step::Owner, KeyCode::Enter) => {
                if p.certificate.is_some() {
                    self.goto(Step::Options, p, ctx, &mut reply);
                } else {
                    self.error = Some(t(lang, "install.no_certificate").into());
                }
            }
            (Step::Options, KeyCode::Enter) => {
                if self.password.is_some() {
                    self.start_install(p, &mut reply);
                } else {
                    self.pw_for = PwFor::Install;
                    self.goto(Step::Password, p, ctx, &mut reply);
                }
            }
            (Step::Password, KeyCode::F(2)) => self.reveal = !self.reveal,
            (Step::Password, KeyCode::Enter) => {
                let pw = Password::new(&self.pw.value());
                if !pw.is_four_digits() {
                    self.error = Some(t(lang, "install.pw_rule").into());
                } else {
                    self.password = Some(pw);
                    self.pw.clear();
                    match self.pw_for {
                        PwFor::Install => {
                            self.step = Step::Options;
                            self.start_install(p, &mut reply);
                        }
                        PwFor::Cleanup => {
                            self.step = Step::Cleanup;
                            self.start_cleanup(ctx, &mut reply);
                        }
                    }
                }
            }
            (Step::Checks, KeyCode::F(5)) if self.password.is_none() => {
                self.pw_for = PwFor::Install;
                self.goto(Step::Password, p, ctx, &mut reply);
            }
            (Step::Checks, KeyCode::F(5)) => self.start_install(p, &mut reply),
            (Step::Checks, KeyCode::Enter) => {
                let ok = p
                    .install
                    .as_ref()
                    .and_then(|i| i.verification.as_ref())
                    .is_some_and(|v| v.all_ok());
                if ok {
                    self.old = None;
                    self.cleaned = None;
                    self.busy = true;
                    self.goto(Step::Cleanup, p, ctx, &mut reply);
                } else {
                    self.error = Some(t(lang, "install.some_ng").into());
                }
            }
            (Step::Cleanup, KeyCode::F(9)) => {
                self.skipped = true;
                self.finish(p, ctx, &mut reply);
            }
            (Step::Cleanup, KeyCode::Enter) => match &self.old {
                Some(old) if !old.is_empty() && self.password.is_none() => {
                    self.pw_for = PwFor::Cleanup;
                    self.goto(Step::Password, p, ctx, &mut reply);
                }
                Some(old) if !old.is_empty() => self.confirming = true,
                Some(_) => self.finish(p, ctx, &mut reply),
                None => {}
            },
            (Step::Done, KeyCode::F(4)) => {
                if let Some(Ok(paths)) = &self.report_paths
                    && let Some(html) = paths.first()
                {
                    reply
                        .effects
                        .push(Effect::OpenBrowser(html.display().to_string()));
                }
            }
            (Step::Done, KeyCode::Enter) => reply.nav = Some(Nav::Home),
            _ => {}
        }
        reply
    }

    fn finish(&mut self, p: &mut Progress, ctx: &Ctx<'_>, reply: &mut Reply) {
        p.chapters.install = ChapterState::Done;
        self.report_paths = None;
        self.goto(Step::Done, p, ctx, reply);
    }

    pub fn cursor(&self, area: Rect) -> Option<(u16, u16)> {
        let body = body_rect(area);
        if let Some(a) = &self.account {
            let r = account_rect(body);
            let (_, col) = a.visible(r.width, None);
            return Some((r.x + col, r.y));
        }
        if self.step != Step::Password {
            return None;
        }
        let r = input_rect(body);
        let (_, col) = self.pw.visible(r.width, (!self.reveal).then_some('*'));
        Some((r.x + col, r.y))
    }

    pub fn view(&self, frame: &mut Frame<'_>, body: Rect, p: &Progress, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let mut lines: Vec<Line<'static>> = vec![Line::from("")];
        let row =
            |label: &str, value: String| Line::from(format!("  {}  {}", fit(label, 28), value));
        match self.step {
            Step::Owner => {
                if let Some(c) = &p.certificate {
                    lines.push(row(t(lang, "install.certificate"), c.subject.clone()));
                    lines.push(row(t(lang, "install.valid_to"), jst(c.not_after)));
                }
                lines.push(Line::from(""));
                lines.push(Line::from(
                    t(
                        lang,
                        match self.store_kind {
                            StoreKind::WindowsCurrentUser => "install.store_windows",
                            StoreKind::Folder => "install.store_folder",
                        },
                    )
                    .to_string(),
                ));
                let user = if self.owner.current_user.is_empty() {
                    t(lang, "install.user_unknown").to_string()
                } else {
                    self.owner.current_user.clone()
                };
                lines.push(row(t(lang, "install.current_user"), user.clone()));
                lines.push(row(
                    t(lang, "install.oqs_account"),
                    self.owner.oqs_account.clone(),
                ));
                lines.push(Line::from(""));
                // The owner matters only for a real Windows store.
                let warn =
                    self.store_kind == StoreKind::WindowsCurrentUser && !self.owner.matches();
                if warn {
                    let oqs = self.owner.oqs_account.as_str();
                    lines.push(Line::from(Span::styled(
                        tf(lang, "store.wrong_user", &[("user", &user), ("oqs", &oqs)]),
                        th.error(),
                    )));
                    lines.push(Line::from(tf(
                        lang,
                        "install.how_to_switch",
                        &[("oqs", &oqs)],
                    )));
                    lines.push(Line::from(""));
                    lines.push(Line::from(t(lang, "install.owner_next_anyway").to_string()));
                } else {
                    if self.store_kind == StoreKind::WindowsCurrentUser {
                        lines.push(Line::from(Span::styled(
                            t(lang, "install.owner_ok").to_string(),
                            th.ok(),
                        )));
                    }
                    lines.push(Line::from(t(lang, "install.owner_next").to_string()));
                }
            }
            Step::Options => {
                lines.push(Line::from(t(lang, "install.options_intro").to_string()));
                lines.push(Line::from(""));
                for k in [
                    "store.opt_location",
                    "store.opt_strong_off",
                    "store.opt_exportable_on",
                    "store.opt_extended_on",
                    "store.opt_auto_store",
                ] {
                    lines.push(Line::from(format!("  - {}", t(lang, k))));
                }
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    t(lang, "store.root_prompt_note").to_string(),
                    th.warn(),
                )));
                lines.push(Line::from(""));
                lines.push(Line::from(if self.busy {
                    t(lang, "install.installing").to_string()
                } else {
                    t(lang, "install.options_next").to_string()
                }));
            }
            Step::Password => {
                lines.push(Line::from(t(lang, "install.pw_intro").to_string()));
                lines.push(Line::from(""));
                // The field itself is drawn on its own row below.
                lines.push(Line::from(""));
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    t(lang, "download.pw_why").to_string(),
                    th.dim(),
                )));
                if self.busy {
                    lines.push(Line::from(t(lang, "install.installing").to_string()));
                }
            }
            Step::Checks => {
                let v = p.install.as_ref().and_then(|i| i.verification.clone());
                if p.install.as_ref().is_some_and(|i| i.already_installed) {
                    lines.push(Line::from(t(lang, "install.already").to_string()));
                }
                if let Some(r) = &self.report {
                    for pl in &r.placements {
                        lines.push(Line::from(Span::styled(
                            format!(
                                "  [{}] {} ({})",
                                pl.store.system_name(),
                                fit(&pl.subject, 44),
                                t(
                                    lang,
                                    if pl.added {
                                        "install.added"
                                    } else {
                                        "install.present"
                                    }
                                )
                            ),
                            th.dim(),
                        )));
                    }
                }
                lines.push(Line::from(""));
                if let Some(v) = &v {
                    for c in Check::ALL {
                        let (name, fix) = check_keys(c);
                        let ok = c.passed(v);
                        lines.push(Line::from(vec![
                            Span::styled(
                                format!(
                                    "  [{}] ",
                                    t(
                                        lang,
                                        if ok {
                                            "store.check_ok"
                                        } else {
                                            "store.check_ng"
                                        }
                                    )
                                ),
                                if ok { th.ok() } else { th.error() },
                            ),
                            Span::raw(t(lang, name).to_string()),
                        ]));
                        if !ok {
                            lines.push(Line::from(format!("       {}", t(lang, fix))));
                        }
                    }
                    lines.push(Line::from(""));
                    lines.push(Line::from(Span::styled(
                        t(
                            lang,
                            if v.all_ok() {
                                "install.all_ok"
                            } else {
                                "install.some_ng"
                            },
                        )
                        .to_string(),
                        if v.all_ok() { th.ok() } else { th.warn() },
                    )));
                }
                if self.busy {
                    lines.push(Line::from(t(lang, "install.installing").to_string()));
                }
            }
            Step::Cleanup => {
                if let Some(c) = &self.cleaned
                    && !c.removed.is_empty()
                {
                    for r in &c.removed {
                        lines.push(Line::from(Span::styled(
                            format!(
                                "  - {}  {}",
                                r.not_after.date(),
                                fit(&r.sha1_thumbprint, 40)
                            ),
                            th.ok(),
                        )));
                    }
                    lines.push(Line::from(tf(
                        lang,
                        "install.removed",
                        &[("dir", &c.quarantine.display())],
                    )));
                    lines.push(Line::from(""));
                }
                match &self.old {
                    None => lines.push(Line::from(t(lang, "install.searching").to_string())),
                    Some(old) if old.is_empty() => {
                        lines.push(Line::from(t(lang, "install.none_old").to_string()))
                    }
                    Some(old) => {
                        lines.push(Line::from(t(lang, "install.old_intro").to_string()));
                        lines.push(Line::from(""));
                        for o in old {
                            let reason = match o.reason {
                                OldReason::Expired => "install.reason_expired",
                                OldReason::Superseded => "install.reason_superseded",
                            };
                            // Date and thumbprint on one line, why and whose
                            // on the next: both fit 80 columns.
                            lines.push(Line::from(format!(
                                "  {}  {}",
                                o.cert.info.not_after.date(),
                                o.cert.info.sha1_thumbprint,
                            )));
                            let cn = o
                                .cert
                                .info
                                .subject_cn
                                .clone()
                                .unwrap_or_else(|| o.cert.info.subject.clone());
                            lines.push(Line::from(vec![
                                Span::styled(format!("      [{}] ", t(lang, reason)), th.warn()),
                                Span::styled(fit(&cn, 48), th.dim()),
                            ]));
                        }
                        lines.push(Line::from(""));
                        if let Some((done, total)) = self.progress {
                            lines.push(Line::from(tf(
                                lang,
                                "install.removing",
                                &[("done", &done), ("total", &total)],
                            )));
                        } else if self.confirming {
                            lines.push(Line::from(Span::styled(
                                tf(lang, "install.confirm_remove", &[("count", &old.len())]),
                                th.title(),
                            )));
                        } else {
                            lines.push(Line::from(t(lang, "install.old_next").to_string()));
                        }
                    }
                }
            }
            Step::Done => {
                lines.push(Line::from(Span::styled(
                    t(lang, "install.done1").to_string(),
                    th.ok(),
                )));
                lines.push(Line::from(""));
                if self.skipped {
                    lines.push(Line::from(t(lang, "install.kept_old").to_string()));
                }
                match &self.report_paths {
                    None => lines.push(Line::from(t(lang, "install.report_writing").to_string())),
                    Some(Ok(paths)) => {
                        for path in paths {
                            lines.push(Line::from(tf(
                                lang,
                                "install.report_written",
                                &[("path", &path.display())],
                            )));
                        }
                    }
                    Some(Err(e)) => lines.push(Line::from(Span::styled(
                        tf(lang, "install.report_failed", &[("detail", e)]),
                        th.error(),
                    ))),
                }
                if let Some(c) = &p.certificate {
                    lines.push(Line::from(""));
                    lines.push(Line::from(tf(
                        lang,
                        "health.valid_to",
                        &[
                            ("date", &c.not_after.date()),
                            ("days", &whole_days(ctx.now, c.not_after)),
                        ],
                    )));
                }
            }
        }
        if let Some(e) = &self.error {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(e.clone(), th.error())));
        }
        let inner = Rect {
            x: body.x + 2,
            width: body.width.saturating_sub(4),
            ..body
        };
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        if let Some(a) = &self.account {
            let r = account_rect(body);
            let (text, _) = a.visible(r.width, None);
            let row = Rect {
                x: body.x + 2,
                width: body.width.saturating_sub(4),
                ..r
            };
            frame.render_widget(ratatui::widgets::Clear, row);
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled(fit(t(lang, "install.account_label"), 28), th.highlight()),
                    Span::styled(
                        fit(&text, r.width as usize),
                        Style::default().bg(ratatui::style::Color::Blue),
                    ),
                ])),
                row,
            );
        }
        if self.step == Step::Password {
            let r = input_rect(body);
            let (text, _) = self.pw.visible(r.width, (!self.reveal).then_some('*'));
            frame.render_widget(
                Paragraph::new(Line::from(vec![Span::styled(
                    fit(&text, r.width as usize),
                    Style::default().bg(ratatui::style::Color::Blue),
                )])),
                r,
            );
            frame.render_widget(
                Paragraph::new(fit(t(lang, "install.pw_label"), 26)).style(th.highlight()),
                Rect {
                    x: body.x + 2,
                    width: 26,
                    ..r
                },
            );
        }
    }
}

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
