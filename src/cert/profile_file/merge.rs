//! Every value of an imported profile checked the way the wizard's form
//! checks it, and merged into the progress; every problem kept with its
//! line.

use super::{FileIn, Issue, Problem, Text, line_of};
use crate::cert::codes::codes;
use crate::cert::form::{valid_email, valid_phone, valid_windows_user};
use crate::cert::institution::{InstitutionCode, normalize_digits};
use crate::cert::position::RawPosition;
use crate::cert::progress::{ChapterState, Position, Progress};
use crate::cert::sanitize::to_half_width;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub(super) struct Checker<'t> {
    pub(super) text: &'t str,
    pub(super) errors: Vec<Issue>,
    pub(super) notes: Vec<Issue>,
}

type Checked = Result<String, &'static str>;

/// Free text on one line (names, the terminal): what a form field takes,
/// so no control, bidi or zero-width character comes in by file either.
fn one_line(s: &str) -> Checked {
    if s.chars().any(crate::cert::sanitize::unfit_for_a_field) {
        Err("profile.err_one_line")
    } else {
        Ok(s.to_string())
    }
}

fn type_id(s: &str) -> Checked {
    match codes().institution_type(s) {
        Some(_) => Ok(s.to_string()),
        None if s.is_empty() => Ok(String::new()),
        None => Err("profile.err_type"),
    }
}

/// 「13」「１３」「1」 as the two-digit code of a known prefecture.
fn prefecture(s: &str) -> Checked {
    if s.is_empty() {
        return Ok(String::new());
    }
    let mut d = normalize_digits(s).map_err(|_| "profile.err_pref")?;
    if d.len() == 1 {
        d.insert(0, '0');
    }
    match codes().prefecture(&d) {
        Some(p) => Ok(p.code.clone()),
        None => Err("profile.err_pref"),
    }
}

fn code7(s: &str) -> Checked {
    if s.is_empty() {
        return Ok(String::new());
    }
    match normalize_digits(s) {
        Ok(d) if d.len() == 7 => Ok(d),
        _ => Err("apply.err_code7"),
    }
}

fn phone(s: &str) -> Checked {
    if s.is_empty() || valid_phone(s) {
        Ok(to_half_width(s).to_string())
    } else {
        Err("apply.err_phone")
    }
}

fn email(s: &str) -> Checked {
    if s.is_empty() || valid_email(s) {
        Ok(to_half_width(s).to_string())
    } else {
        Err("apply.err_email")
    }
}

fn windows_user(s: &str) -> Checked {
    if s.is_empty() || valid_windows_user(s) {
        Ok(s.to_string())
    } else {
        Err("profile.err_user")
    }
}

fn system(s: &str) -> Checked {
    match s {
        "" | "oqs" | "billing" => Ok(s.to_string()),
        _ => Err("profile.err_system"),
    }
}

fn chapter_state(s: &str) -> Option<ChapterState> {
    match s {
        "not_started" => Some(ChapterState::NotStarted),
        "in_progress" => Some(ChapterState::InProgress),
        "done" => Some(ChapterState::Done),
        "needs_attention" => Some(ChapterState::NeedsAttention),
        _ => None,
    }
}

