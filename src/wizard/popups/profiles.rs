//! The profile picker (P on 「画面 H」): open, create, rename and delete
//! the profiles of this data folder. A clinic with a 医科 and a 歯科 code
//! has two; a vendor has one per clinic.
//!
//! Deleting sets the profile's files aside (`ops::profiles::delete`) and
//! never touches the certificate store; the saved password and IDs are a
//! separate question afterwards, with "keep" as the answer Enter gives.
//! The open profile cannot be deleted (open another one first).

use crate::cert::progress::validate_profile_name;
use crate::i18n::{Lang, t, tf};
use crate::ops::profiles::Summary;
use crate::present::profile::summary;
use crate::wizard::components::picker::Keys;
use crate::wizard::components::{
    Note, Picker, TextInput, Theme, centered, clear, fit, paragraph, text_box,
};
use crate::wizard::msg::{Effect, Msg, ProfileChange, Reply};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use time::OffsetDateTime;

const WIDTH: u16 = 76;
/// The naming box's height: fixed, so the caret's row is known.
const NAME_HEIGHT: u16 = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    List,
    /// Typing a name for a new profile, or a new name for `Some(old)`.
    Name {
        input: TextInput,
        rename: Option<String>,
    },
    ConfirmDelete(String),
    /// After a delete: also forget its password and IDs?
    ForgetSecrets(String),
}

#[derive(Debug, Clone)]
pub struct Profiles {
    /// `None` until the list arrives.
    list: Option<Vec<Summary>>,
    sel: Picker,
    mode: Mode,
    error: Option<Note>,
    /// A task runs: keys wait.
    busy: bool,
    /// Select this profile when the list next arrives (one just created
    /// or renamed: Enter then opens it).
    select: Option<String>,
}

impl Profiles {
    /// Opened: the list is asked for.
    pub fn open(reply: &mut Reply) -> Self {
        reply.effects.push(Effect::ListProfiles);
        Profiles {
            list: None,
            sel: Picker::default(),
            mode: Mode::List,
            error: None,
            busy: false,
            select: None,
        }
    }

    /// A name is being typed: every key is text.
    pub fn is_editing(&self) -> bool {
        matches!(self.mode, Mode::Name { .. })
    }

    fn rows(&self) -> usize {
        // The profiles, then 「新しいプロファイルを作る」.
        self.list.as_ref().map_or(0, Vec::len) + 1
    }

    fn selected(&self) -> Option<&Summary> {
        self.list.as_ref()?.get(self.sel.selected())
    }

    /// A key; `Some(true)` when the picker closes.
    pub fn on_key(
        &mut self,
        key: KeyEvent,
        current: &str,
        lang: Lang,
        now: OffsetDateTime,
        reply: &mut Reply,
    ) -> bool {
        if self.busy {
            return false;
        }
        self.error = None;
        match &mut self.mode {
            Mode::List => return self.on_list_key(key.code, current, lang, reply),
            Mode::Name { input, rename } => match key.code {
                KeyCode::Esc => self.mode = Mode::List,
                KeyCode::Enter => {
                    let name = input.value().trim().to_string();
                    if let Err(e) = validate_profile_name(&name) {
                        self.error = Some(crate::ops::Failure::from(e).into());
                        return false;
                    }
                    self.busy = true;
                    reply.effects.push(match rename.take() {
                        None => Effect::CreateProfile(name),
                        Some(from) if from == current => {
                            // The open profile: the runner lets go of it,
                            // renames it and opens it again.
                            reply.save = true;
                            Effect::SwitchProfile {
                                to: name,
                                rename_from: Some(from),
                            }
                        }
                        Some(from) => Effect::RenameProfile { from, to: name },
                    });
                }
                code => {
                    input.edit(code);
                }
            },
            Mode::ConfirmDelete(name) => {
                let name = name.clone();
                // Keeping is the answer Enter (or anything but y) gives.
                if matches!(key.code, KeyCode::Char('y' | 'Y')) {
                    self.busy = true;
                    reply.effects.push(Effect::DeleteProfile { name, now });
                }
                self.mode = Mode::List;
            }
            Mode::ForgetSecrets(name) => {
                if matches!(key.code, KeyCode::Char('y' | 'Y')) {
                    self.busy = true;
                    reply.effects.push(Effect::ForgetSecrets(name.clone()));
                }
                self.mode = Mode::List;
            }
        }
        false
    }

    fn on_list_key(&mut self, code: KeyCode, current: &str, lang: Lang, reply: &mut Reply) -> bool {
        if self.sel.on_key(code, self.rows(), Keys::ArrowsAndTab) {
            return false;
        }
        let chosen = self.selected().map(|s| s.name.clone());
        match (code, chosen) {
            (KeyCode::Esc, _) => return true,
            (KeyCode::Enter, Some(name)) if name == current => return true,
            (KeyCode::Enter, Some(name)) => {
                self.busy = true;
                reply.save = true;
                reply.effects.push(Effect::SwitchProfile {
                    to: name,
                    rename_from: None,
                });
            }
            (KeyCode::Enter, None) | (KeyCode::Char('n'), _) => {
                self.mode = Mode::Name {
                    input: TextInput::default(),
                    rename: None,
                };
            }
            (KeyCode::Char('r'), Some(name)) => {
                self.mode = Mode::Name {
                    input: TextInput::new(&name),
                    rename: Some(name),
                };
            }
            (KeyCode::Char('d') | KeyCode::Delete, Some(name)) if name == current => {
                self.error = Some(t(lang, "profiles.cannot_delete_open").into());
            }
            (KeyCode::Char('d') | KeyCode::Delete, Some(name)) => {
                self.mode = Mode::ConfirmDelete(name);
            }
            _ => {}
        }
        false
    }

