//! 「画面 2-10」: Chapter 2 done.

use super::*;

pub(super) fn on_key(
    _m: &mut Model,
    key: KeyEvent,
    _p: &mut Progress,
    _ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    if key.code == KeyCode::Enter {
        reply.nav = Some(Nav::Home);
    }
}

pub(super) fn lines(
    _m: &Model,
    p: &Progress,
    ctx: &Ctx<'_>,
    _w: u16,
    lines: &mut Vec<Line<'static>>,
) {
    let lang = ctx.lang;

    lines.push(Line::from(t(lang, "download.done1").to_string()));
    // What is where: each backup by its place, so she knows which stick
    // to keep (and where to look when installing from it).
    for b in &p.backups {
        lines.push(Line::from(tf(
            lang,
            "download.done_backup_at",
            &[("path", &crate::cert::sanitize::printable_path(&b.path))],
        )));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(t(lang, "download.done2").to_string()));
}
