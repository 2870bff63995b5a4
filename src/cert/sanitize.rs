//! Text from outside (certificate names, file names, progress fields a
//! person may have edited) on its way to a terminal: control characters
//! removed, so that a hostile subject such as `CN=\x1b]52;c;...\x07` cannot
//! send escape sequences (set the clipboard, retitle the window, move the
//! cursor) when oqscert prints it. Removed: C0 controls (ESC among them),
//! DEL, C1 controls (U+0080..U+009F, CSI U+009B among them), the
//! bidirectional overrides that reorder what is shown (U+202A..U+202E,
//! U+2066..U+2069, U+200E, U+200F, U+061C) and the invisible format
//! characters (zero-width space and joiners, word joiner, byte-order mark)
//! that hide what a name really is.
//!
//! One filter for both front ends: the CLI prints through these functions,
//! and the wizard passes every cell of every frame through `printable`
//! before it reaches the terminal (`wizard::view`).

use std::borrow::Cow;
use std::path::Path;
use zeroize::Zeroizing;

fn unsafe_char(c: char, keep_newline: bool) -> bool {
    if keep_newline && c == '\n' {
        return false;
    }
    c.is_control() || is_hidden_format(c)
}

/// Bidi overrides and marks, zero-width space and joiners, word joiner,
/// byte-order mark: characters that are not seen but change what is.
pub fn is_hidden_format(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200B}'..='\u{200F}'
            | '\u{061C}'
            | '\u{2060}'
            | '\u{FEFF}'
    )
}

/// Whether a character typed or pasted into a one-line field is dropped:
/// exactly what `printable` removes (a paste from a web page or a PDF
/// brings zero-width and bidi characters that would go unseen into the
/// application sheet).
pub fn unfit_for_a_field(c: char) -> bool {
    unsafe_char(c, false)
}

fn strip(s: &str, keep_newline: bool) -> Cow<'_, str> {
    if s.chars().any(|c| unsafe_char(c, keep_newline)) {
        Cow::Owned(
            s.chars()
                .filter(|c| !unsafe_char(*c, keep_newline))
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// `s` without control characters or bidi overrides (newlines too: for a
/// field printed on one line).
pub fn printable(s: &str) -> Cow<'_, str> {
    strip(s, false)
}

/// `printable`, keeping line breaks (for values inside our sentences).
pub fn printable_lines(s: &str) -> Cow<'_, str> {
    strip(s, true)
}

/// A path as printed: lossy for non-UTF-8 names, then `printable`.
pub fn printable_path(p: &Path) -> String {
    printable(&p.display().to_string()).into_owned()
}

/// Any typed text (passwords, IDs, phone numbers, codes, answers) as the
/// program reads it: full-width ASCII (！..～, e.g. ０-９ and Ａ-Ｚ from the Japanese
/// IME) and the ideographic space to their half-width forms.
pub fn to_half_width(input: &str) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(input.len()));
    for ch in input.chars() {
        let c = match ch {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
            '\u{3000}' => ' ',
            _ => ch,
        };
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_lose_their_escape() {
        // OSC 52 (set the clipboard), CSI (clear the screen), a title.
        let hostile = "テスト医院\x1b]52;c;ZXZpbA==\x07 \x1b[2J\x1b]0;owned\x1b\\";
        let out = printable(hostile);
        assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
        assert!(out.starts_with("テスト医院"));
    }

    #[test]
    fn c1_controls_and_bidi_overrides_are_removed() {
        // U+009B is CSI on terminals that read 8-bit controls.
        let s = "A\u{9b}2JB\u{85}C\u{202e}gpj.exe\u{2066}D\u{7f}E";
        assert_eq!(printable(s), "A2JBCgpj.exeDE");
    }

    #[test]
    fn zero_width_characters_are_removed() {
        assert_eq!(
            printable("医\u{200B}院\u{200D}\u{2060}\u{FEFF}名"),
            "医院名"
        );
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        let s = "CN=テスト歯科医院 受付1号機, O=医療法人テスト会 ＡＢＣ 😀";
        assert!(matches!(printable(s), Cow::Borrowed(x) if x == s));
    }

    #[test]
    fn lines_keep_newlines_but_not_tabs_or_escapes() {
        assert_eq!(printable_lines("a\nb\tc\x1b[0m"), "a\nbc[0m");
        assert_eq!(printable("a\nb\r\n"), "ab");
    }

    #[cfg(unix)]
    #[test]
    fn paths_with_escapes_and_bad_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(
            b"/media/usb/\x1b[31mred\xff.p12",
        ));
        let s = printable_path(p);
        assert!(!s.contains('\x1b'));
        assert!(s.ends_with("[31mred\u{fffd}.p12"), "{s}");
    }
}
