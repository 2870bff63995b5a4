//! 「画面 3-5」: the checks after the import, each with what to do.

use super::*;
use crate::present::checks;
use crate::wizard::components::{rows, width};

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    p: &mut Progress,
    ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    let lang = ctx.lang;
    match key.code {
        KeyCode::F(5) if m.password.is_none() => {
            m.pw_for = PwFor::Install;
            m.goto(Step::Password, p, ctx, reply);
        }
        KeyCode::F(5) => m.start_install(p, ctx, reply),
        KeyCode::Enter => {
            let ok = p
                .install
                .as_ref()
                .and_then(|i| i.verification.as_ref())
                .is_some_and(|v| v.all_ok());
            if ok {
                // The help page's order: the connection first (3-6), the
                // old certificates after it.
                m.goto(Step::Connect, p, ctx, reply);
            } else {
                m.error = Some(t(lang, "install.some_ng").into());
            }
        }
        _ => {}
    };
}

pub(super) fn lines(m: &Model, p: &Progress, ctx: &Ctx<'_>, lines: &mut Vec<Line<'static>>) {
    let lang = ctx.lang;
    let th = ctx.theme;

    let v = p.install.as_ref().and_then(|i| i.verification.clone());
    if p.install.as_ref().is_some_and(|i| i.already_installed) {
        lines.push(Line::from(t(lang, "install.already").to_string()));
    }
    if let Some(r) = &m.report {
        for pl in &r.placements {
            let store = t(
                lang,
                match pl.store {
                    crate::cert::store::StoreName::My => "store.name_my",
                    crate::cert::store::StoreName::Ca => "store.name_ca",
                    crate::cert::store::StoreName::Root => "store.name_root",
                },
            );
            let status = t(
                lang,
                if pl.added {
                    "install.added"
                } else {
                    "install.present"
                },
            );
            // The name takes what the store and the status leave of one
            // 76-cell row, so the row never wraps.
            let room = 76usize.saturating_sub(width(store) + width(status) + 8);
            lines.push(Line::from(Span::styled(
                format!(
                    "  [{store}] {} ({status})",
                    fit(&crate::cert::dn::display_name(&pl.subject), room)
                ),
                th.dim(),
            )));
        }
    }
    if let Some(r) = &m.report {
        lines.extend(rows::lines(th, &checks::rejected(lang, &r.rejected)).collect::<Vec<_>>());
    }
    lines.push(Line::from(""));
    if let Some(v) = &v {
        // The same rows `store verify` prints, each NG with what to do.
        lines.extend(rows::lines(th, &checks::rows(lang, v, true)));
        lines.push(Line::from(""));
        lines.push(rows::line(th, &checks::verdict(lang, v)));
    }
    if m.busy {
        lines.push(Line::from(t(lang, "install.installing").to_string()));
    }
}
