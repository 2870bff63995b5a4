//! 「画面 2-2」: before anything is downloaded or stored, which PC this is
//! and the Windows user the OQS software runs as. The オンライン資格確認用
//! and the オンライン請求用 PC both work, as the help page says; the PC used
//! to apply does not, and that answer says where to go instead, before the
//! IDs or the password are asked for (nothing is put in this PC's vault).
//! When this is not the OQS user, say so now, and how to go on as that
//! user; Enter then asks once more, on the line under the field.

use super::*;
use crate::wizard::components::choice::one_of;
use crate::wizard::install::RecordsAt;

/// The answer to 「このパソコンはどれですか」.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pc {
    Oqs,
    Billing,
    /// The PC used to apply (Day 1): not where the certificate goes.
    Application,
}

impl Pc {
    const ALL: [Pc; 3] = [Pc::Oqs, Pc::Billing, Pc::Application];

    fn index(self) -> usize {
        Pc::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    fn label_key(self) -> &'static str {
        match self {
            Pc::Oqs => "download.where_oqs",
            Pc::Billing => "download.where_billing",
            Pc::Application => "download.where_application",
        }
    }

    /// The next answer to the right (`+1`) or left (`-1`), stopping at the
    /// ends.
    fn step(self, right: bool) -> Pc {
        let i = self.index();
        let j = if right {
            (i + 1).min(Pc::ALL.len() - 1)
        } else {
            i.saturating_sub(1)
        };
        Pc::ALL[j]
    }
}

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    p: &mut Progress,
    ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    if m.pc == Pc::Application {
        // Only the choice is on screen: no field to move to.
        match key.code {
            KeyCode::Left | KeyCode::Right => m.pc = m.pc.step(key.code == KeyCode::Right),
            KeyCode::Enter => reply.nav = Some(Nav::Home),
            _ => {}
        }
        m.focus.focus(0);
        return;
    }
    match (m.focus.index(), key.code) {
        (_, KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down) => {
            m.focus.on_key(key.code);
        }
        (0, KeyCode::Left | KeyCode::Right) => {
            m.pc = m.pc.step(key.code == KeyCode::Right);
            m.other_user_seen = false;
        }
        // One Enter per answer: the choice, then the field.
        (0, KeyCode::Enter) => m.focus.next(),
        (_, KeyCode::Enter) => {
            let typed = m.user.value().trim().to_string();
            if other_user(m, ctx).is_some() && !m.other_user_seen {
                // Said on the line under the field, where she looks.
                m.other_user_seen = true;
                return;
            }
            // The prefilled example, left as it was, stays an example
            // (nothing recorded): 3-1 goes on calling it 「よくある名前の例」
            // until someone types the clinic's own name.
            let example = &crate::cert::codes::codes().windows.oqs_account;
            let kept = if p.institution.oqs_account.is_empty() && typed == *example {
                String::new()
            } else {
                typed
            };
            if kept != p.institution.oqs_account {
                p.institution.oqs_account = kept;
                reply.save = true;
            }
            // Which PC this is, kept: a resumed 2-2 (and the report)
            // shows the same answer.
            let system = if m.pc == Pc::Billing {
                "billing"
            } else {
                "oqs"
            };
            if p.application.system != system {
                p.application.system = system.into();
                reply.save = true;
            }
            m.goto(Step::Ids, reply);
        }
        // Typing in the field: a new name, asked about afresh.
        (_, _) => m.other_user_seen = false,
    }
}

/// The user the OQS software runs as, as typed (the default when empty).
fn oqs_user(m: &Model) -> String {
    let typed = m.user.value().trim().to_string();
    crate::cert::install::owner(&typed).oqs_account
}

/// The signed-in user's name when it is not the OQS user (unknown: none).
fn other_user(m: &Model, ctx: &Ctx<'_>) -> Option<String> {
    let me = ctx.machine.current_user.trim();
    (!me.is_empty() && !me.eq_ignore_ascii_case(&oqs_user(m))).then(|| me.to_string())
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
    let labels = Pc::ALL.map(|pc| t(lang, pc.label_key()));
    let mut choice = one_of(th, &labels, m.pc.index(), m.focus.is(0));
    if !m.focus.is(0) {
        choice = choice.style(th.dim());
    }
    lines.push(choice);
    if m.pc == Pc::Application {
        lines.push(Line::from(""));
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            t(lang, "download.where_not_here").to_string(),
            th.warn(),
        )));
        return;
    }
    lines.push(field_row(
        ctx,
        "download.where_user",
        &m.user,
        m.focus.is(1),
        w,
    ));
    let other = other_user(m, ctx);
    let oqs = oqs_user(m);
    // The row under the field: why Enter did not go on yet.
    match &other {
        Some(me) if m.other_user_seen => {
            lines.push(Line::from(Span::styled(
                tf(
                    lang,
                    "download.where_confirm",
                    &[("user", me), ("oqs", &oqs)],
                ),
                th.warn(),
            )));
            lines.push(Line::from(""));
        }
        _ => lines.push(Line::from("")),
    }
    lines.push(Line::from(t(lang, "download.where_intro").to_string()));
    lines.push(Line::from(Span::styled(
        t(lang, "download.where_user_note").to_string(),
        th.dim(),
    )));
    if let Some(me) = other {
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
