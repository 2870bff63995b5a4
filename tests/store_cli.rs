//! `oqscert store ...` through the real binary. On Linux this is the
//! FileStore; the same commands run against the Windows store under wine
//! in scripts/windows-test.sh.

use crate::common::fixtures::{Identity, IdentitySpec};
use crate::common::{json, oqscert};
use predicates::prelude::*;
use serde_json::Value;

fn list(home: &std::path::Path, all: bool) -> Value {
    let mut c = oqscert(home);
    c.args(["store", "list", "--json"]);
    if all {
        c.arg("--all");
    }
    json(&c.assert().code(0).get_output().stdout)
}

#[test]
fn install_list_reinstall_remove() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let id = Identity::new(&IdentitySpec::default());
    let file = h.join("cert.p12");
    std::fs::write(&file, id.pkcs12_openssl_legacy("1234").unwrap()).unwrap();
    let thumb = oqscert::cert::pfx::sha1_thumbprint(&id.leaf_der);

    // Wrong password: exit 3, store unchanged.
    oqscert(h)
        .args([
            "store",
            "install",
            "--password-stdin",
            "--yes",
            "--trust-root",
        ])
        .arg(&file)
        .write_stdin("9999\n")
        .assert()
        .code(3);
    assert_eq!(list(h, true), Value::Array(vec![]));

    // Without --yes and without a terminal: refuse at once, unchanged.
    oqscert(h)
        .args(["store", "install", "--password-stdin"])
        .arg(&file)
        .write_stdin("1234\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    assert_eq!(list(h, true), Value::Array(vec![]));

    let out = oqscert(h)
        .args([
            "store",
            "install",
            "--password-stdin",
            "--yes",
            "--trust-root",
            "--json",
        ])
        .arg(&file)
        .write_stdin("１２３４\n")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let r = json(&out);
    assert_eq!(r["sha1_thumbprint"], thumb.as_str());
    assert_eq!(r["ok"], true);
    assert_eq!(r["already_installed"], false);
    assert_eq!(r["root_added"], true);

    let my = list(h, false);
    let my = my.as_array().unwrap();
    assert_eq!(my.len(), 1);
    assert_eq!(my[0]["sha1_thumbprint"], thumb.as_str());
    assert_eq!(my[0]["store"], "MY");
    assert_eq!(my[0]["has_private_key"], true);
    assert_eq!(my[0]["exportable"], true);
    assert!(my[0]["not_after"].as_str().unwrap().ends_with('Z'));
    let all = list(h, true);
    assert!(all.as_array().unwrap().iter().any(|c| c["store"] == "Root"));

    // Re-install: idempotent.
    let out = oqscert(h)
        .args([
            "store",
            "install",
            "--password-stdin",
            "--yes",
            "--trust-root",
            "--json",
        ])
        .arg(&file)
        .write_stdin("1234\n")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(json(&out)["already_installed"], true);
    assert_eq!(list(h, false).as_array().unwrap().len(), 1);

    // Text output says where the certificate lives on this OS.
    oqscert(h)
        .args(["store", "list"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(thumb.as_str()))
        .stderr(predicate::str::contains("フォルダー"));

    // Remove needs --yes without a terminal.
    oqscert(h)
        .args(["store", "remove", &thumb])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    oqscert(h)
        .args(["store", "remove", "--yes", &thumb.to_lowercase()])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("MY"));
    assert_eq!(list(h, false), Value::Array(vec![]));
    oqscert(h)
        .args(["store", "remove", "--yes", &thumb])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("見つかりませんでした"));
    oqscert(h)
        .args(["store", "remove", "--yes", "12AB"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("40桁"));
}

