//! 「画面 H-2」: the health view. The checks that need I/O (the store, the
//! backup files) run as an effect; this screen only shows the result, as
//! the rows `present::health` makes for `oqscert status` too.

use super::chapter::{Chapter, Ctx};
use super::components::rows;
use super::msg::{Effect, Msg, Nav, Reply};
use crate::cert::health::Health;
use crate::cert::position::Position;
use crate::cert::progress::Progress;
use crate::i18n::{Lang, t};
use crate::wizard::components::paragraph;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

#[derive(Debug, Clone, Default)]
pub struct Model {
    health: Option<Health>,
    /// F3: the vendor's detail (the thumbprint) shown too.
    detail: bool,
}

impl Chapter for Model {
    fn position(&self) -> Position {
        Position::Home
    }

    fn code(&self) -> String {
        "H-2".into()
    }

    fn title(&self, lang: Lang) -> String {
        t(lang, "health.title").into()
    }

    fn help_key(&self) -> &'static str {
        "health.help"
    }

    /// Nothing on H-2 is chosen: no [上下] in the footer.
    fn move_keys(&self) -> crate::wizard::chapter::MoveKeys {
        crate::wizard::chapter::MoveKeys::None
    }

    fn footer_keys(&self, lang: Lang, _p: &Progress) -> Vec<(&'static str, &'static str)> {
        vec![
            ("F5", t(lang, "install.key_reverify")),
            ("F3", t(lang, "download.key_detail")),
        ]
    }

    fn on_enter(&self, p: &Progress, ctx: &Ctx<'_>) -> Vec<Effect> {
        vec![Effect::CheckHealth {
            progress: Box::new(p.clone()),
            now: ctx.now,
        }]
    }

    fn on_key(&mut self, key: KeyEvent, p: &mut Progress, ctx: &Ctx<'_>) -> Reply {
        let mut reply = Reply::default();
        match key.code {
            KeyCode::F(5) => {
                self.health = None;
                reply.effects = self.on_enter(p, ctx);
            }
            KeyCode::F(3) => self.detail = !self.detail,
            KeyCode::Enter | KeyCode::Esc => reply.nav = Some(Nav::Home),
            _ => {}
        }
        reply
    }

    fn on_result(&mut self, msg: &Msg, _p: &mut Progress, _ctx: &Ctx<'_>) -> Reply {
        if let Msg::Health(h) = msg {
            self.health = Some(h.as_ref().clone());
        }
        Reply::default()
    }

    fn view(&self, frame: &mut Frame<'_>, body: Rect, _p: &Progress, ctx: &Ctx<'_>) {
        let mut lines: Vec<Line<'static>> = vec![Line::from("")];
        match &self.health {
            None => lines.push(Line::from(t(ctx.lang, "health.checking").to_string())),
            Some(h) => {
                for r in crate::present::health::rows(ctx.lang, h, self.detail) {
                    lines.push(rows::line(ctx.theme, &r));
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
