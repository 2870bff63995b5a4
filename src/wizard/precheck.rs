//! 「画面 0-x」: is a new certificate needed at all? (DOMAIN.md, "Before
//! anything"). Questions a front-desk person can answer, one per screen.

use super::{Ctx, Nav, Reply};
use crate::cert::progress::{ChapterState, Progress};
use crate::i18n::{Lang, t};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    Expired,
    PcLost,
    CodeChanged,
    FirstTime,
    RenewOrAdd,
}

/// Any "yes" among these means a new certificate is needed.
const NEEDS_NEW: [Question; 4] = [
    Question::Expired,
    Question::PcLost,
    Question::CodeChanged,
    Question::FirstTime,
];

impl Question {
    pub const ALL: [Question; 5] = [
        Question::Expired,
        Question::PcLost,
        Question::CodeChanged,
        Question::FirstTime,
        Question::RenewOrAdd,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Question::Expired => "expired",
            Question::PcLost => "pc_lost",
            Question::CodeChanged => "code_changed",
            Question::FirstTime => "first_time",
            Question::RenewOrAdd => "renew_or_add",
        }
    }

    fn index(self) -> usize {
        Question::ALL.iter().position(|q| *q == self).unwrap_or(0)
    }

    fn from_id(id: &str) -> Option<Question> {
        Question::ALL.into_iter().find(|q| q.id() == id)
    }
}

/// The decision, from the answers so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// New issuance needed, with the reasons answered "yes".
    Needed(Vec<Question>),
    /// Valid certificate: renew instead, or reuse for the other system.
    NotNeeded,
    /// Neither: ask the help line.
    Unclear,
    /// Not all questions answered yet.
    Incomplete,
}

