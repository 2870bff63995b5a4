//! The certificate password as a zeroize-on-drop value. It never appears in
//! `Debug` output, has no `Display`, and is wiped from memory when dropped.

use super::sanitize::to_half_width;
use std::fmt;
use zeroize::{Zeroize, Zeroizing};

/// A secret: the PKCS#12 password (4 half-width digits for this domain).
#[derive(Clone, PartialEq, Eq)]
pub struct Password(Zeroizing<String>);

impl Password {
    /// Take what the user typed: full-width characters become half-width and
    /// surrounding whitespace (a newline from stdin) is dropped.
    pub fn new(typed: &str) -> Self {
        let half = to_half_width(typed);
        Password(Zeroizing::new(half.trim().to_string()))
    }

    /// Read one line from `reader` (for `--password-stdin`).
    pub fn from_reader(mut reader: impl std::io::BufRead) -> std::io::Result<Self> {
        let mut line = Zeroizing::new(String::new());
        reader.read_line(&mut line)?;
        Ok(Self::new(&line))
    }

    /// The plain text, for handing to the PKCS#12 reader or the OS store.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The domain's rule: exactly four half-width digits.
    pub fn is_four_digits(&self) -> bool {
        self.0.len() == 4 && self.0.bytes().all(|b| b.is_ascii_digit())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

impl Drop for Password {
    fn drop(&mut self) {
        // Zeroizing already wipes on drop; this keeps the intent explicit
        // should the field type ever change.
        self.0.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_become_half_width() {
        let p = Password::new("１２３４\n");
        assert_eq!(p.expose(), "1234");
        assert!(p.is_four_digits());
        assert!(!Password::new("123").is_four_digits());
        assert!(!Password::new("12a4").is_four_digits());
        assert!(!Password::new("12345").is_four_digits());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let p = Password::new("8642");
        let dbg = format!("{p:?} {:?}", Some(&p));
        assert!(!dbg.contains("8642"), "{dbg}");
        assert!(dbg.contains("redacted"));
    }

    #[test]
    fn reads_one_line_from_stdin() {
        let p = Password::from_reader(&b"0427\r\nignored\n"[..]).unwrap();
        assert_eq!(p.expose(), "0427");
    }
}
