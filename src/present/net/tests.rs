use super::*;

fn result(diagnosis: Diagnosis, auto_proxy: Option<AutoProxy>) -> CheckResult {
    CheckResult {
        name: "crl".into(),
        url: "https://crldownload.obn.managedpki.ne.jp/".into(),
        diagnosis,
        http_status: None,
        elapsed_ms: 5,
        proxy: None,
        auto_proxy,
        detail: "crldownload.obn.managedpki.ne.jp: no address".into(),
        server_time: None,
    }
}

fn text(rows: &[Row]) -> String {
    rows.iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn an_automatic_configuration_is_named_in_plain_words() {
    let script = Some(AutoProxy::Script {
        url: "http://wpad.clinic.example/proxy.pac".into(),
    });
    let rows = rows(Lang::Ja, &[result(Diagnosis::AutoProxy, script)], false);
    let all = text(&rows);
    assert!(all.contains("自動構成スクリプト（PAC）"), "{all}");
    assert!(
        all.contains("http://wpad.clinic.example/proxy.pac"),
        "{all}"
    );
    assert!(all.contains("Edge"), "{all}");
    assert!(all.contains("oqscert net check --proxy"), "{all}");
    // Said once, not again as a note.
    assert_eq!(all.matches("自動で決める設定").count(), 1, "{all}");

    let detect = || Some(AutoProxy::Detect);
    let en = text(&rows_for(Lang::En, Diagnosis::AutoProxy, detect(), false));
    assert!(en.contains("Automatically detect settings"), "{en}");
    // Another failure: the note says the check did not follow it.
    let tls = rows_for(Lang::Ja, Diagnosis::TlsFailed, detect(), false);
    assert!(text(&tls).contains("設定を自動的に検出する"));
    // Reachable: only among the details, dimmed.
    let ok = rows_for(Lang::Ja, Diagnosis::Reachable, detect(), false);
    assert!(!text(&ok).contains("自動"));
    let ok = rows_for(Lang::Ja, Diagnosis::Reachable, detect(), true);
    assert!(
        ok.iter()
            .any(|r| r.tone == Tone::Dim && r.text.contains("設定を自動的に検出する"))
    );
}

fn rows_for(lang: Lang, d: Diagnosis, auto: Option<AutoProxy>, detail: bool) -> Vec<Row> {
    rows(lang, &[result(d, auto)], detail)
}

#[test]
fn no_user_name_or_password_is_shown() {
    let mut r = result(Diagnosis::ProxyFailed, None);
    r.proxy = Some("http://alice:s3cret@127.0.0.1:3128".into());
    r.detail = "tunnel via http://alice:s3cret@127.0.0.1:3128 failed".into();
    r.url = "https://bob:hunter2@cert.example/".into();
    for lang in [Lang::Ja, Lang::En] {
        let all = text(&rows(lang, std::slice::from_ref(&r), true));
        for secret in ["s3cret", "alice", "hunter2", "bob:"] {
            assert!(!all.contains(secret), "{secret} in {all}");
        }
        assert!(all.contains("http://***@127.0.0.1:3128"), "{all}");
    }
}
