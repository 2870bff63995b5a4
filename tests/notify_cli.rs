//! `status --notify` through the real binary: a generated certificate in
//! the FileStore, backed up, seen on each alert day via `OQSCERT_NOW`;
//! notices observed through `OQSCERT_NOTIFY_LOG`.

use crate::common::fixtures::{Identity, IdentitySpec};
use crate::common::{json, oqscert};
use std::path::Path;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

const PW: &str = "8642";

fn oq(h: &Path) -> assert_cmd::Command {
    let mut c = oqscert(h);
    c.args(["--profile", &format!("notify-{}", std::process::id())]);
    c
}

/// Installed and backed up: on an ordinary day nothing needs attention.
fn setup(h: &Path, usb: &Path) -> OffsetDateTime {
    let id = Identity::new(&IdentitySpec {
        cn: "テスト歯科医院 受付1号機".into(),
        days_valid: 1200,
        ..Default::default()
    });
    let file = h.join("cert.p12");
    std::fs::write(&file, id.pkcs12_modern(PW)).unwrap();
    oq(h)
        .args([
            "store",
            "install",
            "--password-stdin",
            "--yes",
            "--trust-root",
        ])
        .arg(&file)
        .write_stdin(format!("{PW}\n"))
        .assert()
        .code(0);
    oq(h)
        .args(["backup", "--password-stdin", "--to"])
        .arg(usb)
        .arg(&file)
        .write_stdin(format!("{PW}\n"))
        .assert()
        .code(0);
    let out = oq(h).args(["status", "--json"]).output().unwrap();
    let s = json(&out.stdout);
    assert_eq!(s["needs_attention"], false, "{s}");
    OffsetDateTime::parse(s["certificate"]["not_after"].as_str().unwrap(), &Rfc3339).unwrap()
}

/// One `status --notify --json` run at `at`: the reasons told, and the
/// number of notices in the log so far.
fn notify(h: &Path, log: &Path, at: OffsetDateTime) -> (Vec<String>, usize) {
    let out = oq(h)
        .args(["status", "--notify", "--json"])
        .env("OQSCERT_NOW", at.format(&Rfc3339).unwrap())
        .env("OQSCERT_NOTIFY_LOG", log)
        .output()
        .unwrap();
    let s = json(&out.stdout);
    let told = s["notified"]
        .as_array()
        .unwrap_or_else(|| panic!("{s}"))
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    let lines = std::fs::read_to_string(log)
        .map(|t| t.lines().count())
        .unwrap_or(0);
    (told, lines)
}

#[test]
fn notices_at_each_threshold() {
    let home = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let h = home.path();
    let end = setup(h, usb.path());
    let log = h.join("notices.log");
    let cases: [(i64, &[&str]); 9] = [
        (91, &[]),
        (90, &["expiring-90"]),
        (60, &["expiring-60"]),
        (30, &["expiring-30"]),
        (15, &["expiring-15"]),
        (7, &["expiring-7"]),
        (3, &["expiring-7"]),
        (0, &["expired"]),
        (-1, &["expired"]),
    ];
    let mut notices = 0;
    for (days, want) in cases {
        let (told, lines) = notify(h, &log, end - Duration::days(days));
        assert_eq!(told, want, "{days} days before the end");
        if !want.is_empty() {
            notices += 1;
        }
        assert_eq!(lines, notices, "{days} days before the end");
    }
    // Each notice says what to do and where to look.
    let text = std::fs::read_to_string(&log).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let body = first["body"].as_str().unwrap();
    assert!(body.contains("90"), "{body}");
    assert!(
        body.contains("oqscert を開き、画面 H-2 で確かめてください"),
        "{body}"
    );
    assert!(
        h.join(format!(
            "profiles/notify-{}/notify-state.toml",
            std::process::id()
        ))
        .is_file()
    );
}

#[test]
fn at_most_once_a_day_for_the_same_reason() {
    let home = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let h = home.path();
    let end = setup(h, usb.path());
    let log = h.join("notices.log");
    let day = end - Duration::days(3);
    assert_eq!(notify(h, &log, day), (vec!["expiring-7".to_string()], 1));
    // The same day again: nothing.
    assert_eq!(notify(h, &log, day), (vec![], 1));
    // The next day: told again.
    assert_eq!(
        notify(h, &log, day + Duration::days(1)),
        (vec!["expiring-7".to_string()], 2)
    );
    // A damaged state file counts as empty: told again, not an error.
    let state = h.join(format!(
        "profiles/notify-{}/notify-state.toml",
        std::process::id()
    ));
    std::fs::write(&state, b"[[[ not toml").unwrap();
    assert_eq!(
        notify(h, &log, day + Duration::days(1)),
        (vec!["expiring-7".to_string()], 3)
    );
}

/// Without `--notify`, `status --json` carries no `notified` and writes no
/// state; it names the institution for the fleet view.
#[test]
fn plain_status_tells_nobody() {
    let home = tempfile::tempdir().unwrap();
    let out = oq(home.path()).args(["status", "--json"]).output().unwrap();
    let s = json(&out.stdout);
    assert!(s.get("notified").is_none(), "{s}");
    assert_eq!(s["institution_name"], "");
    assert!(s["institution_code"].is_null());
    assert_eq!(s["terminal_name"], "");
}

/// Portable mode: the records' stick is out when the daily check runs.
/// The monitor then judges expiry from this PC's copy of the record
/// (made at `monitor install`, refreshed by each check with the stick
/// in) instead of giving up, and says nothing about the backups it cannot
/// look at.
#[cfg(target_os = "linux")]
#[test]
fn with_the_stick_out_the_monitor_uses_this_pcs_copy() {
    let stick = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let h = stick.path().join("oqscert-data");
    std::fs::create_dir(&h).unwrap();
    let end = setup(&h, usb.path());
    let run = |home: &Path, args: &[&str], now: Option<OffsetDateTime>| {
        let mut c = oq(home);
        c.env("XDG_DATA_HOME", data.path())
            .env("XDG_CONFIG_HOME", config.path())
            .env("PATH", "/nonexistent")
            .env("OQSCERT_NOTIFY_LOG", data.path().join("log"))
            .args(args);
        if let Some(n) = now {
            c.env("OQSCERT_NOW", n.format(&Rfc3339).unwrap());
        }
        c.output().unwrap()
    };
    let out = run(&h, &["monitor", "install"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The stick is pulled out: its folder is gone.
    let away = stick.path().join("elsewhere");
    std::fs::rename(&h, &away).unwrap();
    let out = run(
        &h,
        &["status", "--notify", "--json"],
        Some(end - Duration::days(30)),
    );
    let s = json(&out.stdout);
    assert_eq!(s["notified"], serde_json::json!(["expiring-30"]), "{s}");
    // No alert for a backup it could not look at.
    let kinds: Vec<&str> = s["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert!(!kinds.iter().any(|k| k.starts_with("backup")), "{kinds:?}");
    // The stick is never written to while it is out.
    assert!(!h.exists());
}
