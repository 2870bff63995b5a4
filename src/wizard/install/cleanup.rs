//! 「画面 3-7」: old certificates, after the connection check (3-6). The
//! expired ones are picked for removal; a replaced one that is still valid
//! is listed apart, marked 「まだ有効期限内です」, and kept unless picked on
//! its own line. Before anything is removed the password is proven (it
//! opens the certificate file the clinic keeps, or it is typed twice) and
//! the screen says what the copies will be protected with.

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
    let rows = m.old.as_ref().map_or(0, Vec::len);
    match key.code {
        KeyCode::F(9) if m.cleaned.is_none() => {
            m.skipped = true;
            m.finish(p, ctx, reply);
        }
        KeyCode::Up | KeyCode::Down if rows > 0 => {
            m.old_sel.on_key(
                key.code,
                rows,
                crate::wizard::components::picker::Keys::Arrows,
            );
        }
        KeyCode::Char(' ') if rows > 0 => {
            let i = m.old_sel.selected();
            let keep = m
                .old
                .as_ref()
                .and_then(|o| o.get(i))
                .is_some_and(|o| o.key_plan() == KeyPlan::Keep);
            // A key that cannot be exported is never removed: not pickable.
            if let (false, Some(x)) = (keep, m.picked.get_mut(i)) {
                *x = !*x;
            }
        }
        KeyCode::Enter => match &m.old {
            Some(_) if m.chosen().is_empty() => m.finish(p, ctx, reply),
            Some(_) if m.password.is_none() => {
                m.pw_for = PwFor::Cleanup;
                m.goto(Step::Password, p, ctx, reply);
            }
            Some(_) => m.start_prove(p, reply),
            None => {}
        },
        _ => {}
    };
}

pub(super) fn lines(m: &Model, _p: &Progress, ctx: &Ctx<'_>, lines: &mut Vec<Line<'static>>) {
    let lang = ctx.lang;
    let th = ctx.theme;
    done_lines(m, ctx, lines);
    let Some(old) = &m.old else {
        lines.push(Line::from(t(lang, "install.searching").to_string()));
        return;
    };
    if old.is_empty() {
        lines.push(Line::from(t(lang, "install.none_old").to_string()));
        return;
    }
    let intro = match m.connected {
        Some(false) => "install.old_intro_not_connected",
        _ => "install.old_intro_connected",
    };
    lines.push(Line::from(t(lang, intro).to_string()));
    let mut heading = None;
    for (i, o) in old.iter().enumerate() {
        let group = if o.still_valid() {
            "install.old_valid_heading"
        } else {
            "install.old_expired_heading"
        };
        if heading != Some(group) {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                t(lang, group).to_string(),
                th.title(),
            )));
            heading = Some(group);
        }
        old_row(m, i, o, ctx, lines);
    }
    lines.push(Line::from(""));
    if let Some((done, total)) = m.progress {
        lines.push(Line::from(tf(
            lang,
            "install.removing",
            &[("done", &done), ("total", &total)],
        )));
    } else if m.confirming
        && let Some(proven) = &m.proven
    {
        lines.push(Line::from(Span::styled(
            crate::present::cleanup::protected_with(lang, &proven.proof),
            th.warn(),
        )));
        let removable = m.chosen().len();
        lines.push(Line::from(Span::styled(
            tf(lang, "install.confirm_remove", &[("count", &removable)]),
            th.title(),
        )));
        lines.push(Line::from(Span::styled(
            t(lang, "install.confirm_keys").to_string(),
            th.title(),
        )));
    } else if m.busy {
        lines.push(Line::from(t(lang, "install.proving").to_string()));
    } else {
        // Nothing to pick when every key stays: no talk of switching.
        let hint = if any_pickable(m) {
            "install.old_keys"
        } else {
            "install.old_all_kept"
        };
        lines.push(Line::from(Span::styled(
            t(lang, hint).to_string(),
            th.dim(),
        )));
    }
}

/// Some old certificate on the list can be picked for removal (its key
/// exports, or it has none).
pub(super) fn any_pickable(m: &Model) -> bool {
    m.old
        .as_ref()
        .is_some_and(|o| o.iter().any(|o| o.key_plan() != KeyPlan::Keep))
}

/// One old certificate: whether it is picked, its end date and thumbprint;
/// on the next line why it is old, what becomes of its key, and whose.
fn old_row(m: &Model, i: usize, o: &OldCert, ctx: &Ctx<'_>, lines: &mut Vec<Line<'static>>) {
    let (lang, th) = (ctx.lang, ctx.theme);
    let picked = m.picked.get(i).copied().unwrap_or(false);
    let mark = match (picked, o.key_plan()) {
        (_, KeyPlan::Keep) => "[-]",
        (true, _) => "[x]",
        (false, _) => "[ ]",
    };
    lines.push(m.old_sel.row(
        i,
        format!(
            "{mark} {}  {}",
            crate::i18n::date(lang, o.cert.info.not_after),
            o.cert.info.sha1_thumbprint
        ),
        th,
    ));
    let cn = o
        .cert
        .info
        .subject_cn
        .clone()
        .unwrap_or_else(|| o.cert.info.subject.clone());
    let (plan, style) = match (picked, o.key_plan()) {
        (_, KeyPlan::Keep) => ("install.tag_keep", th.ok()),
        (false, _) => ("install.tag_kept", th.ok()),
        (true, KeyPlan::Export) => ("install.tag_export", th.warn()),
        (true, KeyPlan::NoKey) => ("install.tag_nokey", th.warn()),
    };
    let reason = match o.reason {
        OldReason::Expired => "install.reason_expired",
        OldReason::Superseded => "install.reason_still_valid",
        OldReason::Chosen => "install.reason_chosen",
    };
    let tag = format!("      [{}・{}] ", t(lang, reason), t(lang, plan));
    // The body is 76 cells wide at 80 columns: the name fills the rest.
    let room = 76usize.saturating_sub(width(&tag));
    lines.push(Line::from(vec![
        Span::styled(tag, style),
        Span::styled(fit(&cn, room), th.dim()),
    ]));
}

/// What the last clean-up did: removed (and where the copies are), kept.
fn done_lines(m: &Model, ctx: &Ctx<'_>, lines: &mut Vec<Line<'static>>) {
    let (lang, th) = (ctx.lang, ctx.theme);
    let Some(c) = &m.cleaned else { return };
    if !c.removed.is_empty() {
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
                    crate::i18n::date(lang, r.not_after),
                    fit(&r.sha1_thumbprint, 40)
                ),
                th.ok(),
            )));
        }
        lines.push(Line::from(""));
    }
    if !c.kept.is_empty() {
        lines.push(Line::from(Span::styled(
            t(lang, "install.kept").to_string(),
            th.ok(),
        )));
        for k in &c.kept {
            lines.push(Line::from(format!(
                "  - {}  {}",
                crate::i18n::date(lang, k.not_after),
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
}
