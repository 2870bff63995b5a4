//! 「画面 2-x」: Chapter 2 on the qualification PC. The mailed IDs and the
//! 4-digit password (kept in the OS credential store), can this PC reach
//! the site, getting and verifying the file, and the USB backup.

use super::widgets::{TextInput, body_rect, fit};
use super::{Ctx, Effect, Nav, Reply, Status, StatusKind};
use crate::cert::backup::{BackupReport, Drive, backup_name};
use crate::cert::codes::codes;
use crate::cert::net::{CheckResult, Diagnosis};
use crate::cert::password::Password;
use crate::cert::pfx::{CertInfo, Problem};
use crate::cert::progress::{BackupRecord, CertificateRecord, ChapterState, Progress};
use crate::cert::secret::{Backend, NoticeIds, Secrets, normalize_id};
use crate::i18n::{Lang, t, tf};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Intro,
    Ids,
    Password,
    /// No credential store: write it down.
    NoStore,
    Net,
    Fetch,
    Verified,
    Backup,
    Done,
}

const STEPS: [Step; 9] = [
    Step::Intro,
    Step::Ids,
    Step::Password,
    Step::NoStore,
    Step::Net,
    Step::Fetch,
    Step::Verified,
    Step::Backup,
    Step::Done,
];

/// A verified, kept certificate file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedFile {
    pub info: CertInfo,
    pub kept: PathBuf,
    pub sha256: String,
    pub problems: Vec<Problem>,
}

/// Why verification failed, as the screen needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyError {
    pub wrong_password: bool,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub step: Step,
    req: TextInput,
    refid: TextInput,
    pw1: TextInput,
    pw2: TextInput,
    focus: usize,
    reveal: bool,
    ids: Option<NoticeIds>,
    password: Option<Password>,
    net: Option<Vec<CheckResult>>,
    show_detail: bool,
    candidates: Vec<PathBuf>,
    cand_sel: usize,
    path: TextInput,
    busy: bool,
    verified: Option<VerifiedFile>,
    drives: Vec<Drive>,
    drive_sel: usize,
    other: TextInput,
    pub error: Option<String>,
    downloads: PathBuf,
}

fn step_code(s: Step) -> usize {
    STEPS.iter().position(|x| *x == s).unwrap_or(0) + 1
}

impl Model {
    pub fn resume(p: &Progress, step_id: &str, downloads: PathBuf) -> Self {
        let step = match step_id {
            "ids" => Step::Ids,
            "password" => Step::Password,
            "nostore" => Step::NoStore,
            "net" => Step::Net,
            "fetch" => Step::Fetch,
            "verified" if p.certificate.is_some() => Step::Verified,
            "backup" if p.certificate.is_some() => Step::Backup,
            "done" => Step::Done,
            _ if p.chapters.download == ChapterState::Done => Step::Done,
            _ => Step::Intro,
        };
        Model {
            step,
            req: TextInput::default(),
            refid: TextInput::default(),
            pw1: TextInput::default(),
            pw2: TextInput::default(),
            focus: 0,
            reveal: false,
            ids: None,
            password: None,
            net: None,
            show_detail: false,
            candidates: Vec::new(),
            cand_sel: 0,
            path: TextInput::default(),
            busy: false,
            verified: None,
            drives: Vec::new(),
            drive_sel: 0,
            other: TextInput::default(),
            error: None,
            downloads,
        }
    }

    /// Work to start when the chapter opens.
    pub fn on_enter(&self, profile: &str) -> Vec<Effect> {
        vec![
            Effect::LoadSecrets(profile.to_string()),
            Effect::WatchDownloads(self.downloads.clone()),
            Effect::ListDrives,
        ]
    }

    pub fn step_id(&self) -> String {
        match self.step {
            Step::Intro => "intro",
            Step::Ids => "ids",
            Step::Password => "password",
            Step::NoStore => "nostore",
            Step::Net => "net",
            Step::Fetch => "fetch",
            Step::Verified => "verified",
            Step::Backup => "backup",
            Step::Done => "done",
        }
        .into()
    }

    pub fn code(&self, lang: Lang) -> String {
        let n = step_code(self.step);
        super::screen_code(lang, &format!("2-{n}"))
    }

