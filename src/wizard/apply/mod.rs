//! 「画面 1-x」: Chapter 1, apply on the portal. The institution profile
//! (validated here, check digit included), the form sheet with the exact
//! values to type (copy, printable export), and the portal steps one by one.

mod done;
mod intro;
mod portal;
mod profile;
mod screen;
mod sheet;
mod this_pc;

use super::components::form::Form;
use super::components::{self as widgets, Picker, TextInput, body_rect, fit};
use super::popups;
use super::{Ctx, Effect, Nav, Reply};
use crate::cert::codes::{Prefecture, codes};
use crate::cert::form::{valid_email, valid_phone};
use crate::cert::institution::{InstitutionCode, Rule, normalize_digits};
use crate::cert::progress::{ChapterState, Progress};
use crate::i18n::{Lang, t, tf};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const LABEL_CELLS: usize = 26;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Type,
    Prefecture,
    Code7,
    Name,
    /// 担当部署/担当者名: one field on the portal (「担当部署または担当者名を入力」).
    Department,
    Phone,
    Email,
    Terminal,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Type,
        Field::Prefecture,
        Field::Code7,
        Field::Name,
        Field::Department,
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
            Field::Phone => "apply.f_phone",
            Field::Email => "apply.f_email",
            Field::Terminal => "apply.f_terminal",
        }
    }
}

