//! 「画面 1-1」: Chapter 1 is done on a PC or smartphone with internet.

use super::*;
use crate::wizard::components::paragraph;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    _p: &mut Progress,
    _ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    match key.code {
        KeyCode::Enter => {
            m.step = Step::ThisPc;
            reply.save = true;
        }
        KeyCode::Esc => reply.nav = Some(Nav::Home),
        _ => {}
    };
}

pub(super) fn view(
    _m: &Model,
    frame: &mut Frame<'_>,
    _area: Rect,
    inner: Rect,
    _p: &Progress,
    ctx: &Ctx<'_>,
) {
    let lang = ctx.lang;
    let th = ctx.theme;

    let lines = vec![
        Line::from(""),
        Line::from(t(lang, "apply.chapter_title").to_string()),
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
    frame.render_widget(Paragraph::new(paragraph::wrap(lines, inner.width)), inner);
}
