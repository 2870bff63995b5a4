//! `pfx inspect` on a real terminal: it asks for the password without
//! echo. A pseudo-terminal comes from util-linux `script` (Debian base).
#![cfg(unix)]

use crate::common::fixtures::{Identity, IdentitySpec};
use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn prompts_without_echo_on_a_tty() {
    let dir = tempfile::tempdir().unwrap();
    let id = Identity::new(&IdentitySpec::default());
    let file = dir.path().join("c.p12");
    std::fs::write(&file, id.pkcs12_modern("4826")).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("oqscert");
    let cmd = format!("'{}' pfx inspect '{}'", bin.display(), file.display());
    let mut child = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("OQSCERT_HOME", dir.path())
        .env_remove("OQSCERT_LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("util-linux script");
    // Read the screen as it comes; type only once the prompt is shown (so
    // echo is already off), like a person would.
    let mut stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        loop {
            match std::io::Read::read(&mut stdout, &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if tx.send(buf[..n].to_vec()).is_err() {
                        break;
                    }
                }
            }
        }
    });
    let mut seen = Vec::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !String::from_utf8_lossy(&seen).contains("4桁の数字）: ") {
        assert!(
            std::time::Instant::now() < deadline,
            "no prompt: {}",
            String::from_utf8_lossy(&seen)
        );
        if let Ok(chunk) = rx.recv_timeout(std::time::Duration::from_millis(100)) {
            seen.extend(chunk);
        }
    }
    child.stdin.as_mut().unwrap().write_all(b"4826\r").unwrap();
    let status = child.wait().unwrap();
    reader.join().unwrap();
    seen.extend(rx.try_iter().flatten());
    let text = String::from_utf8_lossy(&seen).into_owned();
    assert!(status.success(), "{text}");
    assert!(text.contains("証明書パスワード（4桁の数字）"), "{text}");
    assert!(text.contains("証明書と一致しています"), "{text}");
    assert!(!text.contains("4826"), "password echoed: {text}");
}
