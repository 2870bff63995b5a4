//! 「画面 1-x」: Chapter 1, apply on the portal. The institution profile
//! (validated here, check digit included), the form sheet with the exact
//! values to type (copy, printable export), and the portal steps one by one.

use super::widgets::{self, TextInput, body_rect, centered, fit, text_box};
use super::{Ctx, Effect, Nav, Reply};
use crate::cert::codes::{Prefecture, codes};
use crate::cert::institution::{InstitutionCode, Rule, normalize_digits};
use crate::cert::progress::{ChapterState, Progress};
use crate::i18n::{Lang, t, tf};
use crate::report::esc;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

pub const PORTAL_STEPS: u8 = 12;
const LABEL_CELLS: usize = 26;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Type,
    Prefecture,
    Code7,
    Name,
    Department,
    Person,
    Phone,
    Email,
    Terminal,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Type,
        Field::Prefecture,
        Field::Code7,
        Field::Name,
        Field::Department,
        Field::Person,
        Field::Phone,
        Field::Email,
        Field::Terminal,
    ];

    fn index(self) -> usize {
        Field::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    fn label_key(self) -> &'static str {
        match self {
            Field::Type => "apply.f_type",
            Field::Prefecture => "apply.f_prefecture",
            Field::Code7 => "apply.f_code7",
            Field::Name => "apply.f_name",
            Field::Department => "apply.f_department",
            Field::Person => "apply.f_person",
            Field::Phone => "apply.f_phone",
            Field::Email => "apply.f_email",
            Field::Terminal => "apply.f_terminal",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Intro,
    Profile,
    Sheet,
    /// Portal step 1..=12.
    Portal(u8),
    Done,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Popup {
    Qr,
    Sheet,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub step: Step,
    focus: Field,
    type_idx: Option<usize>,
    /// Text fields, indexed by `Field::index` (Type unused).
    inputs: Vec<TextInput>,
    show_errors: bool,
    sheet_sel: usize,
    popup: Option<Popup>,
}

/// Prefectures matching what was typed: a number (「34」「３４」) or the
/// start of a name in Japanese or English.
pub fn match_prefectures(typed: &str) -> Vec<&'static Prefecture> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Vec::new();
    }
    let all = &codes().prefectures;
    if let Ok(d) = normalize_digits(typed) {
        let code = if d.len() == 1 { format!("0{d}") } else { d };
        return all.iter().filter(|p| p.code == code).collect();
    }
    let lower = typed.to_lowercase();
    let exact: Vec<_> = all
        .iter()
        .filter(|p| p.name_ja == typed || p.name_en.to_lowercase() == lower)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    all.iter()
        .filter(|p| p.name_ja.starts_with(typed) || p.name_en.to_lowercase().starts_with(&lower))
        .collect()
}

fn valid_phone(s: &str) -> bool {
    let half = crate::cert::password::to_half_width(s);
    let digits: String = half.chars().filter(|c| c.is_ascii_digit()).collect();
    half.chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ' || c == '(' || c == ')')
        && (10..=11).contains(&digits.len())
}

fn valid_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && s.is_ascii()
        && !s.contains(char::is_whitespace)
}

