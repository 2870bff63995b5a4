//! Chapter 3 from the command line, through the real binary and the
//! FileStore: install records the profile, `store cleanup` exports before
//! removing, `status` travels in time through `OQSCERT_NOW`, `report`
//! holds every field and no secret.

mod common;

use common::fixtures::{Identity, IdentitySpec};
use common::{json, oqscert, walk};
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
        .args(["store", "install", "--password-stdin", "--yes", "--json"])
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
    install(h, &h.join("expired.p12"));
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

    // Clean-up: the superseded and the expired one, exported first.
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
    let mut found: Vec<(String, String)> = c["found"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["sha1_thumbprint"].as_str().unwrap().to_string(),
                f["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    let mut want = vec![
        (old_thumb.clone(), "superseded".to_string()),
        (exp_thumb.clone(), "expired".to_string()),
    ];
    want.sort();
    assert_eq!(found, want);
    let q = Path::new(c["quarantine"].as_str().unwrap());
    assert!(q.starts_with(h.join(format!("profiles/{}/quarantine", profile()))));
    for t in [&old_thumb, &exp_thumb] {
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
    p.institution.code7 = "0712362".into();
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
            &oqscert::i18n::jst(cert.not_after),
            &oqscert::i18n::jst(inst.at),
            &backup.path.display().to_string(),
            backup.sha256.as_str(),
            "秘密鍵で署名できる",
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
        assert!(!doc.contains("NG"), "a failed check in a passing install");
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
