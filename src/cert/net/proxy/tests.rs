use super::*;

fn s(proxy: &str, bypass: &[&str]) -> ProxySettings {
    ProxySettings {
        proxy: Some(proxy.into()),
        bypass: bypass.iter().map(|b| b.to_string()).collect(),
        auto: None,
    }
}

#[test]
fn internet_settings_values() {
    assert_eq!(internet_settings(0, "p:8080", None), None);
    assert_eq!(internet_settings(1, "", None), None);
    let s = internet_settings(
        1,
        "http=h1:80;https=proxy.base.oqs-pdl.org:8080",
        Some("*.obn.managedpki.ne.jp; <local>;"),
    )
    .unwrap();
    assert_eq!(s.proxy.as_deref(), Some("proxy.base.oqs-pdl.org:8080"));
    assert_eq!(s.bypass, ["*.obn.managedpki.ne.jp", "<local>"]);
    assert_eq!(s.for_host("cert.obn.managedpki.ne.jp"), None);
    assert_eq!(
        s.for_host("example.jp").as_deref(),
        Some("http://proxy.base.oqs-pdl.org:8080")
    );
    let plain = internet_settings(1, "10.0.0.1:3128", None).unwrap();
    assert_eq!(plain.proxy.as_deref(), Some("10.0.0.1:3128"));
}

/// The real registry (wine's, in scripts/windows-test.sh): values
/// written as Internet Options writes them, read back by our code.
#[cfg(windows)]
#[test]
fn reads_the_windows_registry() {
    use crate::cert::platform::windows::registry::{write_dword, write_string};
    let set_sz = |name: &str, value: &str| {
        assert!(write_string(INTERNET_SETTINGS, name, value), "{name}");
    };
    let set_dword = |name: &str, value: u32| {
        assert!(write_dword(INTERNET_SETTINGS, name, value), "{name}");
    };
    set_sz("ProxyServer", "proxy.base.oqs-pdl.org:8080");
    set_sz("ProxyOverride", "*.obn.managedpki.ne.jp;<local>");
    set_dword("ProxyEnable", 1);
    let s = windows_internet_settings().expect("proxy settings read");
    set_dword("ProxyEnable", 0);
    assert_eq!(s.proxy.as_deref(), Some("proxy.base.oqs-pdl.org:8080"));
    assert_eq!(s.for_host("crldownload.obn.managedpki.ne.jp"), None);
    assert!(s.for_host("www.example.jp").is_some());
    assert_eq!(windows_internet_settings(), None, "disabled again");
}

/// The automatic configuration as the LAN settings dialog stores it; the
/// values found before are put back.
#[cfg(windows)]
#[test]
fn reads_the_automatic_configuration_from_the_registry() {
    use crate::cert::platform::windows::registry::{
        read_binary, read_string, write_binary, write_string,
    };
    const BLOB: &str = "DefaultConnectionSettings";
    let old_blob = read_binary(CONNECTIONS, BLOB);
    let old_url = read_string(INTERNET_SETTINGS, "AutoConfigURL");
    let url = "http://wpad.clinic.example/proxy.pac";
    assert!(write_string(INTERNET_SETTINGS, "AutoConfigURL", url));
    assert!(write_binary(
        CONNECTIONS,
        BLOB,
        &connection(0x05, "", "", url)
    ));
    let script = windows_auto_proxy();
    assert!(write_binary(
        CONNECTIONS,
        BLOB,
        &connection(0x09, "", "", "")
    ));
    let detect = windows_auto_proxy();
    assert!(write_binary(
        CONNECTIONS,
        BLOB,
        &old_blob.unwrap_or_else(|| connection(0x01, "", "", ""))
    ));
    assert!(write_string(
        INTERNET_SETTINGS,
        "AutoConfigURL",
        old_url.as_deref().unwrap_or("")
    ));
    assert_eq!(script, Some(AutoProxy::Script { url: url.into() }));
    assert_eq!(detect, Some(AutoProxy::Detect));
}

