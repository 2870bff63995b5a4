//! Chapter 3 as a `Chapter`: what every step shares (title, keys, results
//! of background work, the frame of the view). Each step's own keys and
//! lines are in its file.

use super::*;
use crate::cert::position::Position;
use crate::wizard::chapter::{Chapter, MoveKeys};
use crate::wizard::components::{form, paragraph};
use crate::wizard::msg::Msg;
use crate::wizard::{Status, StatusKind};

impl Chapter for Model {
    fn position(&self) -> Position {
        Position::Install(self.step)
    }

    fn code(&self) -> String {
        self.step.code().into()
    }

    fn title(&self, lang: Lang) -> String {
        t(
            lang,
            match self.step {
                Step::Owner => "install.owner_title",
                Step::FromBackup => "install.backup_title",
                Step::Options => "install.options_title",
                Step::Password => "install.pw_title",
                Step::Checks => "install.checks_title",
                Step::Connect => "install.connect_title",
                Step::Cleanup => "install.cleanup_title",
                Step::Done => "install.done_title",
            },
        )
        .to_string()
    }

    fn help_key(&self) -> &'static str {
        match self.step {
            Step::Owner => "install.help_owner",
            Step::FromBackup => "install.help_backup",
            Step::Options | Step::Password => "install.help_options",
            Step::Checks => "install.help_checks",
            Step::Connect => "install.help_connect",
            Step::Cleanup => "install.help_cleanup",
            Step::Done => "install.help_done",
        }
    }

    fn more_help(&self) -> &'static [&'static str] {
        match self.step {
            // The help page's manual import, for when this import cannot
            // be used.
            Step::Options | Step::Password => &[
                "install.help_manual1",
                "install.help_manual2",
                "install.help_manual3",
            ],
            _ => &[],
        }
    }

    fn is_editing(&self) -> bool {
        self.step == Step::Password
            || self.account.is_some()
            || (self.step == Step::FromBackup && self.backup_sel.is(self.backups.len()))
    }

    fn move_keys(&self) -> MoveKeys {
        match self.step {
            // The lists: backup files (3-2) and old certificates (3-7).
            Step::FromBackup => MoveKeys::UpDown,
            Step::Cleanup if super::cleanup::any_pickable(self) => MoveKeys::UpDown,
            _ => MoveKeys::None,
        }
    }

    fn footer_keys(&self, lang: Lang, _p: &Progress) -> Vec<(&'static str, &'static str)> {
        match self.step {
            Step::Options => vec![("F3", t(lang, "install.key_root_detail"))],
            Step::Owner if self.account.is_none() => vec![("F6", t(lang, "install.key_account"))],
            Step::FromBackup => vec![("F5", t(lang, "download.key_refresh"))],
            Step::Password => vec![("F2", t(lang, "install.key_reveal"))],
            Step::Checks => vec![("F5", t(lang, "install.key_reverify"))],
            // Skipping means something only before the clean-up ran.
            Step::Cleanup if super::cleanup::any_pickable(self) && self.cleaned.is_none() => vec![
                ("Space", t(lang, "install.key_pick")),
                ("F9", t(lang, "install.key_skip")),
            ],
            Step::Cleanup if super::cleanup::any_pickable(self) => {
                vec![("Space", t(lang, "install.key_pick"))]
            }
            Step::Done => vec![("F4", t(lang, "install.key_open_report"))],
            _ => Vec::new(),
        }
    }

    fn paste(&mut self, text: &str) {
        if let Some(a) = &mut self.account {
            a.insert_str(text);
        } else if self.step == Step::Password && self.pw_for == PwFor::CleanupTwice {
            self.pair.focused_mut().insert_str(text);
        } else if self.step == Step::Password {
            self.pw.insert_str(text);
        }
    }

    fn on_enter(&self, p: &Progress, ctx: &Ctx<'_>) -> Vec<Effect> {
        let mut out = vec![Effect::LoadSecrets(p.profile.clone())];
        out.extend(self.step_effects(p, ctx));
        out
    }

    fn on_key(&mut self, key: KeyEvent, p: &mut Progress, ctx: &Ctx<'_>) -> Reply {
        let mut reply = Reply::default();
        if p.chapters.install == ChapterState::NotStarted {
            p.chapters.install = ChapterState::InProgress;
            reply.save = true;
        }
        if self.confirm_expired {
            self.confirm_expired = false;
            if matches!(key.code, KeyCode::Char('y' | 'Y')) {
                self.expired_ok = true;
                self.start_install(p, ctx, &mut reply);
            }
            return reply;
        }
        if self.confirming {
            match key.code {
                KeyCode::Char('y' | 'Y') => self.start_cleanup(p, ctx, &mut reply),
                _ => {
                    self.confirming = false;
                    self.proven = None;
                }
            }
            return reply;
        }
        if self.account.is_some() {
            self.edit_account(key, p, &mut reply);
            return reply;
        }
        if key.code == KeyCode::Esc {
            let prev = match self.step {
                Step::Owner | Step::FromBackup => {
                    reply.nav = Some(Nav::Home);
                    return reply;
                }
                Step::Options => Step::Owner,
                Step::Password if self.pw_for == PwFor::Verify => Step::FromBackup,
                Step::Password => Step::Options,
                Step::Checks => Step::Options,
                Step::Connect => Step::Checks,
                Step::Cleanup => Step::Connect,
                Step::Done => Step::Cleanup,
            };
            if !self.busy {
                self.goto(prev, p, ctx, &mut reply);
            }
            return reply;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if self.step == Step::Password && self.pw_for == PwFor::CleanupTwice {
            if !ctrl && self.pair.on_key(key.code) {
                return reply;
            }
        } else if self.step == Step::Password && !ctrl && self.pw.edit(key.code) {
            return reply;
        }
        // The typed path on 3-2 (the row after the files found).
        if self.step == Step::FromBackup
            && self.backup_sel.is(self.backups.len())
            && !ctrl
            && self.backup_path.edit(key.code)
        {
            return reply;
        }
        if self.busy {
            return reply;
        }
        match self.step {
            Step::Owner => owner::on_key(self, key, p, ctx, &mut reply),
            Step::FromBackup => from_backup::on_key(self, key, p, ctx, &mut reply),
            Step::Options => options::on_key(self, key, p, ctx, &mut reply),
            Step::Password => password::on_key(self, key, p, ctx, &mut reply),
            Step::Checks => checks::on_key(self, key, p, ctx, &mut reply),
            Step::Connect => connect::on_key(self, key, p, ctx, &mut reply),
            Step::Cleanup => cleanup::on_key(self, key, p, ctx, &mut reply),
            Step::Done => done::on_key(self, key, p, ctx, &mut reply),
        }
        reply
    }

    fn on_result(&mut self, msg: &Msg, p: &mut Progress, ctx: &Ctx<'_>) -> Reply {
        let mut reply = Reply::default();
        match msg {
            Msg::SecretsLoaded(Ok(Some(s))) => self.password = Some(s.password.clone()),
            Msg::Installed(r) => self.on_installed(r, p, ctx, &mut reply),
            Msg::OldFound(r) => self.on_old_found(r),
            Msg::NetChecked(r) => self.clock = crate::cert::net::clock(r, ctx.now),
            Msg::PasswordProven(r) => self.on_proven(r, p, ctx, &mut reply),
            Msg::CleanupStep(done, total) => self.progress = Some((*done, *total)),
            Msg::CleanedUp(r) => self.on_cleaned(r, ctx.lang),
            Msg::ReportWritten(r) => self.report_paths = Some(r.clone()),
            // F4 could not open the report: where the file is, to open it
            // by hand (the general message speaks of a web address).
            Msg::BrowserOpened(Err(_)) if self.step == Step::Done => {
                if let Some(Ok(paths)) = &self.report_paths
                    && let Some(html) = paths.first()
                {
                    reply.status = Some(Status::new(
                        StatusKind::Warn,
                        tf(
                            ctx.lang,
                            "install.report_open_failed",
                            &[("path", &html.display())],
                        ),
                    ));
                }
            }
            Msg::BackupFiles(files) => {
                self.backups = files.clone();
                // The files and the typed path below them.
                self.backup_sel.clamp(self.backups.len() + 1);
            }
            // A backup opened with its password (画面 3-2): recorded by the
            // app; on to 3-1 as for any install.
            Msg::FileVerified(r) if self.pw_for == PwFor::Verify => {
                self.busy = false;
                match r.as_ref() {
                    Ok(_) => self.goto(Step::Owner, p, ctx, &mut reply),
                    Err(e) if e.is_wrong_password() => {
                        self.password = None;
                        self.error = Some(e.clone().into());
                    }
                    Err(e) => {
                        self.goto(Step::FromBackup, p, ctx, &mut reply);
                        self.error = Some(e.clone().into());
                    }
                }
            }
            _ => {}
        }
        reply
    }

    fn cursor(&self, area: Rect) -> Option<(u16, u16)> {
        let body = body_rect(area);
        if let Some(a) = &self.account {
            let r = account_rect(body);
            let (_, col) = a.visible(r.width, None);
            return Some((r.x + col, r.y));
        }
        if self.step != Step::Password {
            return None;
        }
        if self.pw_for == PwFor::CleanupTwice {
            // Rows 1 and 2 of the body, after the label (see `lines`).
            let col = self.pair.caret(PAIR_FIELD_CELLS);
            let x = body.x + 2 + PAIR_LABEL_CELLS as u16 + col;
            return Some((x, body.y + 1 + self.pair.focus.index() as u16));
        }
        let r = input_rect(body);
        let (_, col) = self.pw.visible(r.width, (!self.reveal).then_some('*'));
        Some((r.x + col, r.y))
    }

    fn view(&self, frame: &mut Frame<'_>, body: Rect, p: &Progress, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let mut lines: Vec<Line<'static>> = vec![Line::from("")];
        match self.step {
            Step::Owner => owner::lines(self, p, ctx, &mut lines),
            Step::FromBackup => from_backup::lines(self, p, ctx, &mut lines),
            Step::Options => options::lines(self, p, ctx, &mut lines),
            Step::Password => password::lines(self, p, ctx, &mut lines),
            Step::Checks => checks::lines(self, p, ctx, &mut lines),
            Step::Connect => connect::lines(self, p, ctx, &mut lines),
            Step::Cleanup => cleanup::lines(self, p, ctx, &mut lines),
            Step::Done => done::lines(self, p, ctx, &mut lines),
        }
        if let Some(e) = &self.error
            && self.step == Step::Options
        {
            // 3-3 keeps the system's words (a store's "access denied")
            // behind F3, for the vendor.
            let (plain, detail) = e.plain(lang);
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(plain, th.error())));
            if let Some(d) = detail.filter(|_| self.root_detail) {
                lines.push(Line::from(Span::styled(
                    format!("{} {d}", t(lang, "download.net_detail_heading")),
                    th.dim(),
                )));
            }
        } else if let Some(e) = &self.error {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(e.text(lang), th.error())));
        }
        // Not only "restart, call the vendor": the help page's own manual
        // steps (3章①–⑦, F1) and where the file is.
        if self.manual_hint
            && let Some(c) = &p.certificate
        {
            lines.push(Line::from(tf(
                lang,
                "install.manual_hint",
                &[("path", &c.path.display())],
            )));
        }
        let inner = Rect {
            x: body.x + 2,
            width: body.width.saturating_sub(4),
            ..body
        };
        frame.render_widget(Paragraph::new(paragraph::wrap(lines, inner.width)), inner);
        if let Some(a) = &self.account {
            let r = account_rect(body);
            let (text, _) = a.visible(r.width, None);
            let row = Rect {
                x: body.x + 2,
                width: body.width.saturating_sub(4),
                ..r
            };
            frame.render_widget(ratatui::widgets::Clear, row);
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::raw(form::marker(true)),
                    Span::styled(fit(t(lang, "install.account_label"), 26), th.highlight()),
                    Span::styled(
                        fit(&text, r.width as usize),
                        Style::default().bg(ratatui::style::Color::Blue),
                    ),
                ])),
                row,
            );
        }
        if self.step == Step::Password && self.pw_for != PwFor::CleanupTwice {
            let r = input_rect(body);
            let (text, _) = self.pw.visible(r.width, (!self.reveal).then_some('*'));
            frame.render_widget(
                Paragraph::new(Line::from(vec![Span::styled(
                    fit(&text, r.width as usize),
                    Style::default().bg(ratatui::style::Color::Blue),
                )])),
                r,
            );
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::raw(form::marker(true)),
                    Span::styled(fit(t(lang, "install.pw_label"), 26), th.highlight()),
                ])),
                Rect {
                    x: body.x + 2,
                    width: 28,
                    ..r
                },
            );
        }
    }
}