impl Model {
    pub fn resume(p: &Progress, step_id: &str) -> Self {
        let inst = &p.institution;
        let mut inputs = vec![TextInput::default(); Field::ALL.len()];
        let pref_text = codes()
            .prefecture(&inst.prefecture)
            .map(|pr| pr.name_ja.clone())
            .unwrap_or_default();
        inputs[Field::Prefecture.index()] = TextInput::new(&pref_text);
        inputs[Field::Code7.index()] = TextInput::new(&inst.code7);
        inputs[Field::Name.index()] = TextInput::new(&inst.name);
        inputs[Field::Department.index()] = TextInput::new(&inst.department);
        inputs[Field::Person.index()] = TextInput::new(&inst.person);
        inputs[Field::Phone.index()] = TextInput::new(&inst.phone);
        inputs[Field::Email.index()] = TextInput::new(&inst.email);
        inputs[Field::Terminal.index()] = TextInput::new(&inst.terminal_name);
        let type_idx = codes()
            .institution_types
            .iter()
            .position(|ty| ty.id == inst.type_id);
        let step = match step_id {
            "intro" => Step::Intro,
            "profile" => Step::Profile,
            "sheet" => Step::Sheet,
            "done" => Step::Done,
            s => match s.strip_prefix("portal-").and_then(|n| n.parse::<u8>().ok()) {
                Some(n) if (1..=PORTAL_STEPS).contains(&n) => Step::Portal(n),
                _ if p.chapters.apply == ChapterState::Done => Step::Done,
                _ => Step::Intro,
            },
        };
        Model {
            step,
            focus: Field::Type,
            type_idx,
            inputs,
            show_errors: false,
            sheet_sel: 0,
            popup: None,
        }
    }

    pub fn step_id(&self) -> String {
        match self.step {
            Step::Intro => "intro".into(),
            Step::Profile => "profile".into(),
            Step::Sheet => "sheet".into(),
            Step::Portal(n) => format!("portal-{n}"),
            Step::Done => "done".into(),
        }
    }

    pub fn code(&self, lang: Lang) -> String {
        let n = match self.step {
            Step::Intro => 1,
            Step::Profile => 2,
            Step::Sheet => 3,
            Step::Portal(n) => 3 + u32::from(n),
            Step::Done => 16,
        };
        super::screen_code(lang, &format!("1-{n}"))
    }

    pub fn title(&self, lang: Lang) -> String {
        match self.step {
            Step::Intro => t(lang, "apply.title").to_string(),
            Step::Profile => t(lang, "apply.profile_title").to_string(),
            Step::Sheet => t(lang, "apply.sheet_title").to_string(),
            Step::Portal(n) => format!(
                "{} {}",
                t(lang, "apply.portal_title"),
                tf(lang, "apply.portal_step", &[("n", &n)])
            ),
            Step::Done => t(lang, "apply.done_title").to_string(),
        }
    }

