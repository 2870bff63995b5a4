//! The health of a profile as rows: chapters, certificate, backups,
//! application dates, alerts (the wizard's 画面 H-2, `oqscert status`).

use super::{Row, Tone};
use crate::cert::health::{Alert, BackupState, Health};
use crate::cert::position::ChapterId;
use crate::i18n::{Lang, chapter_state_key, t, tf};

pub fn backup_key(s: BackupState) -> &'static str {
    match s {
        BackupState::Matches => "health.backup_matches",
        BackupState::Changed => "health.backup_changed",
        BackupState::Missing => "health.backup_missing",
        BackupState::NotConnected => "health.backup_not_connected",
        BackupState::NotLocal => "health.backup_not_local",
    }
}

/// A chapter's name as the home screen lists it.
pub fn chapter_name(lang: Lang, c: ChapterId) -> &'static str {
    t(
        lang,
        match c {
            ChapterId::Precheck => "home.part0",
            ChapterId::Apply => "home.part1",
            ChapterId::Download => "home.part2",
            ChapterId::Install => "home.part3",
        },
    )
}

/// A calendar day (Japan's) as a person reads it (`i18n::date`).
fn day(lang: Lang, d: time::Date) -> String {
    let jst = time::UtcOffset::from_hms(9, 0, 0).unwrap_or(time::UtcOffset::UTC);
    crate::i18n::date(lang, d.midnight().assume_offset(jst))
}

/// One alert as a sentence saying what to do.
pub fn alert_text(lang: Lang, a: &Alert) -> String {
    match a {
        Alert::Expiring {
            threshold,
            days_left,
        } => format!(
            "{}{}",
            tf(
                lang,
                "health.alert_expiring",
                &[("days", days_left), ("threshold", threshold)],
            ),
            super::renewal_where(lang)
        ),
        Alert::Expired { days_ago } => tf(lang, "health.alert_expired", &[("days", days_ago)]),
        Alert::NotInStore => t(lang, "health.alert_not_in_store").into(),
        Alert::NoPrivateKey => t(lang, "health.alert_no_key").into(),
        Alert::BackupChanged { path } => tf(
            lang,
            "health.alert_backup_changed",
            &[("path", &path.display())],
        ),
        Alert::BackupMissing { path } => tf(
            lang,
            "health.alert_backup_missing",
            &[("path", &path.display())],
        ),
        Alert::NoBackup => t(lang, "health.alert_no_backup").into(),
        Alert::DeadlineSoon { days_left } => {
            tf(lang, "health.alert_deadline_soon", &[("days", days_left)])
        }
        Alert::DeadlinePassed => t(lang, "health.alert_deadline_passed").into(),
        Alert::Chapter { chapter } => tf(
            lang,
            "health.alert_chapter",
            &[("chapter", &chapter_name(lang, *chapter))],
        ),
    }
}

