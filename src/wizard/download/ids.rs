//! 「画面 2-3」: the two IDs from the mailed notice.

use super::*;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    _p: &mut Progress,
    ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    let lang = ctx.lang;
    match key.code {
        KeyCode::Tab | KeyCode::Down | KeyCode::BackTab | KeyCode::Up => {
            m.focus.on_key(key.code);
        }
        KeyCode::Enter if m.focus.is(0) => m.focus.next(),
        KeyCode::Enter => match NoticeIds::new(&m.req.value(), &m.refid.value()) {
            Ok(ids) => {
                m.ids = Some(ids);
                m.goto(Step::Password, reply);
            }
            Err(_) => {
                let which = if normalize_id(&m.req.value()).is_err() {
                    0
                } else {
                    1
                };
                m.focus.focus(which);
                m.error = Some(
                    t(
                        lang,
                        if which == 0 {
                            "download.err_req"
                        } else {
                            "download.err_ref"
                        },
                    )
                    .into(),
                );
            }
        },
        _ => {}
    };
}

pub(super) fn lines(
    m: &Model,
    _p: &Progress,
    ctx: &Ctx<'_>,
    w: u16,
    lines: &mut Vec<Line<'static>>,
) {
    let lang = ctx.lang;
    let th = ctx.theme;

    // The fields on fixed rows (1 and 2, see `cursor`), the text below
    // them: wrapped text above would move the caret.
    lines.push(field_row(
        ctx,
        "secret.request_id",
        &m.req,
        m.focus.is(0),
        w,
    ));
    lines.push(field_row(
        ctx,
        "secret.reference_id",
        &m.refid,
        m.focus.is(1),
        w,
    ));
    lines.push(Line::from(""));
    lines.push(Line::from(t(lang, "download.ids_intro").to_string()));
    lines.push(Line::from(Span::styled(
        t(lang, "download.ids_note").to_string(),
        th.dim(),
    )));
    lines.push(Line::from(Span::styled(
        t(lang, "download.ids_missing").to_string(),
        th.dim(),
    )));
}
