//! 「画面 2-8」: the file opened with the password: what it holds.

use super::*;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    _p: &mut Progress,
    _ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    if key.code == KeyCode::Enter {
        m.goto(Step::Backup, reply);
        reply.effects.push(Effect::ListDrives);
    }
}

pub(super) fn lines(
    m: &Model,
    _p: &Progress,
    ctx: &Ctx<'_>,
    _w: u16,
    lines: &mut Vec<Line<'static>>,
) {
    let lang = ctx.lang;
    let th = ctx.theme;

    if let Some(v) = &m.verified {
        let i = &v.info;
        let days = i.days_left(ctx.now);
        // Who, from whom, until when: what she can compare with the
        // notice. The thumbprint is the vendor's (H-2, `pfx inspect`).
        for (k, val) in [
            ("pfx.subject_cn", i.subject_cn.clone().unwrap_or_default()),
            ("pfx.issuer", crate::cert::dn::display_name(&i.issuer)),
            (
                "pfx.valid_to",
                crate::i18n::with_note(
                    lang,
                    &crate::i18n::date(lang, i.not_after),
                    &tf(lang, "pfx.days_left", &[("days", &days)]),
                ),
            ),
        ] {
            lines.push(Line::from(format!("  {}  {}", fit(t(lang, k), 20), val)));
        }
        lines.push(Line::from(""));
        for pr in &v.problems {
            let k = crate::present::problem_key(*pr);
            let text = match (pr, v.older_than) {
                (Problem::OlderThanCurrent, Some(end)) => {
                    tf(lang, k, &[("date", &crate::i18n::date(lang, end))])
                }
                _ => t(lang, k).to_string(),
            };
            lines.push(Line::from(Span::styled(text, th.error())));
        }
        if v.problems.is_empty() {
            lines.push(Line::from(Span::styled(
                t(lang, "pfx.verdict_ok").to_string(),
                th.ok(),
            )));
        }
        // 2-6 said the certificate site was not reached, yet the file came:
        // the connection is fine after all (no worry left behind).
        let net_failed = m.net.as_ref().is_some_and(|r| {
            r.iter().any(|c| {
                c.name == "download" && c.diagnosis != crate::cert::net::Diagnosis::Reachable
            })
        });
        if net_failed {
            lines.push(Line::from(Span::styled(
                t(lang, "download.net_fine_after_all").to_string(),
                th.ok(),
            )));
        }
        lines.push(Line::from(tf(
            lang,
            "download.kept",
            &[("path", &v.kept.display())],
        )));
        // On the stick: which file is the backup, before she asks.
        if ctx.machine.records_at == crate::wizard::install::RecordsAt::Travelling {
            lines.push(Line::from(t(lang, "download.kept_on_stick").to_string()));
        }
        lines.push(Line::from(t(lang, "download.verified_next").to_string()));
    }
}