/// Every line of the health view, in order. `detail` adds what only a
/// vendor compares (the thumbprint): `oqscert status` always, 画面 H-2
/// behind F3.
pub fn rows(lang: Lang, h: &Health, detail: bool) -> Vec<Row> {
    let mut out = Vec::new();
    let c = &h.chapters;
    // 「事前確認は完了、申請は完了、…」: each chapter by name, in words.
    let progress: Vec<String> = [
        ("health.ch_precheck", c.precheck),
        ("health.ch_apply", c.apply),
        ("health.ch_download", c.download),
        ("health.ch_install", c.install),
    ]
    .into_iter()
    .map(|(name, s)| {
        tf(
            lang,
            "health.chapter_state",
            &[
                ("chapter", &t(lang, name)),
                ("state", &t(lang, chapter_state_key(s))),
            ],
        )
    })
    .collect();
    out.push(Row::heading(t(lang, "health.chapters")));
    out.push(Row::item(
        Tone::Plain,
        progress.join(t(lang, "health.chapter_join")),
    ));
    out.push(Row::heading(t(lang, "health.certificate")));
    match &h.certificate {
        None => out.push(Row::item(Tone::Plain, t(lang, "health.none"))),
        Some(cert) => {
            out.push(Row::item(
                Tone::Plain,
                crate::cert::dn::display_name(&cert.subject),
            ));
            if detail {
                out.push(Row::item(
                    Tone::Dim,
                    format!("{}: {}", t(lang, "pfx.thumbprint"), cert.sha1_thumbprint),
                ));
            }
            out.push(if cert.expired {
                Row::item(
                    Tone::Error,
                    tf(
                        lang,
                        "health.expired",
                        &[("date", &crate::i18n::date(lang, cert.not_after))],
                    ),
                )
            } else {
                Row::item(
                    Tone::Plain,
                    tf(
                        lang,
                        "health.valid_to",
                        &[
                            ("date", &crate::i18n::date(lang, cert.not_after)),
                            ("days", &cert.days_left),
                        ],
                    ),
                )
            });
            let (key, tone) = match (cert.in_store, cert.has_private_key) {
                (Some(true), Some(true)) => ("health.in_store_yes", Tone::Ok),
                (Some(true), _) => ("health.in_store_nokey", Tone::Warn),
                (Some(false), _) => ("health.in_store_no", Tone::Warn),
                (None, _) => ("health.in_store_unknown", Tone::Dim),
            };
            out.push(Row::item(tone, t(lang, key)));
            out.push(Row::item(
                Tone::Plain,
                if cert.expired {
                    t(lang, "health.renewal_expired").to_string()
                } else if cert.renewal_open {
                    tf(
                        lang,
                        "health.renewal_open",
                        &[("date", &day(lang, cert.renewal_from))],
                    )
                } else {
                    tf(
                        lang,
                        "health.renewal_later",
                        &[("date", &day(lang, cert.renewal_from))],
                    )
                },
            ));
        }
    }
    out.push(Row::heading(t(lang, "health.backups")));
    if h.backups.is_empty() {
        out.push(Row::item(Tone::Warn, t(lang, "health.no_backups")));
    }
    for b in &h.backups {
        let tone = match b.state {
            BackupState::Matches => Tone::Ok,
            BackupState::NotConnected | BackupState::NotLocal => Tone::Dim,
            BackupState::Changed | BackupState::Missing => Tone::Warn,
        };
        out.push(Row::item(
            tone,
            format!(
                "{}  {}  {}",
                crate::i18n::date(lang, b.at),
                b.path.display(),
                t(lang, backup_key(b.state))
            ),
        ));
    }
    if let Some(a) = &h.application {
        out.push(Row::heading(t(lang, "health.application")));
        out.push(Row::item(
            Tone::Plain,
            tf(
                lang,
                "home.applied",
                &[("date", &crate::i18n::date(lang, a.applied_at))],
            ),
        ));
        out.push(Row::item(
            Tone::Plain,
            tf(
                lang,
                "home.mail_expected",
                &[
                    ("from", &day(lang, a.mail_expected_from)),
                    ("to", &day(lang, a.mail_expected_to)),
                ],
            ),
        ));
        out.push(Row::item(
            Tone::Plain,
            tf(
                lang,
                "home.deadline",
                &[("date", &day(lang, a.download_deadline))],
            ),
        ));
    }
    out.push(Row::heading(t(lang, "health.alerts")));
    if h.alerts.is_empty() {
        out.push(Row::item(Tone::Ok, t(lang, "health.no_alerts")));
    }
    for a in &h.alerts {
        out.push(Row::item(Tone::Warn, alert_text(lang, a)));
    }
    out
}

/// The closing verdict line.
pub fn verdict(lang: Lang, h: &Health) -> Row {
    if h.needs_attention {
        Row::new(Tone::Warn, 0, t(lang, "health.attention"))
    } else {
        Row::new(Tone::Ok, 0, t(lang, "health.healthy"))
    }
}
