//! `oqscert profile export|import` through the real binary.

use crate::common::{json, oqscert};
use predicates::prelude::*;

const GOOD: &str = r#"format_version = 1

[institution]
type_id = "dental"
prefecture = "34"
code7 = "0712368"
name = "テスト歯科医院"
department = "受付"
person = "山田"
phone = "082-123-4567"
email = "uketsuke@example.jp"
terminal_name = "受付1号機"
oqs_account = "OQSComApp"

[application]
applied_at = "2026-11-20T10:00:00Z"
system = "oqs"

[chapters]
precheck = "done"
apply = "done"

[position]
chapter = "download"
step = "intro"
"#;

#[test]
fn export_then_import_into_another_home() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let first = files.path().join("first.toml");
    std::fs::write(&first, GOOD).unwrap();
    oqscert(a.path())
        .args(["profile", "import"])
        .arg(&first)
        .assert()
        .code(0);
    let exported = files.path().join("a.toml");
    oqscert(a.path())
        .args(["profile", "export"])
        .arg(&exported)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("a.toml"));
    oqscert(b.path())
        .args(["profile", "import", "--json"])
        .arg(&exported)
        .assert()
        .code(0);
    let again = files.path().join("b.toml");
    oqscert(b.path())
        .args(["profile", "export"])
        .arg(&again)
        .assert()
        .code(0);
    let (x, y) = (
        std::fs::read_to_string(&exported).unwrap(),
        std::fs::read_to_string(&again).unwrap(),
    );
    assert_eq!(x, y);
    assert!(x.contains("テスト歯科医院") && x.contains("0712368"), "{x}");
    let progress = std::fs::read_to_string(b.path().join("profiles/default.toml")).unwrap();
    assert!(progress.contains("受付1号機"), "{progress}");
}

#[test]
fn every_bad_field_is_reported_with_its_line() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("bad.toml");
    std::fs::write(
        &file,
        "format_version = 1\n[institution]\nprefecture = \"99\"\nphone = \"12\"\nemail = \"no-at-sign\"\noqs_account = \"a/b\"\n",
    )
    .unwrap();
    let out = oqscert(home.path())
        .args(["profile", "import", "--json"])
        .arg(&file)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(v["ok"], false);
    let got: Vec<(u64, String)> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["key"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (3, "institution.prefecture".to_string()),
            (4, "institution.phone".to_string()),
            (5, "institution.email".to_string()),
            (6, "institution.oqs_account".to_string()),
        ]
    );
    // Text: every line named, in Japanese; nothing saved.
    oqscert(home.path())
        .args(["profile", "import"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("3行目"))
        .stderr(predicate::str::contains("6行目"));
    assert!(!home.path().join("profiles/default.toml").exists());
}

#[test]
fn an_unknown_key_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("x.toml");
    std::fs::write(&file, "format_version = 1\n[institution]\nfax = \"03\"\n").unwrap();
    oqscert(home.path())
        .args(["--lang", "en", "profile", "import"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 3"))
        .stderr(predicate::str::contains("institution.fax"));
}

#[test]
fn a_password_key_is_refused_and_never_echoed() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("secret.toml");
    std::fs::write(&file, "format_version = 1\npassword = \"1234\"\n").unwrap();
    let out = oqscert(home.path())
        .args(["profile", "import"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("password"))
        .stderr(predicate::str::contains(
            "パスワードや ID はファイルに書きません",
        ))
        .get_output()
        .clone();
    let json_out = oqscert(home.path())
        .args(["profile", "import", "--json"])
        .arg(&file)
        .assert()
        .code(2)
        .get_output()
        .clone();
    for o in [&out, &json_out] {
        let all = [o.stdout.as_slice(), o.stderr.as_slice()].concat();
        assert!(!String::from_utf8_lossy(&all).contains("1234"));
    }
    assert_eq!(json(&json_out.stdout)["errors"][0]["kind"], "secret");
}

#[test]
fn export_without_a_profile_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    oqscert(home.path())
        .args(["profile", "export"])
        .arg(home.path().join("p.toml"))
        .assert()
        .code(2);
}

/// `profile new/list/rename/delete`: a second institution code, renamed,
/// then deleted, with nothing removed from disk and the saved password
/// following the rename (in the credential store, when there is one).
#[test]
fn profiles_are_created_renamed_and_set_aside() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let tag = std::process::id();
    let (a, b, c) = (
        format!("ika{tag}"),
        format!("shika{tag}"),
        format!("dental{tag}"),
    );
    oqscert(h).args(["profile", "new", &a]).assert().code(0);
    oqscert(h).args(["profile", "new", &b]).assert().code(0);
    // Taken, and not a file name: usage errors, with the reason.
    oqscert(h)
        .args(["--lang", "ja", "profile", "new", &a])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("もうあります"));
    oqscert(h)
        .args(["--lang", "ja", "profile", "new", "歯科"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("半角の英数字"));

    // A kept file in the profile's folder, and a saved password.
    let kept = h.join("profiles").join(&b).join("certificate.p12");
    std::fs::create_dir_all(kept.parent().unwrap()).unwrap();
    std::fs::write(&kept, b"kept copy").unwrap();
    let stored = oqscert(h)
        .args(["--profile", &b, "secret", "set", "--stdin"])
        .write_stdin("REQ7Q2X9K4\nREF3M8P1Z6\n5173\n")
        .output()
        .unwrap()
        .status
        .success();

    let out = oqscert(h)
        .args(["--lang", "ja", "profile", "rename", &b, &c])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.contains("新しい名前に移しました"), stored, "{text}");
    assert_eq!(
        std::fs::read(h.join("profiles").join(&c).join("certificate.p12")).unwrap(),
        b"kept copy"
    );
    if stored {
        let status = |p: &str| {
            json(
                &oqscert(h)
                    .args(["--profile", p, "secret", "status", "--json"])
                    .output()
                    .unwrap()
                    .stdout,
            )["stored"]
                .clone()
        };
        assert_eq!(status(&c), true);
        assert_eq!(status(&b), false);
    }

    let listed = json(
        &oqscert(h)
            .args(["profile", "list", "--json"])
            .output()
            .unwrap()
            .stdout,
    );
    let names: Vec<&str> = listed["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    let mut want = vec![a.as_str(), c.as_str()];
    want.sort_unstable();
    assert_eq!(names, want);

    // Deleting moves the files aside; the secret stays unless asked.
    oqscert(h).args(["profile", "delete", &c]).assert().code(0);
    let deleted = std::fs::read_dir(h.join("profiles/deleted"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(
        std::fs::read(deleted.join(&c).join("certificate.p12")).unwrap(),
        b"kept copy"
    );
    if stored {
        let out = oqscert(h)
            .args(["--profile", &c, "secret", "status", "--json"])
            .output()
            .unwrap();
        assert_eq!(json(&out.stdout)["stored"], true);
        // Asked for separately: gone.
        oqscert(h).args(["profile", "new", &c]).assert().code(0);
        oqscert(h)
            .args(["profile", "delete", &c, "--forget-secrets"])
            .assert()
            .code(0);
        let out = oqscert(h)
            .args(["--profile", &c, "secret", "status", "--json"])
            .output()
            .unwrap();
        assert_eq!(json(&out.stdout)["stored"], false);
    }
    oqscert(h).args(["profile", "delete", &c]).assert().code(2);
}
