//! 「画面 3-6」: check that オンライン資格確認・オンライン請求 connects,
//! before any old certificate is touched (the help page, 3章 after ⑦: check
//! the connection; an expired old certificate left on the PC is a rare
//! cause when it does not connect). How to check is not on the help page:
//! the steps are a guide (codes.toml `[facts.connection_check]`).

use super::*;
use crate::wizard::components::choice::yes_no;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    p: &mut Progress,
    ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    let answer = match key.code {
        KeyCode::Left | KeyCode::Right | KeyCode::Tab | KeyCode::BackTab => {
            m.connect_choice = !m.connect_choice;
            None
        }
        KeyCode::Char('y' | 'Y') => Some(true),
        KeyCode::Char('n' | 'N') => Some(false),
        KeyCode::Enter => Some(m.connect_choice),
        _ => None,
    };
    if let Some(connected) = answer {
        m.connected = Some(connected);
        m.old = None;
        m.cleaned = None;
        m.busy = true;
        m.goto(Step::Cleanup, p, ctx, reply);
    }
}

pub(super) fn lines(m: &Model, _p: &Progress, ctx: &Ctx<'_>, lines: &mut Vec<Line<'static>>) {
    let lang = ctx.lang;
    let th = ctx.theme;
    lines.push(Line::from(t(lang, "install.connect_intro").to_string()));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        t(lang, "install.connect_how").to_string(),
        th.dim(),
    )));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        t(lang, "install.connect_question").to_string(),
        th.title(),
    )));
    lines.push(Line::from(""));
    lines.push(yes_no(
        th,
        t(lang, "install.connect_yes"),
        t(lang, "install.connect_no"),
        m.connect_choice,
    ));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        t(lang, "install.connect_keys").to_string(),
        th.dim(),
    )));
}
