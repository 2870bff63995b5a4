//! Reachability diagnoses against local servers on 127.0.0.1: a TLS server
//! with an rcgen certificate, an HTTP CONNECT proxy, a server that never
//! answers, a closed port. (Real servers and sockets; nothing is mocked.)

use oqscert::cert::net::{self, Diagnosis, NetConfig, Target};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub(crate) use crate::common::tls::{Tls, tls_server_dated};

/// A TLS server for 127.0.0.1 answering every request with 200.
async fn tls_server() -> Tls {
    tls_server_dated(None).await
}

/// A minimal HTTP CONNECT proxy; `refuse` answers 403 instead.
async fn proxy(refuse: bool) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        for _ in 0..16 {
            let Ok((mut client, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                let mut n = 0;
                while !buf[..n].windows(4).any(|w| w == b"\r\n\r\n") {
                    match client.read(&mut buf[n..]).await {
                        Ok(0) | Err(_) => return,
                        Ok(k) => n += k,
                    }
                }
                let head = String::from_utf8_lossy(&buf[..n]).to_string();
                let target = head.split_whitespace().nth(1).unwrap_or("").to_string();
                if refuse || !head.starts_with("CONNECT ") {
                    let _ = client.write_all(b"HTTP/1.1 403 Forbidden\r\n\r\n").await;
                    return;
                }
                let Ok(mut up) = TcpStream::connect(&target).await else {
                    return;
                };
                let _ = client
                    .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    .await;
                let _ = tokio::io::copy_bidirectional(&mut client, &mut up).await;
            });
        }
    });
    port
}

fn cfg(url: String, roots: Vec<Vec<u8>>, proxy: Option<Option<String>>) -> NetConfig {
    NetConfig {
        targets: vec![Target {
            name: "t".into(),
            url,
        }],
        timeout: Duration::from_secs(2),
        extra_roots: roots,
        proxy: proxy.or(Some(None)),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnoses_each_failure() {
    let tls = tls_server().await;
    let url = format!("https://127.0.0.1:{}/p/rcd", tls.port);

    let r = &net::check(&cfg(url.clone(), vec![tls.ca_der.clone()], None)).await[0];
    assert_eq!(r.diagnosis, Diagnosis::Reachable, "{r:?}");
    assert_eq!(r.http_status, Some(200));
    assert_eq!(r.proxy, None);

    // Our CA not trusted: a TLS failure, not "unreachable".
    let r = &net::check(&cfg(url.clone(), vec![], None)).await[0];
    assert_eq!(r.diagnosis, Diagnosis::TlsFailed, "{r:?}");

    // Through a CONNECT proxy.
    let p = proxy(false).await;
    let via = Some(Some(format!("http://127.0.0.1:{p}")));
    let r = &net::check(&cfg(url.clone(), vec![tls.ca_der.clone()], via.clone())).await[0];
    assert_eq!(r.diagnosis, Diagnosis::Reachable, "{r:?}");
    assert_eq!(
        r.proxy.as_deref(),
        Some(format!("http://127.0.0.1:{p}").as_str())
    );

    // A proxy that refuses, and one that is not there.
    let bad = proxy(true).await;
    let r = &net::check(&cfg(
        url.clone(),
        vec![tls.ca_der.clone()],
        Some(Some(format!("http://127.0.0.1:{bad}"))),
    ))
    .await[0];
    assert_eq!(r.diagnosis, Diagnosis::ProxyFailed, "{r:?}");
    // A port this test holds (bound, never listening): nobody else can
    // take it meanwhile, and a connection to it is refused.
    let (_held, closed) = held_closed_port();
    let r = &net::check(&cfg(
        url.clone(),
        vec![],
        Some(Some(format!("http://127.0.0.1:{closed}"))),
    ))
    .await[0];
    assert_eq!(r.diagnosis, Diagnosis::ProxyFailed, "{r:?}");

    // Nothing listening.
    let r = &net::check(&cfg(format!("https://127.0.0.1:{closed}/"), vec![], None)).await[0];
    assert_eq!(r.diagnosis, Diagnosis::Refused, "{r:?}");

    // Accepts but never answers: bounded by the timeout.
    let silent = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let sport = silent.local_addr().unwrap().port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        for _ in 0..4 {
            if let Ok((s, _)) = silent.accept().await {
                held.push(s);
            }
        }
        tokio::time::sleep(Duration::from_secs(30)).await;
    });
    let started = std::time::Instant::now();
    let r = &net::check(&cfg(format!("https://127.0.0.1:{sport}/"), vec![], None)).await[0];
    assert_eq!(r.diagnosis, Diagnosis::Timeout, "{r:?}");
    assert!(started.elapsed() < Duration::from_secs(10));

    // A name that does not resolve.
    let r = &net::check(&cfg("https://no-such-host.invalid/".into(), vec![], None)).await[0];
    assert_eq!(r.diagnosis, Diagnosis::DnsFailed, "{r:?}");
}

