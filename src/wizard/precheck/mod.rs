//! 「画面 0-x」: is a new certificate needed at all? (DOMAIN.md, "Before
//! anything"). Questions a front-desk person can answer, one per screen.

mod ask;
mod result;

use super::components::paragraph;
use super::{Chapter, Ctx, Nav, Reply};
use crate::cert::position::Position;
use crate::cert::progress::{ChapterState, Progress};
use crate::i18n::{Lang, t};
use crate::wizard::chapter::MoveKeys;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub use crate::cert::position::{PrecheckStep as Step, Question};

/// Any "yes" among these means a new certificate is needed.
const NEEDS_NEW: [Question; 4] = [
    Question::Expired,
    Question::PcLost,
    Question::CodeChanged,
    Question::FirstTime,
];

/// A question's place in the order they are asked.
fn index(q: Question) -> usize {
    Question::ALL.iter().position(|x| *x == q).unwrap_or(0)
}

/// The decision, from the answers so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// New issuance needed, with the reasons answered "yes".
    Needed(Vec<Question>),
    /// Valid certificate: renew instead, or reuse for the other system.
    NotNeeded,
    /// A replaced or reset PC with a backup and its password: no new
    /// certificate, the backup goes back in (Chapter 3 from the stick).
    Reinstall,
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
    if answer(Question::Reinstall) == Some(true) {
        return Verdict::Reinstall;
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

#[derive(Debug, Clone)]
pub struct Model {
    pub step: Step,
    /// The highlighted answer (true = はい).
    choice: bool,
    /// What the personal store holds (the first question shows it, so the
    /// answer is seen, not guessed); `None` until listed.
    store: Option<crate::ops::Outcome<Vec<crate::cert::store::StoredCert>>>,
}

impl Model {
    pub fn resume(p: &Progress, step: Option<Step>) -> Self {
        let step = match step {
            Some(Step::Result) if verdict(p) != Verdict::Incomplete => Step::Result,
            Some(Step::Ask(q)) => Step::Ask(q),
            _ => Step::Ask(Question::Expired),
        };
        let mut m = Model {
            step,
            choice: false,
            store: None,
        };
        m.load_choice(p);
        m
    }

    fn load_choice(&mut self, p: &Progress) {
        if let Step::Ask(q) = self.step {
            self.choice = p.precheck.get(q.id()).copied().unwrap_or(false);
        }
    }

    /// The question after `q`, given the answers.
    fn after(q: Question, p: &Progress) -> Step {
        let yes = |q: Question| p.precheck.get(q.id()).copied() == Some(true);
        match q {
            // Expired: a new certificate whatever else; not expired: maybe
            // only a reinstall from the backup.
            Question::Expired if yes(Question::Expired) => Step::Ask(Question::PcLost),
            Question::Reinstall if yes(Question::Reinstall) => Step::Result,
            Question::FirstTime => {
                if matches!(verdict(p), Verdict::Needed(_)) {
                    Step::Result
                } else {
                    Step::Ask(Question::RenewOrAdd)
                }
            }
            Question::RenewOrAdd => Step::Result,
            other => Step::Ask(Question::ALL[index(other) + 1]),
        }
    }

    /// The question before this step (for Esc).
    fn before(&self, p: &Progress) -> Option<Step> {
        match self.step {
            Step::Ask(Question::Expired) => None,
            Step::Ask(Question::PcLost)
                if p.precheck.get(Question::Expired.id()) == Some(&true) =>
            {
                Some(Step::Ask(Question::Expired))
            }
            Step::Ask(q) => Some(Step::Ask(Question::ALL[index(q) - 1])),
            Step::Result => {
                if verdict(p) == Verdict::Reinstall {
                    Some(Step::Ask(Question::Reinstall))
                } else if matches!(verdict(p), Verdict::Needed(_)) {
                    Some(Step::Ask(Question::FirstTime))
                } else {
                    Some(Step::Ask(Question::RenewOrAdd))
                }
            }
        }
    }

    fn handle_key(&mut self, key: KeyEvent, p: &mut Progress) -> Reply {
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
            Step::Ask(_) => ask::on_key(self, key, p, &mut reply),
            Step::Result => result::on_key(self, key, p, &mut reply),
        }
        reply
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, p: &Progress, ctx: &Ctx<'_>) {
        let mut lines: Vec<Line<'static>> = Vec::new();
        match self.step {
            Step::Ask(_) => ask::lines(self, p, ctx, &mut lines),
            Step::Result => result::lines(self, p, ctx, &mut lines),
        }
        let inner = Rect {
            x: area.x + 2,
            width: area.width.saturating_sub(4),
            ..area
        };
        frame.render_widget(Paragraph::new(paragraph::wrap(lines, inner.width)), inner);
    }
}

impl Chapter for Model {
    fn position(&self) -> Position {
        Position::Precheck(self.step)
    }

    fn code(&self) -> String {
        self.step.code()
    }

    fn title(&self, lang: Lang) -> String {
        t(lang, "precheck.title").into()
    }

    fn help_key(&self) -> &'static str {
        "precheck.help"
    }

    fn move_keys(&self) -> MoveKeys {
        match self.step {
            Step::Ask(_) => MoveKeys::LeftRight,
            Step::Result => MoveKeys::None,
        }
    }

    fn on_enter(&self, _p: &Progress, _ctx: &Ctx<'_>) -> Vec<crate::wizard::Effect> {
        vec![crate::wizard::Effect::ListCertificates]
    }

    fn on_result(&mut self, msg: &crate::wizard::Msg, p: &mut Progress, _ctx: &Ctx<'_>) -> Reply {
        if let crate::wizard::Msg::Certificates(r) = msg {
            let mut r = r.clone();
            if let Ok(certs) = &mut r {
                // OQS certificates first (a known issuer, or this
                // profile's certificate's), then the newest: the list
                // shows four, and an S/MIME or VPN certificate must not
                // push the one that matters off it.
                let issuer = p.certificate.as_ref().map(|c| c.issuer.as_str());
                let oqs = crate::cert::cleanup::oqs_issuers(issuer.filter(|i| !i.is_empty()));
                certs.sort_by_key(|c| {
                    (
                        !oqs.contains(&c.info.issuer),
                        std::cmp::Reverse(c.info.not_after),
                    )
                });
            }
            self.store = Some(r);
        }
        Reply::default()
    }

    fn on_key(&mut self, key: KeyEvent, p: &mut Progress, _ctx: &Ctx<'_>) -> Reply {
        self.handle_key(key, p)
    }

    fn view(&self, frame: &mut Frame<'_>, area: Rect, p: &Progress, ctx: &Ctx<'_>) {
        self.draw(frame, area, p, ctx)
    }
}
