//! 「画面 3-2」: reinstall on a replaced or reset PC: the certificate file
//! from the backup on a USB stick (the help page: a backup lets a replaced
//! PC take the certificate over as it is). No notice IDs are asked for:
//! the file and its 4-digit password are all it takes. Then the same path
//! as always: 3-1 who, 3-3 import, the checks, the old certificates.

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
        KeyCode::Up | KeyCode::Down | KeyCode::Tab => {
            m.backup_sel
                .on_key(key.code, m.backups.len() + 1, Keys::ArrowsAndTab);
        }
        KeyCode::F(5) => reply.effects.push(Effect::ListBackups),
        KeyCode::Enter => {
            let typed = m.backup_path.value();
            let chosen = match m.backups.get(m.backup_sel.selected()) {
                Some(f) => Some(f.clone()),
                None if !typed.trim().is_empty() => {
                    Some(PathBuf::from(typed.trim().trim_matches('"')))
                }
                None => None,
            };
            let Some(file) = chosen else {
                m.error = Some(t(lang, "install.backup_none").into());
                return;
            };
            m.backup_file = Some(file);
            m.pw_for = PwFor::Verify;
            m.goto(Step::Password, p, ctx, reply);
        }
        _ => {}
    }
}

pub(super) fn lines(m: &Model, _p: &Progress, ctx: &Ctx<'_>, lines: &mut Vec<Line<'static>>) {
    let (lang, th) = (ctx.lang, ctx.theme);
    lines.push(Line::from(t(lang, "install.backup_intro").to_string()));
    lines.push(Line::from(""));
    if m.backups.is_empty() {
        lines.push(Line::from(Span::styled(
            t(lang, "install.backup_no_files").to_string(),
            th.dim(),
        )));
    }
    for (i, f) in m.backups.iter().enumerate() {
        lines.push(m.backup_sel.row(i, f.display().to_string(), th));
    }
    lines.push(Line::from(""));
    let other = m.backups.len();
    lines.push(Line::from(vec![
        Span::raw(m.backup_sel.marker(other)),
        Span::styled(
            fit(t(lang, "install.backup_path"), 26),
            m.backup_sel.style(other, th),
        ),
        Span::raw(m.backup_path.visible(40, None).0),
    ]));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        t(lang, "install.backup_pw_note").to_string(),
        th.warn(),
    )));
}

/// The chosen file opened with the password: kept in the profile and
/// recorded (by the app), then on to 3-1.
pub(super) fn start_verify(m: &mut Model, p: &Progress, ctx: &Ctx<'_>, reply: &mut Reply) {
    let (Some(file), Some(pw)) = (&m.backup_file, &m.password) else {
        return;
    };
    m.busy = true;
    m.error = None;
    reply.effects.push(Effect::VerifyAndKeep {
        path: file.clone(),
        password: pw.clone(),
        keep_dir: ctx.profile_dir.clone(),
        current: p.certificate.clone().map(Box::new),
        now: ctx.now,
    });
}
