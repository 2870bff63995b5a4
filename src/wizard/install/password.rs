//! 「画面 3-3」: the password, when the credential store has none.

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
        KeyCode::Enter => {
            let pw = Password::new(&m.pw.value());
            if !pw.is_four_digits() {
                m.error = Some(t(lang, "install.pw_rule").into());
            } else {
                m.password = Some(pw);
                m.pw.clear();
                match m.pw_for {
                    PwFor::Install => {
                        m.step = Step::Options;
                        m.start_install(p, ctx, reply);
                    }
                    PwFor::Cleanup => {
                        m.step = Step::Cleanup;
                        m.start_cleanup(ctx, reply);
                    }
                    PwFor::Verify => from_backup::start_verify(m, ctx, reply),
                }
            }
        }
        _ => {}
    };
}

pub(super) fn lines(m: &Model, _p: &Progress, ctx: &Ctx<'_>, lines: &mut Vec<Line<'static>>) {
    let lang = ctx.lang;
    let th = ctx.theme;

    lines.push(Line::from(t(lang, "install.pw_intro").to_string()));
    lines.push(Line::from(""));
    // The field itself is drawn on its own row below.
    lines.push(Line::from(""));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        t(lang, "download.pw_why").to_string(),
        th.dim(),
    )));
    if m.busy {
        lines.push(Line::from(t(lang, "install.installing").to_string()));
    }
}