pub fn verdict(p: &Progress) -> Verdict {
    let answer = |q: Question| p.precheck.get(q.id()).copied();
    let reasons: Vec<Question> = NEEDS_NEW
        .into_iter()
        .filter(|q| answer(*q) == Some(true))
        .collect();
    if !reasons.is_empty() {
        return Verdict::Needed(reasons);
    }
    if NEEDS_NEW.iter().any(|q| answer(*q).is_none()) {
        return Verdict::Incomplete;
    }
    match answer(Question::RenewOrAdd) {
        Some(true) => Verdict::NotNeeded,
        Some(false) => Verdict::Unclear,
        None => Verdict::Incomplete,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Ask(Question),
    Result,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub step: Step,
    /// The highlighted answer (true = はい).
    choice: bool,
}

impl Model {
    pub fn resume(p: &Progress, step_id: &str) -> Self {
        let step = if step_id == "result" && verdict(p) != Verdict::Incomplete {
            Step::Result
        } else if let Some(q) = step_id.strip_prefix("q:").and_then(Question::from_id) {
            Step::Ask(q)
        } else {
            Step::Ask(Question::Expired)
        };
        let mut m = Model {
            step,
            choice: false,
        };
        m.load_choice(p);
        m
    }

    fn load_choice(&mut self, p: &Progress) {
        if let Step::Ask(q) = self.step {
            self.choice = p.precheck.get(q.id()).copied().unwrap_or(false);
        }
    }

    pub fn step_id(&self) -> String {
        match self.step {
            Step::Ask(q) => format!("q:{}", q.id()),
            Step::Result => "result".into(),
        }
    }

    pub fn code(&self, lang: Lang) -> String {
        let n = match self.step {
            Step::Ask(q) => q.index() + 1,
            Step::Result => 6,
        };
        super::screen_code(lang, &format!("0-{n}"))
    }

    /// The question after `q`, given the answers.
    fn after(q: Question, p: &Progress) -> Step {
        match q {
            Question::FirstTime => {
                if matches!(verdict(p), Verdict::Needed(_)) {
                    Step::Result
                } else {
                    Step::Ask(Question::RenewOrAdd)
                }
            }
            Question::RenewOrAdd => Step::Result,
            other => Step::Ask(Question::ALL[other.index() + 1]),
        }
    }

    /// The question before this step (for Esc).
    fn before(&self, p: &Progress) -> Option<Step> {
        match self.step {
            Step::Ask(Question::Expired) => None,
            Step::Ask(q) => Some(Step::Ask(Question::ALL[q.index() - 1])),
            Step::Result => {
                if matches!(verdict(p), Verdict::Needed(_)) {
                    Some(Step::Ask(Question::FirstTime))
                } else {
                    Some(Step::Ask(Question::RenewOrAdd))
                }
            }
        }
    }

    pub fn update(&mut self, key: KeyEvent, p: &mut Progress, _ctx: &Ctx<'_>) -> Reply {
        let mut reply = Reply::default();
        if key.code == KeyCode::Esc {
            match self.before(p) {
                Some(step) => {
                    self.step = step;
                    self.load_choice(p);
                    reply.save = true;
                }
                None => reply.nav = Some(Nav::Home),
            }
            return reply;
        }
        match self.step {
            Step::Ask(q) => {
                let commit = match key.code {
                    KeyCode::Left
                    | KeyCode::Right
                    | KeyCode::Up
                    | KeyCode::Down
                    | KeyCode::Tab
                    | KeyCode::BackTab => {
                        self.choice = !self.choice;
                        None
                    }
                    KeyCode::Char('y' | 'Y') => Some(true),
                    KeyCode::Char('n' | 'N') => Some(false),
                    KeyCode::Enter => Some(self.choice),
                    _ => None,
                };
                if let Some(answer) = commit {
                    p.precheck.insert(q.id().into(), answer);
                    // A later answer may no longer apply: forget it so the
                    // result is never built on a stale answer.
                    if q != Question::RenewOrAdd && matches!(verdict(p), Verdict::Needed(_)) {
                        p.precheck.remove(Question::RenewOrAdd.id());
                    }
                    if p.chapters.precheck == ChapterState::NotStarted {
                        p.chapters.precheck = ChapterState::InProgress;
                    }
                    self.step = Model::after(q, p);
                    self.load_choice(p);
                    reply.save = true;
                }
            }
            Step::Result => {
                if key.code == KeyCode::Enter {
                    let v = verdict(p);
                    p.chapters.precheck = ChapterState::Done;
                    reply.save = true;
                    reply.nav = Some(if matches!(v, Verdict::Needed(_)) {
                        Nav::Apply
                    } else {
                        Nav::Home
                    });
                }
            }
        }
        reply
    }

    pub fn view(&self, frame: &mut Frame<'_>, area: Rect, p: &Progress, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let theme = ctx.theme;
        let mut lines: Vec<Line<'static>> = Vec::new();
        match self.step {
            Step::Ask(q) => {
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    t(lang, &format!("precheck.q_{}", q.id())).to_string(),
                    theme.title(),
                )));
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    t(lang, &format!("precheck.q_{}_note", q.id())).to_string(),
                    theme.dim(),
                )));
                lines.push(Line::from(""));
                let button = |label: &str, on: bool| {
                    Span::styled(
                        format!("  {label}  "),
                        if on {
                            theme.highlight()
                        } else {
                            Style::default()
                        },
                    )
                };
                lines.push(Line::from(vec![
                    Span::raw("    "),
                    button(t(lang, "precheck.yes"), self.choice),
                    Span::raw("    "),
                    button(t(lang, "precheck.no"), !self.choice),
                ]));
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    t(lang, "precheck.keys").to_string(),
                    theme.dim(),
                )));
            }
            Step::Result => {
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    t(lang, "precheck.result_title").to_string(),
                    theme.title(),
                )));
                lines.push(Line::from(""));
                match verdict(p) {
                    Verdict::Needed(reasons) => {
                        lines.push(Line::from(Span::styled(
                            t(lang, "precheck.needed").to_string(),
                            theme.warn(),
                        )));
                        for r in reasons {
                            lines.push(Line::from(format!(
                                "  - {}",
                                t(lang, &format!("precheck.needed_reason_{}", r.id()))
                            )));
                        }
                        lines.push(Line::from(""));
                        lines.push(Line::from(t(lang, "precheck.needed_next").to_string()));
                    }
                    Verdict::NotNeeded => {
                        lines.push(Line::from(Span::styled(
                            t(lang, "precheck.renewal").to_string(),
                            theme.ok(),
                        )));
                        lines.push(Line::from(""));
                        lines.push(Line::from(t(lang, "precheck.result_next_home").to_string()));
                    }
                    Verdict::Unclear | Verdict::Incomplete => {
                        let hl = &crate::cert::codes::codes().help_line;
                        lines.push(Line::from(t(lang, "precheck.unclear").to_string()));
                        lines.push(Line::from(format!(
                            "  {} {}",
                            hl.phone,
                            if lang == Lang::Ja {
                                &hl.hours_ja
                            } else {
                                &hl.hours_en
                            }
                        )));
                        lines.push(Line::from(""));
                        lines.push(Line::from(t(lang, "precheck.result_next_home").to_string()));
                    }
                }
            }
        }
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: false }),
            Rect {
                x: area.x + 2,
                width: area.width.saturating_sub(4),
                ..area
            },
        );
    }
}
