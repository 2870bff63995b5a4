//! 「画面 2-3」: the 4-digit password, typed twice.

use super::*;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    p: &mut Progress,
    ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    let lang = ctx.lang;
    match key.code {
        KeyCode::F(2) => m.reveal = !m.reveal,
        // The password on paper, every time: the printable sheet.
        KeyCode::F(8) => {
            let (text, html) = blank_sheet(p, lang, ctx.now);
            reply.effects.push(Effect::ExportSheet {
                dir: ctx.profile_dir.clone(),
                stem: "password-sheet".into(),
                text,
                html,
            });
        }
        KeyCode::Tab | KeyCode::Down | KeyCode::BackTab | KeyCode::Up => {
            m.focus = 1 - m.focus.min(1)
        }
        KeyCode::Enter if m.focus == 0 => m.focus = 1,
        KeyCode::Enter => {
            if let Some(problem) = m.password_problem() {
                m.error = Some(t(lang, problem).into());
            } else if let Some(ids) = m.ids.clone() {
                let pw = Password::new(&m.pw1.value());
                m.password = Some(pw.clone());
                m.busy = true;
                reply.effects.push(Effect::SaveSecrets(
                    p.profile.clone(),
                    Secrets { ids, password: pw },
                ));
            } else {
                m.goto(Step::Ids, reply);
            }
        }
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

    // The fields on fixed rows (1 and 2, see `cursor`); text below.
    let mask = (!m.reveal).then_some('*');
    lines.push(Line::from(vec![
        Span::raw("  "),
        label(ctx, "download.pw1", m.focus == 0),
        field(&m.pw1, m.focus == 0, mask, w),
    ]));
    lines.push(Line::from(vec![
        Span::raw("  "),
        label(ctx, "download.pw2", m.focus == 1),
        field(&m.pw2, m.focus == 1, mask, w),
    ]));
    lines.push(Line::from(""));
    lines.push(Line::from(t(lang, "download.pw_intro").to_string()));
    // Shown at once while typing: rule and match.
    let live = if m.pw1.is_empty() {
        None
    } else if !Password::new(&m.pw1.value()).is_four_digits() {
        Some(("download.err_pw_rule", th.warn()))
    } else if !m.pw2.is_empty() && m.password_problem().is_some() {
        Some(("download.err_pw_mismatch", th.warn()))
    } else if !m.pw2.is_empty() {
        Some(("download.pw_ok", th.ok()))
    } else {
        None
    };
    if let Some((k, st)) = live {
        lines.push(Line::from(Span::styled(t(lang, k).to_string(), st)));
    }
    lines.push(Line::from(Span::styled(
        t(lang, "download.pw_why").to_string(),
        th.warn(),
    )));
    lines.push(Line::from(Span::styled(
        t(lang, "download.pw_paper").to_string(),
        th.warn(),
    )));
    if m.busy {
        lines.push(Line::from(t(lang, "download.saving").to_string()));
    }
}
