//! 「画面 3-1」: who runs this, and which store the certificate goes to.

use super::*;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    p: &mut Progress,
    ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    match key.code {
        KeyCode::F(6) => {
            m.account = Some(TextInput::new(&m.owner.oqs_account));
        }
        KeyCode::Enter => {
            if p.certificate.is_some() {
                m.goto(Step::Options, p, ctx, reply);
            } else {
                // No downloaded file in the records (another user's
                // folder, a new PC): the backup on the stick is the way.
                m.goto(Step::FromBackup, p, ctx, reply);
            }
        }
        _ => {}
    };
}

pub(super) fn lines(m: &Model, p: &Progress, ctx: &Ctx<'_>, lines: &mut Vec<Line<'static>>) {
    let lang = ctx.lang;
    let th = ctx.theme;

    if let Some(c) = &p.certificate {
        lines.push(row(
            t(lang, "install.certificate"),
            crate::cert::dn::display_name(&c.subject),
        ));
        lines.push(row(
            t(lang, "install.valid_to"),
            crate::i18n::date(lang, c.not_after),
        ));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(
        t(
            lang,
            match m.store_kind {
                StoreKind::WindowsCurrentUser => "install.store_windows",
                StoreKind::Folder => "install.store_folder",
            },
        )
        .to_string(),
    ));
    let user = if m.owner.current_user.is_empty() {
        t(lang, "install.user_unknown").to_string()
    } else {
        m.owner.current_user.clone()
    };
    lines.push(row(t(lang, "install.current_user"), user.clone()));
    // Nobody typed the name yet: the value is the common example, and
    // says so (she confirms it with the vendor, F6 changes it).
    let example = p.institution.oqs_account.trim().is_empty();
    let oqs = if example {
        tf(
            lang,
            "install.oqs_account_example",
            &[("name", &m.owner.oqs_account)],
        )
    } else {
        m.owner.oqs_account.clone()
    };
    lines.push(row(t(lang, "install.oqs_account"), oqs));
    lines.push(Line::from(""));
    // While the name is being changed, the verdict on the old name would
    // contradict the field below: say what the field is for instead.
    if m.account.is_some() {
        lines.push(Line::from(t(lang, "install.account_editing").to_string()));
        return;
    }
    // The owner matters only for a real Windows store.
    let warn = m.store_kind == StoreKind::WindowsCurrentUser && !m.owner.matches();
    if warn {
        let oqs = m.owner.oqs_account.as_str();
        // A name someone typed is the clinic's own, not "a common name".
        let (wrong, switch) = if example {
            ("store.wrong_user", "install.how_to_switch")
        } else {
            ("install.wrong_user_named", "install.how_to_switch_named")
        };
        lines.push(Line::from(Span::styled(
            tf(lang, wrong, &[("user", &user), ("oqs", &oqs)]),
            th.error(),
        )));
        lines.push(Line::from(tf(lang, switch, &[("oqs", &oqs)])));
        // Where her records are decides how she goes on as that user.
        let (key, folder) = match &ctx.machine.records_at {
            RecordsAt::Travelling => ("install.switch_stick", ""),
            RecordsAt::PerUser => ("install.switch_local", ""),
            RecordsAt::Folder(f) => ("install.switch_folder", f.as_str()),
        };
        lines.push(Line::from(tf(
            lang,
            key,
            &[("oqs", &oqs), ("folder", &folder)],
        )));
        lines.push(Line::from(t(lang, "install.owner_next_anyway").to_string()));
    } else {
        if m.store_kind == StoreKind::WindowsCurrentUser {
            // Matched against the example name only (nobody typed one):
            // said as a guide, with how to correct it.
            let ok = if example {
                tf(
                    lang,
                    "install.owner_ok_example",
                    &[("oqs", &m.owner.oqs_account)],
                )
            } else {
                t(lang, "install.owner_ok").to_string()
            };
            lines.push(Line::from(Span::styled(ok, th.ok())));
        }
        lines.push(Line::from(
            t(
                lang,
                if p.certificate.is_some() {
                    "install.owner_next"
                } else {
                    "install.owner_next_backup"
                },
            )
            .to_string(),
        ));
    }
}
