//! 「画面 2-9」: a verified copy on a USB stick.

use super::*;
use crate::wizard::components::picker::Keys;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    p: &mut Progress,
    ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    let lang = ctx.lang;
    match key.code {
        // The answer is said when the list comes back (`on_drives`).
        KeyCode::F(5) => {
            m.drives_asked = true;
            reply.effects.push(Effect::ListDrives);
        }
        KeyCode::Up | KeyCode::Down => {
            m.drive_sel
                .on_key(key.code, m.drives.len() + 1, Keys::Arrows);
        }
        KeyCode::Enter if !m.busy => {
            let dir = if let Some(d) = m.drives.get(m.drive_sel.selected()) {
                Some(d.path.clone())
            } else {
                let v = m.other.value();
                (!v.trim().is_empty()).then(|| PathBuf::from(v.trim().trim_matches('"')))
            };
            match (dir, &p.certificate, &m.password) {
                // Backed up there already: Enter means "done".
                (Some(dir), ..) if m.backed_up_to.as_ref() == Some(&dir) => {
                    p.chapters.download = ChapterState::Done;
                    m.goto(Step::Done, reply);
                }
                (Some(dir), Some(cert), Some(pw)) => {
                    m.busy = true;
                    m.error = None;
                    reply.effects.push(Effect::Backup {
                        src: cert.path.clone(),
                        dir,
                        name: crate::ops::backup::file_name(p, ctx.now),
                        password: pw.clone(),
                        now: ctx.now,
                    });
                }
                (None, _, _) => m.error = Some(t(lang, "download.no_target").into()),
                // The password is not at hand (none kept in a vault, and
                // this is a new start): asked again, and said why.
                _ => {
                    m.goto(Step::Password, reply);
                    reply.status = Some(crate::wizard::msg::Status::new(
                        crate::wizard::msg::StatusKind::Info,
                        t(lang, "download.pw_for_backup"),
                    ));
                }
            }
        }
        KeyCode::F(10) if !p.backups.is_empty() => {
            p.chapters.download = ChapterState::Done;
            m.goto(Step::Done, reply);
        }
        _ => {}
    };
}

pub(super) fn lines(
    m: &Model,
    p: &Progress,
    ctx: &Ctx<'_>,
    _w: u16,
    lines: &mut Vec<Line<'static>>,
) {
    let lang = ctx.lang;
    let th = ctx.theme;

    lines.push(Line::from(t(lang, "download.backup1").to_string()));
    lines.push(Line::from(Span::styled(
        t(lang, "download.backup_needs_pw").to_string(),
        th.warn(),
    )));
    lines.push(Line::from(""));
    for (i, d) in m.drives.iter().enumerate() {
        lines.push(
            m.drive_sel
                .row(i, crate::present::drives::line(ctx.lang, d), th),
        );
    }
    if m.drives.is_empty() {
        lines.push(Line::from(Span::styled(
            t(lang, "download.no_drives").to_string(),
            th.dim(),
        )));
    }
    // 「ほかのフォルダー」 is drawn once, on its fixed row (see `cursor`).
    lines.push(Line::from(""));
    for b in &p.backups {
        lines.push(Line::from(Span::styled(
            format!("  {}  {}", b.at.date(), b.path.display()),
            th.ok(),
        )));
    }
    if !p.backups.is_empty() {
        lines.push(Line::from(t(lang, "download.backup_more").to_string()));
    }
}
