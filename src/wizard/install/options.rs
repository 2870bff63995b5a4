//! 「画面 3-3」: the import options, as the help page names them.

use super::*;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    p: &mut Progress,
    ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    if key.code == KeyCode::F(3) {
        m.root_detail = !m.root_detail;
        return;
    }
    if key.code != KeyCode::Enter {
        return;
    }
    if m.password.is_some() {
        m.start_install(p, ctx, reply);
    } else {
        m.pw_for = PwFor::Install;
        m.goto(Step::Password, p, ctx, reply);
    }
}

pub(super) fn lines(m: &Model, p: &Progress, ctx: &Ctx<'_>, lines: &mut Vec<Line<'static>>) {
    let lang = ctx.lang;
    let th = ctx.theme;
    // The import failed: the screen is for what went wrong and the manual
    // way (drawn after these lines); the options stay in F1's steps.
    if m.manual_hint {
        lines.push(Line::from(t(lang, "install.failed_heading").to_string()));
        return;
    }

    // One sentence for her; the options themselves (the help page's ④
    // and ⑤) with the roots, one key away for the vendor (F3).
    if m.root_detail {
        lines.push(Line::from(t(lang, "install.options_intro").to_string()));
        lines.push(Line::from(""));
        for r in crate::present::checks::import_options(lang) {
            lines.push(crate::wizard::components::rows::line(th, &r));
        }
    } else {
        lines.push(Line::from(t(lang, "install.options_short").to_string()));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        t(lang, "store.root_prompt_note").to_string(),
        th.warn(),
    )));
    // The roots Windows will ask about, to compare with its warning: a
    // vendor's detail, one key away (F3).
    let known = &crate::cert::codes::codes().oqs_roots;
    let roots: Vec<_> = p.certificate.iter().flat_map(|c| c.roots.iter()).collect();
    let unknown = roots.iter().any(|r| !known.knows(&r.sha1_grouped));
    if m.root_detail {
        for r in &roots {
            lines.push(Line::from(format!("  {}", r.name)));
            lines.push(Line::from(tf(
                lang,
                "install.root_thumbprint",
                &[("sha1", &r.sha1_grouped)],
            )));
        }
    } else {
        lines.push(Line::from(Span::styled(
            t(lang, "install.root_detail_key").to_string(),
            th.dim(),
        )));
    }
    if unknown {
        // Said before Windows asks: oqscert cannot vouch for this root.
        lines.push(Line::from(Span::styled(
            t(lang, "install.root_unknown").to_string(),
            th.warn(),
        )));
    }
    let clock = crate::present::net::clock_rows(lang, m.clock);
    if !clock.is_empty() {
        lines.push(Line::from(""));
        lines.extend(crate::wizard::components::rows::lines(th, &clock));
    }
    lines.push(Line::from(""));
    if m.confirm_expired
        && let Some(c) = &p.certificate
    {
        lines.push(Line::from(Span::styled(
            tf(
                lang,
                "install.expired_confirm",
                &[("date", &crate::i18n::date(lang, c.not_after))],
            ),
            th.warn(),
        )));
        return;
    }
    if m.busy {
        lines.push(Line::from(t(lang, "install.installing").to_string()));
        lines.push(Line::from(Span::styled(
            t(lang, "install.installing_hidden").to_string(),
            th.warn(),
        )));
    } else {
        lines.push(Line::from(t(lang, "install.options_next").to_string()));
    }
}
