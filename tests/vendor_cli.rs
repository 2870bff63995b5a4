//! What a vendor uses, through the real binary: the answers file
//! (`--answers`, `profile import`), the fleet view over collected
//! `status --json` files, and the monitor's systemd units.

use crate::common::{json, oqscert};
use predicates::prelude::*;
use std::path::Path;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/answers-example.toml");

#[test]
fn the_example_answers_file_imports_cleanly() {
    let home = tempfile::tempdir().unwrap();
    let out = oqscert(home.path())
        .args(["profile", "import", "--json", EXAMPLE])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = json(&out.stdout);
    assert_eq!(r["ok"], true);
    assert_eq!(r["errors"], serde_json::json!([]));
    // Without a terminal the wizard does not start, but the file is
    // checked: a good one is accepted.
    oqscert(home.path())
        .args(["--answers", EXAMPLE])
        .assert()
        .code(0);
}

#[test]
fn a_password_or_id_in_an_answers_file_is_refused_with_why() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("answers.toml");
    std::fs::write(
        &file,
        "format_version = 1\n\n[institution]\nname = \"テスト歯科医院\"\npassword = \"1234\"\nrequest_id = \"REQZXQW\"\n",
    )
    .unwrap();
    for args in [vec!["--answers"], vec!["profile", "import"]] {
        let out = oqscert(home.path())
            .args(&args)
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("5行目 institution.password"), "{err}");
        assert!(err.contains("6行目 institution.request_id"), "{err}");
        assert!(err.contains("パスワードか ID のようです"), "{err}");
        for secret in ["1234", "REQZXQW"] {
            assert!(!err.contains(secret), "{secret} shown: {err}");
        }
    }
    // Nothing was saved.
    assert!(!home.path().join("profiles/default.toml").exists());
    // --answers with a command would be ignored: refused instead.
    oqscert(home.path())
        .args(["--answers", EXAMPLE, "status"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("profile import"));
}

/// A `status --json` as oqscert writes it, ending `days` after 2027-06-01.
fn status(name: &str, terminal: &str, days: i64) -> String {
    let end = time::macros::datetime!(2027-06-01 03:00:00 UTC) + time::Duration::days(days);
    let end = end
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    serde_json::json!({
        "profile": "default", "chapters": {}, "application": null,
        "certificate": {"not_after": end, "days_left": days},
        "backups": [{"path": "E:/c.p12", "state": "matches"}],
        "alerts": [], "needs_attention": false, "store_kind": "CurrentUser\\MY",
        "institution_name": name, "institution_code": "1330000009", "terminal_name": terminal,
    })
    .to_string()
}

fn fleet_dir(d: &Path) {
    std::fs::create_dir_all(d.join("clinic-b/2027")).unwrap();
    std::fs::write(d.join("a.json"), status("A歯科", "受付", 200)).unwrap();
    std::fs::write(
        d.join("clinic-b/2027/x.JSON"),
        status("B医院", "診察室", 12),
    )
    .unwrap();
    std::fs::write(d.join("clinic-b/gone.json"), status("C薬局", "1号機", -5)).unwrap();
    std::fs::write(
        d.join("broken.json"),
        "{\"profile\": \"default\", \"alerts\": [",
    )
    .unwrap();
    std::fs::write(d.join("package.json"), "{\"name\": \"not-ours\"}").unwrap();
    std::fs::write(d.join("empty.json"), "").unwrap();
    std::fs::write(d.join("huge.json"), vec![b' '; 2 * 1024 * 1024]).unwrap();
    std::fs::write(d.join("notes.txt"), "not looked at").unwrap();
}

