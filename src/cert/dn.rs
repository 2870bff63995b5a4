//! A certificate's name for people: the common name (CN) of a subject
//! written as `CN=…, O=…`, without the attribute labels. Screens show
//! this; the full subject stays in reports and `--json`.

/// The CN value of `subject` (RFC 4514 text as the store and parser give
/// it), or `subject` itself when it has none.
pub fn display_name(subject: &str) -> String {
    let mut part = String::new();
    let mut parts = Vec::new();
    let mut escaped = false;
    for c in subject.chars() {
        match c {
            _ if escaped => {
                part.push(c);
                escaped = false;
            }
            '\\' => escaped = true,
            ',' | '+' => parts.push(std::mem::take(&mut part)),
            _ => part.push(c),
        }
    }
    parts.push(part);
    parts
        .iter()
        .find_map(|p| {
            let p = p.trim();
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("CN")
                .then(|| v.trim().to_string())
        })
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| subject.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_name_without_labels() {
        assert_eq!(
            display_name("CN=テスト歯科医院 受付1号機, O=医療法人テスト会"),
            "テスト歯科医院 受付1号機"
        );
        assert_eq!(display_name("O=x, CN=テスト認証局 CA"), "テスト認証局 CA");
        assert_eq!(display_name(r"CN=a\, b, O=c"), "a, b");
        assert_eq!(display_name("O=only an org"), "O=only an org");
        assert_eq!(display_name(""), "");
        assert_eq!(display_name("CN=, O=x"), "CN=, O=x");
    }
}
