//! 「画面 H-2」: the health view. The checks that need I/O (the store, the
//! backup files) run as an effect; this screen only shows the result.

use super::widgets::fit;
use super::{Ctx, Effect, Nav, Reply};
use crate::cert::health::{Alert, BackupState, Health};
use crate::cert::progress::{ChapterState, Progress};
use crate::i18n::{Lang, t, tf};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

#[derive(Debug, Clone, Default)]
pub struct Model {
    health: Option<Health>,
}

impl Model {
    pub fn on_enter(&self, p: &Progress) -> Vec<Effect> {
        vec![Effect::CheckHealth(Box::new(p.clone()))]
    }

    pub fn on_health(&mut self, h: Health) {
        self.health = Some(h);
    }

    pub fn update(&mut self, key: KeyEvent, p: &mut Progress) -> Reply {
        let mut reply = Reply::default();
        match key.code {
            KeyCode::F(5) => {
                self.health = None;
                reply.effects = self.on_enter(p);
            }
            KeyCode::Enter | KeyCode::Esc => reply.nav = Some(Nav::Home),
            _ => {}
        }
        reply
    }

    pub fn footer_keys(&self, lang: Lang) -> Vec<(&'static str, &'static str)> {
        vec![("F5", t(lang, "install.key_reverify"))]
    }

    pub fn view(&self, frame: &mut Frame<'_>, body: Rect, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let mut lines: Vec<Line<'static>> = vec![Line::from("")];
        let Some(h) = &self.health else {
            lines.push(Line::from(t(lang, "health.checking").to_string()));
            frame.render_widget(Paragraph::new(lines), inner(body));
            return;
        };
        // One line of chapter states.
        let state = |s: ChapterState| t(lang, crate::i18n::chapter_state_key(s));
        let c = &h.chapters;
        lines.push(Line::from(format!(
            "{}: 0 {} / 1 {} / 2 {} / 3 {}",
            t(lang, "health.chapters"),
            state(c.precheck),
            state(c.apply),
            state(c.download),
            state(c.install)
        )));
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            t(lang, "health.certificate").to_string(),
            th.title(),
        )));
        match &h.certificate {
            None => lines.push(Line::from(format!("  {}", t(lang, "health.none")))),
            Some(cert) => {
                lines.push(Line::from(format!("  {}", fit(&cert.subject, 74))));
                lines.push(Line::from(format!("  {}", cert.sha1_thumbprint)));
                let validity = if cert.expired {
                    tf(lang, "health.expired", &[("date", &cert.not_after.date())])
                } else {
                    tf(
                        lang,
                        "health.valid_to",
                        &[("date", &cert.not_after.date()), ("days", &cert.days_left)],
                    )
                };
                lines.push(Line::from(format!("  {validity}")));
                let store = match (cert.in_store, cert.has_private_key) {
                    (Some(true), Some(true)) => "health.in_store_yes",
                    (Some(true), _) => "health.in_store_nokey",
                    (Some(false), _) => "health.in_store_no",
                    (None, _) => "health.in_store_unknown",
                };
                lines.push(Line::from(format!("  {}", t(lang, store))));
                let renewal = if cert.expired {
                    t(lang, "health.renewal_expired").to_string()
                } else if cert.renewal_open {
                    tf(lang, "health.renewal_open", &[("date", &cert.renewal_from)])
                } else {
                    tf(
                        lang,
                        "health.renewal_later",
                        &[("date", &cert.renewal_from)],
                    )
                };
                lines.push(Line::from(format!("  {renewal}")));
            }
        }
        lines.push(Line::from(Span::styled(
            t(lang, "health.backups").to_string(),
            th.title(),
        )));
        if h.backups.is_empty() {
            lines.push(Line::from(format!("  {}", t(lang, "health.no_backups"))));
        }
        for b in &h.backups {
            lines.push(Line::from(format!(
                "  {}  {}  {}",
                b.at.date(),
                b.path.display(),
                t(lang, backup_key(b.state))
            )));
        }
        if let Some(a) = &h.application {
            lines.push(Line::from(Span::styled(
                t(lang, "health.application").to_string(),
                th.title(),
            )));
            lines.push(Line::from(format!(
                "  {}",
                tf(
                    lang,
                    "home.mail_expected",
                    &[("from", &a.mail_expected_from), ("to", &a.mail_expected_to)]
                )
            )));
            lines.push(Line::from(format!(
                "  {}",
                tf(lang, "home.deadline", &[("date", &a.download_deadline)])
            )));
        }
        lines.push(Line::from(Span::styled(
            t(lang, "health.alerts").to_string(),
            th.title(),
        )));
        if h.alerts.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("  {}", t(lang, "health.no_alerts")),
                th.ok(),
            )));
        }
        for a in &h.alerts {
            lines.push(Line::from(Span::styled(
                format!("  {}", alert_text(lang, a)),
                th.warn(),
            )));
        }
        frame.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: false }),
            inner(body),
        );
    }
}

fn inner(body: Rect) -> Rect {
    Rect {
        x: body.x + 2,
        width: body.width.saturating_sub(4),
        ..body
    }
}

pub fn backup_key(s: BackupState) -> &'static str {
    match s {
        BackupState::Matches => "health.backup_matches",
        BackupState::Changed => "health.backup_changed",
        BackupState::Missing => "health.backup_missing",
        BackupState::NotConnected => "health.backup_not_connected",
    }
}

/// One alert as a sentence saying what to do.
pub fn alert_text(lang: Lang, a: &Alert) -> String {
    match a {
        Alert::Expiring {
            threshold,
            days_left,
        } => tf(
            lang,
            "health.alert_expiring",
            &[("days", days_left), ("threshold", threshold)],
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
        Alert::Chapter { chapter } => {
            let idx = ["precheck", "apply", "download", "install"]
                .iter()
                .position(|c| c == chapter)
                .unwrap_or(0);
            tf(
                lang,
                "health.alert_chapter",
                &[("chapter", &t(lang, &format!("home.part{idx}")))],
            )
        }
    }
}
