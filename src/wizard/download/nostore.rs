//! 「画面 2-5」: no credential store here: write it down.

use super::*;

/// How long F2 shows the password on 2-5.
pub(super) const REVEAL_FOR: time::Duration = time::Duration::seconds(10);

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    p: &mut Progress,
    ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    let lang = ctx.lang;
    match key.code {
        KeyCode::Enter => {
            m.reveal_until = None;
            m.goto(Step::Net, reply);
        }
        // Shown for a while, then masked again: a reception counter has
        // patients passing.
        KeyCode::F(2) => {
            m.reveal_until = Some(ctx.now + REVEAL_FOR);
            reply
                .effects
                .push(Effect::WakeAfter(REVEAL_FOR.unsigned_abs()));
        }
        KeyCode::F(8) => {
            let (text, html) = blank_sheet(p, lang, ctx.now, true);
            reply.effects.push(Effect::ExportSheet {
                dir: ctx.profile_dir.clone(),
                stem: "password-sheet".into(),
                text,
                html,
            });
        }
        _ => {}
    };
}

pub(super) fn lines(
    m: &Model,
    _p: &Progress,
    ctx: &Ctx<'_>,
    _w: u16,
    lines: &mut Vec<Line<'static>>,
) {
    let lang = ctx.lang;
    let th = ctx.theme;

    lines.push(Line::from(Span::styled(
        t(lang, "download.nostore1").to_string(),
        th.warn(),
    )));
    lines.push(Line::from(""));
    if let (Some(ids), Some(pw)) = (&m.ids, &m.password) {
        lines.push(Line::from(format!(
            "  {}: {}",
            t(lang, "secret.request_id"),
            ids.request_id()
        )));
        lines.push(Line::from(format!(
            "  {}: {}",
            t(lang, "secret.reference_id"),
            ids.reference_id()
        )));
        let shown = m.reveal_until.is_some_and(|until| ctx.now < until);
        lines.push(Line::from(if shown {
            format!("  {}: {}", t(lang, "download.pw1"), pw.expose())
        } else {
            format!(
                "  {}: ****  {}",
                t(lang, "download.pw1"),
                t(lang, "download.nostore_reveal")
            )
        }));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(t(lang, "download.nostore2").to_string()));
}
