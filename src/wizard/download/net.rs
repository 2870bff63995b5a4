//! 「画面 2-6」: can this PC reach the download site?

use super::*;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    _p: &mut Progress,
    _ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    match key.code {
        KeyCode::F(5) => {
            m.busy = true;
            m.net = None;
            reply.effects.push(Effect::NetCheck);
        }
        KeyCode::F(3) => m.show_detail = !m.show_detail,
        KeyCode::Enter if !m.busy => m.goto(Step::Fetch, reply),
        _ => {}
    };
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
    match &m.net {
        None => lines.push(Line::from(t(lang, "download.net_running").to_string())),
        Some(results) => {
            lines.extend(
                crate::present::net::plain_rows(lang, results)
                    .iter()
                    .map(|r| crate::wizard::components::rows::line(th, r)),
            );
            // The vendor's view, one key away and labelled as such.
            if m.show_detail {
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(
                    t(lang, "download.net_detail_heading").to_string(),
                    th.dim(),
                )));
                lines.extend(
                    crate::present::net::rows(lang, results, true)
                        .iter()
                        .map(|r| crate::wizard::components::rows::line(th, r)),
                );
            }
            // A clock that is off is said before the download: the site
            // and the new certificate's validity both depend on it.
            let clock = crate::present::net::clock_rows(
                lang,
                crate::cert::net::clock(results, m.net_at.unwrap_or(ctx.now)),
            );
            if !clock.is_empty() {
                lines.push(Line::from(""));
                lines.extend(crate::wizard::components::rows::lines(th, &clock));
            }
            lines.push(Line::from(""));
            // The certificate site is what the download needs; the
            // revocation list host failing alone does not stop it.
            let ok = |name: &str| {
                results
                    .iter()
                    .filter(|r| r.name == name)
                    .all(|r| r.diagnosis == crate::cert::net::Diagnosis::Reachable)
            };
            let next = if results
                .iter()
                .all(|r| r.diagnosis == crate::cert::net::Diagnosis::Reachable)
            {
                "download.net_next"
            } else if ok("download") {
                "download.net_next_crl"
            } else {
                "download.net_next_failed"
            };
            lines.push(Line::from(t(lang, next).to_string()));
        }
    };
}
