//! 「画面 0-1〜0-6」: one yes/no question per screen.

use super::*;
use crate::i18n::tf;
use crate::wizard::components::choice::yes_no;

pub(super) fn on_key(m: &mut Model, key: KeyEvent, p: &mut Progress, reply: &mut Reply) {
    let Step::Ask(q) = m.step else { return };

    let commit = match key.code {
        KeyCode::Left
        | KeyCode::Right
        | KeyCode::Up
        | KeyCode::Down
        | KeyCode::Tab
        | KeyCode::BackTab => {
            m.choice = !m.choice;
            None
        }
        KeyCode::Char('y' | 'Y') => Some(true),
        KeyCode::Char('n' | 'N') => Some(false),
        KeyCode::Enter => Some(m.choice),
        _ => None,
    };
    if let Some(answer) = commit {
        p.precheck.insert(q.id().into(), answer);
        // A later answer may no longer apply: forget it so the
        // result is never built on a stale answer.
        if q != Question::RenewOrAdd && matches!(verdict(p), Verdict::Needed(_)) {
            p.precheck.remove(Question::RenewOrAdd.id());
        }
        if p.chapters.precheck == ChapterState::NotStarted {
            p.chapters.precheck = ChapterState::InProgress;
        }
        m.step = Model::after(q, p);
        m.load_choice(p);
        reply.save = true;
    }
}

pub(super) fn lines(m: &Model, _p: &Progress, ctx: &Ctx<'_>, lines: &mut Vec<Line<'static>>) {
    let lang = ctx.lang;
    let theme = ctx.theme;
    let Step::Ask(q) = m.step else { return };

    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        t(lang, &format!("precheck.q_{}", q.id())).to_string(),
        theme.title(),
    )));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        t(lang, &format!("precheck.q_{}_note", q.id())).to_string(),
        theme.dim(),
    )));
    if q == Question::Expired {
        store_lines(m, ctx, lines);
    }
    lines.push(Line::from(""));
    lines.push(yes_no(
        theme,
        t(lang, "precheck.yes"),
        t(lang, "precheck.no"),
        m.choice,
    ));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        t(lang, "precheck.keys").to_string(),
        theme.dim(),
    )));
}

/// What the personal store of this PC holds: each certificate with its end
/// date and days left, or "none found". The question is still asked: the
/// person may be on another PC.
fn store_lines(m: &Model, ctx: &Ctx<'_>, lines: &mut Vec<Line<'static>>) {
    let (lang, th) = (ctx.lang, ctx.theme);
    lines.push(Line::from(""));
    match &m.store {
        None => lines.push(Line::from(Span::styled(
            t(lang, "precheck.store_checking").to_string(),
            th.dim(),
        ))),
        Some(Err(_)) => lines.push(Line::from(Span::styled(
            t(lang, "precheck.store_unknown").to_string(),
            th.dim(),
        ))),
        Some(Ok(certs)) if certs.is_empty() => {
            lines.push(Line::from(t(lang, "precheck.store_none").to_string()))
        }
        Some(Ok(certs)) => {
            lines.push(Line::from(t(lang, "precheck.store_heading").to_string()));
            for c in certs.iter().take(4) {
                let days = crate::cert::health::whole_days(ctx.now, c.info.not_after);
                let name = c
                    .info
                    .subject_cn
                    .clone()
                    .unwrap_or_else(|| c.info.subject.clone());
                let date = crate::i18n::date(lang, c.info.not_after);
                let (text, style) = if days < 0 {
                    (
                        tf(
                            lang,
                            "precheck.store_expired",
                            &[("name", &name), ("date", &date)],
                        ),
                        th.error(),
                    )
                } else {
                    (
                        tf(
                            lang,
                            "precheck.store_valid",
                            &[("name", &name), ("date", &date), ("days", &days)],
                        ),
                        ratatui::style::Style::default(),
                    )
                };
                lines.push(Line::from(Span::styled(format!("  {text}"), style)));
            }
            if certs.len() > 4 {
                lines.push(Line::from(Span::styled(
                    format!(
                        "  {}",
                        tf(lang, "precheck.store_more", &[("n", &(certs.len() - 4))])
                    ),
                    th.dim(),
                )));
            }
        }
    }
}
