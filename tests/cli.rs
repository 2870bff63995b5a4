//! The CLI through the real binary: output, JSON and exit codes.

use crate::common::fixtures::{Identity, IdentitySpec};
use crate::common::{json, oqscert};
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn code_check_valid_codes() {
    let home = tempfile::tempdir().unwrap();
    oqscert(home.path())
        .args(["code", "check", "3410712362"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("広島県"))
        .stdout(predicate::str::contains("0712362"))
        .stdout(predicate::str::contains("計算方法：9桁"));
    // Full-width digits with hyphens, as typed through the IME.
    oqscert(home.path())
        .args(["code", "check", "１３－１－０１１００４９"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("東京都"))
        .stdout(predicate::str::contains("計算方法：6桁"));
}

#[test]
fn code_check_json_and_parts() {
    let home = tempfile::tempdir().unwrap();
    let out = oqscert(home.path())
        .args([
            "code",
            "check",
            "--json",
            "--prefecture",
            "01",
            "--table",
            "1",
            "0113719",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(v["code10"], "0110113719");
    assert_eq!(v["prefecture"]["name_ja"], "北海道");
    assert_eq!(v["rule"], "nine_digit");
    assert_eq!(v["valid"], true);
}

#[test]
fn code_check_mismatch_exits_1_with_expected_digits() {
    let home = tempfile::tempdir().unwrap();
    let out = oqscert(home.path())
        .args(["code", "check", "3410712365", "--json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(v["valid"], false);
    assert_eq!(v["expected_nine"], 2);
    assert_eq!(v["rule"], Value::Null);
    oqscert(home.path())
        .args(["code", "check", "3410712365"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("9桁なら 2"));
}

#[test]
fn code_check_malformed_input_exits_2() {
    let home = tempfile::tempdir().unwrap();
    for (args, needle) in [
        (vec!["code", "check", "34107123"], "10桁"),
        (vec!["code", "check", "34107a2362"], "数字ではありません"),
        (vec!["code", "check", "4810712362"], "都道府県番号「48」"),
        (vec!["code", "check", "3420712362"], "点数表番号「2」"),
        (vec!["code", "check", "0712362"], "--prefecture"),
        (
            vec!["code", "check", "--prefecture", "34", "0712362"],
            "両方",
        ),
        (vec!["code", "check"], "使い方"),
        (vec!["code", "frobnicate"], "使い方"),
    ] {
        oqscert(home.path())
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(needle));
    }
}

#[test]
fn english_by_flag_and_env() {
    let home = tempfile::tempdir().unwrap();
    oqscert(home.path())
        .args(["--lang", "en", "code", "check", "3410712362"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Hiroshima"));
    oqscert(home.path())
        .env("OQSCERT_LANG", "en")
        .args(["code", "check", "12"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "An institution code has 10 digits",
        ));
    oqscert(home.path())
        .env("OQSCERT_LANG", "en")
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Exit codes"));
}

#[test]
fn help_is_japanese_and_lists_exit_codes() {
    let home = tempfile::tempdir().unwrap();
    oqscert(home.path())
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("使い方"))
        .stdout(predicate::str::contains("終了コード"));
    oqscert(home.path())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("事前確認"));
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn pfx_inspect_json_modern_and_legacy() {
    let home = tempfile::tempdir().unwrap();
    let id = Identity::new(&IdentitySpec::default());
    let files = [
        ("modern.p12", id.pkcs12_modern("1234")),
        ("3des.p12", id.pkcs12_3des("1234")),
        ("legacy.p12", id.pkcs12_openssl_legacy("1234").unwrap()),
        ("openssl.p12", id.pkcs12_openssl_default("1234").unwrap()),
    ];
    for (name, bytes) in files {
        let p = write(home.path(), name, &bytes);
        let out = oqscert(home.path())
            .args(["pfx", "inspect", "--password-stdin", "--json"])
            .arg(&p)
            .write_stdin("１２３４\n")
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        let v = json(&out);
        for key in [
            "subject",
            "subject_cn",
            "issuer",
            "serial",
            "not_before",
            "not_after",
            "sha1_thumbprint",
            "sha256",
            "client_auth",
            "key_matches",
            "chain_len",
            "expired",
        ] {
            assert!(v.get(key).is_some(), "{name}: missing {key} in {v}");
        }
        assert_eq!(v["subject_cn"], "テスト歯科医院 受付1号機", "{name}");
        assert_eq!(v["key_matches"], true);
        assert_eq!(v["client_auth"], true);
        assert_eq!(v["chain_len"], 1);
        assert_eq!(v["expired"], false);
        let t = v["sha1_thumbprint"].as_str().unwrap();
        assert_eq!(t, oqscert::cert::pfx::sha1_thumbprint(&id.leaf_der));
        assert!(
            v["not_after"].as_str().unwrap().ends_with('Z'),
            "RFC 3339 UTC"
        );
    }
}

#[test]
fn pfx_inspect_text_output_is_japanese() {
    let home = tempfile::tempdir().unwrap();
    let id = Identity::new(&IdentitySpec::default());
    let p = write(home.path(), "c.p12", &id.pkcs12_modern("0427"));
    oqscert(home.path())
        .args(["pfx", "inspect", "--password-stdin"])
        .arg(&p)
        .write_stdin("0427\n")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("証明書の番号（拇印）"))
        .stdout(predicate::str::contains("証明書と一致しています"))
        .stdout(predicate::str::contains("この証明書ファイルは使えます"));
}

#[test]
fn pfx_inspect_exit_codes() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let id = Identity::new(&IdentitySpec::default());
    let other = Identity::new(&IdentitySpec::default());
    let expired = Identity::new(&IdentitySpec {
        expired: true,
        ..Default::default()
    });
    let good = write(dir, "good.p12", &id.pkcs12_modern("1234"));
    let cases: Vec<(std::path::PathBuf, &str, i32, &str)> = vec![
        (good.clone(), "9999", 3, "wrong_password"),
        (
            write(dir, "expired.p12", &expired.pkcs12_modern("1234")),
            "1234",
            1,
            "",
        ),
        (
            write(
                dir,
                "mismatch.p12",
                &id.pkcs12_with_foreign_key("1234", &other),
            ),
            "1234",
            1,
            "",
        ),
        (write(dir, "empty.p12", b""), "1234", 4, "empty_file"),
        (
            write(
                dir,
                "cert.pem",
                b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            ),
            "1234",
            4,
            "not_pkcs12_pem",
        ),
        (
            write(dir, "leaf.cer", &id.leaf_der),
            "1234",
            4,
            "not_pkcs12_certificate",
        ),
        (
            write(dir, "a.zip", b"PK\x03\x04\x14\x00\x00\x00"),
            "1234",
            4,
            "not_pkcs12_zip",
        ),
        (
            write(dir, "random.bin", &[0x5a; 300]),
            "1234",
            4,
            "not_pkcs12",
        ),
        (
            write(dir, "cut.p12", &id.pkcs12_modern("1234")[..200]),
            "1234",
            4,
            "truncated",
        ),
        (
            write(dir, "nokey.p12", &id.pkcs12_certs_only("1234")),
            "1234",
            4,
            "no_private_key",
        ),
        (
            write(dir, "big.p12", &vec![0x30; 2 * 1024 * 1024]),
            "1234",
            4,
            "too_large",
        ),
        (dir.join("missing.p12"), "1234", 4, "read"),
    ];
    for (path, pw, code, kind) in cases {
        let out = oqscert(dir)
            .args(["pfx", "inspect", "--password-stdin", "--json"])
            .arg(&path)
            .write_stdin(format!("{pw}\n"))
            .assert()
            .code(code)
            .get_output()
            .clone();
        let v = json(&out.stdout);
        if kind.is_empty() {
            assert!(
                v["problems"].as_array().is_some_and(|a| !a.is_empty()),
                "{path:?}: {v}"
            );
        } else {
            assert_eq!(v["error"]["kind"], kind, "{path:?}: {v}");
            assert_eq!(v["error"]["exit_code"], code);
            assert!(!out.stderr.is_empty(), "message on stderr");
        }
    }
}

#[test]
fn pfx_inspect_without_tty_fails_at_once_naming_the_flag() {
    let home = tempfile::tempdir().unwrap();
    let id = Identity::new(&IdentitySpec::default());
    let p = write(home.path(), "c.p12", &id.pkcs12_modern("1234"));
    // stdin is not a terminal here and no --password-stdin: no hang.
    oqscert(home.path())
        .args(["pfx", "inspect"])
        .arg(&p)
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--password-stdin"));
}

#[test]
fn password_never_echoed() {
    let home = tempfile::tempdir().unwrap();
    let id = Identity::new(&IdentitySpec::default());
    let p = write(home.path(), "c.p12", &id.pkcs12_modern("7531"));
    for pw in ["7531", "8642"] {
        let out = oqscert(home.path())
            .args(["pfx", "inspect", "--password-stdin", "--json"])
            .arg(&p)
            .write_stdin(format!("{pw}\n"))
            .output()
            .unwrap();
        let all = [out.stdout, out.stderr].concat();
        assert!(!String::from_utf8_lossy(&all).contains(pw));
    }
    // Nothing was written to the data directory by inspect.
    let written: Vec<_> = crate::common::walk(home.path())
        .into_iter()
        .filter(|p| p.extension().is_none_or(|e| e != "p12"))
        .collect();
    assert!(written.is_empty(), "{written:?}");
}
