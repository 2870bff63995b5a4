//! 「画面 1-2」: is this the PC the certificate will be installed on? The
//! help page asks for the name of that PC (端末名称), and Chapter 1 is
//! usually done elsewhere (a PC or phone with internet): the computer's
//! name is pre-filled only when the answer is yes.

use super::*;
use crate::wizard::components::choice::yes_no;
use crate::wizard::components::paragraph;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    p: &mut Progress,
    ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    let answer = match key.code {
        KeyCode::Left | KeyCode::Right | KeyCode::Up | KeyCode::Down | KeyCode::Tab => {
            m.this_pc = !m.this_pc;
            None
        }
        KeyCode::Char('y' | 'Y') => Some(true),
        KeyCode::Char('n' | 'N') => Some(false),
        KeyCode::Enter => Some(m.this_pc),
        KeyCode::Esc => {
            m.step = Step::Intro;
            reply.save = true;
            None
        }
        _ => None,
    };
    let Some(yes) = answer else { return };
    m.this_pc = yes;
    let name = ctx.machine.computer_name.trim();
    let terminal = m.input(Field::Terminal).value().trim().to_string();
    if yes && terminal.is_empty() && !name.is_empty() {
        m.input_mut(Field::Terminal).set(name);
    } else if !yes && terminal == name {
        // A name taken from this computer (an earlier version filled it
        // in) is not the installing PC's.
        m.input_mut(Field::Terminal).set("");
    }
    m.terminal_elsewhere = !yes;
    m.store(p);
    m.step = Step::Profile;
    reply.save = true;
}

pub(super) fn view(
    m: &Model,
    frame: &mut Frame<'_>,
    _area: Rect,
    inner: Rect,
    _p: &Progress,
    ctx: &Ctx<'_>,
) {
    let (lang, th) = (ctx.lang, ctx.theme);
    let lines = vec![
        Line::from(""),
        Line::from(Span::styled(
            t(lang, "apply.thispc_q").to_string(),
            th.title(),
        )),
        Line::from(""),
        Line::from(Span::styled(
            t(lang, "apply.thispc_note").to_string(),
            th.dim(),
        )),
        Line::from(""),
        yes_no(
            th,
            t(lang, "precheck.yes"),
            t(lang, "precheck.no"),
            m.this_pc,
        ),
        Line::from(""),
        Line::from(Span::styled(t(lang, "precheck.keys").to_string(), th.dim())),
    ];
    frame.render_widget(Paragraph::new(paragraph::wrap(lines, inner.width)), inner);
}
