//! 「画面 2-4」: the 4-digit password, typed twice.

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
        KeyCode::F(2) => m.pw.toggle_reveal(),
        // The password on paper, every time: the printable sheet.
        KeyCode::F(8) => {
            let (text, html) = blank_sheet(p, lang, ctx.now, false);
            reply.effects.push(Effect::ExportSheet {
                dir: ctx.profile_dir.clone(),
                stem: "password-sheet".into(),
                text,
                html,
            });
        }
        KeyCode::Tab | KeyCode::Down | KeyCode::BackTab | KeyCode::Up => {
            m.pw.focus.on_key(key.code);
        }
        KeyCode::Enter => {
            // What is wrong is said once, in the note under the fields,
            // and the caret is put in the field to fix.
            if let Some(pw) = m.pw.enter() {
                if let Some(ids) = m.ids.clone() {
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
    lines.extend(m.pw.rows(lang, th, LABEL_CELLS, w));
    lines.push(Line::from(""));
    lines.push(Line::from(t(lang, "download.pw_intro").to_string()));
    // Shown at once while typing: rule and match.
    lines.extend(m.pw.note(lang, th));
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