    pub fn title(&self, lang: Lang) -> String {
        let key = match self.step {
            Step::Intro => "download.title",
            Step::Ids => "download.ids_title",
            Step::Password => "download.pw_title",
            Step::NoStore => "download.nostore_title",
            Step::Net => "download.net_title",
            Step::Fetch => "download.fetch_title",
            Step::Verified => "download.verified_title",
            Step::Backup => "download.backup_title",
            Step::Done => "download.done_title",
        };
        t(lang, key).to_string()
    }

    pub fn help_key(&self) -> &'static str {
        match self.step {
            Step::Ids | Step::Password | Step::NoStore => "download.help_secrets",
            Step::Net => "download.help_net",
            Step::Fetch | Step::Verified => "download.help_fetch",
            _ => "download.help_backup",
        }
    }

    pub fn is_editing(&self) -> bool {
        matches!(self.step, Step::Ids | Step::Password | Step::Fetch)
            || (self.step == Step::Backup && self.drive_sel == self.drives.len())
    }

    pub fn footer_keys(&self, lang: Lang) -> Vec<(&'static str, &'static str)> {
        match self.step {
            Step::Password => vec![("F2", t(lang, "download.key_reveal"))],
            Step::NoStore => vec![("F8", t(lang, "download.key_sheet"))],
            Step::Net => vec![
                ("F5", t(lang, "download.key_retry")),
                ("F3", t(lang, "download.key_detail")),
            ],
            Step::Fetch => vec![
                ("F4", t(lang, "download.key_open")),
                ("F6/F7", t(lang, "download.key_copy")),
            ],
            Step::Backup => vec![
                ("F5", t(lang, "download.key_refresh")),
                ("F10", t(lang, "download.key_finish")),
            ],
            _ => Vec::new(),
        }
    }

    fn focused_input(&mut self) -> Option<&mut TextInput> {
        match (self.step, self.focus) {
            (Step::Ids, 0) => Some(&mut self.req),
            (Step::Ids, _) => Some(&mut self.refid),
            (Step::Password, 0) => Some(&mut self.pw1),
            (Step::Password, _) => Some(&mut self.pw2),
            (Step::Fetch, _) => Some(&mut self.path),
            (Step::Backup, _) if self.drive_sel == self.drives.len() => Some(&mut self.other),
            _ => None,
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(i) = self.focused_input() {
            i.insert_str(text);
        }
    }

    fn goto(&mut self, s: Step, reply: &mut Reply) {
        self.step = s;
        self.focus = 0;
        self.error = None;
        reply.save = true;
        if s == Step::Net && self.net.is_none() {
            self.busy = true;
            reply.effects.push(Effect::NetCheck);
        }
    }

    fn back(&mut self, reply: &mut Reply) {
        let prev = match self.step {
            Step::Intro => {
                reply.nav = Some(Nav::Home);
                return;
            }
            Step::Ids => Step::Intro,
            Step::Password => Step::Ids,
            Step::NoStore => Step::Password,
            Step::Net => Step::Password,
            Step::Fetch => Step::Net,
            Step::Verified => Step::Fetch,
            Step::Backup => Step::Verified,
            Step::Done => Step::Backup,
        };
        self.goto(prev, reply);
    }

    /// Messages from background work.
    pub fn on_secrets_loaded(&mut self, s: Option<Secrets>) {
        if let Some(s) = s {
            self.req.set(s.ids.request_id());
            self.refid.set(s.ids.reference_id());
            self.pw1.set(s.password.expose());
            self.pw2.set(s.password.expose());
            self.ids = Some(s.ids);
            self.password = Some(s.password);
        }
    }

    pub fn on_secrets_saved(
        &mut self,
        r: Result<Backend, String>,
        p: &mut Progress,
        lang: Lang,
        reply: &mut Reply,
    ) {
        match r {
            Ok(b) => {
                self.goto(Step::Net, reply);
                if b == Backend::KernelKeyring {
                    reply.status = Some(Status::new(
                        StatusKind::Warn,
                        t(lang, "download.kernel_keyring"),
                    ));
                }
            }
            Err(_) => {
                p.password_sheet_shown = true;
                self.goto(Step::NoStore, reply);
            }
        }
    }

    pub fn on_net(&mut self, r: Vec<CheckResult>) {
        self.busy = false;
        self.net = Some(r);
    }

    pub fn on_downloads(&mut self, files: Vec<PathBuf>) {
        let selected = self.candidates.get(self.cand_sel).cloned();
        self.candidates = files;
        self.cand_sel = selected
            .and_then(|s| self.candidates.iter().position(|c| *c == s))
            .unwrap_or(0);
    }

    pub fn on_verified(
        &mut self,
        r: Result<VerifiedFile, VerifyError>,
        p: &mut Progress,
        now: time::OffsetDateTime,
        reply: &mut Reply,
    ) {
        self.busy = false;
        match r {
            Ok(v) => {
                p.certificate = Some(CertificateRecord {
                    path: v.kept.clone(),
                    sha256: v.sha256.clone(),
                    sha1_thumbprint: v.info.sha1_thumbprint.clone(),
                    subject: v.info.subject.clone(),
                    not_after: v.info.not_after,
                    verified_at: now,
                    issuer: v.info.issuer.clone(),
                    serial: v.info.serial.clone(),
                    not_before: Some(v.info.not_before),
                });
                self.verified = Some(v);
                self.goto(Step::Verified, reply);
            }
            Err(e) if e.wrong_password => {
                self.goto(Step::Password, reply);
                self.error = Some(e.message);
            }
            Err(e) => self.error = Some(e.message),
        }
    }

    /// New drive list. While the backup screen is open the list is asked
    /// for again shortly, so a stick plugged in shows up by itself.
    pub fn on_drives(&mut self, d: Vec<Drive>) -> Vec<Effect> {
        self.drives = d;
        self.drive_sel = self.drive_sel.min(self.drives.len());
        if self.step == Step::Backup {
            vec![Effect::ListDrivesAfter(std::time::Duration::from_secs(2))]
        } else {
            Vec::new()
        }
    }

    pub fn on_backed_up(
        &mut self,
        r: Result<BackupReport, String>,
        p: &mut Progress,
        now: time::OffsetDateTime,
        lang: Lang,
        reply: &mut Reply,
    ) {
        self.busy = false;
        match r {
            Ok(rep) => {
                p.backups.push(BackupRecord {
                    path: rep.path.clone(),
                    sha256: rep.sha256.clone(),
                    at: now,
                });
                reply.save = true;
                reply.status = Some(Status::new(
                    StatusKind::Ok,
                    tf(lang, "download.backed_up", &[("path", &rep.path.display())]),
                ));
            }
            Err(e) => self.error = Some(e),
        }
    }

    pub fn update(&mut self, key: KeyEvent, p: &mut Progress, ctx: &Ctx<'_>) -> Reply {
        let mut reply = Reply::default();
        let lang = ctx.lang;
        if p.chapters.download == ChapterState::NotStarted {
            p.chapters.download = ChapterState::InProgress;
            reply.save = true;
        }
        if key.code == KeyCode::Esc {
            self.back(&mut reply);
            return reply;
        }
        // Text editing keys go to the focused field.
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if !ctrl
            && let Some(input) = self.focused_input()
            && input.edit(key.code)
        {
            return reply;
        }
        match self.step {
            Step::Intro => {
                if key.code == KeyCode::Enter {
                    self.goto(Step::Ids, &mut reply);
                }
            }
            Step::Ids => match key.code {
                KeyCode::Tab | KeyCode::Down | KeyCode::BackTab | KeyCode::Up => {
                    self.focus = 1 - self.focus.min(1)
                }
                KeyCode::Enter if self.focus == 0 => self.focus = 1,
                KeyCode::Enter => match NoticeIds::new(&self.req.value(), &self.refid.value()) {
                    Ok(ids) => {
                        self.ids = Some(ids);
                        self.goto(Step::Password, &mut reply);
                    }
                    Err(_) => {
                        let which = if normalize_id(&self.req.value()).is_err() {
                            0
                        } else {
                            1
                        };
                        self.focus = which;
                        self.error = Some(
                            t(
                                lang,
                                if which == 0 {
                                    "download.err_req"
                                } else {
                                    "download.err_ref"
                                },
                            )
                            .into(),
                        );
                    }
                },
                _ => {}
            },
            Step::Password => match key.code {
                KeyCode::F(2) => self.reveal = !self.reveal,
                KeyCode::Tab | KeyCode::Down | KeyCode::BackTab | KeyCode::Up => {
                    self.focus = 1 - self.focus.min(1)
                }
                KeyCode::Enter if self.focus == 0 => self.focus = 1,
                KeyCode::Enter => {
                    if let Some(problem) = self.password_problem() {
                        self.error = Some(t(lang, problem).into());
                    } else if let Some(ids) = self.ids.clone() {
                        let pw = Password::new(&self.pw1.value());
                        self.password = Some(pw.clone());
                        self.busy = true;
                        reply.effects.push(Effect::SaveSecrets(
                            p.profile.clone(),
                            Secrets { ids, password: pw },
                        ));
                    } else {
                        self.goto(Step::Ids, &mut reply);
                    }
                }
                _ => {}
            },
            Step::NoStore => match key.code {
                KeyCode::Enter => self.goto(Step::Net, &mut reply),
                KeyCode::F(8) => {
                    let (text, html) = blank_sheet(p, lang, ctx.now);
                    reply.effects.push(Effect::ExportSheet {
                        dir: ctx.profile_dir.clone(),
                        stem: "password-sheet".into(),
                        text,
                        html,
                    });
                }
                _ => {}
            },
            Step::Net => match key.code {
                KeyCode::F(5) => {
                    self.busy = true;
                    self.net = None;
                    reply.effects.push(Effect::NetCheck);
                }
                KeyCode::F(3) => self.show_detail = !self.show_detail,
                KeyCode::Enter if !self.busy => self.goto(Step::Fetch, &mut reply),
                _ => {}
            },
            Step::Fetch => match key.code {
                KeyCode::F(4) => reply
                    .effects
                    .push(Effect::OpenBrowser(codes().urls.download.clone())),
                KeyCode::F(6) | KeyCode::F(7) => {
                    if let Some(ids) = &self.ids {
                        let (text, what) = if key.code == KeyCode::F(6) {
                            (ids.request_id().to_string(), t(lang, "secret.request_id"))
                        } else {
                            (
                                ids.reference_id().to_string(),
                                t(lang, "secret.reference_id"),
                            )
                        };
                        reply.effects.push(Effect::Copy {
                            text,
                            what: what.to_string(),
                        });
                    }
                }
                KeyCode::Up => self.cand_sel = self.cand_sel.saturating_sub(1),
                KeyCode::Down => {
                    self.cand_sel = (self.cand_sel + 1).min(self.candidates.len().saturating_sub(1))
                }
                KeyCode::Tab => {
                    if let Some(done) = complete_path(&self.path.value()) {
                        self.path.set(&done);
                    }
                }
                KeyCode::Enter if !self.busy => {
                    let typed = self.path.value();
                    let chosen = if !typed.trim().is_empty() {
                        Some(PathBuf::from(typed.trim().trim_matches('"')))
                    } else {
                        self.candidates.get(self.cand_sel).cloned()
                    };
                    match (chosen, &self.password) {
                        (Some(path), Some(pw)) => {
                            self.busy = true;
                            self.error = None;
                            reply.effects.push(Effect::VerifyAndKeep {
                                path,
                                password: pw.clone(),
                                keep_dir: ctx.profile_dir.clone(),
                            });
                        }
                        (None, _) => self.error = Some(t(lang, "download.no_file").into()),
                        (_, None) => self.goto(Step::Password, &mut reply),
                    }
                }
                _ => {}
            },
            Step::Verified => {
                if key.code == KeyCode::Enter {
                    self.goto(Step::Backup, &mut reply);
                    reply.effects.push(Effect::ListDrives);
                }
            }
            Step::Backup => match key.code {
                KeyCode::F(5) => reply.effects.push(Effect::ListDrives),
                KeyCode::Up => self.drive_sel = self.drive_sel.saturating_sub(1),
                KeyCode::Down => self.drive_sel = (self.drive_sel + 1).min(self.drives.len()),
                KeyCode::Enter if !self.busy => {
                    let dir = if self.drive_sel < self.drives.len() {
                        Some(self.drives[self.drive_sel].path.clone())
                    } else {
                        let v = self.other.value();
                        (!v.trim().is_empty()).then(|| PathBuf::from(v.trim().trim_matches('"')))
                    };
                    match (dir, &p.certificate, &self.password) {
                        (Some(dir), Some(cert), Some(pw)) => {
                            let code10 = p.institution.code10();
                            self.busy = true;
                            self.error = None;
                            reply.effects.push(Effect::Backup {
                                src: cert.path.clone(),
                                dir,
                                name: backup_name(code10.as_deref(), ctx.now.date()),
                                password: pw.clone(),
                            });
                        }
                        (None, _, _) => self.error = Some(t(lang, "download.no_target").into()),
                        _ => self.goto(Step::Password, &mut reply),
                    }
                }
                KeyCode::F(10) if !p.backups.is_empty() => {
                    p.chapters.download = ChapterState::Done;
                    self.goto(Step::Done, &mut reply);
                }
                _ => {}
            },
            Step::Done => {
                if key.code == KeyCode::Enter {
                    reply.nav = Some(Nav::Home);
                }
            }
        }
        reply
    }

    fn password_problem(&self) -> Option<&'static str> {
        let a = Password::new(&self.pw1.value());
        let b = Password::new(&self.pw2.value());
        if !a.is_four_digits() {
            Some("download.err_pw_rule")
        } else if a != b {
            Some("download.err_pw_mismatch")
        } else {
            None
        }
    }

    /// The row (relative to the body) of the free-text path field on the
    /// Fetch and Backup steps: fixed, so wrapped text above cannot move it.
    fn bottom_row(body: Rect) -> u16 {
        body.height.saturating_sub(2)
    }

    fn input_rect(body: Rect, row: u16) -> Rect {
        Rect {
            x: body.x + 28,
            y: body.y + row,
            width: body.width.saturating_sub(30),
            height: 1,
        }
    }

    pub fn cursor(&self, area: Rect) -> Option<(u16, u16)> {
        let body = body_rect(area);
        let (input, row, mask) = match (self.step, self.focus) {
            (Step::Ids, 0) => (&self.req, 3, None),
            (Step::Ids, _) => (&self.refid, 4, None),
            (Step::Password, 0) => (&self.pw1, 3, (!self.reveal).then_some('*')),
            (Step::Password, _) => (&self.pw2, 4, (!self.reveal).then_some('*')),
            (Step::Fetch, _) => (&self.path, Self::bottom_row(body), None),
            (Step::Backup, _) if self.drive_sel == self.drives.len() => {
                (&self.other, Self::bottom_row(body), None)
            }
            _ => return None,
        };
        let r = Self::input_rect(body, row);
        let (_, col) = input.visible(r.width, mask);
        Some((r.x + col, r.y))
    }

    pub fn view(&self, frame: &mut Frame<'_>, body: Rect, p: &Progress, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let mut lines: Vec<Line<'static>> = vec![Line::from("")];
        let label = |k: &str, focused: bool| {
            Span::styled(
                fit(t(lang, k), 26),
                if focused {
                    th.highlight()
                } else {
                    Style::default()
                },
            )
        };
        let field = |input: &TextInput, focused: bool, mask: Option<char>, w: u16| {
            let (text, _) = input.visible(w, mask);
            Span::styled(
                fit(&text, w as usize),
                if focused {
                    Style::default().bg(ratatui::style::Color::Blue)
                } else {
                    Style::default()
                },
            )
        };
        let w = body.width.saturating_sub(32);
        match self.step {
            Step::Intro => {
                for k in ["download.intro1", "download.intro2", "download.intro3"] {
                    lines.push(Line::from(t(lang, k).to_string()));
                    lines.push(Line::from(""));
                }
            }
            Step::Ids => {
                lines.push(Line::from(t(lang, "download.ids_intro").to_string()));
                lines.push(Line::from(""));
                lines.push(Line::from(vec![
                    Span::raw("  "),
                    label("secret.request_id", self.focus == 0),
                    field(&self.req, self.focus == 0, None, w),
                ]));
                lines.push(Line::from(vec![
                    Span::raw("  "),
                    label("secret.reference_id", self.focus == 1),
                    field(&self.refid, self.focus == 1, None, w),
                ]));
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    t(lang, "download.ids_note").to_string(),
                    th.dim(),
                )));
            }
            Step::Password => {
                lines.push(Line::from(t(lang, "download.pw_intro").to_string()));
                lines.push(Line::from(""));
                let mask = (!self.reveal).then_some('*');
                lines.push(Line::from(vec![
                    Span::raw("  "),
                    label("download.pw1", self.focus == 0),
                    field(&self.pw1, self.focus == 0, mask, w),
                ]));
                lines.push(Line::from(vec![
                    Span::raw("  "),
                    label("download.pw2", self.focus == 1),
                    field(&self.pw2, self.focus == 1, mask, w),
                ]));
                lines.push(Line::from(""));
                // Shown at once while typing: rule and match.
                let live = if self.pw1.is_empty() {
                    None
                } else if !Password::new(&self.pw1.value()).is_four_digits() {
                    Some(("download.err_pw_rule", th.warn()))
                } else if !self.pw2.is_empty() && self.password_problem().is_some() {
                    Some(("download.err_pw_mismatch", th.warn()))
                } else if !self.pw2.is_empty() {
                    Some(("download.pw_ok", th.ok()))
                } else {
                    None
                };
                if let Some((k, st)) = live {
                    lines.push(Line::from(Span::styled(t(lang, k).to_string(), st)));
                }
                lines.push(Line::from(Span::styled(
                    t(lang, "download.pw_why").to_string(),
                    th.warn(),
                )));
                if self.busy {
                    lines.push(Line::from(t(lang, "download.saving").to_string()));
                }
            }
            Step::NoStore => {
                lines.push(Line::from(Span::styled(
                    t(lang, "download.nostore1").to_string(),
                    th.warn(),
                )));
                lines.push(Line::from(""));
                if let (Some(ids), Some(pw)) = (&self.ids, &self.password) {
                    lines.push(Line::from(format!(
                        "  {}: {}",
                        t(lang, "secret.request_id"),
                        ids.request_id()
                    )));
                    lines.push(Line::from(format!(
                        "  {}: {}",
                        t(lang, "secret.reference_id"),
                        ids.reference_id()
                    )));
                    lines.push(Line::from(format!(
                        "  {}: {}",
                        t(lang, "download.pw1"),
                        pw.expose()
                    )));
                }
                lines.push(Line::from(""));
                lines.push(Line::from(t(lang, "download.nostore2").to_string()));
            }
            Step::Net => match &self.net {
                None => lines.push(Line::from(t(lang, "download.net_running").to_string())),
                Some(results) => {
                    for r in results {
                        let ok = r.diagnosis == Diagnosis::Reachable;
                        let key = crate::i18n::diagnosis_key(r.diagnosis);
                        lines.push(Line::from(Span::styled(
                            format!(
                                "[{}] {} ({} ms)",
                                if ok { "OK" } else { "NG" },
                                r.url,
                                r.elapsed_ms
                            ),
                            if ok { th.ok() } else { th.error() },
                        )));
                        let proxy = r
                            .proxy
                            .clone()
                            .unwrap_or_else(|| t(lang, "net.no_proxy").to_string());
                        lines.push(Line::from(format!(
                            "  {}",
                            tf(lang, key, &[("proxy", &proxy)])
                        )));
                        if self.show_detail {
                            lines.push(Line::from(Span::styled(
                                format!("  {}: {}", t(lang, "net.detail"), r.detail),
                                th.dim(),
                            )));
                        }
                    }
                    lines.push(Line::from(""));
                    lines.push(Line::from(t(lang, "download.net_next").to_string()));
                }
            },
            Step::Fetch => {
                lines.push(Line::from(t(lang, "download.fetch1").to_string()));
                lines.push(Line::from(format!("  {}", codes().urls.download)));
                if let Some(ids) = &self.ids {
                    lines.push(Line::from(format!(
                        "  {}: {}   {}: {}",
                        t(lang, "secret.request_id"),
                        ids.request_id(),
                        t(lang, "secret.reference_id"),
                        ids.reference_id()
                    )));
                }
                lines.push(Line::from(t(lang, "download.fetch2").to_string()));
                lines.push(Line::from(""));
                lines.push(Line::from(tf(
                    lang,
                    "download.watching",
                    &[("dir", &self.downloads.display())],
                )));
                for i in 0..4 {
                    let text = self
                        .candidates
                        .get(i)
                        .map(|c| c.display().to_string())
                        .unwrap_or_default();
                    let sel =
                        i == self.cand_sel && !self.candidates.is_empty() && self.path.is_empty();
                    lines.push(Line::from(Span::styled(
                        format!("{} {}", if sel { ">" } else { " " }, text),
                        if sel {
                            th.highlight()
                        } else {
                            Style::default()
                        },
                    )));
                }
                if self.candidates.is_empty() {
                    lines.push(Line::from(Span::styled(
                        t(lang, "download.none_yet").to_string(),
                        th.dim(),
                    )));
                } else {
                    lines.push(Line::from(""));
                }
                lines.push(Line::from(vec![
                    Span::raw("  "),
                    label("download.path", true),
                    field(&self.path, true, None, w),
                ]));
                if self.busy {
                    lines.push(Line::from(t(lang, "download.verifying").to_string()));
                }
            }
            Step::Verified => {
                if let Some(v) = &self.verified {
                    let i = &v.info;
                    let days = i.days_left(ctx.now);
                    for (k, val) in [
                        ("pfx.subject_cn", i.subject_cn.clone().unwrap_or_default()),
                        ("pfx.issuer", i.issuer.clone()),
                        (
                            "pfx.valid_to",
                            format!(
                                "{} ({})",
                                i.not_after.date(),
                                tf(lang, "pfx.days_left", &[("days", &days)])
                            ),
                        ),
                        ("pfx.thumbprint", i.sha1_thumbprint.clone()),
                    ] {
                        lines.push(Line::from(format!("  {}  {}", fit(t(lang, k), 20), val)));
                    }
                    lines.push(Line::from(""));
                    for pr in &v.problems {
                        let k = match pr {
                            Problem::Expired => "pfx.verdict_expired",
                            Problem::NotYetValid => "pfx.verdict_not_yet_valid",
                            Problem::KeyMismatch => "pfx.verdict_key_mismatch",
                        };
                        lines.push(Line::from(Span::styled(t(lang, k).to_string(), th.error())));
                    }
                    if v.problems.is_empty() {
                        lines.push(Line::from(Span::styled(
                            t(lang, "pfx.verdict_ok").to_string(),
                            th.ok(),
                        )));
                    }
                    lines.push(Line::from(tf(
                        lang,
                        "download.kept",
                        &[("path", &v.kept.display())],
                    )));
                    lines.push(Line::from(t(lang, "download.verified_next").to_string()));
                }
            }
            Step::Backup => {
                lines.push(Line::from(t(lang, "download.backup1").to_string()));
                lines.push(Line::from(""));
                for (i, d) in self.drives.iter().enumerate() {
                    let free = d
                        .free_bytes
                        .map(|b| format!("{} MB", b / 1_000_000))
                        .unwrap_or_default();
                    let sel = i == self.drive_sel;
                    lines.push(Line::from(Span::styled(
                        format!(
                            "{} {}  {}  {}",
                            if sel { ">" } else { " " },
                            d.path.display(),
                            d.label,
                            free
                        ),
                        if sel {
                            th.highlight()
                        } else {
                            Style::default()
                        },
                    )));
                }
                if self.drives.is_empty() {
                    lines.push(Line::from(Span::styled(
                        t(lang, "download.no_drives").to_string(),
                        th.dim(),
                    )));
                }
                let other_sel = self.drive_sel == self.drives.len();
                lines.push(Line::from(vec![
                    Span::raw(if other_sel { "> " } else { "  " }),
                    label("download.other_folder", other_sel),
                    field(&self.other, other_sel, None, w),
                ]));
                lines.push(Line::from(""));
                for b in &p.backups {
                    lines.push(Line::from(Span::styled(
                        format!("  {}  {}", b.at.date(), b.path.display()),
                        th.ok(),
                    )));
                }
                if !p.backups.is_empty() {
                    lines.push(Line::from(t(lang, "download.backup_more").to_string()));
                }
            }
            Step::Done => {
                lines.push(Line::from(t(lang, "download.done1").to_string()));
                lines.push(Line::from(""));
                lines.push(Line::from(t(lang, "download.done2").to_string()));
            }
        }
        if let Some(e) = &self.error {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(e.clone(), th.error())));
        }
        // The free-text path field sits on a fixed row (see `cursor`).
        let bottom = match self.step {
            Step::Fetch => Some(Line::from(vec![
                Span::raw("  "),
                label("download.path", true),
                field(&self.path, true, None, w),
            ])),
            Step::Backup => {
                let sel = self.drive_sel == self.drives.len();
                Some(Line::from(vec![
                    Span::raw(if sel { "> " } else { "  " }),
                    label("download.other_folder", sel),
                    field(&self.other, sel, None, w),
                ]))
            }
            _ => None,
        };
        let inner = Rect {
            x: body.x + 2,
            width: body.width.saturating_sub(4),
            ..body
        };
        let row = Self::bottom_row(body);
        let main = if bottom.is_some() {
            Rect {
                height: row,
                ..inner
            }
        } else {
            inner
        };
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), main);
        if let Some(line) = bottom {
            frame.render_widget(
                Paragraph::new(line),
                Rect {
                    y: body.y + row,
                    height: 1,
                    ..inner
                },
            );
        }
    }
}

