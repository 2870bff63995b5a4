use super::*;

fn s(proxy: &str, bypass: &[&str]) -> ProxySettings {
    ProxySettings {
        proxy: Some(proxy.into()),
        bypass: bypass.iter().map(|b| b.to_string()).collect(),
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

#[test]
fn targets_come_from_the_reference_data() {
    let t = default_targets();
    assert_eq!(t[0].url, "https://cert.obn.managedpki.ne.jp/p/rcd");
    assert_eq!(t[1].url, "https://crldownload.obn.managedpki.ne.jp/");
}
