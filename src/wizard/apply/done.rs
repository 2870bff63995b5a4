//! 「画面 1-15」: applied: what comes by post, and when.

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
        KeyCode::Enter => reply.nav = Some(Nav::Home),
        KeyCode::Esc => {
            m.step = Step::Portal(12);
            reply.save = true;
        }
        _ => {}
    };
}

pub(super) fn view(
    _m: &Model,
    frame: &mut Frame<'_>,
    _area: Rect,
    inner: Rect,
    p: &Progress,
    ctx: &Ctx<'_>,
) {
    let lang = ctx.lang;

    let lt = &codes().lifetime;
    let mut lines = vec![Line::from("")];
    if let Some(at) = p.application.applied_at {
        let d = |x: time::OffsetDateTime| crate::i18n::date(lang, x);
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
    lines.push(Line::from(t(lang, "apply.done_prepare").to_string()));
    lines.push(Line::from(""));
    // Records on the stick: that stick goes to the qualification PC.
    let next = match ctx.machine.records_at {
        crate::wizard::install::RecordsAt::Travelling => "apply.done_next_stick",
        _ => "apply.done_next",
    };
    lines.push(Line::from(t(lang, next).to_string()));
    frame.render_widget(Paragraph::new(paragraph::wrap(lines, inner.width)), inner);
}
