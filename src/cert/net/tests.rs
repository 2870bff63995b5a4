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
        server_time: None,
    };
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["diagnosis"], "auto_proxy");
    assert_eq!(v["auto_proxy"]["kind"], "script");
    assert_eq!(v["auto_proxy"]["url"], "http://wpad.example/proxy.pac");
    let v = serde_json::to_value(AutoProxy::Detect).unwrap();
    assert_eq!(v, serde_json::json!({"kind": "detect"}));
}

#[test]
fn http_dates_are_read() {
    assert_eq!(
        parse_http_date("Thu, 03 Dec 2026 09:30:00 GMT"),
        Some(time::macros::datetime!(2026-12-03 09:30:00 UTC))
    );
    assert_eq!(parse_http_date("yesterday"), None);
    assert!(tls_clock_suspect("invalid peer certificate: NotValidYet"));
    assert!(tls_clock_suspect("certificate expired"));
    assert!(!tls_clock_suspect("UnknownIssuer"));
}

#[test]
fn the_clock_is_judged_from_the_first_dated_answer() {
    let now = time::macros::datetime!(2026-12-03 09:30 UTC);
    let answer = |d: Diagnosis, server: Option<time::OffsetDateTime>, detail: &str| CheckResult {
        name: "download".into(),
        url: "https://cert.example/".into(),
        diagnosis: d,
        http_status: None,
        elapsed_ms: 1,
        proxy: None,
        auto_proxy: None,
        detail: detail.into(),
        server_time: server,
    };
    assert_eq!(clock(&[], now), Clock::Unknown);
    assert_eq!(
        clock(&[answer(Diagnosis::DnsFailed, None, "dns")], now),
        Clock::Unknown
    );
    let four = now - time::Duration::minutes(4);
    assert_eq!(
        clock(&[answer(Diagnosis::Reachable, Some(four), "")], now),
        Clock::Fine { seconds: 240 }
    );
    let site = now + time::Duration::minutes(7);
    assert_eq!(
        clock(&[answer(Diagnosis::Reachable, Some(site), "")], now),
        Clock::Off {
            minutes: -7,
            server: site
        }
    );
    // Exactly five minutes is still fine; a second more is not.
    let edge = now - time::Duration::seconds(CLOCK_TOLERANCE_SECS);
    assert!(matches!(
        clock(&[answer(Diagnosis::Reachable, Some(edge), "")], now),
        Clock::Fine { .. }
    ));
    assert_eq!(
        clock(
            &[answer(
                Diagnosis::TlsFailed,
                None,
                "invalid peer certificate: NotValidYet"
            )],
            now
        ),
        Clock::TlsSuspect
    );
}