#[test]
fn cli_net_check_json_and_exit_codes() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let tls = rt.block_on(tls_server());
    let home = tempfile::tempdir().unwrap();
    let ca = home.path().join("ca.der");
    std::fs::write(&ca, &tls.ca_der).unwrap();
    let url = format!("https://127.0.0.1:{}/p/rcd", tls.port);
    let out = crate::common::oqscert(home.path())
        .args([
            "net",
            "check",
            "--json",
            "--no-proxy",
            "--timeout",
            "3",
            "--url",
            &url,
            "--ca-file",
        ])
        .arg(&ca)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["results"][0]["diagnosis"], "reachable");
    assert_eq!(v["results"][0]["http_status"], 200);
    // Without the CA: exit 5 and the words for a TLS failure.
    crate::common::oqscert(home.path())
        .args([
            "net",
            "check",
            "--no-proxy",
            "--timeout",
            "3",
            "--url",
            &url,
        ])
        .assert()
        .code(5)
        .stdout(predicates::str::contains("TLS"));
    drop(rt);
}

/// A root that only the operating system's store holds (a network that
/// inspects TLS with its own root, installed by the clinic's IT) is
/// trusted: on Linux the store rustls-native-certs reads can be pointed at
/// a bundle with `SSL_CERT_FILE`, as a distribution's `update-ca-
/// certificates` would fill it. No `--ca-file`.
#[test]
fn a_root_only_in_the_os_store_is_trusted() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let tls = rt.block_on(tls_server());
    let home = tempfile::tempdir().unwrap();
    let bundle = home.path().join("os-store.pem");
    std::fs::write(
        &bundle,
        crate::common::fixtures::pem("CERTIFICATE", &tls.ca_der),
    )
    .unwrap();
    let url = format!("https://127.0.0.1:{}/p/rcd", tls.port);
    let check = |store: &std::path::Path| {
        let out = crate::common::oqscert(home.path())
            .env("SSL_CERT_FILE", store)
            .env_remove("SSL_CERT_DIR")
            .args(["net", "check", "--json", "--no-proxy", "--timeout", "3"])
            .args(["--url", &url])
            .output()
            .unwrap();
        (out.status.code(), crate::common::json(&out.stdout))
    };
    let (code, v) = check(&bundle);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["results"][0]["diagnosis"], "reachable");
    // The same server with a store that lacks the root: a TLS failure.
    let empty = home.path().join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    let (code, v) = check(&empty);
    assert_eq!(code, Some(5), "{v}");
    assert_eq!(v["results"][0]["diagnosis"], "tls_failed");
    drop(rt);
}

/// A proxy with a user name and password, on the command line or in
/// HTTPS_PROXY: the check goes through it, and neither the name nor the
/// password appears in any output (text or JSON, stdout or stderr). The
/// command line also warns that others can see it.
#[test]
fn cli_never_shows_proxy_credentials() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let tls = rt.block_on(tls_server());
    let port = rt.block_on(proxy(false));
    let home = tempfile::tempdir().unwrap();
    let ca = home.path().join("ca.der");
    std::fs::write(&ca, &tls.ca_der).unwrap();
    let url = format!("https://127.0.0.1:{}/p/rcd", tls.port);
    // The test proxy does not ask for the credentials; they only ride along.
    let with_auth = format!("http://alice:s3cret@127.0.0.1:{port}");
    let shown = format!("http://***@127.0.0.1:{port}");
    for json in [true, false] {
        let base = || {
            let mut cmd = crate::common::oqscert(home.path());
            cmd.args(["net", "check", "--timeout", "3", "--url", &url, "--ca-file"])
                .arg(&ca)
                .env_remove("https_proxy")
                .env_remove("ALL_PROXY")
                .env_remove("all_proxy")
                .env_remove("NO_PROXY")
                .env_remove("no_proxy");
            if json {
                cmd.arg("--json");
            }
            cmd
        };
        let on_command_line = base()
            .args(["--proxy", &with_auth])
            .env_remove("HTTPS_PROXY")
            .assert()
            .code(0);
        let in_environment = base().env("HTTPS_PROXY", &with_auth).assert().code(0);
        for (how, assert) in [("--proxy", &on_command_line), ("env", &in_environment)] {
            let out = assert.get_output();
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            for text in [&stdout, &stderr] {
                assert!(
                    !text.contains("s3cret") && !text.contains("alice:"),
                    "{how} json={json}: {text}"
                );
            }
            // The warning, for the command line only.
            assert_eq!(
                stderr.contains("HTTPS_PROXY"),
                how == "--proxy",
                "{how} json={json}: {stderr}"
            );
            if json {
                let v = crate::common::json(&out.stdout);
                assert_eq!(v["results"][0]["diagnosis"], "reachable", "{how}");
                assert_eq!(v["results"][0]["proxy"], shown.as_str(), "{how}");
                assert!(v["results"][0]["auto_proxy"].is_null(), "{how}");
            } else {
                assert!(stdout.contains(&shown), "{how}: {stdout}");
            }
        }
    }
    drop(rt);
}

/// A TCP port bound to a socket that never listens: connections are
/// refused, and the number stays ours while the socket lives (a listener
/// dropped to free its port lets another test take the number).
#[cfg(unix)]
fn held_closed_port() -> (std::os::fd::OwnedFd, u16) {
    use rustix::net::{AddressFamily, SocketType, bind, getsockname, socket};
    use std::net::{Ipv4Addr, SocketAddrV4};
    let sock = socket(AddressFamily::INET, SocketType::STREAM, None).unwrap();
    bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).unwrap();
    let addr = SocketAddrV4::try_from(getsockname(&sock).unwrap()).unwrap();
    (sock, addr.port())
}

/// Elsewhere: a listener's port, freed (another process may take it).
#[cfg(not(unix))]
fn held_closed_port() -> ((), u16) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    ((), l.local_addr().unwrap().port())
}
