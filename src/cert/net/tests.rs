use super::*;

#[test]
fn targets_come_from_the_reference_data() {
    let t = default_targets();
    assert_eq!(t[0].url, "https://cert.obn.managedpki.ne.jp/p/rcd");
    assert_eq!(t[1].url, "https://crldownload.obn.managedpki.ne.jp/");
}

#[test]
fn a_failed_direct_attempt_names_the_automatic_configuration() {
    let detect = Some(&AutoProxy::Detect);
    for d in [Diagnosis::DnsFailed, Diagnosis::Refused, Diagnosis::Timeout] {
        assert_eq!(with_auto_proxy(d, None, detect), Diagnosis::AutoProxy);
        // No automatic configuration, or a proxy was used: as it was.
        assert_eq!(with_auto_proxy(d, None, None), d);
        assert_eq!(with_auto_proxy(d, Some("http://p:8080"), detect), d);
    }
    // Answers and TLS failures are about the site, not the proxy.
    for d in [Diagnosis::Reachable, Diagnosis::TlsFailed, Diagnosis::Other] {
        assert_eq!(with_auto_proxy(d, None, detect), d);
    }
}

#[test]
fn results_serialize_with_the_automatic_configuration() {
    let r = CheckResult {
        name: "crl".into(),
        url: "https://crldownload.obn.managedpki.ne.jp/".into(),
        diagnosis: Diagnosis::AutoProxy,
        http_status: None,
        elapsed_ms: 3,
        proxy: None,
        auto_proxy: Some(AutoProxy::Script {
            url: "http://wpad.example/proxy.pac".into(),
        }),
        detail: String::new(),
    };
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["diagnosis"], "auto_proxy");
    assert_eq!(v["auto_proxy"]["kind"], "script");
    assert_eq!(v["auto_proxy"]["url"], "http://wpad.example/proxy.pac");
    let v = serde_json::to_value(AutoProxy::Detect).unwrap();
    assert_eq!(v, serde_json::json!({"kind": "detect"}));
}
