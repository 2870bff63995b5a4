//! The 4-digit password typed twice (「画面 2-4」): two masked fields, F2
//! to show them, and one live note under them (the rule, a mismatch, or
//! that the two agree). Full-width digits from the Japanese IME count as
//! digits (`Password::new` makes them half-width).

use super::form::{self, FocusRing};
use super::{TextInput, Theme};
use crate::cert::password::Password;
use crate::i18n::{Lang, t};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

#[derive(Debug, Clone)]
pub struct PasswordPair {
    first: TextInput,
    second: TextInput,
    pub focus: FocusRing,
    reveal: bool,
    /// Enter found the two different and emptied the second field: its
    /// note says so until the person types there again.
    retype: bool,
    /// Enter was pressed before the pair was complete: the note then also
    /// says what an empty field needs.
    asked: bool,
}

/// What the two fields say together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairState {
    /// Nothing typed in the first field yet.
    Empty,
    /// The first is not four half-width digits.
    Rule,
    /// The first is fine; the second is empty or still being typed
    /// (shorter, and so far the same).
    Half,
    Mismatch,
    /// Enter found the two different: the second field was emptied and
    /// has the caret, to be typed again.
    Retype,
    Ok,
}

impl PairState {
    /// The live note's locale key and whether it is good news.
    fn note(self) -> Option<(&'static str, bool)> {
        match self {
            PairState::Rule => Some(("download.err_pw_rule", false)),
            PairState::Mismatch => Some(("download.err_pw_mismatch", false)),
            PairState::Retype => Some(("download.pw_retype", false)),
            PairState::Ok => Some(("download.pw_ok", true)),
            PairState::Empty | PairState::Half => None,
        }
    }
}

impl Default for PasswordPair {
    fn default() -> Self {
        PasswordPair {
            first: TextInput::default(),
            second: TextInput::default(),
            focus: FocusRing::new(2),
            reveal: false,
            retype: false,
            asked: false,
        }
    }
}

impl PasswordPair {
    /// Both fields from a kept password (the credential store's).
    pub fn set(&mut self, pw: &Password) {
        self.first.set(pw.expose());
        self.second.set(pw.expose());
    }

    pub fn focused(&self) -> &TextInput {
        if self.focus.is(0) {
            &self.first
        } else {
            &self.second
        }
    }

    pub fn focused_mut(&mut self) -> &mut TextInput {
        if self.focus.is(0) {
            &mut self.first
        } else {
            &mut self.second
        }
    }

    pub fn toggle_reveal(&mut self) {
        self.reveal = !self.reveal;
    }

    /// `*` for each character unless F2 showed them.
    pub fn mask(&self) -> Option<char> {
        (!self.reveal).then_some('*')
    }

    pub fn state(&self) -> PairState {
        let a = Password::new(&self.first.value());
        if self.first.is_empty() {
            return PairState::Empty;
        }
        if !a.is_four_digits() {
            return PairState::Rule;
        }
        if self.second.is_empty() {
            return if self.retype {
                PairState::Retype
            } else {
                PairState::Half
            };
        }
        let b = Password::new(&self.second.value());
        if a == b {
            PairState::Ok
        } else if b.expose().len() < a.expose().len() && a.expose().starts_with(b.expose()) {
            // Still typing, and right so far: not a mismatch yet.
            PairState::Half
        } else {
            PairState::Mismatch
        }
    }

    /// Both entries as typed (for a check that wants the two, such as
    /// `ProvenPassword::typed_twice`).
    pub fn both(&self) -> (Password, Password) {
        (
            Password::new(&self.first.value()),
            Password::new(&self.second.value()),
        )
    }

    /// Focus keys (Tab, arrows) and typing into the focused field; true
    /// when the key was taken.
    pub fn on_key(&mut self, code: crossterm::event::KeyCode) -> bool {
        use crossterm::event::KeyCode;
        match code {
            KeyCode::Tab | KeyCode::Down | KeyCode::BackTab | KeyCode::Up => {
                self.focus.on_key(code);
                true
            }
            code => {
                // Typing answers what Enter said: the note follows the
                // fields again.
                let taken = self.focused_mut().edit(code);
                if taken {
                    self.asked = false;
                    self.retype &= self.focus.is(0);
                }
                taken
            }
        }
    }

    /// Enter on the pair: the password when the two agree and follow the
    /// rule. Otherwise the caret goes to the field to fix, and the note
    /// under the fields names it: the first when it breaks the rule, the
    /// second when it is still empty, and when the two differ the second is
    /// emptied to be typed again (the first is what was decided; Up goes
    /// back to it).
    pub fn enter(&mut self) -> Option<Password> {
        if self.focus.is(0) && self.second.is_empty() && self.state() == PairState::Half {
            // The first is done: on to the second, nothing to say yet.
            self.focus.focus(1);
            return None;
        }
        match self.state() {
            PairState::Ok => return Some(Password::new(&self.first.value())),
            _ => self.asked = true,
        }
        match self.state() {
            PairState::Ok => {}
            PairState::Empty | PairState::Rule => self.focus.focus(0),
            PairState::Half | PairState::Retype => self.focus.focus(1),
            PairState::Mismatch => {
                self.second.set("");
                self.retype = true;
                self.focus.focus(1);
            }
        }
        None
    }

