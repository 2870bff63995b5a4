//! 「画面 3-5」: old certificates: exported first, then removed.

use super::*;
use crate::cert::cleanup::{KeptWhy, KeyPlan};
use crate::wizard::components::width;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    p: &mut Progress,
    ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    match key.code {
        KeyCode::F(9) => {
            m.skipped = true;
            m.finish(p, ctx, reply);
        }
        KeyCode::Enter => match &m.old {
            Some(old) if !old.is_empty() && m.password.is_none() => {
                m.pw_for = PwFor::Cleanup;
                m.goto(Step::Password, p, ctx, reply);
            }
            Some(old) if !old.is_empty() => m.confirming = true,
            Some(_) => m.finish(p, ctx, reply),
            None => {}
        },
        _ => {}
    };
}

pub(super) fn lines(m: &Model, _p: &Progress, ctx: &Ctx<'_>, lines: &mut Vec<Line<'static>>) {
    let lang = ctx.lang;
    let th = ctx.theme;

    if let Some(c) = &m.cleaned
        && !c.removed.is_empty()
    {
        // The sentence first, then what it is about (as for the kept ones).
        lines.push(Line::from(tf(
            lang,
            "install.removed",
            &[("dir", &c.quarantine.display())],
        )));
        for r in &c.removed {
            lines.push(Line::from(Span::styled(
                format!(
                    "  - {}  {}",
                    crate::i18n::jst_date(r.not_after),
                    fit(&r.sha1_thumbprint, 40)
                ),
                th.ok(),
            )));
        }
        lines.push(Line::from(""));
    }
    if let Some(c) = &m.cleaned
        && !c.kept.is_empty()
    {
        lines.push(Line::from(Span::styled(
            t(lang, "install.kept").to_string(),
            th.ok(),
        )));
        for k in &c.kept {
            lines.push(Line::from(format!(
                "  - {}  {}",
                crate::i18n::jst_date(k.not_after),
                fit(&k.sha1_thumbprint, 40)
            )));
            let why = match k.why {
                KeptWhy::KeyNotExportable => "install.kept_not_exportable",
                KeptWhy::ExportNotProven => "install.kept_not_proven",
            };
            lines.push(Line::from(Span::styled(
                format!("      {}", t(lang, why)),
                th.dim(),
            )));
        }
        lines.push(Line::from(""));
    }
    match &m.old {
        None => lines.push(Line::from(t(lang, "install.searching").to_string())),
        Some(old) if old.is_empty() => {
            lines.push(Line::from(t(lang, "install.none_old").to_string()))
        }
        Some(old) => {
            lines.push(Line::from(t(lang, "install.old_intro").to_string()));
            lines.push(Line::from(""));
            let mut any_keep = false;
            for o in old {
                let reason = match o.reason {
                    OldReason::Expired => "install.reason_expired",
                    OldReason::Superseded => "install.reason_superseded",
                };
                // Date and thumbprint on one line, why and whose
                // on the next: both fit 80 columns.
                lines.push(Line::from(format!(
                    "  {}  {}",
                    crate::i18n::jst_date(o.cert.info.not_after),
                    o.cert.info.sha1_thumbprint,
                )));
                let cn = o
                    .cert
                    .info
                    .subject_cn
                    .clone()
                    .unwrap_or_else(|| o.cert.info.subject.clone());
                // Why it is old, and what becomes of its key, then whose.
                let (plan, style) = match o.key_plan() {
                    KeyPlan::Export => ("install.tag_export", th.warn()),
                    KeyPlan::NoKey => ("install.tag_nokey", th.warn()),
                    KeyPlan::Keep => ("install.tag_keep", th.ok()),
                };
                let tag = format!("      [{}・{}] ", t(lang, reason), t(lang, plan));
                // The body is 76 cells wide at 80 columns: the name fills the rest.
                let room = 76usize.saturating_sub(width(&tag));
                lines.push(Line::from(vec![
                    Span::styled(tag, style),
                    Span::styled(fit(&cn, room), th.dim()),
                ]));
                any_keep |= o.key_plan() == KeyPlan::Keep;
            }
            if any_keep {
                lines.push(Line::from(Span::styled(
                    t(lang, "install.plan_keep").to_string(),
                    th.ok(),
                )));
            }
            lines.push(Line::from(""));
            if let Some((done, total)) = m.progress {
                lines.push(Line::from(tf(
                    lang,
                    "install.removing",
                    &[("done", &done), ("total", &total)],
                )));
            } else if m.confirming {
                // Removing needs [y]; every other key keeps them.
                let removable = old.iter().filter(|o| o.key_plan() != KeyPlan::Keep).count();
                lines.push(Line::from(Span::styled(
                    tf(lang, "install.confirm_remove", &[("count", &removable)]),
                    th.title(),
                )));
                lines.push(Line::from(Span::styled(
                    t(lang, "install.confirm_keys").to_string(),
                    th.title(),
                )));
            } else {
                lines.push(Line::from(t(lang, "install.old_next").to_string()));
            }
        }
    }
}