    pub fn help_key(&self) -> &'static str {
        match self.step {
            Step::Intro => "apply.help_intro",
            Step::Profile => "apply.help_profile",
            Step::Sheet => "apply.help_sheet",
            Step::Portal(_) => "apply.help_portal",
            Step::Done => "apply.help_done",
        }
    }

    /// Keys that type into a text field (so `q` and `?` are text there).
    pub fn is_editing(&self) -> bool {
        self.popup.is_none() && self.step == Step::Profile && self.focus != Field::Type
    }

    pub fn footer_keys(&self, lang: Lang) -> Vec<(&'static str, &'static str)> {
        match self.step {
            Step::Sheet => vec![
                ("c", t(lang, "apply.sheet_keys_copy")),
                ("e", t(lang, "apply.sheet_keys_export")),
            ],
            Step::Portal(_) => vec![
                ("o", t(lang, "apply.portal_keys_open")),
                ("k", t(lang, "apply.portal_keys_qr")),
                ("s", t(lang, "apply.portal_keys_sheet")),
            ],
            _ => Vec::new(),
        }
    }

    fn input(&self, f: Field) -> &TextInput {
        &self.inputs[f.index()]
    }

    fn input_mut(&mut self, f: Field) -> &mut TextInput {
        &mut self.inputs[f.index()]
    }

    /// Pasted text goes into the focused field.
    pub fn paste(&mut self, text: &str) {
        if self.is_editing() {
            let f = self.focus;
            self.input_mut(f).insert_str(text);
        }
    }

    fn resolved_prefecture(&self) -> Option<&'static Prefecture> {
        let m = match_prefectures(&self.input(Field::Prefecture).value());
        (m.len() == 1).then(|| m[0])
    }

    fn table_code(&self) -> Option<&'static str> {
        let ty = codes().institution_types.get(self.type_idx?)?;
        Some(ty.table.as_str())
    }

    /// The full code if prefecture, type and seven digits are known.
    pub fn institution_code(&self) -> Option<InstitutionCode> {
        let pref = self.resolved_prefecture()?;
        let table = self.table_code()?;
        InstitutionCode::from_parts(&pref.code, table, &self.input(Field::Code7).value()).ok()
    }

    /// Errors per field (locale keys); empty when the form can pass.
    pub fn errors(&self) -> Vec<(Field, &'static str)> {
        let mut out = Vec::new();
        if self.type_idx.is_none() {
            out.push((Field::Type, "apply.err_type"));
        }
        if self.resolved_prefecture().is_none() {
            out.push((Field::Prefecture, "apply.err_pref"));
        }
        let code_ok =
            normalize_digits(&self.input(Field::Code7).value()).is_ok_and(|d| d.len() == 7);
        if !code_ok {
            out.push((Field::Code7, "apply.err_code7"));
        }
        for f in [
            Field::Name,
            Field::Department,
            Field::Person,
            Field::Terminal,
        ] {
            if self.input(f).value().trim().is_empty() {
                out.push((f, "apply.err_required"));
            }
        }
        if !valid_phone(&self.input(Field::Phone).value()) {
            out.push((Field::Phone, "apply.err_phone"));
        }
        if !valid_email(&self.input(Field::Email).value()) {
            out.push((Field::Email, "apply.err_email"));
        }
        out
    }

    /// Copy what is typed into the progress record (nothing secret here).
    fn store(&self, p: &mut Progress) {
        let inst = &mut p.institution;
        inst.type_id = self
            .type_idx
            .and_then(|i| codes().institution_types.get(i))
            .map(|ty| ty.id.clone())
            .unwrap_or_default();
        inst.prefecture = self
            .resolved_prefecture()
            .map(|pr| pr.code.clone())
            .unwrap_or_default();
        inst.code7 = normalize_digits(&self.input(Field::Code7).value())
            .unwrap_or_else(|_| self.input(Field::Code7).value());
        inst.name = self.input(Field::Name).value().trim().to_string();
        inst.department = self.input(Field::Department).value().trim().to_string();
        inst.person = self.input(Field::Person).value().trim().to_string();
        inst.phone = crate::cert::password::to_half_width(self.input(Field::Phone).value().trim())
            .to_string();
        inst.email = crate::cert::password::to_half_width(self.input(Field::Email).value().trim())
            .to_string();
        inst.terminal_name = self.input(Field::Terminal).value().trim().to_string();
    }

    /// The sheet: (label, value, confirmed) in the portal form's order.
    pub fn sheet_rows(&self, lang: Lang) -> Vec<(String, String, bool)> {
        let c = codes();
        let ty = self.type_idx.and_then(|i| c.institution_types.get(i));
        let (bunrui, bunrui_ok) = match ty {
            Some(ty) if ty.bunrui_confirmed => (ty.bunrui.clone(), true),
            Some(ty) => (
                if lang == Lang::Ja {
                    ty.name_ja.clone()
                } else {
                    ty.name_en.clone()
                },
                false,
            ),
            None => (String::new(), false),
        };
        let table = ty.and_then(|ty| c.table(&ty.table));
        let (table_v, table_ok) = match table {
            Some(tb) if tb.confirmed => (tb.form_value.clone(), true),
            Some(tb) => (format!("{}:{}", tb.code, tb.name_ja), false),
            None => (String::new(), false),
        };
        let pref = self
            .resolved_prefecture()
            .map(|p| format!("{} {}", p.code, p.name_ja))
            .unwrap_or_default();
        let code7 = normalize_digits(&self.input(Field::Code7).value()).unwrap_or_default();
        vec![
            (t(lang, "apply.s_bunrui").into(), bunrui, bunrui_ok),
            (t(lang, "apply.s_prefecture").into(), pref, true),
            (t(lang, "apply.s_table").into(), table_v, table_ok),
            (t(lang, "apply.s_code7").into(), code7, true),
            (
                t(lang, "apply.f_name").into(),
                self.input(Field::Name).value(),
                true,
            ),
            (
                t(lang, "apply.f_department").into(),
                self.input(Field::Department).value(),
                true,
            ),
            (
                t(lang, "apply.f_person").into(),
                self.input(Field::Person).value(),
                true,
            ),
            (
                t(lang, "apply.f_phone").into(),
                self.input(Field::Phone).value(),
                true,
            ),
            (
                t(lang, "apply.f_email").into(),
                self.input(Field::Email).value(),
                true,
            ),
            (
                t(lang, "apply.f_terminal").into(),
                self.input(Field::Terminal).value(),
                true,
            ),
        ]
    }

    /// The printable sheet as plain text and as HTML (A4, no secrets).
    pub fn sheet_documents(&self, lang: Lang) -> (String, String) {
        let rows = self.sheet_rows(lang);
        let note = t(lang, "apply.sheet_unconfirmed");
        let mut text = format!(
            "{}\n\n{}\n\n",
            t(lang, "apply.sheet_title"),
            t(lang, "apply.sheet_intro")
        );
        let mut html = format!(
            "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
             <style>@page{{size:A4;margin:18mm}}body{{font-family:sans-serif}}\
             table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #444;padding:6px;text-align:left}}\
             .note{{color:#a60}}</style></head><body><h1>{}</h1><p>{}</p><table>\n",
            lang.code(),
            esc(t(lang, "apply.sheet_title")),
            esc(t(lang, "apply.sheet_title")),
            esc(t(lang, "apply.sheet_intro"))
        );
        for (label, value, ok) in &rows {
            let n = if *ok { "" } else { note };
            text.push_str(&format!("{label}: {value} {n}\n"));
            html.push_str(&format!(
                "<tr><th>{}</th><td>{}{}</td></tr>\n",
                esc(label),
                esc(value),
                if *ok {
                    String::new()
                } else {
                    format!(" <span class=\"note\">{}</span>", esc(note))
                }
            ));
        }
        let url = &codes().urls.portal;
        text.push_str(&format!("\n{url}\n"));
        html.push_str(&format!("</table><p>{}</p></body></html>\n", esc(url)));
        (text, html)
    }

    pub fn update(&mut self, key: KeyEvent, p: &mut Progress, ctx: &Ctx<'_>) -> Reply {
        let mut reply = Reply::default();
        if let Some(popup) = self.popup {
            if matches!(key.code, KeyCode::Esc | KeyCode::Enter)
                || (popup == Popup::Qr && key.code == KeyCode::Char('k'))
                || (popup == Popup::Sheet && key.code == KeyCode::Char('s'))
            {
                self.popup = None;
            }
            return reply;
        }
        if p.chapters.apply == ChapterState::NotStarted {
            p.chapters.apply = ChapterState::InProgress;
            reply.save = true;
        }
        match self.step {
            Step::Intro => match key.code {
                KeyCode::Enter => {
                    self.step = Step::Profile;
                    reply.save = true;
                }
                KeyCode::Esc => reply.nav = Some(Nav::Home),
                _ => {}
            },
            Step::Profile => self.update_profile(key, p, &mut reply),
            Step::Sheet => match key.code {
                KeyCode::Up | KeyCode::BackTab => self.sheet_sel = self.sheet_sel.saturating_sub(1),
                KeyCode::Down | KeyCode::Tab => {
                    self.sheet_sel = (self.sheet_sel + 1).min(self.sheet_rows(ctx.lang).len() - 1)
                }
                KeyCode::Char('c') => {
                    let rows = self.sheet_rows(ctx.lang);
                    if let Some((label, value, _)) = rows.get(self.sheet_sel) {
                        reply.effects.push(Effect::Copy {
                            text: value.clone(),
                            what: label.clone(),
                        });
                    }
                }
                KeyCode::Char('e') => {
                    let (text, html) = self.sheet_documents(ctx.lang);
                    reply.effects.push(Effect::ExportSheet {
                        stem: "application-sheet".into(),
                        dir: ctx.profile_dir.clone(),
                        text,
                        html,
                    });
                }
                KeyCode::Enter => {
                    self.step = Step::Portal(1);
                    reply.save = true;
                }
                KeyCode::Esc => {
                    self.step = Step::Profile;
                    reply.save = true;
                }
                _ => {}
            },
            Step::Portal(n) => match key.code {
                KeyCode::Enter | KeyCode::Right | KeyCode::Down => {
                    if n < PORTAL_STEPS {
                        self.step = Step::Portal(n + 1);
                    } else if key.code == KeyCode::Enter {
                        p.application.applied_at = Some(ctx.now);
                        p.chapters.apply = ChapterState::Done;
                        self.step = Step::Done;
                    }
                    reply.save = true;
                }
                KeyCode::Esc | KeyCode::Left | KeyCode::Up => {
                    self.step = if n > 1 {
                        Step::Portal(n - 1)
                    } else {
                        Step::Sheet
                    };
                    reply.save = true;
                }
                KeyCode::Char('o') => reply
                    .effects
                    .push(Effect::OpenBrowser(codes().urls.portal.clone())),
                KeyCode::Char('k') => self.popup = Some(Popup::Qr),
                KeyCode::Char('s') => self.popup = Some(Popup::Sheet),
                _ => {}
            },
            Step::Done => match key.code {
                KeyCode::Enter => reply.nav = Some(Nav::Home),
                KeyCode::Esc => {
                    self.step = Step::Portal(PORTAL_STEPS);
                    reply.save = true;
                }
                _ => {}
            },
        }
        reply
    }

    fn update_profile(&mut self, key: KeyEvent, p: &mut Progress, reply: &mut Reply) {
        let n_types = codes().institution_types.len();
        let move_focus = |m: &mut Model, delta: isize| {
            let i = m.focus.index() as isize + delta;
            let i = i.clamp(0, Field::ALL.len() as isize - 1) as usize;
            m.focus = Field::ALL[i];
        };
        match key.code {
            KeyCode::Esc => {
                self.store(p);
                self.step = Step::Intro;
                reply.save = true;
            }
            KeyCode::Tab | KeyCode::Down => {
                move_focus(self, 1);
                self.store(p);
                reply.save = true;
            }
            KeyCode::BackTab | KeyCode::Up => {
                move_focus(self, -1);
                self.store(p);
                reply.save = true;
            }
            KeyCode::Enter => {
                self.store(p);
                reply.save = true;
                if self.focus != Field::Terminal {
                    move_focus(self, 1);
                } else if self.errors().is_empty() {
                    self.show_errors = false;
                    self.step = Step::Sheet;
                    self.sheet_sel = 0;
                } else {
                    self.show_errors = true;
                    if let Some((f, _)) = self.errors().first() {
                        self.focus = *f;
                    }
                }
            }
            code if self.focus == Field::Type => match code {
                KeyCode::Left => {
                    self.type_idx = Some(
                        self.type_idx
                            .map_or(n_types - 1, |i| (i + n_types - 1) % n_types),
                    );
                }
                KeyCode::Right | KeyCode::Char(' ') => {
                    self.type_idx = Some(self.type_idx.map_or(0, |i| (i + 1) % n_types));
                }
                KeyCode::Char(c @ '1'..='9') => {
                    let i = (c as usize) - ('1' as usize);
                    if i < n_types {
                        self.type_idx = Some(i);
                    }
                }
                _ => {}
            },
            code => {
                let f = self.focus;
                self.input_mut(f).edit(code);
            }
        }
    }

    /// Rectangle of a field's input box in the body.
    fn field_rect(body: Rect, f: Field) -> Rect {
        let x = body.x + 2 + LABEL_CELLS as u16 + 1;
        Rect {
            x,
            y: body.y + 1 + f.index() as u16,
            width: body.width.saturating_sub(x - body.x + 2),
            height: 1,
        }
    }

    pub fn cursor(&self, area: Rect) -> Option<(u16, u16)> {
        if !self.is_editing() {
            return None;
        }
        let r = Self::field_rect(body_rect(area), self.focus);
        let (_, col) = self.input(self.focus).visible(r.width, None);
        Some((r.x + col, r.y))
    }

    pub fn view(&self, frame: &mut Frame<'_>, area: Rect, p: &Progress, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let inner = Rect {
            x: area.x + 2,
            width: area.width.saturating_sub(4),
            ..area
        };
        match self.step {
            Step::Intro => {
                let lines = vec![
                    Line::from(""),
                    Line::from(Span::styled(
                        t(lang, "apply.intro_heading").to_string(),
                        th.title(),
                    )),
                    Line::from(Span::styled(
                        t(lang, "apply.intro_not_here").to_string(),
                        th.warn(),
                    )),
                    Line::from(""),
                    Line::from(t(lang, "apply.intro_steps").to_string()),
                    Line::from(""),
                    Line::from(t(lang, "apply.intro_next").to_string()),
                ];
                frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
            }
            Step::Profile => self.view_profile(frame, area, ctx),
            Step::Sheet => self.view_sheet(frame, inner, lang, th),
            Step::Portal(n) => {
                let url = &codes().urls.portal;
                let mut lines = vec![
                    Line::from(""),
                    Line::from(Span::styled(
                        tf(lang, "apply.portal_step", &[("n", &n)]),
                        th.dim(),
                    )),
                    Line::from(""),
                    Line::from(Span::styled(
                        t(lang, &format!("apply.p{n}")).to_string(),
                        th.title(),
                    )),
                    Line::from(""),
                ];
                if n <= 2 {
                    lines.push(Line::from(url.clone()));
                    lines.push(Line::from(""));
                }
                if n == 1 {
                    lines.push(Line::from(Span::styled(
                        t(lang, "apply.intro_not_here").to_string(),
                        th.warn(),
                    )));
                }
                frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
            }
            Step::Done => {
                let lt = &codes().lifetime;
                let mut lines = vec![Line::from("")];
                if let Some(at) = p.application.applied_at {
                    let d = |x: time::OffsetDateTime| x.date().to_string();
                    lines.push(Line::from(tf(lang, "home.applied", &[("date", &d(at))])));
                    lines.push(Line::from(tf(
                        lang,
                        "home.deadline",
                        &[(
                            "date",
                            &d(at + time::Duration::days(i64::from(lt.download_deadline_days))),
                        )],
                    )));
                    lines.push(Line::from(""));
                }
                lines.push(Line::from(t(lang, "apply.done_body").to_string()));
                lines.push(Line::from(""));
                lines.push(Line::from(t(lang, "home.status_check").to_string()));
                lines.push(Line::from(""));
                lines.push(Line::from(t(lang, "apply.done_next").to_string()));
                frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
            }
        }
        match self.popup {
            Some(Popup::Qr) => view_qr(frame, lang, th),
            Some(Popup::Sheet) => {
                let r = centered(frame.area(), 76, 16);
                frame.render_widget(Clear, r);
                let block = th
                    .block()
                    .title(format!(" {} ", t(lang, "apply.sheet_title")));
                let inner = block.inner(r);
                frame.render_widget(block, r);
                self.view_sheet(frame, inner, lang, th);
            }
            None => {}
        }
    }

    fn view_sheet(&self, frame: &mut Frame<'_>, area: Rect, lang: Lang, th: &widgets::Theme) {
        let mut lines = vec![
            Line::from(t(lang, "apply.sheet_intro").to_string()),
            Line::from(""),
        ];
        for (i, (label, value, ok)) in self.sheet_rows(lang).into_iter().enumerate() {
            let sel = i == self.sheet_sel && self.popup.is_none();
            let mut spans = vec![
                Span::raw(if sel { "> " } else { "  " }),
                Span::styled(
                    fit(&label, 22),
                    if sel { th.highlight() } else { th.title() },
                ),
                Span::raw(" "),
                Span::raw(value),
            ];
            if !ok {
                spans.push(Span::styled(
                    format!(" {}", t(lang, "apply.sheet_unconfirmed")),
                    th.warn(),
                ));
            }
            lines.push(Line::from(spans));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }

    fn view_profile(&self, frame: &mut Frame<'_>, body: Rect, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let errors = self.errors();
        let err_of = |f: Field| errors.iter().find(|(g, _)| *g == f).map(|(_, k)| *k);
        frame.render_widget(
            Paragraph::new(Span::styled(
                t(lang, "apply.profile_keys").to_string(),
                th.dim(),
            ))
            .wrap(Wrap { trim: true }),
            Rect {
                x: body.x + 2,
                width: body.width.saturating_sub(4),
                height: 1,
                ..body
            },
        );
        for f in Field::ALL {
            let r = Self::field_rect(body, f);
            let focused = f == self.focus;
            let bad = self.show_errors && err_of(f).is_some();
            let label_style = if focused {
                th.highlight()
            } else if bad {
                th.error()
            } else {
                Style::default()
            };
            let label_rect = Rect {
                x: body.x + 2,
                y: r.y,
                width: LABEL_CELLS as u16,
                height: 1,
            };
            frame.render_widget(
                Paragraph::new(Span::styled(
                    fit(t(lang, f.label_key()), LABEL_CELLS),
                    label_style,
                )),
                label_rect,
            );
            let value = if f == Field::Type {
                match self.type_idx.and_then(|i| codes().institution_types.get(i)) {
                    Some(ty) => format!(
                        "< {} >",
                        if lang == Lang::Ja {
                            &ty.name_ja
                        } else {
                            &ty.name_en
                        }
                    ),
                    None => format!("< {} >", t(lang, "apply.type_hint")),
                }
            } else {
                self.input(f).visible(r.width, None).0
            };
            let value_style = if focused {
                Style::default().fg(Color::White).bg(Color::Blue)
            } else {
                Style::default()
            };
            frame.render_widget(
                Paragraph::new(Span::styled(fit(&value, r.width as usize), value_style)),
                r,
            );
        }
        // Notes for the focused field: live checks, candidates, errors.
        let mut notes: Vec<Line<'static>> = Vec::new();
        match self.focus {
            Field::Prefecture => {
                let m = match_prefectures(&self.input(Field::Prefecture).value());
                if m.len() == 1 {
                    notes.push(Line::from(Span::styled(
                        format!("{} {}", m[0].code, m[0].name_ja),
                        th.ok(),
                    )));
                } else if m.len() > 1 {
                    let list: Vec<String> = m
                        .iter()
                        .take(8)
                        .map(|p| format!("{} {}", p.code, p.name_ja))
                        .collect();
                    notes.push(Line::from(tf(
                        lang,
                        "apply.pref_candidates",
                        &[("list", &list.join(", "))],
                    )));
                } else {
                    notes.push(Line::from(Span::styled(
                        t(lang, "apply.pref_hint").to_string(),
                        th.dim(),
                    )));
                }
            }
            Field::Code7 => notes.push(self.code_note(lang, th)),
            Field::Name => notes.push(Line::from(Span::styled(
                t(lang, "apply.name_note").to_string(),
                th.dim(),
            ))),
            Field::Department | Field::Person | Field::Phone | Field::Email => {
                notes.push(Line::from(Span::styled(
                    t(lang, "apply.contact_note").to_string(),
                    th.dim(),
                )))
            }
            Field::Terminal => notes.push(Line::from(Span::styled(
                t(lang, "apply.terminal_note").to_string(),
                th.dim(),
            ))),
            Field::Type => {}
        }
        if self.focus != Field::Code7 && self.institution_code().is_some() {
            notes.push(self.code_note(lang, th));
        }
        if self.show_errors {
            if let Some(k) = err_of(self.focus) {
                notes.push(Line::from(Span::styled(t(lang, k).to_string(), th.error())));
            } else if !errors.is_empty() {
                notes.push(Line::from(Span::styled(
                    t(lang, "apply.errors_left").to_string(),
                    th.error(),
                )));
            }
        }
        let top = body.y + 1 + Field::ALL.len() as u16 + 1;
        if top < body.y + body.height {
            frame.render_widget(
                Paragraph::new(notes).wrap(Wrap { trim: false }),
                Rect {
                    x: body.x + 2,
                    y: top,
                    width: body.width.saturating_sub(4),
                    height: body.y + body.height - top,
                },
            );
        }
    }

    fn code_note(&self, lang: Lang, th: &widgets::Theme) -> Line<'static> {
        match self.institution_code() {
            Some(code) => {
                let out = code.check();
                match out.rule {
                    Some(Rule::NineDigit) => Line::from(Span::styled(
                        format!("{} {}", code.as_ten(), t(lang, "apply.code_ok_nine")),
                        th.ok(),
                    )),
                    Some(Rule::SixDigit) => Line::from(Span::styled(
                        format!("{} {}", code.as_ten(), t(lang, "apply.code_ok_six")),
                        th.ok(),
                    )),
                    None => Line::from(Span::styled(
                        tf(
                            lang,
                            "apply.code_warn",
                            &[("nine", &out.expected_nine), ("six", &out.expected_six)],
                        ),
                        th.warn(),
                    )),
                }
            }
            None => Line::from(Span::styled(
                t(lang, "apply.code_needs_pref").to_string(),
                th.dim(),
            )),
        }
    }
}

