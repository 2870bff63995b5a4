//! 「画面 2-x」: Chapter 2 on the qualification PC. The mailed IDs and the
//! 4-digit password (kept in the OS credential store), can this PC reach
//! the site, getting and verifying the file, and the USB backup.

mod backup;
mod done;
mod fetch;
mod ids;
mod intro;
mod net;
mod nostore;
mod password;
mod screen;
mod verified;
mod which_pc;

use super::components::form::{self, FocusRing, field};
use super::components::password_pair::PasswordPair;
use super::components::{Note, Picker, TextInput, body_rect, fit};
use super::{Ctx, Effect, Nav, Reply, Status, StatusKind};
use crate::cert::backup::Drive;
use crate::cert::codes::codes;
use crate::cert::net::CheckResult;
use crate::cert::password::Password;
use crate::cert::pfx::Problem;
use crate::cert::progress::{ChapterState, Progress};
use crate::cert::secret::{Backend, NoticeIds, Secrets, normalize_id};
use crate::i18n::{Lang, t, tf};
use crate::ops::Outcome;
use crate::present::document::{Document, Field, Section};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::path::PathBuf;

pub use crate::cert::position::DownloadStep as Step;
pub use crate::ops::verify::Verified;

#[derive(Debug, Clone)]
pub struct Model {
    pub step: Step,
    req: TextInput,
    refid: TextInput,
    pw: PasswordPair,
    /// The focused field of 2-1 (who) and 2-3 (the IDs).
    focus: FocusRing,
    ids: Option<NoticeIds>,
    password: Option<Password>,
    /// 2-5 shows the password until then (F2); masked otherwise.
    reveal_until: Option<time::OffsetDateTime>,
    net: Option<Vec<CheckResult>>,
    /// This PC's time when the check's answers came (the clock is judged
    /// against that, not against a screen left open for an hour).
    net_at: Option<time::OffsetDateTime>,
    show_detail: bool,
    candidates: Vec<PathBuf>,
    cand_sel: Picker,
    path: TextInput,
    busy: bool,
    verified: Option<Verified>,
    drives: Vec<Drive>,
    drive_sel: Picker,
    other: TextInput,
    pub error: Option<Note>,
    /// 画面 2-2: which PC this is (the OQS or the billing PC: both work;
    /// the PC used to apply does not).
    pc: which_pc::Pc,
    /// 画面 2-2: Enter was pressed as another Windows user than the OQS
    /// user: the line under the field says so, and a second Enter goes on.
    other_user_seen: bool,
    /// 画面 2-9: F5 asked for the drives again; the next list is
    /// answered on the status line (what was looked for, what was found).
    drives_asked: bool,
    /// The folder the last backup went to: Enter there again finishes
    /// instead of writing a second copy beside the first.
    backed_up_to: Option<PathBuf>,
    /// 画面 2-2: the Windows user the OQS software runs as.
    user: TextInput,
    downloads: PathBuf,
}

/// Label width of this chapter's forms.
const LABEL_CELLS: usize = 26;