#[test]
fn expired_lists_only_expired_certificates() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let old = Identity::new(&IdentitySpec {
        expired: true,
        cn: "古い証明書".into(),
        ..Default::default()
    });
    let new = Identity::new(&IdentitySpec::default());
    for (name, id) in [("old.p12", &old), ("new.p12", &new)] {
        let f = h.join(name);
        std::fs::write(&f, id.pkcs12_modern("1234")).unwrap();
        // An expired certificate installs only when asked for (the install
        // check reports it as not valid today, exit 1): that is how old
        // ones linger.
        oqscert(h)
            .args([
                "store",
                "install",
                "--password-stdin",
                "--yes",
                "--trust-root",
                "--allow-expired",
            ])
            .arg(&f)
            .write_stdin("1234\n")
            .assert()
            .code(if name == "old.p12" { 1 } else { 0 });
    }
    let out = oqscert(h)
        .args(["store", "expired", "--json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    let v = v.as_array().unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["subject_cn"], "古い証明書");
    assert_eq!(v[0]["expired"], true);
    assert_eq!(v[0]["has_private_key"], true);
    oqscert(h)
        .args(["store", "expired"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("期限切れの証明書が 1 件"));
}

/// A root oqscert does not know goes to Root only with `--trust-root`;
/// without it nothing is changed and the error names the root.
/// A file that carries, beside the real chain, a self-signed certificate
/// bearing the issuer's name: it is named as left out (text and JSON),
/// never reaches Root, and `pfx inspect` says so.
#[test]
fn a_certificate_bearing_the_issuers_name_is_named_and_left_out() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let spec = IdentitySpec::default();
    let id = Identity::new(&spec);
    let (bytes, fake) = id.pkcs12_with_impostor(&spec.ca_cn, "1234");
    let file = h.join("cert.p12");
    std::fs::write(&file, bytes).unwrap();
    let fake_sha1 = oqscert::cert::pfx::sha1_thumbprint(&fake);
    let root = oqscert::cert::pfx::sha1_thumbprint(&id.ca_der);

    let out = oqscert(h)
        .args(["pfx", "inspect", "--password-stdin", "--json"])
        .arg(&file)
        .write_stdin("1234\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["problems"],
        serde_json::json!(["unverified_issuer"]),
        "{v}"
    );

    let out = oqscert(h)
        .args([
            "store",
            "install",
            "--password-stdin",
            "--yes",
            "--trust-root",
            "--json",
        ])
        .arg(&file)
        .write_stdin("1234\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rejected"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["rejected"][0]["sha1_thumbprint"], fake_sha1.as_str());
    let all = list(h, true);
    let roots: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["store"] == "Root")
        .map(|c| c["sha1_thumbprint"].as_str().unwrap())
        .collect();
    assert_eq!(roots, vec![root.as_str()], "{all}");

    // In words, by name, in Japanese.
    oqscert(h)
        .args(["store", "install", "--password-stdin", "--yes"])
        .arg(&file)
        .write_stdin("1234\n")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("インストールしませんでした"))
        .stdout(predicate::str::contains(spec.ca_cn.as_str()));
}

#[test]
fn an_unknown_root_needs_trust_root() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let id = Identity::new(&IdentitySpec::default());
    let file = h.join("cert.p12");
    std::fs::write(&file, id.pkcs12_modern("1234")).unwrap();
    let root = oqscert::cert::pfx::sha1_thumbprint(&id.ca_der);
    oqscert(h)
        .args(["store", "install", "--password-stdin", "--yes"])
        .arg(&file)
        .write_stdin("1234\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--trust-root"))
        .stderr(predicate::str::contains(&root[..8]));
    assert_eq!(list(h, true), Value::Array(vec![]));
    oqscert(h)
        .args([
            "store",
            "install",
            "--password-stdin",
            "--yes",
            "--trust-root",
        ])
        .arg(&file)
        .write_stdin("1234\n")
        .assert()
        .code(0);
    // The CA's own thumbprint is in Root.
    let all = list(h, true);
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .any(|c| c["store"] == "Root" && c["sha1_thumbprint"] == root.as_str()),
        "{all}"
    );
    // Once it is there, installing again needs no flag.
    oqscert(h)
        .args(["store", "install", "--password-stdin", "--yes"])
        .arg(&file)
        .write_stdin("1234\n")
        .assert()
        .code(0);
}

/// A certificate whose key went missing (or is another's) is not
/// "already installed": installing again repairs it.
#[test]
fn reinstalling_repairs_a_broken_key_link() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let id = Identity::new(&IdentitySpec::default());
    let other = Identity::new(&IdentitySpec::default());
    let file = h.join("cert.p12");
    std::fs::write(&file, id.pkcs12_modern("1234")).unwrap();
    let thumb = oqscert::cert::pfx::sha1_thumbprint(&id.leaf_der);
    let install = || {
        json(
            &oqscert(h)
                .args([
                    "store",
                    "install",
                    "--password-stdin",
                    "--yes",
                    "--trust-root",
                    "--json",
                ])
                .arg(&file)
                .write_stdin("1234\n")
                .output()
                .unwrap()
                .stdout,
        )
    };
    assert_eq!(install()["ok"], true);
    // Another key where this certificate's was.
    let key = h.join(format!("store/MY/{thumb}.key"));
    std::fs::write(&key, &other.leaf_key_pkcs8).unwrap();
    let r = install();
    assert_eq!(r["already_installed"], false, "{r}");
    assert_eq!(r["ok"], true, "{r}");
    assert_eq!(std::fs::read(&key).unwrap(), id.leaf_key_pkcs8);
}
