//! 「画面 2-7」: download in the browser, then pick the file.

use super::*;
use crate::wizard::components::picker::Keys;

/// Downloaded files listed at once.
const ROWS: usize = 4;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    p: &mut Progress,
    ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    let lang = ctx.lang;
    match key.code {
        KeyCode::F(4) => reply
            .effects
            .push(Effect::OpenInEdge(codes().urls.download.clone())),
        KeyCode::F(6) | KeyCode::F(7) => {
            if let Some(ids) = &m.ids {
                let (text, what) = if key.code == KeyCode::F(6) {
                    (ids.request_id().to_string(), t(lang, "secret.request_id"))
                } else {
                    (
                        ids.reference_id().to_string(),
                        t(lang, "secret.reference_id"),
                    )
                };
                reply.effects.push(Effect::Copy {
                    text: text.into(),
                    what: what.to_string(),
                });
            }
        }
        KeyCode::Up | KeyCode::Down => {
            m.cand_sel
                .on_key(key.code, m.candidates.len(), Keys::Arrows);
        }
        KeyCode::Tab => reply
            .effects
            .push(Effect::CompletePath(m.path.value().to_string())),
        KeyCode::Enter if !m.busy => {
            let typed = m.path.value();
            let chosen = if !typed.trim().is_empty() {
                Some(PathBuf::from(typed.trim().trim_matches('"')))
            } else {
                m.candidates.get(m.cand_sel.selected()).cloned()
            };
            match (chosen, &m.password) {
                (Some(path), Some(pw)) => {
                    m.busy = true;
                    m.error = None;
                    reply.effects.push(Effect::VerifyAndKeep {
                        path,
                        password: pw.clone(),
                        keep_dir: ctx.profile_dir.clone(),
                        current: p.certificate.clone().map(Box::new),
                        now: ctx.now,
                    });
                }
                (None, _) => m.error = Some(t(lang, "download.no_file").into()),
                (_, None) => m.goto(Step::Password, reply),
            }
        }
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

    lines.push(Line::from(t(lang, "download.fetch1").to_string()));
    lines.push(Line::from(format!("  {}", codes().urls.download)));
    if let Some(ids) = &m.ids {
        lines.push(Line::from(format!(
            "  {}: {}   {}: {}",
            t(lang, "secret.request_id"),
            ids.request_id(),
            t(lang, "secret.reference_id"),
            ids.reference_id()
        )));
    }
    lines.push(Line::from(t(lang, "download.fetch2").to_string()));
    lines.push(Line::from(""));
    lines.push(Line::from(tf(
        lang,
        "download.watching",
        &[("dir", &m.downloads.display())],
    )));
    // Four rows, scrolled so the selected file is always one of them.
    let first = m.cand_sel.selected().saturating_sub(ROWS - 1);
    for i in first..first + ROWS {
        let text = m
            .candidates
            .get(i)
            .map(|c| c.display().to_string())
            .unwrap_or_default();
        // A typed path wins over the list: then nothing is marked.
        if m.candidates.is_empty() || !m.path.is_empty() {
            lines.push(Line::from(format!("  {text}")));
        } else {
            lines.push(m.cand_sel.row(i, text, th));
        }
    }
    if m.candidates.is_empty() {
        lines.push(Line::from(Span::styled(
            t(lang, "download.none_yet").to_string(),
            th.dim(),
        )));
    } else {
        lines.push(Line::from(""));
    }
    // The path field itself is drawn on its fixed row (see `cursor`).
    if m.busy {
        lines.push(Line::from(t(lang, "download.verifying").to_string()));
    }
}