#[test]
fn bypass_list_as_qualification_pcs_have_it() {
    let p = s(
        "proxy.base.oqs-pdl.org:8080",
        &["*.obn.managedpki.ne.jp", "<local>"],
    );
    assert_eq!(p.for_host("cert.obn.managedpki.ne.jp"), None);
    assert_eq!(p.for_host("crldownload.obn.managedpki.ne.jp"), None);
    assert_eq!(p.for_host("intranet"), None);
    assert_eq!(
        p.for_host("example.jp").as_deref(),
        Some("http://proxy.base.oqs-pdl.org:8080")
    );
    let env_style = s("http://p:3128", &[".obn.managedpki.ne.jp", "localhost"]);
    assert_eq!(env_style.for_host("cert.obn.managedpki.ne.jp"), None);
    assert_eq!(env_style.for_host("localhost"), None);
    assert!(
        env_style
            .for_host("managedpki.ne.jp.evil.example")
            .is_some()
    );
    assert_eq!(s("p:1", &["*"]).for_host("anything"), None);
    assert_eq!(ProxySettings::default().for_host("x"), None);
}

/// DefaultConnectionSettings as Windows writes it: version, counter,
/// flags, then the proxy server, bypass list and script address, each
/// after its length (little-endian DWORDs), then fields we do not read.
fn connection(flags: u32, server: &str, bypass: &str, script: &str) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend(0x46u32.to_le_bytes());
    b.extend(7u32.to_le_bytes());
    b.extend(flags.to_le_bytes());
    for field in [server, bypass, script] {
        b.extend((field.len() as u32).to_le_bytes());
        b.extend(field.as_bytes());
    }
    b.extend([0u8; 32]);
    b
}

#[test]
fn automatic_configuration_from_the_raw_values() {
    let pac = "http://wpad.clinic.example/proxy.pac";
    let script = || {
        Some(AutoProxy::Script {
            url: pac.to_string(),
        })
    };
    // Nothing set, or the flags say direct or manual only.
    assert_eq!(auto_proxy(None, None), None);
    assert_eq!(auto_proxy(Some("  "), None), None);
    let direct = connection(0x01, "", "", "");
    assert_eq!(auto_proxy(None, Some(&direct[..])), None);
    let manual = connection(0x03, "p:8080", "<local>", "");
    assert_eq!(auto_proxy(None, Some(&manual[..])), None);
    // "Use setup script": the value, or the address kept in the blob.
    let on = connection(0x05, "", "", pac);
    assert_eq!(auto_proxy(Some(pac), Some(&on[..])), script());
    assert_eq!(auto_proxy(None, Some(&on[..])), script());
    let with_manual = connection(0x07, "p:8080", "*.local;<local>", pac);
    assert_eq!(auto_proxy(None, Some(&with_manual[..])), script());
    // The box unticked: the flags decide, a leftover value does not count.
    let off = connection(0x01, "", "", pac);
    assert_eq!(auto_proxy(Some(pac), Some(&off[..])), None);
    // No blob at all (a policy set only the value).
    assert_eq!(auto_proxy(Some(pac), None), script());
    // "Automatically detect settings", alone or with a script (which wins).
    let detect = connection(0x09, "", "", "");
    assert_eq!(auto_proxy(None, Some(&detect[..])), Some(AutoProxy::Detect));
    let both = connection(0x0D, "", "", pac);
    assert_eq!(auto_proxy(None, Some(&both[..])), script());
    // Script flag without any address: only detection is left.
    let empty = connection(0x0D, "", "", "");
    assert_eq!(auto_proxy(None, Some(&empty[..])), Some(AutoProxy::Detect));
    // The script's user name and password are not kept.
    assert_eq!(
        auto_proxy(Some("http://u:pw@wpad/x.pac"), None),
        Some(AutoProxy::Script {
            url: "http://***@wpad/x.pac".into()
        })
    );
}

