//! 「画面 2-2」: before anything is downloaded, which PC this is (the
//! オンライン資格確認用 or the オンライン請求用 PC: either works, as the help
//! page says) and the Windows user the OQS software runs as. When this is
//! not that user, say so now, and how to go on as that user without losing
//! anything (the records follow on the stick); 画面 3-1 checks again.

use super::*;
use crate::wizard::components::choice::yes_no_focus;
use crate::wizard::install::RecordsAt;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    p: &mut Progress,
    ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    match (m.focus.index(), key.code) {
        (_, KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down) => {
            m.focus.on_key(key.code);
        }
        (0, KeyCode::Left | KeyCode::Right) => m.billing_pc = !m.billing_pc,
        (0, KeyCode::Enter) => m.focus.next(),
        (_, KeyCode::Enter) => {
            let typed = m.user.value().trim().to_string();
            if typed != p.institution.oqs_account {
                p.institution.oqs_account = typed;
                reply.save = true;
            }
            // Which PC this is, kept: a resumed 2-2 (and the report)
            // shows the same answer.
            let system = if m.billing_pc { "billing" } else { "oqs" };
            if p.application.system != system {
                p.application.system = system.into();
                reply.save = true;
            }
            let _ = ctx;
            m.goto(Step::Ids, reply);
        }
        _ => {}
    }
}

/// The user the OQS software runs as, as typed (the default when empty).
fn oqs_user(m: &Model) -> String {
    let typed = m.user.value().trim().to_string();
    crate::cert::install::owner(&typed).oqs_account
}

pub(super) fn lines(
    m: &Model,
    _p: &Progress,
    ctx: &Ctx<'_>,
    w: u16,
    lines: &mut Vec<Line<'static>>,
) {
    let (lang, th) = (ctx.lang, ctx.theme);
    // The choice and the field on fixed rows (1 and 2, see `cursor`).
    let mut choice = yes_no_focus(
        th,
        t(lang, "download.where_oqs"),
        t(lang, "download.where_billing"),
        !m.billing_pc,
        m.focus.is(0),
    );
    if !m.focus.is(0) {
        choice = choice.style(th.dim());
    }
    lines.push(choice);
    lines.push(field_row(
        ctx,
        "download.where_user",
        &m.user,
        m.focus.is(1),
        w,
    ));
    lines.push(Line::from(""));
    lines.push(Line::from(t(lang, "download.where_intro").to_string()));
    lines.push(Line::from(Span::styled(
        t(lang, "download.where_user_note").to_string(),
        th.dim(),
    )));
    let oqs = oqs_user(m);
    let me = ctx.machine.current_user.trim();
    if !me.is_empty() && !me.eq_ignore_ascii_case(&oqs) {
        lines.push(Line::from(""));
        let (key, folder) = match &ctx.machine.records_at {
            RecordsAt::PerUser => ("download.where_other_user_local", ""),
            RecordsAt::Travelling => ("download.where_other_user", ""),
            RecordsAt::Folder(f) => ("download.where_other_user_folder", f.as_str()),
        };
        lines.push(Line::from(Span::styled(
            tf(
                lang,
                key,
                &[("user", &me), ("oqs", &oqs), ("folder", &folder)],
            ),
            th.warn(),
        )));
    }
}
