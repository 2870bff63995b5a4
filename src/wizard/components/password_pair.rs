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
}

/// What the two fields say together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairState {
    /// Nothing typed in the first field yet.
    Empty,
    /// The first is not four half-width digits.
    Rule,
    /// The first is fine; the second is still empty.
    Half,
    Mismatch,
    Ok,
}

impl PairState {
    /// The live note's locale key and whether it is good news.
    fn note(self) -> Option<(&'static str, bool)> {
        match self {
            PairState::Rule => Some(("download.err_pw_rule", false)),
            PairState::Mismatch => Some(("download.err_pw_mismatch", false)),
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
            return PairState::Half;
        }
        if a != Password::new(&self.second.value()) {
            PairState::Mismatch
        } else {
            PairState::Ok
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
            code => self.focused_mut().edit(code),
        }
    }

    /// The password when the two agree and follow the rule; otherwise the
    /// locale key of what is wrong (said when Enter is pressed).
    pub fn password(&self) -> Result<Password, &'static str> {
        match self.state() {
            PairState::Ok => Ok(Password::new(&self.first.value())),
            PairState::Empty | PairState::Rule => Err("download.err_pw_rule"),
            PairState::Half | PairState::Mismatch => Err("download.err_pw_mismatch"),
        }
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
        let (key, good) = self.state().note()?;
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
        assert_eq!(
            typed("1234", "1234")
                .password()
                .ok()
                .map(|p| p.is_four_digits()),
            Some(true)
        );
        assert_eq!(
            typed("1234", "").password().err(),
            Some("download.err_pw_mismatch")
        );
        assert_eq!(
            typed("12", "12").password().err(),
            Some("download.err_pw_rule")
        );
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
