//! Chapter 2 through the real binary: the secrets in the OS credential
//! store, verifying and backing up the file, and the secret audit: no file
//! the program wrote holds the password or either ID.

use crate::common::fixtures::{Identity, IdentitySpec};
use crate::common::oqscert;
use predicates::prelude::*;
use serde_json::Value;
use std::path::PathBuf;

const REQ: &str = "REQ7Q2X9K4";
const REF: &str = "RF83JD02MZ";
const PW: &str = "5173";

fn keyring_required() -> bool {
    std::env::var_os("OQSCERT_REQUIRE_KEYRING").is_some()
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn full_chapter_two_by_cli_leaves_no_secret_in_any_file() {
    let home = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let h = home.path();
    let profile = format!("audit{}", std::process::id());
    let id = Identity::new(&IdentitySpec::default());
    let file = h.join("download.p12");
    std::fs::write(&file, id.pkcs12_openssl_legacy(PW).unwrap()).unwrap();

    let keyring = {
        let out = oqscert(h)
            .args(["--profile", &profile, "secret", "set", "--stdin"])
            // Full-width, as typed through the IME.
            .write_stdin(format!("ＲＥＱ７Ｑ２Ｘ９Ｋ４\n{REF}\n５１７３\n"))
            .output()
            .unwrap();
        match out.status.code() {
            Some(0) => true,
            Some(5) if !keyring_required() => {
                eprintln!("no credential store here; run scripts/test.sh for the keyring part");
                false
            }
            other => panic!(
                "secret set: {other:?} {}",
                String::from_utf8_lossy(&out.stderr)
            ),
        }
    };
    if keyring {
        oqscert(h)
            .args(["--profile", &profile, "secret", "status", "--json"])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("\"stored\":true"));
    }
    oqscert(h)
        .args([
            "--profile",
            &profile,
            "pfx",
            "inspect",
            "--password-stdin",
            "--json",
        ])
        .arg(&file)
        .write_stdin(format!("{PW}\n"))
        .assert()
        .code(0);
    let out = oqscert(h)
        .args([
            "--profile",
            &profile,
            "backup",
            "--password-stdin",
            "--json",
            "--to",
        ])
        .arg(usb.path())
        .arg(&file)
        .write_stdin(format!("{PW}\n"))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let r: Value = serde_json::from_slice(&out).unwrap();
    let copy = PathBuf::from(r["path"].as_str().unwrap());
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&file).unwrap());
    assert!(
        copy.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("oqscert-")
    );
    // Recorded in progress: where, when, hash.
    let saved = std::fs::read_to_string(h.join(format!("profiles/{profile}.toml"))).unwrap();
    assert!(saved.contains(r["sha256"].as_str().unwrap()), "{saved}");

    // The audit: every file under the data folder and the USB target.
    let mut files = crate::common::walk(h);
    files.extend(crate::common::walk(usb.path()));
    assert!(files.len() >= 3, "{files:?}");
    for f in files {
        if f.extension().is_some_and(|e| e == "p12") {
            continue; // the PKCS#12 itself is encrypted
        }
        let bytes = std::fs::read(&f).unwrap();
        for secret in [REQ, REF, PW] {
            assert!(!contains(&bytes, secret.as_bytes()), "{secret} in {f:?}");
            assert!(
                !contains(&bytes, &utf16(secret)),
                "{secret} (UTF-16) in {f:?}"
            );
        }
    }

    if keyring {
        oqscert(h)
            .args(["--profile", &profile, "secret", "delete", "--yes"])
            .assert()
            .code(0);
        oqscert(h)
            .args(["--profile", &profile, "secret", "status"])
            .assert()
            .code(1);
    }
}

#[test]
fn secret_input_is_checked_and_never_echoed() {
    let home = tempfile::tempdir().unwrap();
    let out = oqscert(home.path())
        .args(["secret", "set", "--stdin"])
        .write_stdin("RQ!1\nREF\n1234\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("リクエストIDの3文字目"), "{err}");
    assert!(!err.contains("RQ!1"));
    oqscert(home.path())
        .args(["secret", "set", "--stdin"])
        .write_stdin("RQ1\nREF\n12345\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("数字4桁"));
    // No terminal, no --stdin: fail at once.
    oqscert(home.path())
        .args(["secret", "set"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--stdin"));
}

#[test]
fn backup_faults_are_reported_with_exit_codes() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let id = Identity::new(&IdentitySpec::default());
    let file = h.join("c.p12");
    std::fs::write(&file, id.pkcs12_modern("1234")).unwrap();
    // Wrong password: 3, nothing written.
    let usb = tempfile::tempdir().unwrap();
    oqscert(h)
        .args(["backup", "--password-stdin", "--to"])
        .arg(usb.path())
        .arg(&file)
        .write_stdin("9999\n")
        .assert()
        .code(3);
    assert_eq!(std::fs::read_dir(usb.path()).unwrap().count(), 0);
    // Target gone: 5 with a message about the stick.
    oqscert(h)
        .args(["backup", "--password-stdin", "--to"])
        .arg(usb.path().join("unplugged"))
        .arg(&file)
        .write_stdin("1234\n")
        .assert()
        .code(5)
        .stderr(predicate::str::contains("USBメモリが抜けていないか"));
    // No target: the drive list (or a clear "none found"), exit 2.
    oqscert(h)
        .args(["backup", "--password-stdin"])
        .arg(&file)
        .assert()
        .code(2);
}

/// No Secret Service answering (the D-Bus address points nowhere): the
/// secrets go to the Linux kernel keyring (keyutils), in a session keyring
/// made by `keyctl session` (Debian package keyutils; scripts/test.sh
/// installs it). Save, find again from a second process, delete.
#[cfg(target_os = "linux")]
#[test]
fn kernel_keyring_when_no_secret_service() {
    let required = std::env::var_os("OQSCERT_REQUIRE_KEYRING").is_some();
    if std::process::Command::new("keyctl")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(!required, "keyctl (Debian package keyutils) is missing");
        eprintln!("no keyctl here; run scripts/test.sh");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("oqscert");
    let b = bin.display();
    let profile = format!("kernel-{}", std::process::id());
    let script = format!(
        "printf 'REQK1\\nREFK1\\n３５７９\\n' | '{b}' --profile {profile} secret set --stdin --json; \
         '{b}' --profile {profile} secret status --json; \
         '{b}' --profile {profile} secret delete --yes --json; \
         '{b}' --profile {profile} secret status --json; true"
    );
    let out = std::process::Command::new("keyctl")
        .args(["session", "-", "sh", "-c", &script])
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .env("OQSCERT_HOME", home.path())
        .env_remove("OQSCERT_LANG")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| crate::common::json(l.as_bytes()))
        .collect();
    assert_eq!(
        lines.len(),
        4,
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(lines[0]["store"], "kernel_keyring", "{stdout}");
    assert_eq!(lines[1]["stored"], true);
    assert_eq!(lines[2]["deleted"], true);
    assert_eq!(lines[3]["stored"], false);
    // Nothing of it in the data folder.
    for f in crate::common::walk(home.path()) {
        let bytes = std::fs::read(&f).unwrap();
        assert!(!bytes.windows(5).any(|w| w == b"REQK1"), "{f:?}");
    }
}
