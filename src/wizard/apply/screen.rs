//! Chapter 1 as a `Chapter`: what every step shares (title, keys, the
//! popups). Each step's own keys and view are in its file.

use super::*;
use crate::cert::position::Position;
use crate::wizard::chapter::{Chapter, MoveKeys};

impl Chapter for Model {
    fn position(&self) -> Position {
        Position::Apply(self.step)
    }

    fn code(&self) -> String {
        self.step.code()
    }

    fn title(&self, lang: Lang) -> String {
        match self.step {
            Step::Intro => t(lang, "apply.title").to_string(),
            Step::ThisPc => t(lang, "apply.thispc_title").to_string(),
            Step::Profile => t(lang, "apply.profile_title").to_string(),
            Step::Sheet => t(lang, "apply.sheet_title").to_string(),
            // The position is shown once, in the body.
            Step::Portal(_) => t(lang, "apply.portal_title").to_string(),
            Step::Done => t(lang, "apply.done_title").to_string(),
        }
    }

    fn help_key(&self) -> &'static str {
        match self.step {
            Step::Intro => "apply.help_intro",
            Step::ThisPc => "apply.help_thispc",
            Step::Profile => "apply.help_profile",
            Step::Sheet => "apply.help_sheet",
            Step::Portal(_) => "apply.help_portal",
            Step::Done => "apply.help_done",
        }
    }

    /// Keys that type into a text field (so `q` and `?` are text there).
    fn is_editing(&self) -> bool {
        self.popup.is_none() && self.step == Step::Profile && self.focus() != Field::Type
    }

    fn move_keys(&self) -> MoveKeys {
        match self.step {
            Step::ThisPc => MoveKeys::LeftRight,
            // Portal steps turn with the arrows too, but Enter and Esc
            // (in the footer) say it.
            Step::Intro | Step::Portal(_) | Step::Done => MoveKeys::None,
            Step::Profile | Step::Sheet => MoveKeys::UpDown,
        }
    }

    fn footer_keys(&self, lang: Lang, _p: &Progress) -> Vec<(&'static str, &'static str)> {
        match self.step {
            Step::Sheet => vec![
                ("c", t(lang, "apply.sheet_keys_copy")),
                ("e", t(lang, "apply.sheet_keys_export")),
            ],
            Step::Profile
                if self
                    .institution_code()
                    .is_some_and(|c| c.check().rule.is_none()) =>
            {
                vec![("F7", t(lang, "apply.key_keep_code"))]
            }
            Step::Portal(_) => vec![
                ("o", t(lang, "apply.portal_keys_open")),
                ("k", t(lang, "apply.portal_keys_qr")),
                ("s", t(lang, "apply.portal_keys_sheet")),
            ],
            _ => Vec::new(),
        }
    }

    fn paste(&mut self, text: &str) {
        if self.is_editing() {
            let f = self.focus();
            self.input_mut(f).insert_str(text);
        }
    }

    fn on_key(&mut self, key: KeyEvent, p: &mut Progress, ctx: &Ctx<'_>) -> Reply {
        let mut reply = Reply::default();
        if let Some(popup) = self.popup {
            if matches!(key.code, KeyCode::Esc | KeyCode::Enter)
                || (popup == Popup::Qr && key.code == KeyCode::Char('k'))
                || (popup == Popup::Sheet && key.code == KeyCode::Char('s'))
            {
                self.popup = None;
            }
            return reply;
        }
        if p.chapters.apply == ChapterState::NotStarted {
            p.chapters.apply = ChapterState::InProgress;
            reply.save = true;
        }
        match self.step {
            Step::Intro => intro::on_key(self, key, p, ctx, &mut reply),
            Step::ThisPc => this_pc::on_key(self, key, p, ctx, &mut reply),
            Step::Profile => profile::on_key(self, key, p, ctx, &mut reply),
            Step::Sheet => sheet::on_key(self, key, p, ctx, &mut reply),
            Step::Portal(_) => portal::on_key(self, key, p, ctx, &mut reply),
            Step::Done => done::on_key(self, key, p, ctx, &mut reply),
        }
        reply
    }

    fn cursor(&self, area: Rect) -> Option<(u16, u16)> {
        if !self.is_editing() {
            return None;
        }
        let r = Self::field_rect(body_rect(area), self.focus());
        let (_, col) = self.input(self.focus()).visible(r.width, None);
        Some((r.x + col, r.y))
    }

    fn view(&self, frame: &mut Frame<'_>, area: Rect, p: &Progress, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let inner = Rect {
            x: area.x + 2,
            width: area.width.saturating_sub(4),
            ..area
        };
        match self.step {
            Step::Intro => intro::view(self, frame, area, inner, p, ctx),
            Step::ThisPc => this_pc::view(self, frame, area, inner, p, ctx),
            Step::Profile => profile::view(self, frame, area, inner, p, ctx),
            Step::Sheet => sheet::view(self, frame, area, inner, p, ctx),
            Step::Portal(_) => portal::view(self, frame, area, inner, p, ctx),
            Step::Done => done::view(self, frame, area, inner, p, ctx),
        }
        match self.popup {
            Some(Popup::Qr) => popups::qr::view(frame, lang, th),
            Some(Popup::Sheet) => {
                let inner = popups::sheet::frame_box(frame, lang, th);
                self.view_sheet(frame, inner, lang, th);
            }
            None => {}
        }
    }
}
