//! The institution form's pure checks, shared by the wizard's form and
//! `profile import` so that both accept exactly the same values.

use super::sanitize::to_half_width;

/// 10 or 11 digits, with hyphens, spaces or brackets (full-width too).
pub fn valid_phone(s: &str) -> bool {
    let half = to_half_width(s);
    let digits: String = half.chars().filter(|c| c.is_ascii_digit()).collect();
    half.chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ' || c == '(' || c == ')')
        && (10..=11).contains(&digits.len())
}

/// `local@domain.tld`, ASCII, no spaces.
pub fn valid_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && s.is_ascii()
        && !s.contains(char::is_whitespace)
}

/// A local Windows user name: 1 to 20 characters, none of
/// `" / \ [ ] : ; | = , + * ? < >` (Windows refuses them), not only dots
/// or spaces.
pub fn valid_windows_user(s: &str) -> bool {
    let n = s.chars().count();
    (1..=20).contains(&n)
        && !s
            .chars()
            .any(|c| "\"/\\[]:;|=,+*?<>".contains(c) || c.is_control())
        && !s.chars().all(|c| c == '.' || c == ' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        for ok in [
            "03-1234-5678",
            "０３－１２３４－５６７８",
            "090 1234 5678",
            "(03)12345678",
        ] {
            assert!(valid_phone(ok), "{ok}");
        }
        for bad in ["", "03-1234", "03-1234-5678-9999", "tel 0312345678"] {
            assert!(!valid_phone(bad), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert!(valid_email("uketsuke@example.jp"));
        for bad in [
            "",
            "uketsuke",
            "@example.jp",
            "a@example",
            "a@.jp",
            "a b@example.jp",
            "受付@example.jp",
        ] {
            assert!(!valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn windows_users() {
        for ok in ["OQSComApp", "受付", "user.name"] {
            assert!(valid_windows_user(ok), "{ok}");
        }
        for bad in ["", "a/b", "x:y", "...", &"a".repeat(21)] {
            assert!(!valid_windows_user(bad), "{bad}");
        }
    }
}