    /// The two rows (label and field), `w` cells of field each: drawn on
    /// fixed rows so the caret (`caret`) is where the field is.
    pub fn rows(&self, lang: Lang, th: &Theme, label_cells: usize, w: u16) -> [Line<'static>; 2] {
        let row = |key: &str, input: &TextInput, i: usize| {
            form::row(
                lang,
                th,
                key,
                label_cells,
                input,
                self.focus.is(i),
                self.mask(),
                w,
            )
        };
        [
            row("download.pw1", &self.first, 0),
            row("download.pw2", &self.second, 1),
        ]
    }

    /// The live note under the fields, if any.
    pub fn note(&self, lang: Lang, th: &Theme) -> Option<Line<'static>> {
        let (key, good) = match self.state() {
            PairState::Empty if self.asked => ("download.err_pw_rule", false),
            PairState::Half if self.asked => ("download.pw_type_second", false),
            state => state.note()?,
        };
        let style: Style = if good { th.ok() } else { th.warn() };
        Some(Line::from(Span::styled(t(lang, key).to_string(), style)))
    }

    /// The caret's column within a field `w` cells wide.
    pub fn caret(&self, w: u16) -> u16 {
        self.focused().visible(w, self.mask()).1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(a: &str, b: &str) -> PasswordPair {
        let mut p = PasswordPair::default();
        p.focused_mut().insert_str(a);
        p.focus.next();
        p.focused_mut().insert_str(b);
        p
    }

    #[test]
    fn the_state_follows_what_is_typed() {
        assert_eq!(typed("", "").state(), PairState::Empty);
        assert_eq!(typed("12a4", "").state(), PairState::Rule);
        assert_eq!(typed("1234", "").state(), PairState::Half);
        assert_eq!(typed("1234", "1243").state(), PairState::Mismatch);
        // The IME's full-width digits are the same password.
        assert_eq!(typed("１２３４", "1234").state(), PairState::Ok);
        // Right so far while the second is typed: no mismatch yet.
        assert_eq!(typed("1234", "12").state(), PairState::Half);
        assert_eq!(typed("1234", "13").state(), PairState::Mismatch);
        assert_eq!(typed("1234", "12345").state(), PairState::Mismatch);
        assert_eq!(
            typed("1234", "1234").enter().map(|p| p.is_four_digits()),
            Some(true)
        );
    }

    fn note(p: &PasswordPair) -> String {
        p.note(Lang::Ja, &Theme::ascii())
            .map(|l| l.spans.iter().map(|s| s.content.to_string()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn enter_puts_the_caret_in_the_field_to_fix_and_says_which() {
        // A typo in the second entry: it is emptied and has the caret; one
        // note names it, and goes once the person types there.
        let mut p = typed("1234", "1243");
        assert!(p.enter().is_none());
        assert!(p.focus.is(1) && p.focused().is_empty());
        assert_eq!(p.state(), PairState::Retype);
        assert_eq!(note(&p), t(Lang::Ja, "download.pw_retype"));
        assert!(note(&p).contains("「もう一度」の欄を空にしました"));
        for c in "123".chars() {
            p.on_key(crossterm::event::KeyCode::Char(c));
        }
        assert_eq!(note(&p), "", "typing again: no stale message");
        p.on_key(crossterm::event::KeyCode::Char('4'));
        assert_eq!(note(&p), t(Lang::Ja, "download.pw_ok"));
        assert!(p.enter().is_some());

        // The first breaks the rule: the caret goes back up to it.
        let mut p = typed("12", "12");
        assert!(p.enter().is_none());
        assert!(p.focus.is(0));
        assert_eq!(note(&p), t(Lang::Ja, "download.err_pw_rule"));

        // Nothing typed at all: the rule, at the first field.
        let mut p = PasswordPair::default();
        p.focus.focus(1);
        assert!(p.enter().is_none());
        assert!(p.focus.is(0));
        assert_eq!(note(&p), t(Lang::Ja, "download.err_pw_rule"));

        // Enter on a good first entry just moves on; Enter on the empty
        // second says what it needs.
        let mut p = typed("1234", "");
        p.focus.focus(0);
        assert!(p.enter().is_none());
        assert!(p.focus.is(1));
        assert_eq!(note(&p), "");
        assert!(p.enter().is_none());
        assert!(p.focus.is(1));
        assert_eq!(note(&p), t(Lang::Ja, "download.pw_type_second"));
    }

    #[test]
    fn fields_are_masked_until_f2() {
        let mut p = typed("1234", "1234");
        let th = Theme::ascii();
        let text = |l: &Line<'_>| {
            l.spans
                .iter()
                .map(|s| s.content.to_string())
                .collect::<String>()
        };
        let [a, b] = p.rows(Lang::En, &th, 10, 6);
        assert!(text(&a).contains("****") && !text(&a).contains("1234"));
        assert!(text(&b).contains("****"));
        p.toggle_reveal();
        let [a, _] = p.rows(Lang::En, &th, 10, 6);
        assert!(text(&a).contains("1234"));
        assert_eq!(p.caret(6), 4);
    }
}
