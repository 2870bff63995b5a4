//! Chapter 2 as a `Chapter`: the parts every step shares (title, keys,
//! results of background work, the frame of the view). Each step's own
//! keys and lines are in its file.

use super::*;
use crate::cert::position::Position;
use crate::wizard::chapter::{Chapter, MoveKeys};
use crate::wizard::components::paragraph;
use crate::wizard::msg::Msg;

impl Chapter for Model {
    fn position(&self) -> Position {
        Position::Download(self.step)
    }

    fn code(&self) -> String {
        self.step.code().into()
    }

    fn title(&self, lang: Lang) -> String {
        let key = match self.step {
            Step::Intro => "download.title",
            Step::Where => "download.where_title",
            Step::Ids => "download.ids_title",
            Step::Password => "download.pw_title",
            Step::NoStore => "download.nostore_title",
            Step::Net => "download.net_title",
            Step::Fetch => "download.fetch_title",
            Step::Verified => "download.verified_title",
            Step::Backup => "download.backup_title",
            Step::Done => "download.done_title",
        };
        t(lang, key).to_string()
    }

    fn help_key(&self) -> &'static str {
        match self.step {
            Step::Ids => "download.help_ids",
            Step::Where => "download.help_where",
            Step::Password | Step::NoStore => "download.help_secrets",
            Step::Net => "download.help_net",
            Step::Fetch | Step::Verified => "download.help_fetch",
            Step::Backup => "download.help_backup",
            Step::Intro | Step::Done => "download.help_intro",
        }
    }

    fn is_editing(&self) -> bool {
        matches!(self.step, Step::Ids | Step::Password | Step::Fetch)
            || (self.step == Step::Backup && self.drive_sel.is(self.drives.len()))
            || (self.step == Step::Where
                && self.focus.is(1)
                && self.pc != which_pc::Pc::Application)
    }

    fn move_keys(&self) -> MoveKeys {
        match self.step {
            Step::Intro | Step::NoStore | Step::Net | Step::Verified | Step::Done => MoveKeys::None,
            // Left and right choose the PC; up and down reach the field.
            Step::Where if self.focus.is(0) || self.pc == which_pc::Pc::Application => {
                MoveKeys::LeftRight
            }
            _ => MoveKeys::UpDown,
        }
    }

    fn footer_keys(&self, lang: Lang, p: &Progress) -> Vec<(&'static str, &'static str)> {
        match self.step {
            Step::Password => vec![
                ("F2", t(lang, "download.key_reveal")),
                ("F8", t(lang, "download.key_sheet")),
            ],
            Step::NoStore => vec![
                ("F2", t(lang, "download.key_reveal")),
                ("F8", t(lang, "download.key_sheet")),
            ],
            Step::Net => vec![
                ("F5", t(lang, "download.key_retry")),
                ("F3", t(lang, "download.key_detail")),
            ],
            Step::Fetch => vec![
                ("F4", t(lang, "download.key_open")),
                ("F6/F7", t(lang, "download.key_copy")),
            ],
            // F10 finishes only once a backup exists.
            Step::Backup if p.backups.is_empty() => vec![("F5", t(lang, "download.key_refresh"))],
            Step::Backup => vec![
                ("F5", t(lang, "download.key_refresh")),
                ("F10", t(lang, "download.key_finish")),
            ],
            _ => Vec::new(),
        }
    }

    fn on_enter(&self, p: &Progress, _ctx: &Ctx<'_>) -> Vec<Effect> {
        vec![
            Effect::LoadSecrets(p.profile.clone()),
            Effect::WatchDownloads(self.downloads.clone()),
            Effect::ListDrives,
        ]
    }

    fn on_key(&mut self, key: KeyEvent, p: &mut Progress, ctx: &Ctx<'_>) -> Reply {
        let mut reply = Reply::default();
        if p.chapters.download == ChapterState::NotStarted {
            p.chapters.download = ChapterState::InProgress;
            reply.save = true;
        }
        if key.code == KeyCode::Esc {
            self.back(&mut reply);
            return reply;
        }
        // Text editing keys go to the focused field.
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if !ctrl
            && let Some(input) = self.focused_input()
            && input.edit(key.code)
        {
            return reply;
        }
        match self.step {
            Step::Intro => intro::on_key(self, key, p, ctx, &mut reply),
            Step::Where => which_pc::on_key(self, key, p, ctx, &mut reply),
            Step::Ids => ids::on_key(self, key, p, ctx, &mut reply),
            Step::Password => password::on_key(self, key, p, ctx, &mut reply),
            Step::NoStore => nostore::on_key(self, key, p, ctx, &mut reply),
            Step::Net => net::on_key(self, key, p, ctx, &mut reply),
            Step::Fetch => fetch::on_key(self, key, p, ctx, &mut reply),
            Step::Verified => verified::on_key(self, key, p, ctx, &mut reply),
            Step::Backup => backup::on_key(self, key, p, ctx, &mut reply),
            Step::Done => done::on_key(self, key, p, ctx, &mut reply),
        }
        reply
    }

    fn on_result(&mut self, msg: &Msg, p: &mut Progress, ctx: &Ctx<'_>) -> Reply {
        let mut reply = Reply::default();
        match msg {
            Msg::SecretsLoaded(Ok(s)) => self.on_secrets_loaded(s.clone()),
            Msg::SecretsSaved(r) => self.on_secrets_saved(r, p, ctx.lang, &mut reply),
            Msg::NetChecked(r) => {
                self.busy = false;
                self.net = Some(r.clone());
                self.net_at = Some(ctx.now);
            }
            Msg::Downloads(files) => self.on_downloads(files.clone()),
            // Only if the field still holds what was completed.
            Msg::PathCompleted {
                typed,
                completed: Some(done),
            } if self.step == Step::Fetch && *self.path.value() == *typed => {
                self.path.set(done);
            }
            Msg::FileVerified(r) => self.on_verified(r, &mut reply),
            // F4 could not open Edge: the help page's way by hand, with
            // the address shown on this screen.
            Msg::BrowserOpened(Err(_)) if self.step == Step::Fetch => {
                reply.status = Some(Status::new(
                    StatusKind::Warn,
                    t(ctx.lang, "download.edge_by_hand"),
                ));
            }
            Msg::Drives(d) => {
                reply.effects = self.on_drives(d.clone(), ctx.lang, &mut reply.status);
            }
            Msg::BackedUp(r) => {
                self.busy = false;
                match r {
                    Ok(b) => {
                        // An earlier failure is no longer true.
                        self.error = None;
                        self.backed_up_to = b.report.path.parent().map(PathBuf::from);
                        // Run from the stick, the kept copy became this
                        // backup: say there is one file, and where.
                        let key = if b.merged.is_some() {
                            "download.backed_up_merged"
                        } else {
                            "download.backed_up"
                        };
                        reply.status = Some(Status::new(
                            StatusKind::Ok,
                            tf(ctx.lang, key, &[("path", &b.report.path.display())]),
                        ))
                    }
                    Err(e) => self.error = Some(e.clone().into()),
                }
            }
            _ => {}
        }
        reply
    }

    fn paste(&mut self, text: &str) {
        if let Some(i) = self.focused_input() {
            i.insert_str(text);
        }
    }

    fn cursor(&self, area: Rect) -> Option<(u16, u16)> {
        let body = body_rect(area);
        let (input, row, mask) = match (self.step, self.focus.index()) {
            (Step::Ids, 0) => (&self.req, 1, None),
            (Step::Ids, _) => (&self.refid, 2, None),
            (Step::Password, _) => (
                self.pw.focused(),
                1 + self.pw.focus.index() as u16,
                self.pw.mask(),
            ),
            (Step::Where, 1) if self.pc != which_pc::Pc::Application => (&self.user, 2, None),
            (Step::Fetch, _) => (&self.path, Self::bottom_row(body), None),
            (Step::Backup, _) if self.drive_sel.is(self.drives.len()) => {
                (&self.other, Self::bottom_row(body), None)
            }
            _ => return None,
        };
        let r = Self::input_rect(body, row);
        let (_, col) = input.visible(r.width, mask);
        Some((r.x + col, r.y))
    }

    fn view(&self, frame: &mut Frame<'_>, body: Rect, p: &Progress, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let mut lines: Vec<Line<'static>> = vec![Line::from("")];
        let w = body.width.saturating_sub(32);
        match self.step {
            Step::Intro => intro::lines(self, p, ctx, w, &mut lines),
            Step::Where => which_pc::lines(self, p, ctx, w, &mut lines),
            Step::Ids => ids::lines(self, p, ctx, w, &mut lines),
            Step::Password => password::lines(self, p, ctx, w, &mut lines),
            Step::NoStore => nostore::lines(self, p, ctx, w, &mut lines),
            Step::Net => net::lines(self, p, ctx, w, &mut lines),
            Step::Fetch => fetch::lines(self, p, ctx, w, &mut lines),
            Step::Verified => verified::lines(self, p, ctx, w, &mut lines),
            Step::Backup => backup::lines(self, p, ctx, w, &mut lines),
            Step::Done => done::lines(self, p, ctx, w, &mut lines),
        }
        if let Some(e) = &self.error {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(e.text(lang), th.error())));
            // A backup that failed: the help page's 「送る」 steps work
            // without oqscert.
            if self.step == Step::Backup
                && let Some(c) = &p.certificate
            {
                lines.push(Line::from(tf(
                    lang,
                    "download.backup_by_hand",
                    &[("path", &c.path.display())],
                )));
            }
        }
        // The free-text path field sits on a fixed row (see `cursor`).
        let bottom = match self.step {
            Step::Fetch => Some(Line::from(vec![
                Span::raw("  "),
                label(ctx, "download.path", true),
                field(&self.path, true, None, w),
            ])),
            Step::Backup => {
                let sel = self.drive_sel.is(self.drives.len());
                Some(Line::from(vec![
                    Span::raw(if sel { "> " } else { "  " }),
                    label(ctx, "download.other_folder", sel),
                    field(&self.other, sel, None, w),
                ]))
            }
            _ => None,
        };
        let inner = Rect {
            x: body.x + 2,
            width: body.width.saturating_sub(4),
            ..body
        };
        let row = Self::bottom_row(body);
        let main = if bottom.is_some() {
            Rect {
                height: row,
                ..inner
            }
        } else {
            inner
        };
        frame.render_widget(Paragraph::new(paragraph::wrap(lines, main.width)), main);
        if let Some(line) = bottom {
            frame.render_widget(
                Paragraph::new(line),
                Rect {
                    y: body.y + row,
                    height: 1,
                    ..inner
                },
            );
        }
    }
}
