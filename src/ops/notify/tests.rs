use super::*;
use crate::cert::health::{BackupState, assess};
use crate::cert::progress::{BackupRecord, CertificateRecord, Progress};
use std::cell::RefCell;

/// The test notifier: records every call, shows nothing.
#[derive(Default)]
struct Recording {
    calls: RefCell<Vec<(String, String)>>,
    fail: bool,
}

impl Notifier for Recording {
    fn notify(&self, title: &str, body: &str) -> Result<(), String> {
        if self.fail {
            return Err("no desktop".into());
        }
        self.calls.borrow_mut().push((title.into(), body.into()));
        Ok(())
    }
}

const END: OffsetDateTime = time::macros::datetime!(2029-03-31 14:59:59 UTC);

fn progress() -> Progress {
    let mut p = Progress::new("default");
    p.certificate = Some(CertificateRecord {
        path: "certificate.p12".into(),
        sha256: "AA".into(),
        sha1_thumbprint: "ABCDEF".into(),
        subject: "CN=テスト".into(),
        not_after: END,
        verified_at: END - Duration::days(1000),
        issuer: String::new(),
        serial: String::new(),
        not_before: None,
        roots: Vec::new(),
    });
    p.backups.push(BackupRecord {
        path: "/nonexistent-medium/x.p12".into(),
        sha256: "AA".into(),
        at: END - Duration::days(1000),
    });
    p
}

fn health_at(now: OffsetDateTime) -> Health {
    assess(&progress(), None, &[BackupState::Matches], now)
}

fn ids(d: &[Due]) -> Vec<String> {
    d.iter().map(|d| d.id.clone()).collect()
}

/// Each threshold once; from 7 days before the end, daily.
#[test]
fn thresholds_once_then_daily() {
    let dir = tempfile::tempdir().unwrap();
    let n = Recording::default();
    let cases: [(i64, &[&str]); 11] = [
        (91, &[]),
        (90, &["expiring-90"]),
        (89, &[]),
        (60, &["expiring-60"]),
        (30, &["expiring-30"]),
        (15, &["expiring-15"]),
        (8, &[]),
        (7, &["expiring-7"]),
        (3, &["expiring-7"]),
        (0, &["expired"]),
        (-1, &["expired"]),
    ];
    for (days, want) in cases {
        let now = END - Duration::days(days);
        let told = notify_due(&n, Lang::Ja, &health_at(now), dir.path(), now).unwrap();
        assert_eq!(told, want, "{days} days before the end");
    }
    assert_eq!(n.calls.borrow().len(), 8);
    let (title, body) = &n.calls.borrow()[0];
    assert!(title.contains("oqscert"), "{title}");
    assert!(body.contains("H-2"), "{body}");
    assert!(body.contains("90"), "{body}");
}

#[test]
fn at_most_once_a_day_per_reason() {
    let dir = tempfile::tempdir().unwrap();
    let n = Recording::default();
    // Early afternoon in Japan (END is 23:59:59 JST), so an hour later is
    // still the same JST day.
    let now = END - Duration::days(3) - Duration::hours(10);
    let h = health_at(now);
    assert_eq!(
        notify_due(&n, Lang::Ja, &h, dir.path(), now).unwrap(),
        ["expiring-7"]
    );
    let later = now + Duration::hours(1);
    assert!(
        notify_due(&n, Lang::Ja, &h, dir.path(), later)
            .unwrap()
            .is_empty()
    );
    let next = now + Duration::days(1);
    assert_eq!(
        notify_due(&n, Lang::Ja, &health_at(next), dir.path(), next).unwrap(),
        ["expiring-7"]
    );
    assert_eq!(n.calls.borrow().len(), 2);
}

/// A renewed certificate starts its reminders again.
#[test]
fn a_new_certificate_is_reminded_again() {
    let mut state = NotifyState::default();
    let now = END - Duration::days(90);
    state.last.insert("expiring-90".into(), jst_date(now));
    assert!(due(&health_at(now), &state, now).is_empty());
    let renewed_end = END + Duration::days(1186);
    let mut p = progress();
    if let Some(c) = p.certificate.as_mut() {
        c.not_after = renewed_end;
    }
    let later = renewed_end - Duration::days(90);
    let h = assess(&p, None, &[BackupState::Matches], later);
    assert_eq!(ids(&due(&h, &state, later)), ["expiring-90"]);
}

#[test]
fn a_failed_notice_is_not_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let n = Recording {
        fail: true,
        ..Default::default()
    };
    let now = END - Duration::days(3);
    let told = notify_due(&n, Lang::Ja, &health_at(now), dir.path(), now).unwrap();
    assert!(told.is_empty());
    assert!(!dir.path().join(STATE_FILE).exists());
}

#[test]
fn state_round_trips_and_a_corrupt_one_is_empty() {
    let mut s = NotifyState::default();
    s.last
        .insert("expired".into(), time::macros::date!(2029 - 04 - 02));
    s.last.insert(
        "chapter-install".into(),
        time::macros::date!(2029 - 01 - 05),
    );
    assert_eq!(NotifyState::parse(&s.text()), s);
    assert!(
        s.text().contains("expired = \"2029-04-02\""),
        "{}",
        s.text()
    );
    assert_eq!(NotifyState::parse("[[["), NotifyState::default());
    assert_eq!(
        NotifyState::parse("[last]\nexpired = \"yesterday\"\n"),
        NotifyState::default()
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(STATE_FILE), b"\xff\xfe garbage").unwrap();
    assert_eq!(NotifyState::load(dir.path()), NotifyState::default());
}

#[test]
fn every_alert_has_an_id_and_backups_share_one() {
    let a = Alert::BackupChanged { path: "/a".into() };
    let b = Alert::BackupChanged { path: "/b".into() };
    assert_eq!(reason_id(&a), reason_id(&b));
    assert_eq!(
        reason_id(&Alert::Chapter {
            chapter: crate::cert::position::ChapterId::Install
        }),
        "chapter-install"
    );
}

#[test]
fn the_file_log_appends_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let log = FileLog(dir.path().join("n.log"));
    log.notify("a", "b\nc").unwrap();
    log.notify("d", "e").unwrap();
    let text = std::fs::read_to_string(dir.path().join("n.log")).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["body"], "b\nc");
}
