//! Chapter 3 from the command line, through the real binary and the
//! FileStore: install records the profile, `store cleanup` exports before
//! removing, `status` travels in time through `OQSCERT_NOW`, `report`
//! holds every field and no secret.

use crate::common::fixtures::{Identity, IdentitySpec};
use crate::common::{json, oqscert, walk};
use oqscert::cert::progress::ProgressStore;
use predicates::prelude::*;
use std::path::Path;

const PW: &str = "8642";

/// Its own profile: the keyring entry is per profile and shared by every
/// test binary in the session (scripts/test.sh).
fn profile() -> String {
    format!("c3cli-{}", std::process::id())
}

fn oq(h: &Path) -> assert_cmd::Command {
    let mut c = oqscert(h);
    c.args(["--profile", &profile()]);
    c
}

fn identity(cn: &str, days_valid: i64, expired: bool) -> Identity {
    Identity::new(&IdentitySpec {
        cn: cn.into(),
        days_valid,
        expired,
        ..Default::default()
    })
}

fn install(h: &Path, file: &Path) -> serde_json::Value {
    let out = oq(h)
        .args([
            "store",
            "install",
            "--password-stdin",
            "--yes",
            "--trust-root",
            "--json",
        ])
        .arg(file)
        .write_stdin(format!("{PW}\n"))
        .output()
        .unwrap();
    json(&out.stdout)
}

fn status(h: &Path, now: Option<&str>) -> (i32, serde_json::Value) {
    let mut c = oq(h);
    c.args(["status", "--json"]);
    if let Some(n) = now {
        c.env("OQSCERT_NOW", n);
    }
    let out = c.output().unwrap();
    (out.status.code().unwrap(), json(&out.stdout))
}

fn kinds(v: &serde_json::Value) -> Vec<String> {
    v["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap().to_string())
        .collect()
}

/// Hex runs (thumbprints, hashes, serials) can hold any 4 digits by
/// chance; the password must not appear anywhere else.
fn without_hex_runs(s: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for c in s.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
        } else {
            if run.len() < 8 {
                out.push_str(&run);
            }
            run.clear();
            out.push(c);
        }
    }
    if run.len() < 8 {
        out.push_str(&run);
    }
    out
}