impl Checker<'_> {
    fn line(&self, v: &toml::Spanned<String>) -> usize {
        line_of(self.text, v.span().start)
    }

    /// Check one text value (trimmed); store what `check` returns.
    fn value(&mut self, key: &str, v: &Text, target: &mut String, check: impl Fn(&str) -> Checked) {
        let Some(v) = v else { return };
        match check(v.get_ref().trim()) {
            Ok(s) => *target = s,
            Err(reason) => self.errors.push(Issue {
                line: self.line(v),
                key: key.to_string(),
                problem: Problem::Invalid { reason },
            }),
        }
    }

    fn state(&mut self, key: &str, v: &Text, target: &mut ChapterState) {
        let Some(v) = v else { return };
        match chapter_state(v.get_ref().trim()) {
            Some(s) => *target = s,
            None => self.errors.push(Issue {
                line: self.line(v),
                key: key.to_string(),
                problem: Problem::Invalid {
                    reason: "profile.err_state",
                },
            }),
        }
    }

    pub(super) fn merge(&mut self, f: &FileIn, p: &mut Progress) {
        if let Some(i) = &f.institution {
            let t = &mut p.institution;
            self.value("institution.type_id", &i.type_id, &mut t.type_id, type_id);
            self.value(
                "institution.prefecture",
                &i.prefecture,
                &mut t.prefecture,
                prefecture,
            );
            self.value("institution.code7", &i.code7, &mut t.code7, code7);
            self.value("institution.name", &i.name, &mut t.name, one_line);
            self.value(
                "institution.department",
                &i.department,
                &mut t.department,
                one_line,
            );
            self.value("institution.person", &i.person, &mut t.person, one_line);
            self.value("institution.phone", &i.phone, &mut t.phone, phone);
            self.value("institution.email", &i.email, &mut t.email, email);
            self.value(
                "institution.terminal_name",
                &i.terminal_name,
                &mut t.terminal_name,
                one_line,
            );
            self.value(
                "institution.oqs_account",
                &i.oqs_account,
                &mut t.oqs_account,
                windows_user,
            );
            self.check_digit(p, &i.code7);
        }
        if let Some(a) = &f.application {
            self.value(
                "application.system",
                &a.system,
                &mut p.application.system,
                system,
            );
            self.applied_at(&a.applied_at, &mut p.application.applied_at);
        }
        if let Some(c) = &f.chapters {
            let ch = &mut p.chapters;
            self.state("chapters.precheck", &c.precheck, &mut ch.precheck);
            self.state("chapters.apply", &c.apply, &mut ch.apply);
            self.state("chapters.download", &c.download, &mut ch.download);
            self.state("chapters.install", &c.install, &mut ch.install);
        }
        if let Some(pos) = &f.position {
            self.position(&pos.chapter, &pos.step, &mut p.position);
        }
    }

    /// The 検証番号 by the prefecture's rule, as the form shows it: a note,
    /// never a refusal (a wrongly refused real clinic is worse).
    fn check_digit(&mut self, p: &Progress, given: &Text) {
        let Some(v) = given else { return };
        let inst = &p.institution;
        let Some(ty) = codes().institution_type(&inst.type_id) else {
            return;
        };
        let Ok(code) = InstitutionCode::from_parts(&inst.prefecture, &ty.table, &inst.code7) else {
            return;
        };
        if let Some(reason) = code.check().note_key() {
            self.notes.push(Issue {
                line: self.line(v),
                key: "institution.code7".into(),
                problem: Problem::Note { reason },
            });
        }
    }

    fn applied_at(&mut self, v: &Text, target: &mut Option<OffsetDateTime>) {
        let Some(v) = v else { return };
        let s = v.get_ref().trim();
        if s.is_empty() {
            *target = None;
            return;
        }
        match OffsetDateTime::parse(s, &Rfc3339) {
            Ok(t) => *target = Some(t),
            Err(_) => self.errors.push(Issue {
                line: self.line(v),
                key: "application.applied_at".into(),
                problem: Problem::Invalid {
                    reason: "profile.err_date",
                },
            }),
        }
    }

    /// A chapter id (or empty: the table of contents) and a step id of
    /// that chapter (or empty: its start).
    fn position(&mut self, chapter: &Text, step: &Text, target: &mut Position) {
        let raw = RawPosition {
            chapter: chapter
                .as_ref()
                .map(|c| c.get_ref().trim().to_string())
                .unwrap_or_default(),
            step: step
                .as_ref()
                .map(|s| s.get_ref().trim().to_string())
                .unwrap_or_default(),
        };
        let known_chapter = raw.chapter.is_empty()
            || crate::cert::position::ChapterId::from_id(&raw.chapter).is_some();
        let pos = Position::from(raw.clone());
        let mut ok = true;
        if let (Some(v), false) = (chapter, known_chapter) {
            ok = false;
            self.invalid(v, "position.chapter", "profile.err_chapter");
        }
        if let Some(v) = step
            && known_chapter
            && !raw.step.is_empty()
            && pos.step_id() != raw.step
        {
            ok = false;
            self.invalid(v, "position.step", "profile.err_step");
        }
        if ok {
            *target = pos;
        }
    }

    fn invalid(&mut self, v: &toml::Spanned<String>, key: &str, reason: &'static str) {
        self.errors.push(Issue {
            line: self.line(v),
            key: key.to_string(),
            problem: Problem::Invalid { reason },
        });
    }
}
