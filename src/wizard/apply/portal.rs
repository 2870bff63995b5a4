//! 「画面 1-5〜1-14」: the portal's steps, with the help page's numbers.

use super::*;
use crate::cert::position::{next_portal, prev_portal};
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
            if let Some(next) = next_portal(n) {
                m.step = Step::Portal(next);
            } else if key.code == KeyCode::Enter {
                p.application.applied_at = Some(ctx.now);
                p.chapters.apply = ChapterState::Done;
                m.step = Step::Done;
            }
            reply.save = true;
        }
        KeyCode::Esc | KeyCode::Left | KeyCode::Up => {
            m.step = prev_portal(n).map_or(Step::Sheet, Step::Portal);
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
    // The help page's own circled number on the step (the header names
    // it too, 「ヘルプページ 1章⑧」), so 「⑧のところで」 on the phone is
    // this screen.
    let mark = th.step_mark(n);
    let mut lines = vec![
        Line::from(""),
        Line::from(Span::styled(
            format!("{mark} {}", t(lang, &format!("apply.p{n}"))),
            th.title(),
        )),
        Line::from(""),
    ];
    if n == 12 {
        // oqscert's own step after the page's ⑫: record the date.
        lines.push(Line::from(t(lang, "apply.p12_record").to_string()));
        lines.push(Line::from(""));
    }
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
