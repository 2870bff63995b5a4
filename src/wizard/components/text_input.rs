//! A one-line text field edited by character, with the caret at its
//! display column (so the Japanese IME composes in place). Its contents
//! may be secret: wiped on drop, on `set`/`clear` and whenever the buffer
//! grows (no copy is left in a freed allocation), never shown by `Debug`;
//! its value is read out as a `Zeroizing<String>`.

use crate::cert::sanitize::unfit_for_a_field;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
use zeroize::{Zeroize, Zeroizing};

/// A one-line text field edited by character (not byte), with the caret
/// tracked in characters and drawn at its display column, so that the
/// Japanese IME composes in place.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    chars: Vec<char>,
    /// Caret position in characters (0..=len).
    caret: usize,
}

impl TextInput {
    pub fn new(value: &str) -> Self {
        let mut t = TextInput::default();
        t.set(value);
        t
    }

    /// The text, wiped when the returned value is dropped.
    pub fn value(&self) -> Zeroizing<String> {
        let bytes: usize = self.chars.iter().map(|c| c.len_utf8()).sum();
        let mut s = Zeroizing::new(String::with_capacity(bytes));
        s.extend(self.chars.iter());
        s
    }

    /// Make room for `extra` more characters. A `Vec` that grows by itself
    /// copies its contents and frees the old allocation unwiped; here the
    /// new buffer is made first and the old one wiped before it is freed.
    fn reserve(&mut self, extra: usize) {
        let need = self.chars.len().saturating_add(extra);
        if need <= self.chars.capacity() {
            return;
        }
        let cap = need.max(self.chars.capacity().saturating_mul(2)).max(16);
        let mut bigger = Vec::with_capacity(cap);
        bigger.extend_from_slice(&self.chars);
        let mut old = std::mem::replace(&mut self.chars, bigger);
        old.zeroize();
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    pub fn caret(&self) -> usize {
        self.caret
    }

    /// Replace the text; the old text is wiped first. Control characters
    /// are dropped as when typed (a value read from a file must not put
    /// escape sequences on the terminal; found by fuzz/text_input).
    pub fn set(&mut self, value: &str) {
        self.clear();
        let keep = |c: &char| !unfit_for_a_field(*c);
        self.reserve(value.chars().filter(keep).count());
        self.chars.extend(value.chars().filter(keep));
        self.caret = self.chars.len();
    }

    /// A character at the caret; controls, bidi overrides and invisible
    /// format characters are dropped (`sanitize::unfit_for_a_field`).
    pub fn insert(&mut self, c: char) {
        if unfit_for_a_field(c) {
            return;
        }
        self.reserve(1);
        self.chars.insert(self.caret, c);
        self.caret += 1;
    }

    /// Paste arrives as a stream of characters (Windows consoles send no
    /// bracketed paste); newlines end a one-line field, so they are dropped.
    pub fn insert_str(&mut self, s: &str) {
        self.reserve(s.chars().filter(|c| !unfit_for_a_field(*c)).count());
        for c in s.chars() {
            self.insert(c);
        }
    }

    pub fn backspace(&mut self) {
        if self.caret > 0 {
            self.caret -= 1;
            self.chars.remove(self.caret);
        }
    }

    pub fn delete(&mut self) {
        if self.caret < self.chars.len() {
            self.chars.remove(self.caret);
        }
    }

    pub fn left(&mut self) {
        self.caret = self.caret.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.caret = (self.caret + 1).min(self.chars.len());
    }

    pub fn home(&mut self) {
        self.caret = 0;
    }

    pub fn end(&mut self) {
        self.caret = self.chars.len();
    }

    /// Apply an editing key (characters, Backspace, Delete, Left, Right,
    /// Home, End); false if the key is not one of them.
    pub fn edit(&mut self, code: crossterm::event::KeyCode) -> bool {
        use crossterm::event::KeyCode;
        match code {
            KeyCode::Char(c) => self.insert(c),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => self.left(),
            KeyCode::Right => self.right(),
            KeyCode::Home => self.home(),
            KeyCode::End => self.end(),
            _ => return false,
        }
        true
    }

    pub fn clear(&mut self) {
        self.chars.zeroize();
        self.chars.clear();
        self.caret = 0;
    }

    /// The text to draw in `width` cells and the caret's column in it.
    /// Scrolls so the caret stays visible; never splits a wide character.
    pub fn visible(&self, width: u16, mask: Option<char>) -> (String, u16) {
        let width = usize::from(width.max(1));
        let cells = match mask {
            Some(m) => vec![m.width().unwrap_or(1); self.chars.len()],
            None => cell_widths(&self.chars),
        };
        let w = |i: usize| cells.get(i).copied().unwrap_or(0);
        // Start from the caret and walk left while it fits (keep one cell
        // for the caret itself at the end).
        let mut start = self.caret;
        let mut used = 0;
        while start > 0 {
            let cw = w(start - 1);
            if used + cw >= width {
                break;
            }
            used += cw;
            start -= 1;
        }
        let mut out = String::new();
        let mut col = 0;
        let mut caret_col = 0;
        for (i, c) in self.chars.iter().enumerate().skip(start) {
            if i == self.caret {
                caret_col = col;
            }
            let cw = w(i);
            if col + cw > width {
                break;
            }
            out.push(mask.unwrap_or(*c));
            col += cw;
        }
        if self.caret >= self.chars.len() {
            caret_col = col;
        }
        // The frame measures whole strings (a sequence may draw wider than
        // its characters one by one): never hand it more than `width`.
        while UnicodeWidthStr::width(out.as_str()) > width {
            out.pop();
        }
        (out, caret_col.min(width - 1) as u16)
    }
}

/// Each character's cells as the frame draws the text: the width a
/// character adds to the few before it, measured on the string, so a
/// sequence such as a digit with U+FE0F (drawn as a two-cell emoji)
/// counts what it draws, not the sum of its characters.
fn cell_widths(chars: &[char]) -> Vec<usize> {
    const BACK: usize = 8;
    let mut out = Vec::with_capacity(chars.len());
    let mut run = String::new();
    for i in 0..chars.len() {
        let lo = i.saturating_sub(BACK);
        run.clear();
        run.extend(&chars[lo..i]);
        let before = UnicodeWidthStr::width(run.as_str());
        run.push(chars[i]);
        let after = UnicodeWidthStr::width(run.as_str());
        out.push(after.saturating_sub(before));
    }
    // The secret may pass through here: wipe the scratch copy.
    zeroize::Zeroize::zeroize(&mut run);
    out
}

/// Fields may hold secrets (the IDs, the password): Debug shows only the
/// length, never the text.
impl std::fmt::Debug for TextInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextInput")
            .field("len", &self.chars.len())
            .field("caret", &self.caret)
            .finish()
    }
}