#[test]
fn renewal_cleanup_status_report() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let old = identity("テスト歯科医院 受付1号機", 400, false);
    let new = identity("テスト歯科医院 受付1号機", 1200, false);
    let expired = identity("テスト歯科医院 旧端末", 0, true);
    for (name, id) in [("old", &old), ("expired", &expired), ("new", &new)] {
        let f = h.join(format!("{name}.p12"));
        std::fs::write(&f, id.pkcs12_modern(PW)).unwrap();
    }
    oq(h)
        .args(["secret", "set", "--stdin"])
        .write_stdin(format!("REQZXQW\nREFKJHG\n{PW}\n"))
        .output()
        .unwrap();
    install(h, &h.join("old.p12"));
    // An expired file is installed only when asked for.
    oq(h)
        .args([
            "store",
            "install",
            "--password-stdin",
            "--yes",
            "--trust-root",
            "--allow-expired",
        ])
        .arg(h.join("expired.p12"))
        .write_stdin(format!("{PW}\n"))
        .output()
        .unwrap();
    let r = install(h, &h.join("new.p12"));
    assert_eq!(r["ok"], true);
    let new_thumb = oqscert::cert::pfx::sha1_thumbprint(&new.leaf_der);
    let old_thumb = oqscert::cert::pfx::sha1_thumbprint(&old.leaf_der);
    let exp_thumb = oqscert::cert::pfx::sha1_thumbprint(&expired.leaf_der);
    // Installing again verifies instead of importing twice.
    let again = install(h, &h.join("new.p12"));
    assert_eq!(again["already_installed"], true);
    assert_eq!(again["placements"], serde_json::json!([]));

    // Without a terminal and without --yes: refused, nothing removed.
    oq(h)
        .args(["store", "cleanup"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    let listed = oq(h).args(["store", "list", "--json"]).output().unwrap();
    assert_eq!(json(&listed.stdout).as_array().unwrap().len(), 3);

    // Clean-up: the expired one only; the replaced one is still valid
    // (another program may use it) and stays unless asked for.
    let out = oq(h)
        .args(["store", "cleanup", "--yes", "--password-stdin", "--json"])
        .write_stdin(format!("{PW}\n"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = json(&out.stdout);
    let mut found: Vec<(String, String, bool)> = c["found"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["sha1_thumbprint"].as_str().unwrap().to_string(),
                f["reason"].as_str().unwrap().to_string(),
                f["chosen"].as_bool().unwrap(),
            )
        })
        .collect();
    found.sort();
    let mut want = vec![
        (old_thumb.clone(), "superseded".to_string(), false),
        (exp_thumb.clone(), "expired".to_string(), true),
    ];
    want.sort();
    assert_eq!(found, want);
    // The password was proven on the certificate file the profile keeps.
    assert_eq!(c["password_proof"]["kind"], "opens_file");
    let removed: Vec<&str> = c["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["sha1_thumbprint"].as_str().unwrap())
        .collect();
    assert_eq!(removed, [exp_thumb.as_str()]);
    let listed = oq(h).args(["store", "list", "--json"]).output().unwrap();
    assert_eq!(json(&listed.stdout).as_array().unwrap().len(), 2);

    // Asked for, the still-valid one goes too (exported first).
    let out = oq(h)
        .args([
            "store",
            "cleanup",
            "--yes",
            "--include-valid",
            "--password-stdin",
            "--json",
        ])
        .write_stdin(format!("{PW}\n"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c2 = json(&out.stdout);
    let q = Path::new(c["quarantine"].as_str().unwrap());
    let q2 = Path::new(c2["quarantine"].as_str().unwrap());
    assert!(q.starts_with(h.join(format!("profiles/{}/old-certificates", profile()))));
    for (t, q) in [(&exp_thumb, q), (&old_thumb, q2)] {
        let cer = std::fs::read(q.join(format!("{t}.cer"))).unwrap();
        assert_eq!(&oqscert::cert::pfx::sha1_thumbprint(&cer), t);
        let p12 = std::fs::read(q.join(format!("{t}.pfx"))).unwrap();
        let b = oqscert::cert::pfx::open(&p12, &oqscert::cert::Password::new(PW)).unwrap();
        assert_eq!(&b.leaf.info.sha1_thumbprint, t);
    }
    let listed = oq(h).args(["store", "list", "--json"]).output().unwrap();
    let listed = json(&listed.stdout);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["sha1_thumbprint"], new_thumb.as_str());
    // Nothing left: says so.
    oq(h)
        .args(["store", "cleanup", "--yes"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("古い証明書はありません"));

    // Health: installed, in the store, but no backup yet: attention.
    let (code, s) = status(h, None);
    assert_eq!(code, 1, "{s}");
    assert_eq!(kinds(&s), ["no_backup"]);
    assert_eq!(s["certificate"]["in_store"], true);
    assert_eq!(s["certificate"]["has_private_key"], true);
    assert_eq!(s["certificate"]["installed"], true);
    assert_eq!(s["store_kind"], "folder");
    // Every date is an ISO 8601 string (not a [year, day-of-year] pair).
    let renewal = s["certificate"]["renewal_from"].as_str().unwrap();
    assert!(
        time::Date::parse(
            renewal,
            &time::format_description::well_known::Iso8601::DATE
        )
        .is_ok(),
        "{renewal}"
    );
    let not_after = s["certificate"]["not_after"].as_str().unwrap();
    assert!(
        time::OffsetDateTime::parse(not_after, &time::format_description::well_known::Rfc3339)
            .is_ok(),
        "{not_after}"
    );
    // A backup: healthy.
    let usb = tempfile::tempdir().unwrap();
    oq(h)
        .args(["backup", "--password-stdin", "--to"])
        .arg(usb.path())
        .arg(h.join("new.p12"))
        .write_stdin(format!("{PW}\n"))
        .assert()
        .code(0);
    let (code, s) = status(h, None);
    assert_eq!(code, 0, "{s}");
    assert_eq!(s["backups"][0]["state"], "matches");
    assert_eq!(s["needs_attention"], false);
    // The text form says the same in Japanese.
    oq(h)
        .arg("status")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("問題はありません"));

    // Time travel: 30 days before the end, then a day after it.
    let end = time::OffsetDateTime::parse(
        s["certificate"]["not_after"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    let at = |d: time::Duration| {
        (end - d)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    let (code, s) = status(h, Some(&at(time::Duration::days(30))));
    assert_eq!(code, 1);
    assert_eq!(s["alerts"][0]["kind"], "expiring");
    assert_eq!(s["alerts"][0]["threshold"], 30);
    assert_eq!(s["certificate"]["renewal_open"], true);
    let (code, s) = status(h, Some(&at(time::Duration::days(-1))));
    assert_eq!(code, 1);
    assert_eq!(s["alerts"][0]["kind"], "expired");
    oq(h)
        .arg("status")
        .env("OQSCERT_NOW", "yesterday")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("OQSCERT_NOW"));
    // The backup changed on the stick: attention.
    let copy = walk(usb.path()).pop().unwrap();
    std::fs::write(&copy, b"damaged").unwrap();
    let (code, s) = status(h, None);
    assert_eq!(code, 1);
    assert_eq!(kinds(&s), ["backup_changed"]);

    // The report: every field, no secret.
    let ps = ProgressStore::new(h);
    let mut p = ps.load(&profile()).unwrap().unwrap();
    p.institution.type_id = "dental".into();
    p.institution.prefecture = "34".into();
    p.institution.code7 = "0712368".into();
    p.institution.name = "テスト歯科医院".into();
    p.institution.terminal_name = "受付1号機".into();
    ps.save(&mut p).unwrap();
    let out_file = h.join("out/完了報告書.html");
    std::fs::create_dir_all(out_file.parent().unwrap()).unwrap();
    let out = oq(h)
        .args(["report", "--json", "--out"])
        .arg(&out_file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out.stdout);
    assert_eq!(r["complete"], true);
    let html = std::fs::read_to_string(&out_file).unwrap();
    let text = std::fs::read_to_string(out_file.with_extension("txt")).unwrap();
    assert!(text.starts_with('\u{feff}') && text.contains("\r\n"));
    let cert = &p.certificate.as_ref().unwrap();
    let inst = p.install.as_ref().unwrap();
    let backup = &p.backups[0];
    let code10 = p.institution.code10().unwrap();
    for doc in [&html, &text] {
        for field in [
            code10.as_str(),
            "テスト歯科医院",
            "受付1号機",
            "歯科（歯科診療所）",
            inst.user.as_str(),
            "テスト認証局 CA",
            cert.serial.as_str(),
            new_thumb.as_str(),
            old_thumb.as_str(),
            exp_thumb.as_str(),
            &oqscert::i18n::date(oqscert::i18n::Lang::Ja, cert.not_after),
            &oqscert::i18n::date_time(oqscert::i18n::Lang::Ja, inst.at),
            &backup.path.display().to_string(),
            backup.sha256.as_str(),
            "秘密キーがこの証明書と対になっている",
            "新しい証明書に置き換え済み",
            "期限切れ",
            q.to_str().unwrap(),
        ] {
            let field = if doc == &html {
                oqscert::report::esc(field)
            } else {
                field.to_string()
            };
            assert!(doc.contains(&field), "{field} missing from the report");
        }
        if let Some(at) = doc.find("NG") {
            let around: String = doc[at.saturating_sub(60)..].chars().take(120).collect();
            panic!("a failed check in a passing install: …{around}…");
        }
        let plain = without_hex_runs(doc);
        for secret in ["REQZXQW", "REFKJHG", PW] {
            assert!(!plain.contains(secret), "{secret} in the report");
        }
    }
    assert!(html.contains("@page{size:A4"));
    // A folder that is not there: said, not created.
    oq(h)
        .args(["report", "--out"])
        .arg(h.join("no-such-folder/r.html"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-folder"));
    assert!(!h.join("no-such-folder").exists());
    // Default place: the profile folder.
    oq(h).arg("report").assert().code(0);
    let dir = h.join(format!("profiles/{}", profile()));
    assert!(dir.join("report.html").is_file());
    assert!(dir.join("report.txt").is_file());
    oq(h).args(["secret", "delete", "--yes"]).output().unwrap();
}

#[test]
fn report_without_a_profile_says_what_to_do() {
    let home = tempfile::tempdir().unwrap();
    oq(home.path())
        .arg("report")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ウィザード"));
    // Status of a fresh profile: nothing to do yet, healthy.
    let (code, s) = status(home.path(), None);
    assert_eq!(code, 0, "{s}");
    assert!(s["certificate"].is_null());
}

/// A wrong file from an old stick: an expired certificate is refused after
/// the new one is in; with --allow-expired it is installed but never
/// becomes the profile's current certificate.
#[test]
fn an_expired_file_never_replaces_the_current_certificate() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let new = identity("受付1号機", 1200, false);
    let expired = identity("受付1号機", 0, true);
    std::fs::write(h.join("new.p12"), new.pkcs12_modern(PW)).unwrap();
    std::fs::write(h.join("expired.p12"), expired.pkcs12_modern(PW)).unwrap();
    assert_eq!(install(h, &h.join("new.p12"))["ok"], true);
    let new_thumb = oqscert::cert::pfx::sha1_thumbprint(&new.leaf_der);
    let exp_thumb = oqscert::cert::pfx::sha1_thumbprint(&expired.leaf_der);
    // Refused: exit 1, said why, nothing added.
    oq(h)
        .args([
            "store",
            "install",
            "--password-stdin",
            "--yes",
            "--trust-root",
        ])
        .arg(h.join("expired.p12"))
        .write_stdin(format!("{PW}\n"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("有効期限が切れています"));
    let listed = oq(h).args(["store", "list", "--json"]).output().unwrap();
    assert_eq!(json(&listed.stdout).as_array().unwrap().len(), 1);
    // Asked for: installed (its "valid today" check fails: exit 1), and
    // the profile keeps the new certificate.
    let out = oq(h)
        .args([
            "store",
            "install",
            "--password-stdin",
            "--yes",
            "--trust-root",
            "--json",
            "--allow-expired",
        ])
        .arg(h.join("expired.p12"))
        .write_stdin(format!("{PW}\n"))
        .output()
        .unwrap();
    assert_eq!(json(&out.stdout)["sha1_thumbprint"], exp_thumb.as_str());
    assert!(String::from_utf8_lossy(&out.stderr).contains("いまの証明書"));
    let (_, s) = status(h, None);
    assert_eq!(s["certificate"]["sha1_thumbprint"], new_thumb.as_str());
    assert_eq!(s["certificate"]["expired"], false);
    assert!(!kinds(&s).contains(&"expired".to_string()), "{s}");
}

/// `OQSCERT_NOW` is a what-if clock for `status` and `report`: a clean-up
/// never deletes by it.
#[test]
fn cleanup_ignores_the_what_if_clock() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let new = identity("受付1号機", 1200, false);
    let other = identity("受付2号機", 400, false);
    std::fs::write(h.join("new.p12"), new.pkcs12_modern(PW)).unwrap();
    std::fs::write(h.join("other.p12"), other.pkcs12_modern(PW)).unwrap();
    install(h, &h.join("other.p12"));
    install(h, &h.join("new.p12"));
    let future = "2099-01-01T00:00:00Z";
    // In 2099 both would be expired; status says so...
    let (_, s) = status(h, Some(future));
    assert_eq!(s["certificate"]["expired"], true);
    // ...but the clean-up judges by the real clock: nothing to remove.
    let out = oq(h)
        .env("OQSCERT_NOW", future)
        .args(["store", "cleanup", "--yes", "--password-stdin", "--json"])
        .write_stdin(format!("{PW}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let c = json(&out.stdout);
    assert_eq!(c["found"], serde_json::json!([]), "{c}");
    let listed = oq(h).args(["store", "list", "--json"]).output().unwrap();
    assert_eq!(json(&listed.stdout).as_array().unwrap().len(), 2);
}

/// Every file holding a key is owner-only from creation, whatever the
/// umask: run with umask 0, the store's key and the clean-up's export are
/// 0600 and their folders 0700.
#[cfg(unix)]
#[test]
fn files_with_keys_are_private_even_with_umask_0() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let old = identity("受付1号機", 300, false);
    let new = identity("受付1号機", 1200, false);
    std::fs::write(h.join("old.p12"), old.pkcs12_modern(PW)).unwrap();
    std::fs::write(h.join("new.p12"), new.pkcs12_modern(PW)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("oqscert");
    let run = |args: &[&str]| {
        let mut c = std::process::Command::new("sh");
        c.arg("-c")
            .arg("umask 000; exec \"$0\" \"$@\"")
            .arg(&bin)
            .args(["--profile", &profile()])
            .args(args)
            .env("OQSCERT_HOME", h)
            .env_remove("OQSCERT_LANG")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped());
        let mut child = c.spawn().unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{PW}\n").as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
        json(&out.stdout)
    };
    run(&[
        "store",
        "install",
        "--password-stdin",
        "--yes",
        "--trust-root",
        "--json",
        h.join("old.p12").to_str().unwrap(),
    ]);
    run(&[
        "store",
        "install",
        "--password-stdin",
        "--yes",
        "--trust-root",
        "--json",
        h.join("new.p12").to_str().unwrap(),
    ]);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let old_thumb = oqscert::cert::pfx::sha1_thumbprint(&old.leaf_der);
    let my = h.join("store").join("MY");
    assert_eq!(mode(&my), 0o700);
    assert_eq!(mode(&my.join(format!("{old_thumb}.key"))), 0o600);
    let c = run(&[
        "store",
        "cleanup",
        "--yes",
        "--include-valid",
        "--password-stdin",
        "--json",
    ]);
    let q = Path::new(c["quarantine"].as_str().unwrap()).to_path_buf();
    assert_eq!(mode(&q), 0o700);
    assert_eq!(mode(&q.join(format!("{old_thumb}.pfx"))), 0o600);
}

/// A typo in the password (or an empty line) protects no export: with a
/// certificate file kept to prove it, nothing is removed (exit 3); with
/// none, the password is asked twice.
#[test]
fn cleanup_deletes_nothing_under_an_unproven_password() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let new = identity("テスト歯科医院 受付1号機", 1200, false);
    let expired = identity("テスト歯科医院 旧端末", 0, true);
    std::fs::write(h.join("new.p12"), new.pkcs12_modern(PW)).unwrap();
    std::fs::write(h.join("expired.p12"), expired.pkcs12_modern(PW)).unwrap();
    oq(h)
        .args([
            "store",
            "install",
            "--password-stdin",
            "--yes",
            "--trust-root",
            "--allow-expired",
        ])
        .arg(h.join("expired.p12"))
        .write_stdin(format!("{PW}\n"))
        .output()
        .unwrap();
    install(h, &h.join("new.p12"));
    let count = || {
        let listed = oq(h).args(["store", "list", "--json"]).output().unwrap();
        json(&listed.stdout).as_array().unwrap().len()
    };
    assert_eq!(count(), 2);
    for typed in ["1243\n", "\n"] {
        oq(h)
            .args(["store", "cleanup", "--yes", "--password-stdin"])
            .write_stdin(typed)
            .assert()
            .code(3)
            .stderr(predicate::str::contains("開けません"));
        assert_eq!(count(), 2, "nothing removed under {typed:?}");
    }
    // The kept file gone (another PC): asked twice; two different entries
    // remove nothing, the same four digits twice do.
    std::fs::remove_file(h.join("new.p12")).unwrap();
    oq(h)
        .args(["store", "cleanup", "--yes", "--password-stdin"])
        .write_stdin(format!("{PW}\n1243\n"))
        .assert()
        .code(3);
    assert_eq!(count(), 2);
    let out = oq(h)
        .args(["store", "cleanup", "--yes", "--password-stdin", "--json"])
        .write_stdin(format!("{PW}\n{PW}\n"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out.stdout)["password_proof"]["kind"], "typed_twice");
    assert_eq!(count(), 1);
}

/// `store remove --delete-key` exports and proves first, like the
/// clean-up; a key that cannot be exported is kept, certificate and all.
#[test]
fn remove_with_its_key_exports_and_proves_first() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let id = identity("テスト歯科医院 受付1号機", 1200, false);
    std::fs::write(h.join("c.p12"), id.pkcs12_modern(PW)).unwrap();
    install(h, &h.join("c.p12"));
    let thumb = oqscert::cert::pfx::sha1_thumbprint(&id.leaf_der);
    let store = h.join("store/MY");
    // A wrong password: refused, nothing removed.
    oq(h)
        .args([
            "store",
            "remove",
            "--delete-key",
            "--yes",
            "--password-stdin",
            &thumb,
        ])
        .write_stdin("1243\n")
        .assert()
        .code(3);
    assert!(store.join(format!("{thumb}.key")).is_file());
    // The key made unexportable (as Windows' wizard leaves it by
    // default): kept, exit 1.
    let meta = store.join(format!("{thumb}.toml"));
    std::fs::write(&meta, "exportable = false\n").unwrap();
    oq(h)
        .args([
            "store",
            "remove",
            "--delete-key",
            "--yes",
            "--password-stdin",
            &thumb,
        ])
        .write_stdin(format!("{PW}\n"))
        .assert()
        .code(1);
    assert!(store.join(format!("{thumb}.cer")).is_file());
    assert!(store.join(format!("{thumb}.key")).is_file());
    std::fs::write(&meta, "exportable = true\n").unwrap();
    let out = oq(h)
        .args([
            "store",
            "remove",
            "--delete-key",
            "--yes",
            "--password-stdin",
            &thumb,
        ])
        .write_stdin(format!("{PW}\n"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!store.join(format!("{thumb}.key")).exists());
    // Its proven export is in the quarantine, recorded in the profile.
    let p = std::fs::read_to_string(h.join(format!("profiles/{}.toml", profile()))).unwrap();
    assert!(p.contains(&format!("{thumb}.pfx")), "{p}");
    let copies: Vec<_> =
        crate::common::walk(&h.join(format!("profiles/{}/old-certificates", profile())))
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "pfx"))
            .collect();
    assert_eq!(copies.len(), 1);
    let b = oqscert::cert::pfx::open(
        &std::fs::read(&copies[0]).unwrap(),
        &oqscert::cert::Password::new(PW),
    )
    .unwrap();
    assert_eq!(b.leaf.info.sha1_thumbprint, thumb);
}

#[test]
fn a_report_never_overwrites_a_file_or_takes_a_certificate_files_name() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let id = identity("テスト歯科医院 受付1号機", 1200, false);
    std::fs::write(h.join("c.p12"), id.pkcs12_modern(PW)).unwrap();
    install(h, &h.join("c.p12"));
    let cert = h.join("cert.pfx");
    std::fs::write(&cert, b"the one copy of a key").unwrap();
    oq(h)
        .args(["report", "--out"])
        .arg(&cert)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".p12 / .pfx"));
    oq(h)
        .args(["report", "--out"])
        .arg(h.join("x.pfx"))
        .assert()
        .code(2);
    oq(h)
        .args(["report", "--force", "--out"])
        .arg(&cert)
        .assert()
        .code(2);
    // Windows drops trailing dots and spaces: these name cert.pfx there.
    for name in ["cert.pfx.", "cert.PFX ", "cert.p12. ."] {
        oq(h)
            .args(["report", "--force", "--out"])
            .arg(h.join(name))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(".p12 / .pfx"));
        assert!(!h.join(name).exists(), "{name}");
    }
    assert_eq!(std::fs::read(&cert).unwrap(), b"the one copy of a key");
    let out = h.join("r.html");
    std::fs::write(&out, b"mine").unwrap();
    oq(h)
        .args(["report", "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read(&out).unwrap(), b"mine");
    oq(h)
        .args(["report", "--force", "--out"])
        .arg(&out)
        .assert()
        .code(0);
    assert!(std::fs::read_to_string(&out).unwrap().contains("<html"));
}