    /// The results of profile tasks.
    pub fn on_result(&mut self, msg: &Msg, reply: &mut Reply) {
        match msg {
            Msg::Profiles(list) => {
                self.list = Some(list.clone());
                let want = self.select.take();
                match want.and_then(|w| list.iter().position(|s| s.name == w)) {
                    Some(i) => self.sel.select(i, self.rows()),
                    None => self.sel.clamp(self.rows()),
                }
            }
            Msg::ProfileChanged(r) => {
                self.busy = false;
                match r {
                    Ok(ProfileChange::Deleted { name, .. }) => {
                        self.mode = Mode::ForgetSecrets(name.clone());
                    }
                    Ok(ProfileChange::Created(name) | ProfileChange::Renamed { to: name, .. }) => {
                        self.select = Some(name.clone());
                        self.mode = Mode::List;
                    }
                    Ok(_) => self.mode = Mode::List,
                    Err(e) => self.error = Some(e.clone().into()),
                }
                reply.effects.push(Effect::ListProfiles);
            }
            Msg::ProfileSwitched(Err(e)) => {
                self.busy = false;
                self.error = Some(e.clone().into());
            }
            _ => {}
        }
    }

    fn area(frame_area: Rect, height: u16) -> Rect {
        centered(frame_area, WIDTH, height)
    }

    /// Where the caret goes while a name is typed.
    pub fn cursor(&self, frame_area: Rect) -> Option<(u16, u16)> {
        let Mode::Name { input, .. } = &self.mode else {
            return None;
        };
        let r = Self::area(frame_area, NAME_HEIGHT);
        let (_, col) = input.visible(r.width.saturating_sub(6), None);
        Some((r.x + 3 + col, r.y + 3))
    }

    pub fn view(&self, frame: &mut Frame<'_>, lang: Lang, th: &Theme, current: &str) {
        let field_w = WIDTH.min(frame.area().width).saturating_sub(6);
        let mut lines: Vec<Line<'static>> = Vec::new();
        match &self.mode {
            Mode::Name { input, rename } => {
                let key = if rename.is_some() {
                    "profiles.rename_prompt"
                } else {
                    "profiles.new_prompt"
                };
                lines.push(Line::from(t(lang, key).to_string()));
                lines.push(Line::from(""));
                // Row 3 of the box (see `cursor`).
                lines.push(Line::from(vec![
                    Span::raw(" "),
                    Span::styled(input.visible(field_w, None).0, th.highlight()),
                ]));
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    t(lang, "profiles.name_rule").to_string(),
                    th.dim(),
                )));
                lines.push(Line::from(Span::styled(
                    t(lang, "profiles.name_keys").to_string(),
                    th.title(),
                )));
            }
            Mode::ConfirmDelete(name) => {
                lines.push(Line::from(tf(lang, "profiles.delete_q", &[("name", name)])));
                lines.push(Line::from(""));
                lines.push(Line::from(t(lang, "profiles.delete_safe").to_string()));
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    t(lang, "profiles.delete_keys").to_string(),
                    th.title(),
                )));
            }
            Mode::ForgetSecrets(name) => {
                lines.push(Line::from(tf(lang, "profiles.forget_q", &[("name", name)])));
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    t(lang, "profiles.forget_warn").to_string(),
                    th.warn(),
                )));
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    t(lang, "profiles.forget_keys").to_string(),
                    th.title(),
                )));
            }
            Mode::List => self.list_lines(lang, th, current, &mut lines),
        }
        if let Some(e) = &self.error {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(e.text(lang), th.error())));
        }
        if self.busy {
            lines.push(Line::from(t(lang, "profiles.working").to_string()));
        }
        // As tall as its text (wrapped in the box), the naming box fixed.
        let height = if self.is_editing() {
            NAME_HEIGHT
        } else {
            let inner = WIDTH.min(frame.area().width).saturating_sub(2);
            u16::try_from(paragraph::wrap(lines.clone(), inner).len())
                .unwrap_or(u16::MAX)
                .saturating_add(2)
        };
        let area = Self::area(frame.area(), height);
        clear(frame, area);
        text_box(frame, th, area, t(lang, "profiles.title"), lines);
    }

    fn list_lines(&self, lang: Lang, th: &Theme, current: &str, lines: &mut Vec<Line<'static>>) {
        lines.push(Line::from(t(lang, "profiles.intro").to_string()));
        lines.push(Line::from(""));
        let Some(list) = &self.list else {
            lines.push(Line::from(t(lang, "profiles.loading").to_string()));
            return;
        };
        // At most eight rows, scrolled to keep the selection in view.
        const ROWS: usize = 8;
        let first = self.sel.selected().saturating_sub(ROWS - 1);
        for (i, s) in list.iter().enumerate().skip(first).take(ROWS) {
            let mut text = summary(lang, s);
            // The name the home shows (「標準」, not the CLI's `default`).
            let shown = crate::present::profile::display_name(lang, &s.name);
            if shown != s.name
                && let Some(rest) = text.strip_prefix(s.name.as_str())
            {
                text = format!("{shown}{rest}");
            }
            if s.name == current {
                text = tf(lang, "profiles.open_mark", &[("line", &text)]);
            }
            // One row per profile: cut, never wrapped under the marks.
            lines.push(self.sel.row(i, fit(&text, usize::from(WIDTH) - 6), th));
        }
        if list.len() < first + ROWS {
            lines.push(
                self.sel
                    .row(list.len(), t(lang, "profiles.new_row").into(), th),
            );
        }
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            t(lang, "profiles.keys").to_string(),
            th.title(),
        )));
    }
}