/// The portal URL as a QR code for a phone. Half-block characters where
/// the terminal draws them narrow; on the Japanese Windows console (which
/// draws them two cells wide) each module is two spaces with a background
/// colour instead.
fn view_qr(frame: &mut Frame<'_>, lang: Lang, th: &widgets::Theme) {
    let url = &codes().urls.portal;
    let Ok(code) = qrcode::QrCode::new(url.as_bytes()) else {
        return;
    };
    let n = code.width();
    let quiet = 2;
    let size = n + 2 * quiet;
    let dark = |x: usize, y: usize| -> bool {
        x >= quiet
            && y >= quiet
            && x < n + quiet
            && y < n + quiet
            && code[(x - quiet, y - quiet)] == qrcode::Color::Dark
    };
    let (w, h) = if th.ascii_borders {
        (size * 2, size)
    } else {
        (size, size.div_ceil(2))
    };
    let area = frame.area();
    let need_w = w as u16 + 2;
    let need_h = h as u16 + 3;
    if area.width < need_w || area.height < need_h {
        let r = centered(area, 70, 7);
        frame.render_widget(Clear, r);
        text_box(
            frame,
            th,
            r,
            t(lang, "apply.qr_title"),
            vec![
                Line::from(tf(
                    lang,
                    "apply.qr_too_small",
                    &[("w", &need_w), ("h", &need_h)],
                )),
                Line::from(url.clone()),
            ],
        );
        return;
    }
    let r = centered(area, need_w, need_h);
    frame.render_widget(Clear, r);
    let block = th.block().title(format!(" {} ", t(lang, "apply.qr_title")));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let qr_style = Style::default().fg(Color::Black).bg(Color::White);
    let mut lines = Vec::with_capacity(h);
    if th.ascii_borders {
        for y in 0..size {
            let spans: Vec<Span<'static>> = (0..size)
                .map(|x| {
                    let bg = if dark(x, y) {
                        Color::Black
                    } else {
                        Color::White
                    };
                    Span::styled("  ", Style::default().bg(bg))
                })
                .collect();
            lines.push(Line::from(spans));
        }
    } else {
        for y in (0..size).step_by(2) {
            let row: String = (0..size)
                .map(|x| match (dark(x, y), dark(x, y + 1)) {
                    (true, true) => '\u{2588}',
                    (true, false) => '\u{2580}',
                    (false, true) => '\u{2584}',
                    (false, false) => ' ',
                })
                .collect();
            lines.push(Line::from(Span::styled(row, qr_style)));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
