//! 「画面 0-7」: the answer: a new certificate is needed, or not, or ask.

use super::*;

pub(super) fn on_key(_m: &mut Model, key: KeyEvent, p: &mut Progress, reply: &mut Reply) {
    if key.code == KeyCode::Enter {
        let v = verdict(p);
        p.chapters.precheck = ChapterState::Done;
        reply.save = true;
        reply.nav = Some(match v {
            Verdict::Needed(_) => Nav::Apply,
            // Straight to Chapter 3 with the file from the stick.
            Verdict::Reinstall => Nav::InstallFromBackup,
            _ => Nav::Home,
        });
    }
}

pub(super) fn lines(_m: &Model, p: &Progress, ctx: &Ctx<'_>, lines: &mut Vec<Line<'static>>) {
    let lang = ctx.lang;
    let theme = ctx.theme;

    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        t(lang, "precheck.result_title").to_string(),
        theme.title(),
    )));
    lines.push(Line::from(""));
    match verdict(p) {
        Verdict::Needed(reasons) => {
            lines.push(Line::from(Span::styled(
                t(lang, "precheck.needed").to_string(),
                theme.warn(),
            )));
            for r in reasons {
                lines.push(Line::from(format!(
                    "  - {}",
                    t(lang, &format!("precheck.needed_reason_{}", r.id()))
                )));
            }
            lines.push(Line::from(""));
            lines.push(Line::from(t(lang, "precheck.needed_next").to_string()));
        }
        Verdict::Reinstall => {
            lines.push(Line::from(Span::styled(
                t(lang, "precheck.reinstall").to_string(),
                theme.ok(),
            )));
            lines.push(Line::from(""));
            lines.push(Line::from(t(lang, "precheck.reinstall_next").to_string()));
        }
        Verdict::NotNeeded => {
            lines.push(Line::from(Span::styled(
                t(lang, "precheck.renewal").to_string(),
                theme.ok(),
            )));
            lines.push(Line::from(crate::present::renewal_where(lang)));
            lines.push(Line::from(""));
            lines.push(Line::from(t(lang, "precheck.result_next_home").to_string()));
        }
        Verdict::Unclear | Verdict::Incomplete => {
            let hl = &crate::cert::codes::codes().help_line;
            lines.push(Line::from(t(lang, "precheck.unclear").to_string()));
            lines.push(Line::from(format!(
                "  {} {}",
                hl.phone,
                if lang == Lang::Ja {
                    &hl.hours_ja
                } else {
                    &hl.hours_en
                }
            )));
            lines.push(Line::from(""));
            lines.push(Line::from(t(lang, "precheck.result_next_home").to_string()));
        }
    }
}
