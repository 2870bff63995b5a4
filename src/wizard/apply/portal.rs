//! 「画面 1-4〜1-15」: the portal's steps, with the help page's numbers.

use super::*;
use crate::wizard::components::paragraph;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    p: &mut Progress,
    ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    let Step::Portal(n) = m.step else { return };
    match key.code {
        KeyCode::Enter | KeyCode::Right | KeyCode::Down => {
            if n < PORTAL_STEPS {
                m.step = Step::Portal(n + 1);
            } else if key.code == KeyCode::Enter {
                p.application.applied_at = Some(ctx.now);
                p.chapters.apply = ChapterState::Done;
                m.step = Step::Done;
            }
            reply.save = true;
        }
        KeyCode::Esc | KeyCode::Left | KeyCode::Up => {
            m.step = if n > 1 {
                Step::Portal(n - 1)
            } else {
                Step::Sheet
            };
            reply.save = true;
        }
        KeyCode::Char('o') => reply
            .effects
            .push(Effect::OpenBrowser(codes().urls.portal.clone())),
        KeyCode::Char('k') => m.popup = Some(Popup::Qr),
        KeyCode::Char('s') => m.popup = Some(Popup::Sheet),
        _ => {}
    };
}

pub(super) fn view(
    m: &Model,
    frame: &mut Frame<'_>,
    _area: Rect,
    inner: Rect,
    _p: &Progress,
    ctx: &Ctx<'_>,
) {
    let lang = ctx.lang;
    let th = ctx.theme;
    let Step::Portal(n) = m.step else { return };

    let url = &codes().urls.portal;
    let mut lines = vec![
        Line::from(""),
        Line::from(Span::styled(
            tf(lang, "apply.portal_step", &[("n", &n)]),
            th.dim(),
        )),
        Line::from(""),
        Line::from(Span::styled(
            t(lang, &format!("apply.p{n}")).to_string(),
            th.title(),
        )),
        Line::from(""),
    ];
    if n <= 2 {
        lines.push(Line::from(url.clone()));
        lines.push(Line::from(""));
    }
    if n == 1 {
        lines.push(Line::from(Span::styled(
            t(lang, "apply.intro_not_here").to_string(),
            th.warn(),
        )));
    }
    frame.render_widget(Paragraph::new(paragraph::wrap(lines, inner.width)), inner);
}
