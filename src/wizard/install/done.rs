//! 「画面 3-8」: done: the report, the end date, check the connection.

use super::*;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    _p: &mut Progress,
    _ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    match key.code {
        KeyCode::F(4) => {
            if let Some(Ok(paths)) = &m.report_paths
                && let Some(html) = paths.first()
            {
                reply
                    .effects
                    .push(Effect::OpenBrowser(html.display().to_string()));
            }
        }
        KeyCode::Enter => reply.nav = Some(Nav::Home),
        _ => {}
    };
}

pub(super) fn lines(m: &Model, p: &Progress, ctx: &Ctx<'_>, lines: &mut Vec<Line<'static>>) {
    let lang = ctx.lang;
    let th = ctx.theme;

    lines.push(Line::from(Span::styled(
        t(lang, "install.done1").to_string(),
        th.ok(),
    )));
    if m.connected == Some(false) {
        // It did not connect at 3-6: whom to ask.
        lines.push(Line::from(Span::styled(
            t(lang, "install.done_not_connected").to_string(),
            th.warn(),
        )));
        lines.push(Line::from(crate::present::help_line(lang)));
    } else {
        lines.push(Line::from(t(lang, "install.done_old").to_string()));
    }
    lines.push(Line::from(""));
    if m.skipped {
        lines.push(Line::from(t(lang, "install.kept_old").to_string()));
    }
    match &m.report_paths {
        None => lines.push(Line::from(t(lang, "install.report_writing").to_string())),
        Some(Ok(paths)) => {
            // The heading, then each file on a row of its own: a long
            // path never pushes the words apart.
            lines.push(Line::from(
                t(lang, "install.report_written_heading").to_string(),
            ));
            for path in paths {
                lines.push(Line::from(format!("  {}", path.display())));
            }
            // How it reaches the vendor.
            lines.push(Line::from(t(lang, "install.report_delivery").to_string()));
        }
        Some(Err(e)) => lines.push(Line::from(Span::styled(
            tf(
                lang,
                "install.report_failed",
                &[("detail", &e.message(lang))],
            ),
            th.error(),
        ))),
    }
    if let Some(c) = &p.certificate {
        lines.push(Line::from(""));
        lines.push(Line::from(tf(
            lang,
            "health.valid_to",
            &[
                ("date", &crate::i18n::date(lang, c.not_after)),
                ("days", &whole_days(ctx.now, c.not_after)),
            ],
        )));
    }
}
