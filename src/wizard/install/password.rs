//! 「画面 3-4」: the password, when the credential store has none.

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
        KeyCode::F(2) if m.pw_for == PwFor::CleanupTwice => m.pair.toggle_reveal(),
        KeyCode::F(2) => m.reveal = !m.reveal,
        KeyCode::Enter if m.pw_for == PwFor::CleanupTwice && m.pair.focus.is(0) => {
            m.pair.focus.next();
        }
        KeyCode::Enter if m.pw_for == PwFor::CleanupTwice => {
            // No file to prove it with: the same four digits twice.
            let (first, second) = m.pair.both();
            match ProvenPassword::typed_twice(&first, &second) {
                Ok(proven) => {
                    m.password = Some(first);
                    m.proven = Some(proven);
                    m.pair = PasswordPair::default();
                    m.step = Step::Cleanup;
                    m.error = None;
                    m.confirming = true;
                }
                Err(e) => m.error = Some(crate::ops::Failure::from(e).into()),
            }
        }
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
                        m.start_prove(p, reply);
                    }
                    PwFor::CleanupTwice => {}
                    PwFor::Verify => from_backup::start_verify(m, p, ctx, reply),
                }
            }
        }
        _ => {}
    };
}

pub(super) fn lines(m: &Model, _p: &Progress, ctx: &Ctx<'_>, lines: &mut Vec<Line<'static>>) {
    let lang = ctx.lang;
    let th = ctx.theme;

    if m.pw_for == PwFor::CleanupTwice {
        // The two fields on fixed rows (see `cursor`), the note below.
        lines.extend(m.pair.rows(lang, th, PAIR_LABEL_CELLS, PAIR_FIELD_CELLS));
        lines.push(Line::from(""));
        lines.push(Line::from(t(lang, "install.pw_twice_intro").to_string()));
        lines.extend(m.pair.note(lang, th));
        return;
    }
    let intro = if m.pw_for == PwFor::Cleanup {
        "install.pw_intro_cleanup"
    } else {
        "install.pw_intro"
    };
    lines.push(Line::from(t(lang, intro).to_string()));
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
