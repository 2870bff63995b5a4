//! Drawing the whole app: the common frame around the screen, the footer
//! keys, overlays; and the status line's words for task results.

use super::components::{MIN_HEIGHT, MIN_WIDTH, chrome};
use super::msg::{Msg, Status, StatusKind};
use super::popups;
use super::{App, Ctx, Overlay};
use crate::i18n::{Lang, t, tf};
use crate::wizard::components::paragraph;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Paragraph;

pub(super) fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// What the status line says about a result that is not a screen's own.
pub(super) fn result_status(lang: Lang, msg: &Msg) -> Option<Status> {
    Some(match msg {
        Msg::Exported(Ok(paths)) => {
            let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            Status::new(
                StatusKind::Ok,
                tf(lang, "apply.exported", &[("path", &list.join(", "))]),
            )
        }
        Msg::Exported(Err(e)) => Status::new(
            StatusKind::Error,
            tf(lang, "apply.export_failed", &[("detail", &e.message(lang))]),
        ),
        Msg::Copied(Ok(what)) => {
            Status::new(StatusKind::Ok, tf(lang, "apply.copied", &[("what", what)]))
        }
        Msg::Copied(Err(_)) => Status::new(StatusKind::Warn, t(lang, "apply.no_clipboard")),
        Msg::BrowserOpened(Ok(None)) => Status::new(StatusKind::Ok, t(lang, "apply.opened")),
        Msg::BrowserOpened(Ok(Some(note))) => Status::new(StatusKind::Warn, t(lang, note)),
        // The OS's own words follow ours as detail.
        Msg::BrowserOpened(Err(e)) => Status::new(
            StatusKind::Warn,
            tf(lang, "apply.open_failed", &[("detail", e)]),
        ),
        Msg::ProfileChanged(Ok(c)) => profile_status(lang, c),
        Msg::ProfileChanged(Err(e)) | Msg::ProfileSwitched(Err(e)) => {
            Status::new(StatusKind::Error, e.message(lang))
        }
        Msg::SecretsLoaded(Err(e)) => Status::new(
            StatusKind::Warn,
            tf(
                lang,
                "error.no_credential_store",
                &[("detail", &e.message(lang))],
            ),
        ),
        _ => return None,
    })
}

/// What a profile task did, for the status line.
fn profile_status(lang: Lang, c: &super::msg::ProfileChange) -> Status {
    use super::msg::ProfileChange as C;
    let text = match c {
        C::Created(name) => tf(lang, "profiles.created", &[("name", name)]),
        C::Renamed { to, secrets_moved } => {
            let mut s = tf(lang, "profile.renamed_to", &[("to", to)]);
            if *secrets_moved {
                // One sentence after another: a space between them in
                // English, none in Japanese.
                if lang == Lang::En {
                    s.push(' ');
                }
                s.push_str(t(lang, "profile.secrets_moved"));
            }
            s
        }
        // The status line is one row: the folder, not the whole path.
        C::Deleted { name, .. } => tf(lang, "profiles.deleted", &[("name", name)]),
        C::SecretsForgotten { name, found } => tf(
            lang,
            if *found {
                "profile.secrets_forgotten"
            } else {
                "profile.secrets_none"
            },
            &[("name", name)],
        ),
    };
    Status::new(StatusKind::Ok, text)
}

impl App {
    /// Pure rendering of the model. Every cell drawn passes the one
    /// printable filter before it reaches the terminal: names, paths and
    /// subjects come from outside, and a bidi override or a zero-width
    /// character hidden in one must not reach the screen through any of
    /// the many ways a screen draws text.
    pub fn view(&self, frame: &mut Frame<'_>) {
        self.draw(frame);
        printable_cells(frame.buffer_mut());
    }

    fn draw(&self, frame: &mut Frame<'_>) {
        let area = frame.area();
        let lang = self.lang;
        if too_small(area) {
            let msg = tf(
                lang,
                "wizard.too_small",
                &[("w", &area.width), ("h", &area.height)],
            );
            frame.render_widget(
                Paragraph::new(paragraph::wrap(
                    vec![ratatui::text::Line::from(msg)],
                    area.width,
                )),
                area,
            );
            return;
        }
        let ctx = Ctx {
            lang,
            theme: &self.theme,
            now: self.now,
            profile_dir: &self.profile_dir,
            machine: &self.machine,
        };
        let status = self.status.as_ref().map(|s| {
            let style = match s.kind {
                StatusKind::Info => Style::default(),
                StatusKind::Ok => self.theme.ok(),
                StatusKind::Warn => self.theme.warn(),
                StatusKind::Error => self.theme.error(),
            };
            (s.text.as_str(), style)
        });
        let screen = self.screen.chapter();
        let mut footer: Vec<(&str, &str)> = Vec::new();
        match screen.move_keys() {
            super::chapter::MoveKeys::UpDown => {
                footer.push((t(lang, "wizard.key_move"), t(lang, "wizard.move")));
            }
            super::chapter::MoveKeys::LeftRight => {
                footer.push((t(lang, "wizard.key_left_right"), t(lang, "wizard.move")));
            }
            super::chapter::MoveKeys::None => {}
        }
        footer.push((t(lang, "wizard.key_enter"), t(lang, "wizard.next")));
        if !matches!(self.screen, super::Screen::Home(_)) {
            footer.push((t(lang, "wizard.key_back"), t(lang, "wizard.back")));
        }
        let extra = screen.footer_keys(lang, &self.progress);
        footer.extend(extra.iter().copied());
        footer.push((t(lang, "wizard.key_help"), t(lang, "wizard.help")));
        // In a text field `q` is typed, not a command: name the way out
        // that works there.
        let quit_key = if screen.is_editing() {
            "wizard.key_quit_editing"
        } else {
            "wizard.key_quit"
        };
        footer.push((t(lang, quit_key), t(lang, "wizard.quit")));
        let title = screen.title(lang);
        let body = chrome(
            frame,
            &self.theme,
            &title,
            &[self.help_ref(), self.screen_code()]
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join("  "),
            status,
            &footer,
        );
        screen.view(frame, body, &self.progress, &ctx);
        match self.overlay {
            Some(Overlay::Help(page)) => {
                let more = screen.more_help();
                let key = match page.checked_sub(1) {
                    None => screen.help_key(),
                    Some(i) => more.get(i).copied().unwrap_or(screen.help_key()),
                };
                popups::help::view(frame, lang, &self.theme, key, (page, 1 + more.len()));
            }
            Some(Overlay::ConfirmQuit) => popups::quit::view(frame, lang, &self.theme),
            Some(Overlay::Waiting) => {
                popups::quit::view_waiting(frame, lang, &self.theme, self.only_imports_pending())
            }
            None => {}
        }
    }
}

/// Remove what `cert::sanitize::printable` removes from every cell. Most
/// cells are one printable ASCII byte and are passed over at once.
fn printable_cells(buf: &mut ratatui::buffer::Buffer) {
    for cell in &mut buf.content {
        let sym = cell.symbol();
        if sym.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            continue;
        }
        let clean = crate::cert::sanitize::printable(sym);
        if clean.len() != sym.len() {
            let clean = if clean.is_empty() {
                " ".to_string()
            } else {
                clean.into_owned()
            };
            cell.set_symbol(&clean);
        }
    }
}