/// A label and its field as this chapter's forms lay them out.
fn field_row(ctx: &Ctx<'_>, key: &str, input: &TextInput, focused: bool, w: u16) -> Line<'static> {
    form::row(
        ctx.lang,
        ctx.theme,
        key,
        LABEL_CELLS,
        input,
        focused,
        None,
        w,
    )
}

/// A field label as this chapter's forms lay it out.
fn label(ctx: &Ctx<'_>, key: &str, focused: bool) -> Span<'static> {
    form::label(ctx.lang, ctx.theme, key, focused, LABEL_CELLS)
}

impl Model {
    pub fn resume(p: &Progress, step: Option<Step>, downloads: PathBuf) -> Self {
        let step = match step {
            Some(Step::Verified | Step::Backup) if p.certificate.is_none() => Step::Intro,
            Some(s) => s,
            None if p.chapters.download == ChapterState::Done => Step::Done,
            None => Step::Intro,
        };
        Model {
            step,
            req: TextInput::default(),
            refid: TextInput::default(),
            pw: PasswordPair::default(),
            focus: FocusRing::new(2),
            ids: None,
            password: None,
            reveal_until: None,
            net: None,
            net_at: None,
            show_detail: false,
            candidates: Vec::new(),
            cand_sel: Picker::default(),
            path: TextInput::default(),
            busy: false,
            verified: None,
            drives: Vec::new(),
            drive_sel: Picker::default(),
            other: TextInput::default(),
            error: None,
            // The answer given before (recorded as the application's
            // system: the certificate is for that system's PC).
            pc: if p.application.system == "billing" {
                which_pc::Pc::Billing
            } else {
                which_pc::Pc::Oqs
            },
            other_user_seen: false,
            drives_asked: false,
            backed_up_to: None,
            user: TextInput::new(
                &crate::cert::install::owner(&p.institution.oqs_account).oqs_account,
            ),
            downloads,
        }
    }

    fn focused_input(&mut self) -> Option<&mut TextInput> {
        match (self.step, self.focus.index()) {
            (Step::Ids, 0) => Some(&mut self.req),
            (Step::Ids, _) => Some(&mut self.refid),
            (Step::Password, _) => Some(self.pw.focused_mut()),
            (Step::Fetch, _) => Some(&mut self.path),
            (Step::Where, 1) if self.pc != which_pc::Pc::Application => Some(&mut self.user),
            (Step::Backup, _) if self.drive_sel.is(self.drives.len()) => Some(&mut self.other),
            _ => None,
        }
    }

    fn goto(&mut self, s: Step, reply: &mut Reply) {
        self.step = s;
        self.focus.focus(0);
        self.other_user_seen = false;
        self.pw.focus.focus(0);
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
            Step::Where => Step::Intro,
            Step::Ids => Step::Where,
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

    // Results of background work (the app has recorded them already).

    pub fn on_secrets_loaded(&mut self, s: Option<Secrets>) {
        if let Some(s) = s {
            self.req.set(s.ids.request_id());
            self.refid.set(s.ids.reference_id());
            self.pw.set(&s.password);
            self.ids = Some(s.ids);
            self.password = Some(s.password);
        }
    }

    pub fn on_secrets_saved(
        &mut self,
        r: &Outcome<Backend>,
        p: &mut Progress,
        lang: Lang,
        reply: &mut Reply,
    ) {
        // The save is over. (Left set, a second pass — back from a wrong
        // password, with the connection already checked — found 2-6 busy
        // for good and Enter did nothing.)
        self.busy = false;
        match r {
            Ok(b) => {
                let b = *b;
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

    pub fn on_downloads(&mut self, files: Vec<PathBuf>) {
        let selected = self.candidates.get(self.cand_sel.selected()).cloned();
        self.candidates = files;
        let row = selected
            .and_then(|s| self.candidates.iter().position(|c| *c == s))
            .unwrap_or(0);
        self.cand_sel.select(row, self.candidates.len());
    }

    fn on_verified(&mut self, r: &Outcome<Verified>, reply: &mut Reply) {
        self.busy = false;
        match r {
            Ok(v) => {
                self.verified = Some(v.clone());
                self.goto(Step::Verified, reply);
            }
            Err(e) if e.is_wrong_password() => {
                self.goto(Step::Password, reply);
                self.error = Some(e.clone().into());
            }
            Err(e) => self.error = Some(e.clone().into()),
        }
    }

    /// New drive list. While the backup screen is open the list is asked
    /// for again shortly, so a stick plugged in shows up by itself.
    /// A new list of removable drives; `status`: what F5 found, when it
    /// was F5 that asked.
    pub fn on_drives(
        &mut self,
        d: Vec<Drive>,
        lang: Lang,
        status: &mut Option<Status>,
    ) -> Vec<Effect> {
        if std::mem::take(&mut self.drives_asked) {
            *status = Some(if d.is_empty() {
                Status::new(StatusKind::Warn, t(lang, "download.drives_none"))
            } else {
                Status::new(
                    StatusKind::Ok,
                    tf(lang, "download.drives_found", &[("n", &d.len())]),
                )
            });
        }
        self.drives = d;
        // The drives and 「ほかのフォルダー」 below them.
        self.drive_sel.clamp(self.drives.len() + 1);
        if self.step == Step::Backup {
            vec![Effect::ListDrivesAfter(std::time::Duration::from_secs(2))]
        } else {
            Vec::new()
        }
    }

    /// The row (relative to the body) of the free-text path field on the
    /// Fetch and Backup steps: fixed, so wrapped text above cannot move it.
    fn bottom_row(body: Rect) -> u16 {
        body.height.saturating_sub(2)
    }

    /// Where a field's text is drawn: the body's margin (2), the focus
    /// mark (2) and the label (`LABEL_CELLS`) to its left, as `form::row`
    /// lays them out; `view` gives the field `body.width - 32` cells.
    fn input_rect(body: Rect, row: u16) -> Rect {
        let left = 4 + LABEL_CELLS as u16;
        Rect {
            x: body.x + left,
            y: body.y + row,
            width: body.width.saturating_sub(left + 2),
            height: 1,
        }
    }
}

/// The printable "write it down" sheet: boxes to fill in by hand. It is a
/// file, so it holds no secret: only the institution, the date and empty
/// boxes. `no_vault`: the credential store was found unavailable (2-5),
/// and only then does the first sentence say so.
pub fn blank_sheet(
    p: &Progress,
    lang: Lang,
    now: time::OffsetDateTime,
    no_vault: bool,
) -> (String, String) {
    let who = if p.institution.name.is_empty() {
        "-".to_string()
    } else {
        p.institution.name.clone()
    };
    let blank = |key: &str, cells: usize| Field::Blank {
        label: t(lang, key).into(),
        cells,
    };
    let d = Document {
        lang,
        title: t(lang, "download.sheet_title").into(),
        intro: Some(
            t(
                lang,
                if no_vault {
                    "download.sheet_intro"
                } else {
                    "download.sheet_intro_paper"
                },
            )
            .into(),
        ),
        sections: vec![
            Section {
                title: None,
                fields: vec![
                    Field::pair(t(lang, "report.name"), who),
                    Field::pair(
                        t(lang, "report.terminal"),
                        p.institution.terminal_name.clone(),
                    ),
                    Field::pair(t(lang, "download.sheet_date"), now.date().to_string()),
                ],
            },
            Section {
                title: None,
                fields: vec![
                    blank("secret.request_id", 24),
                    blank("secret.reference_id", 24),
                    blank("download.pw1", 4),
                ],
            },
        ],
        footer: t(lang, "download.sheet_footer").into(),
    };
    (d.text(), d.html())
}
