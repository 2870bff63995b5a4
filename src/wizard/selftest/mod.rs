//! 「画面 H-3」: the self-test (T on 画面 H), for a vendor or a
//! receptionist on the phone: whether oqscert works on this PC, one line
//! per check (`ops::selftest`, the same lines `oqscert selftest` prints).
//! The checks run as an effect; this screen only shows the result: one
//! row a check with its verdict (Up/Down choose), what the chosen one
//! found and what to do below them, so all of it fits 80×24. The first
//! check that needs a look is chosen when the result comes.

use super::chapter::{Chapter, Ctx, MoveKeys};
use super::components::picker::{Keys, Picker};
use super::components::rows;
use super::msg::{Effect, Msg, Nav, Reply};
use crate::cert::position::Position;
use crate::cert::progress::Progress;
use crate::i18n::{Lang, t};
use crate::ops::selftest::{Report, Verdict};
use crate::present::selftest;
use crate::wizard::components::paragraph;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

#[derive(Debug, Clone, Default)]
pub struct Model {
    report: Option<Report>,
    sel: Picker,
}

impl Chapter for Model {
    fn position(&self) -> Position {
        Position::Home
    }

    fn code(&self) -> String {
        "H-3".into()
    }

    fn title(&self, lang: Lang) -> String {
        t(lang, "selftest.title").into()
    }

    fn help_key(&self) -> &'static str {
        "selftest.help"
    }

    fn move_keys(&self) -> MoveKeys {
        if self.report.is_some() {
            MoveKeys::UpDown
        } else {
            MoveKeys::None
        }
    }

    fn footer_keys(&self, lang: Lang, _p: &Progress) -> Vec<(&'static str, &'static str)> {
        if self.report.is_some() {
            vec![("F5", t(lang, "selftest.key_again"))]
        } else {
            Vec::new()
        }
    }

    fn on_enter(&self, _p: &Progress, ctx: &Ctx<'_>) -> Vec<Effect> {
        vec![Effect::Selftest {
            now: ctx.now,
            console: ctx.machine.console.clone(),
        }]
    }

    fn on_key(&mut self, key: KeyEvent, p: &mut Progress, ctx: &Ctx<'_>) -> Reply {
        let mut reply = Reply::default();
        let rows = self.report.as_ref().map_or(0, |r| r.checks.len());
        if self.sel.on_key(key.code, rows, Keys::ArrowsAndTab) {
            return reply;
        }
        match key.code {
            KeyCode::F(5) if self.report.is_some() => {
                self.report = None;
                reply.effects = self.on_enter(p, ctx);
            }
            KeyCode::Enter | KeyCode::Esc => reply.nav = Some(Nav::Home),
            _ => {}
        }
        reply
    }

    fn on_result(&mut self, msg: &Msg, _p: &mut Progress, _ctx: &Ctx<'_>) -> Reply {
        if let Msg::Selftest(r) = msg {
            // The first NG, else the first 注意, else the top.
            let first = |v: Verdict| r.checks.iter().position(|c| c.verdict == v);
            let row = first(Verdict::Ng)
                .or_else(|| first(Verdict::Attention))
                .unwrap_or(0);
            self.sel.select(row, r.checks.len());
            self.report = Some(r.as_ref().clone());
        }
        Reply::default()
    }

    fn view(&self, frame: &mut Frame<'_>, body: Rect, _p: &Progress, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let mut lines: Vec<Line<'static>> = Vec::new();
        match &self.report {
            None => {
                lines.push(Line::from(""));
                lines.push(Line::from(t(lang, "selftest.intro").to_string()));
                lines.push(Line::from(""));
                lines.push(Line::from(t(lang, "selftest.running").to_string()));
            }
            Some(r) => {
                for (i, c) in r.checks.iter().enumerate() {
                    let head = selftest::headline(lang, c);
                    let mut line = rows::line(th, &head);
                    line.spans.insert(0, Span::raw(self.sel.marker(i)));
                    lines.push(line);
                }
                lines.push(Line::from(""));
                lines.extend(rows::lines(th, &selftest::summary(lang, r)));
                if let Some(c) = r.checks.get(self.sel.selected()) {
                    lines.push(Line::from(""));
                    lines.push(Line::from(vec![
                        Span::styled(
                            format!("{}: ", t(lang, &format!("selftest.{}", c.id))),
                            th.title(),
                        ),
                        Span::raw(selftest::sentence(lang, c)),
                    ]));
                }
            }
        }
        let inner = Rect {
            x: body.x + 2,
            width: body.width.saturating_sub(4),
            ..body
        };
        frame.render_widget(Paragraph::new(paragraph::wrap(lines, inner.width)), inner);
    }
}