pub use crate::cert::position::ApplyStep as Step;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Popup {
    Qr,
    Sheet,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub step: Step,
    /// 画面 1-3: the focused field (`Field::ALL` order) and the errors.
    form: Form,
    type_idx: Option<usize>,
    /// Text fields, indexed by `Field::index` (Type unused).
    inputs: Vec<TextInput>,
    sheet_sel: Picker,
    /// The 10-digit code the person typed into 1-3's code field, split into
    /// its parts (said on screen until the field changes again).
    ten_digit: Option<String>,
    /// The 10-digit code kept although its check digit fits neither rule
    /// (F7, after comparing it with the 保険医療機関届): Enter alone never
    /// takes such a code.
    code_kept: Option<String>,
    popup: Option<Popup>,
    /// 「このパソコンに取り込みますか」 highlighted answer.
    this_pc: bool,
    /// The terminal is another PC: say where to read its name.
    terminal_elsewhere: bool,
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
    // 「34 広島県」: a choice as the field shows it once made.
    if let Some((code, name)) = typed.split_once(' ')
        && let Ok(d) = normalize_digits(code)
    {
        let code = if d.len() == 1 { format!("0{d}") } else { d };
        return all
            .iter()
            .filter(|p| p.code == code && p.name_ja == name.trim())
            .collect();
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

/// How the prefecture field shows a choice: 「34 広島県」 (the code the
/// portal's list starts with, and the name), not what was typed.
pub(super) fn chosen_prefecture(p: &Prefecture) -> String {
    format!("{} {}", p.code, p.name_ja)
}

impl Model {
    /// Leaving the prefecture field with one match: show the choice.
    pub(super) fn settle_prefecture(&mut self) {
        if let Some(p) = self.resolved_prefecture() {
            let chosen = chosen_prefecture(p);
            if *self.input(Field::Prefecture).value() != chosen {
                self.input_mut(Field::Prefecture).set(&chosen);
            }
        }
    }

    pub fn resume(p: &Progress, step: Option<Step>) -> Self {
        let inst = &p.institution;
        let mut inputs = vec![TextInput::default(); Field::ALL.len()];
        let pref_text = codes()
            .prefecture(&inst.prefecture)
            .map(chosen_prefecture)
            .unwrap_or_default();
        inputs[Field::Prefecture.index()] = TextInput::new(&pref_text);
        inputs[Field::Code7.index()] = TextInput::new(&inst.code7);
        inputs[Field::Name.index()] = TextInput::new(&inst.name);
        // 担当部署/担当者名 is one field; a profile from a version with two
        // keeps both in it.
        let dept = match (inst.department.trim(), inst.person.trim()) {
            (d, "") => d.to_string(),
            ("", p) => p.to_string(),
            (d, p) => format!("{d} {p}"),
        };
        inputs[Field::Department.index()] = TextInput::new(&dept);
        inputs[Field::Phone.index()] = TextInput::new(&inst.phone);
        inputs[Field::Email.index()] = TextInput::new(&inst.email);
        inputs[Field::Terminal.index()] = TextInput::new(&inst.terminal_name);
        let type_idx = codes()
            .institution_types
            .iter()
            .position(|ty| ty.id == inst.type_id);
        let step = match step {
            Some(Step::Portal(n)) if !crate::cert::position::PORTAL_STEPS.contains(&n) => {
                Step::Intro
            }
            Some(s) => s,
            None if p.chapters.apply == ChapterState::Done => Step::Done,
            None => Step::Intro,
        };
        Model {
            step,
            form: Form::new(Field::ALL.len()),
            type_idx,
            inputs,
            sheet_sel: Picker::default(),
            ten_digit: None,
            code_kept: None,
            popup: None,
            this_pc: false,
            terminal_elsewhere: false,
        }
    }

    /// The field with the keyboard on 画面 1-3.
    fn focus(&self) -> Field {
        Field::ALL
            .get(self.form.ring.index())
            .copied()
            .unwrap_or(Field::Type)
    }

    fn input(&self, f: Field) -> &TextInput {
        &self.inputs[f.index()]
    }

    fn input_mut(&mut self, f: Field) -> &mut TextInput {
        &mut self.inputs[f.index()]
    }

    fn resolved_prefecture(&self) -> Option<&'static Prefecture> {
        let m = match_prefectures(&self.input(Field::Prefecture).value());
        (m.len() == 1).then(|| m[0])
    }

    fn table_code(&self) -> Option<&'static str> {
        let ty = codes().institution_types.get(self.type_idx?)?;
        Some(ty.table.as_str())
    }

    /// A 10-digit code (as on the clinic's paperwork: hyphens, spaces and
    /// full-width digits allowed) typed into the 7-digit field fills
    /// 都道府県 and the type from its first three digits and keeps the
    /// last seven there.
    pub(super) fn take_ten_digit_code(&mut self) {
        let Ok(d) = normalize_digits(&self.input(Field::Code7).value()) else {
            return;
        };
        if d.len() != 10 {
            return;
        }
        let Ok(code) = InstitutionCode::parse(&d) else {
            return;
        };
        let chosen = chosen_prefecture(code.prefecture());
        self.input_mut(Field::Prefecture).set(&chosen);
        let types = &codes().institution_types;
        let same_table: Vec<usize> = (0..types.len())
            .filter(|i| types[*i].table == code.table_code())
            .collect();
        // Only when the table names one type (歯科 is only 歯科).
        if let [i] = same_table[..] {
            self.type_idx = Some(i);
        }
        self.input_mut(Field::Code7).set(&code.code7());
        self.ten_digit = Some(code.as_ten());
    }

    /// The 7-digit field holds the first seven digits of the 10-digit code
    /// (都道府県 and 点数表 in front): the person took the wrong end.
    pub(super) fn first_seven_of_ten(&self) -> bool {
        let (Some(pref), Some(table)) = (self.resolved_prefecture(), self.table_code()) else {
            return false;
        };
        normalize_digits(&self.input(Field::Code7).value())
            .is_ok_and(|d| d.len() == 7 && d.starts_with(&format!("{}{table}", pref.code)))
    }

    /// The full code if prefecture, type and seven digits are known.
    pub fn institution_code(&self) -> Option<InstitutionCode> {
        let pref = self.resolved_prefecture()?;
        let table = self.table_code()?;
        InstitutionCode::from_parts(&pref.code, table, &self.input(Field::Code7).value()).ok()
    }

    /// The code is complete, its check digit fits neither rule, and it was
    /// not kept with F7.
    pub fn code_fails_check(&self) -> bool {
        self.institution_code().is_some_and(|c| {
            c.check().rule.is_none() && self.code_kept.as_deref() != Some(c.as_ten().as_str())
        })
    }

    /// F7: keep the code as typed (or stop keeping it).
    fn toggle_code_kept(&mut self) {
        let Some(code) = self.institution_code() else {
            return;
        };
        if code.check().rule.is_some() {
            return;
        }
        let ten = code.as_ten();
        self.code_kept = if self.code_kept.as_deref() == Some(ten.as_str()) {
            None
        } else {
            Some(ten)
        };
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
        } else if self.code_fails_check() {
            out.push((Field::Code7, "apply.err_code_check"));
        }
        for f in [Field::Name, Field::Department, Field::Terminal] {
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
            .unwrap_or_else(|_| self.input(Field::Code7).value().to_string());
        inst.name = self.input(Field::Name).value().trim().to_string();
        inst.department = self.input(Field::Department).value().trim().to_string();
        // One field on the portal: older profiles' separate name is folded
        // into it when they are resumed (see `resume`).
        inst.person = String::new();
        inst.phone = crate::cert::sanitize::to_half_width(self.input(Field::Phone).value().trim())
            .to_string();
        inst.email = crate::cert::sanitize::to_half_width(self.input(Field::Email).value().trim())
            .to_string();
        inst.terminal_name = self.input(Field::Terminal).value().trim().to_string();
    }

    fn field_rect(body: Rect, f: Field) -> Rect {
        let x = body.x + 2 + LABEL_CELLS as u16 + 1;
        Rect {
            x,
            y: body.y + 1 + f.index() as u16,
            width: body.width.saturating_sub(x - body.x + 2),
            height: 1,
        }
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    /// A label longer than its column would be cut (「医療機関コード（7桁か10桁」
    /// lost its bracket once).
    #[test]
    fn every_form_label_fits_its_column() {
        for lang in [Lang::Ja, Lang::En] {
            for f in Field::ALL {
                let label = t(lang, f.label_key());
                assert!(label.width() < LABEL_CELLS, "{lang:?}: {label} is cut");
            }
        }
    }
}