/// The printable "write it down" sheet for a PC without a credential
/// store: boxes to fill in by hand. It is a file, so it holds no secret:
/// only the institution, the date and empty boxes.
pub fn blank_sheet(p: &Progress, lang: Lang, now: time::OffsetDateTime) -> (String, String) {
    use crate::report::esc;
    let title = t(lang, "download.sheet_title");
    let who = if p.institution.name.is_empty() {
        "-".to_string()
    } else {
        p.institution.name.clone()
    };
    let rows = [
        (t(lang, "report.name"), who),
        (
            t(lang, "report.terminal"),
            p.institution.terminal_name.clone(),
        ),
        (t(lang, "download.sheet_date"), now.date().to_string()),
    ];
    let boxes = [
        (t(lang, "secret.request_id"), 24),
        (t(lang, "secret.reference_id"), 24),
        (t(lang, "download.pw1"), 4),
    ];
    let mut text = format!("{title}\n\n{}\n\n", t(lang, "download.sheet_intro"));
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>@page{{size:A4;margin:18mm}}body{{font-family:sans-serif}}\
         table{{border-collapse:collapse;width:100%}}th,td{{border:1px solid #444;padding:10px;text-align:left}}\
         th{{width:35%}}td.box{{height:28px}}</style></head><body><h1>{}</h1><p>{}</p><table>\n",
        lang.code(),
        esc(title),
        esc(title),
        esc(t(lang, "download.sheet_intro"))
    );
    for (label, value) in &rows {
        text.push_str(&format!("{label}: {value}\n"));
        html.push_str(&format!(
            "<tr><th>{}</th><td>{}</td></tr>\n",
            esc(label),
            esc(value)
        ));
    }
    text.push('\n');
    for (label, cells) in boxes {
        text.push_str(&format!("{label}: [{}]\n", " ".repeat(cells * 2)));
        html.push_str(&format!(
            "<tr><th>{}</th><td class=\"box\"></td></tr>\n",
            esc(label)
        ));
    }
    let foot = t(lang, "download.sheet_footer");
    text.push_str(&format!("\n{foot}\n"));
    html.push_str(&format!("</table><p>{}</p></body></html>\n", esc(foot)));
    (text, html)
}

/// Complete a typed path (Tab): the longest common continuation among the
/// entries of its folder.
pub fn complete_path(typed: &str) -> Option<String> {
    let typed = typed.trim().trim_matches('"');
    let p = std::path::Path::new(typed);
    let (dir, prefix) = if typed.ends_with(std::path::MAIN_SEPARATOR) || typed.ends_with('/') {
        (p.to_path_buf(), String::new())
    } else {
        (
            p.parent().map(|d| d.to_path_buf()).unwrap_or_default(),
            p.file_name()?.to_string_lossy().into_owned(),
        )
    };
    let dir_read = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir.clone()
    };
    let mut names: Vec<String> = std::fs::read_dir(&dir_read)
        .ok()?
        .flatten()
        .map(|e| {
            let mut n = e.file_name().to_string_lossy().into_owned();
            if e.path().is_dir() {
                n.push(std::path::MAIN_SEPARATOR);
            }
            n
        })
        .filter(|n| n.starts_with(&prefix))
        .collect();
    names.sort();
    let first = names.first()?.clone();
    let common: String = first
        .chars()
        .enumerate()
        .take_while(|(i, c)| names.iter().all(|n| n.chars().nth(*i) == Some(*c)))
        .map(|(_, c)| c)
        .collect();
    Some(dir.join(common).display().to_string())
}

/// PKCS#12 files in `dir`, newest first.
pub fn list_pkcs12(dir: &std::path::Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<(std::time::SystemTime, PathBuf)> = rd
        .flatten()
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("p12") || x.eq_ignore_ascii_case("pfx"))
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    v.into_iter().map(|(_, p)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_pkcs12_newest_first_and_completes_paths() {
        let d = tempfile::tempdir().unwrap();
        let old = d.path().join("old.pfx");
        let new = d.path().join("証明書.P12");
        std::fs::write(&old, b"x").unwrap();
        std::fs::write(d.path().join("notes.txt"), b"x").unwrap();
        let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(past)
            .unwrap();
        std::fs::write(&new, b"x").unwrap();
        assert_eq!(list_pkcs12(d.path()), vec![new.clone(), old.clone()]);
        let typed = format!("{}/o", d.path().display());
        assert_eq!(complete_path(&typed).unwrap(), old.display().to_string());
        assert_eq!(
            list_pkcs12(&d.path().join("missing")),
            Vec::<PathBuf>::new()
        );
    }
}
