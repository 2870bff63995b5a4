//! 「画面 2-1」: what Chapter 2 does and where (the qualification PC).

use super::*;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    _p: &mut Progress,
    _ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    if key.code == KeyCode::Enter {
        m.goto(Step::Where, reply);
    }
}

pub(super) fn lines(
    _m: &Model,
    _p: &Progress,
    ctx: &Ctx<'_>,
    _w: u16,
    lines: &mut Vec<Line<'static>>,
) {
    let lang = ctx.lang;

    for k in [
        "download.chapter_title",
        "download.intro1",
        "download.intro2",
        "download.intro3",
    ] {
        lines.push(Line::from(t(lang, k).to_string()));
        lines.push(Line::from(""));
    }
}