#[test]
fn short_or_broken_blobs_are_not_misread() {
    let pac = "http://wpad/p.pac";
    // Too short for the flags: the value alone decides.
    assert_eq!(auto_proxy(None, Some(&[0x46u8, 0, 0, 0][..])), None);
    assert_eq!(
        auto_proxy(Some(pac), Some(&[0x46u8, 0, 0, 0][..])),
        Some(AutoProxy::Script { url: pac.into() })
    );
    // Flags present, the strings cut off or with lengths past the end.
    let mut cut = connection(0x05, "", "", pac);
    cut.truncate(20);
    assert_eq!(script_in_connection(&cut), None);
    assert_eq!(auto_proxy(None, Some(&cut[..])), None);
    let mut huge = connection(0x05, "", "", "");
    huge[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
    assert_eq!(script_in_connection(&huge), None);
    assert_eq!(length_prefixed(&[], 0), None);
    assert_eq!(
        length_prefixed(&[1, 0, 0, 0, b'x'], 0),
        Some((&b"x"[..], 5))
    );
    assert_eq!(length_prefixed(&[1, 0, 0, 0], usize::MAX - 1), None);
}

#[test]
fn redacts_user_and_password_in_any_text() {
    let cases = [
        ("http://user:pass@host:8080", "http://***@host:8080"),
        (
            "http://alice:s3cret@127.0.0.1:3128/",
            "http://***@127.0.0.1:3128/",
        ),
        (
            "socks5://bob@proxy.example:1080",
            "socks5://***@proxy.example:1080",
        ),
        // IPv6 hosts, with and without a user part.
        ("http://u:p@[::1]:8080/x", "http://***@[::1]:8080/x"),
        ("http://[2001:db8::1]:3128", "http://[2001:db8::1]:3128"),
        (
            "https://u:p@[fe80::1%25eth0]/",
            "https://***@[fe80::1%25eth0]/",
        ),
        // No user part: unchanged, even with an @ later in the URL.
        (
            "https://cert.obn.managedpki.ne.jp/p/rcd",
            "https://cert.obn.managedpki.ne.jp/p/rcd",
        ),
        (
            "https://h/p?mail=a@b.example#x@y",
            "https://h/p?mail=a@b.example#x@y",
        ),
        ("mailto:someone@example.jp", "mailto:someone@example.jp"),
        ("", ""),
        ("no url here", "no url here"),
        // An unescaped @ in the password, an empty user part.
        ("http://a:p@ss@h:1", "http://***@h:1"),
        ("http://@h:1", "http://***@h:1"),
        // Inside error text, twice, next to brackets and quotes.
        (
            "error sending request for url (http://alice:s3cret@127.0.0.1:9/): proxy \"http://x:y@p:1\" refused",
            "error sending request for url (http://***@127.0.0.1:9/): proxy \"http://***@p:1\" refused",
        ),
        (
            "a http://u:p@h1,http://v:q@h2 b",
            "a http://***@h1,http://***@h2 b",
        ),
        // Not ASCII around it.
        (
            "プロキシ http://利用者:秘密@代理:8080 です",
            "プロキシ http://***@代理:8080 です",
        ),
    ];
    for (input, want) in cases {
        assert_eq!(redact_userinfo(input), want, "{input}");
    }
}

#[test]
fn one_proxy_url_is_redacted_up_to_its_last_at() {
    assert_eq!(
        redact_proxy_url("http://alice:s3cret@127.0.0.1:8080"),
        "http://***@127.0.0.1:8080"
    );
    // A password with characters that would end a host in free text.
    assert_eq!(redact_proxy_url("http://al:p/w#d@h:1"), "http://***@h:1");
    assert_eq!(redact_proxy_url("alice:pw@h:1"), "***@h:1");
    assert_eq!(redact_proxy_url("http://h:1"), "http://h:1");
    assert!(proxy_has_credentials("http://alice:s3cret@127.0.0.1:8080"));
    assert!(proxy_has_credentials("alice@h:1"));
    assert!(!proxy_has_credentials("http://127.0.0.1:8080"));
    assert!(!proxy_has_credentials("http://@h:1"));
    assert!(!proxy_has_credentials("[::1]:3128"));
    assert_eq!(with_scheme("h:1"), "http://h:1");
    assert_eq!(with_scheme("socks5://h:1"), "socks5://h:1");
}

#[test]
fn scrub_removes_the_known_user_part_however_it_is_echoed() {
    let proxy = Some("http://al:p/w#d@h:1");
    // Free-text rules alone would stop at the '/'; the known part goes.
    let text = scrub("bad proxy al:p/w#d@h:1 and http://x:y@z/", proxy);
    assert!(!text.contains("p/w"), "{text}");
    assert!(!text.contains("x:y"), "{text}");
    assert_eq!(scrub("HTTP 200 OK", proxy), "HTTP 200 OK");
    assert_eq!(scrub("http://u:p@h/", None), "http://***@h/");
}