#[test]
fn fleet_sorts_by_days_left_and_lists_what_it_skipped() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    fleet_dir(dir.path());
    let out = oqscert(home.path())
        .env("OQSCERT_NOW", "2027-06-01T00:00:00Z")
        .arg("fleet")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout).unwrap();
    let at = |s: &str| {
        table
            .find(s)
            .unwrap_or_else(|| panic!("{s} missing: {table}"))
    };
    assert!(
        at("C薬局") < at("B医院") && at("B医院") < at("A歯科"),
        "{table}"
    );
    assert!(table.contains("期限が5日前に切れています"), "{table}");
    let err = String::from_utf8(out.stderr).unwrap();
    for (file, why) in [
        ("broken.json", "JSON として読めません"),
        ("package.json", "出力ではありません"),
        ("empty.json", "中身が空です"),
        ("huge.json", "大きすぎる"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(file) && l.contains(why)),
            "{file}: {err}"
        );
    }
    assert!(!err.contains("notes.txt"));

    // CSV for Excel, HTML for A4.
    let html = home.path().join("fleet.html");
    let out = oqscert(home.path())
        .env("OQSCERT_NOW", "2027-06-01T00:00:00Z")
        .args(["fleet", "--csv", "--html"])
        .arg(&html)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(rows.len(), 5, "{csv}"); // header, 3 rows, the empty end
    assert!(
        rows[1].contains("C薬局") && rows[1].contains("\"-5\""),
        "{csv}"
    );
    assert!(
        rows[3].contains("A歯科") && rows[3].contains("a.json"),
        "{csv}"
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("size:A4"));
    assert!(page.contains("B医院") && page.contains("huge.json"));
}

#[test]
fn fleet_of_a_missing_folder_is_an_error() {
    let home = tempfile::tempdir().unwrap();
    oqscert(home.path())
        .arg("fleet")
        .arg(home.path().join("no-such-folder"))
        .assert()
        .code(4);
}

/// On Linux without systemctl on PATH: the units are written, the command
/// to enable them and the crontab line printed, nothing run.
#[cfg(target_os = "linux")]
/// A data folder given relative to where the command ran is registered
/// absolute: the timer runs in another folder.
#[test]
fn a_relative_home_is_registered_absolute() {
    let base = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let empty_path = tempfile::tempdir().unwrap();
    std::fs::create_dir(base.path().join("clinic-data")).unwrap();
    let run = |args: &[&str]| {
        oqscert(base.path())
            .env_remove("OQSCERT_HOME")
            .current_dir(base.path())
            .env("XDG_CONFIG_HOME", config.path())
            .env("XDG_DATA_HOME", data.path())
            .env("PATH", empty_path.path())
            .args(["--home", "clinic-data"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["monitor", "install"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let units = config.path().join("systemd/user");
    let service = std::fs::read_dir(&units)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "service"))
        .expect("a service unit");
    let service = std::fs::read_to_string(service).unwrap();
    let absolute = base.path().join("clinic-data");
    assert!(
        service.contains(&format!("\"--home\" \"{}\"", absolute.display())),
        "{service}"
    );
    assert_eq!(run(&["monitor", "remove"]).status.code(), Some(0));
}

#[test]
fn monitor_writes_systemd_units_and_removes_them() {
    let home = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let empty_path = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        oqscert(home.path())
            .env("XDG_CONFIG_HOME", config.path())
            .env("XDG_DATA_HOME", data.path())
            .env("PATH", empty_path.path())
            .args(["--profile", "clinic-1"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["monitor", "status"]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["monitor", "install"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8(out.stdout).unwrap();
    // The data folder's id is in the units' names: another clinic's data
    // folder on this PC gets units of its own.
    let id = std::fs::read_to_string(home.path().join("home-id")).unwrap();
    let base = format!("oqscert-clinic-1-{}", id.trim());
    assert!(
        said.contains(&format!("systemctl --user enable --now {base}.timer")),
        "{said}"
    );
    assert!(said.contains("0 9 * * * "), "{said}");
    let units = config.path().join("systemd/user");
    let service = std::fs::read_to_string(units.join(format!("{base}.service"))).unwrap();
    let timer = std::fs::read_to_string(units.join(format!("{base}.timer"))).unwrap();
    assert!(service.contains("\"--profile\" \"clinic-1\" \"status\" \"--notify\""));
    assert!(service.contains(&format!("\"--home\" \"{}\"", home.path().display())));
    // It runs a copy in the user's own program folder, not the program
    // wherever it was started from (a stick).
    let copy = data.path().join("oqscert/bin/oqscert");
    assert!(copy.is_file());
    assert!(
        service.contains(&format!("ExecStart=\"{}\"", copy.display())),
        "{service}"
    );
    assert!(timer.contains("OnCalendar=*-*-* 09:00"));
    assert_eq!(run(&["monitor", "status"]).status.code(), Some(0));
    assert_eq!(run(&["monitor", "remove"]).status.code(), Some(0));
    assert!(!units.join(format!("{base}.timer")).exists());
    assert_eq!(run(&["monitor", "status"]).status.code(), Some(1));
    assert_eq!(run(&["monitor", "remove"]).status.code(), Some(0));
}