impl Drop for TextInput {
    fn drop(&mut self) {
        // Fields may hold secrets (IDs, the password): wipe them.
        self.chars.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::components::width;

    #[test]
    fn edits_by_character_not_byte() {
        let mut t = TextInput::new("受付");
        t.insert('1');
        t.left();
        t.left();
        t.insert('号');
        assert_eq!(*t.value(), "受号付1");
        t.backspace();
        assert_eq!(*t.value(), "受付1");
        t.home();
        t.delete();
        assert_eq!(*t.value(), "付1");
        t.end();
        t.insert_str("号機\n");
        assert_eq!(*t.value(), "付1号機");
    }

    /// Found by fuzz/text_input: a value set from a file kept control
    /// characters, which were drawn wider than the field (and could put
    /// escape sequences on the terminal).
    /// Found by fuzz/text_input: a digit with U+FE0F draws as a two-cell
    /// emoji, one cell wider than its characters, and the field drew one
    /// cell past its width.
    #[test]
    fn a_digit_with_an_emoji_selector_never_draws_past_the_field() {
        let text = format!("{}\u{fe0f}\u{10407f}\u{10ff0f}", "0".repeat(25));
        let mut t = TextInput::new(&text);
        for caret_at_start in [false, true] {
            if caret_at_start {
                t.home();
            }
            for w in 1..40u16 {
                let (shown, col) = t.visible(w, None);
                assert!(
                    UnicodeWidthStr::width(shown.as_str()) <= usize::from(w),
                    "{shown:?} wider than {w}"
                );
                assert!(col < w);
            }
        }
    }

    #[test]
    fn set_drops_control_characters() {
        let mut t = TextInput::new("");
        t.set("\0\0&(&\u{1}\u{1b}[2J受付");
        assert_eq!(*t.value(), "&(&[2J受付");
        let (text, col) = t.visible(4, None);
        assert!(width(&text) <= 4, "{text:?}");
        assert!(col < 4);
    }

    #[test]
    fn invisible_and_reordering_characters_are_not_taken() {
        // A clinic name pasted from a web page: a zero-width space, a
        // byte-order mark, a word joiner, a right-to-left override. None
        // would show, all would reach the application sheet (and, drawn
        // as a span, the terminal). Combining marks stay: NFD kana.
        let mut t = TextInput::new("");
        t.insert_str("テスト\u{200B}医院\u{FEFF}\u{2060}\u{202E}本院");
        assert_eq!(*t.value(), "テスト医院本院");
        t.set("か\u{3099}\u{200D}");
        assert_eq!(*t.value(), "か\u{3099}");
        t.insert('\u{200C}');
        assert_eq!(*t.value(), "か\u{3099}");
    }

    #[test]
    fn caret_column_counts_wide_characters_as_two() {
        let t = TextInput::new("受付1");
        let (text, col) = t.visible(20, None);
        assert_eq!(text, "受付1");
        assert_eq!(col, 5);
        let mut t = TextInput::new("ab受");
        t.left();
        assert_eq!(t.visible(20, None).1, 2);
    }

    #[test]
    fn long_text_scrolls_to_keep_the_caret_visible() {
        let t = TextInput::new("あいうえおかきくけこ");
        let (text, col) = t.visible(8, None);
        assert!(width(&text) <= 8);
        assert!(text.ends_with('こ'));
        assert_eq!(usize::from(col), width(&text).min(7));
    }

    #[test]
    fn debug_never_shows_the_text() {
        let t = TextInput::new("2468");
        assert!(!format!("{t:?}").contains("2468"));
    }

    #[test]
    fn growing_and_setting_keep_no_second_copy_in_use() {
        let mut t = TextInput::new("");
        for c in "1234567890".chars().cycle().take(1000) {
            t.insert(c);
        }
        assert_eq!(t.value().len(), 1000);
        // Capacity grows in steps of its own, never by Vec's hidden copy.
        assert!(t.chars.capacity() >= 1000);
        t.set("受付");
        assert_eq!(*t.value(), "受付");
        assert_eq!(t.caret(), 2);
        t.insert_str("1号機\n");
        assert_eq!(*t.value(), "受付1号機");
        t.clear();
        assert!(t.is_empty());
    }

    #[test]
    fn mask_hides_the_text() {
        let t = TextInput::new("1234");
        assert_eq!(t.visible(10, Some('*')).0, "****");
    }
}
