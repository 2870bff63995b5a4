use super::*;
use crate::cert::progress::{CertificateRecord, InstallRecord};

fn progress_with_cert(not_after: OffsetDateTime) -> Progress {
    let mut p = Progress::new("default");
    p.certificate = Some(CertificateRecord {
        path: "certificate.p12".into(),
        sha256: "AA".into(),
        sha1_thumbprint: "ABCDEF".into(),
        subject: "CN=テスト".into(),
        not_after,
        verified_at: not_after - Duration::days(1000),
        issuer: String::new(),
        serial: String::new(),
        not_before: None,
        roots: Vec::new(),
    });
    p.backups.push(BackupRecord {
        path: "/nonexistent-medium/x.p12".into(),
        sha256: "AA".into(),
        at: not_after - Duration::days(1000),
    });
    p
}

/// Time travel: the same certificate seen from 91, 90, 60, 30, 15, 7, 0
/// and -1 days before its end.
#[test]
fn alerts_at_each_threshold() {
    let end = time::macros::datetime!(2029-03-31 14:59:59 UTC);
    let p = progress_with_cert(end);
    let cases: [(i64, Option<Alert>, bool); 8] = [
        (91, None, false),
        (
            90,
            Some(Alert::Expiring {
                threshold: 90,
                days_left: 90,
            }),
            true,
        ),
        (
            60,
            Some(Alert::Expiring {
                threshold: 60,
                days_left: 60,
            }),
            true,
        ),
        (
            30,
            Some(Alert::Expiring {
                threshold: 30,
                days_left: 30,
            }),
            true,
        ),
        (
            15,
            Some(Alert::Expiring {
                threshold: 15,
                days_left: 15,
            }),
            true,
        ),
        (
            7,
            Some(Alert::Expiring {
                threshold: 7,
                days_left: 7,
            }),
            true,
        ),
        (
            0,
            Some(Alert::Expiring {
                threshold: 7,
                days_left: 0,
            }),
            true,
        ),
        (-1, Some(Alert::Expired { days_ago: 1 }), false),
    ];
    for (days, alert, renewal_open) in cases {
        // A few hours inside the day, as a real clock would be.
        let now = end - Duration::days(days) + Duration::hours(-3);
        let h = assess(&p, None, &[], now);
        let c = h.certificate.as_ref().unwrap();
        assert_eq!(c.days_left, days);
        assert_eq!(h.alerts.first().cloned(), alert, "{days} days before");
        assert_eq!(c.renewal_open, renewal_open, "{days} days before");
        assert_eq!(h.needs_attention, alert.is_some(), "{days}");
        assert_eq!(c.expired, days < 0);
    }
}

#[test]
fn threshold_between_steps_is_the_next_one_down() {
    let t = [90, 60, 30, 15, 7];
    assert_eq!(expiry_threshold(120, &t), None);
    assert_eq!(expiry_threshold(75, &t), Some(90));
    assert_eq!(expiry_threshold(45, &t), Some(60));
    assert_eq!(expiry_threshold(8, &t), Some(15));
    assert_eq!(expiry_threshold(3, &t), Some(7));
}

#[test]
fn store_and_backup_problems_are_alerts() {
    let end = OffsetDateTime::now_utc() + Duration::days(400);
    let mut p = progress_with_cert(end);
    p.install = Some(InstallRecord {
        sha1_thumbprint: "abcdef".into(),
        store: crate::cert::store::StoreKind::WindowsCurrentUser,
        user: "OQSComApp".into(),
        at: OffsetDateTime::now_utc(),
        verification: None,
        already_installed: false,
    });
    let now = OffsetDateTime::now_utc();
    // Healthy: not near expiry, in the store with its key, backup fine.
    let h = assess(&p, None, &[BackupState::Matches], now);
    assert!(!h.needs_attention, "{:?}", h.alerts);
    assert!(h.certificate.as_ref().unwrap().installed);
    // The store was checked and it is gone.
    let h = assess(&p, Some(&[]), &[BackupState::Matches], now);
    assert_eq!(h.alerts, vec![Alert::NotInStore]);
    // Backup changed / missing; not connected is no alert.
    let h = assess(&p, None, &[BackupState::Changed], now);
    assert!(matches!(h.alerts[..], [Alert::BackupChanged { .. }]));
    let h = assess(&p, None, &[BackupState::Missing], now);
    assert!(matches!(h.alerts[..], [Alert::BackupMissing { .. }]));
    let h = assess(&p, None, &[BackupState::NotConnected], now);
    assert!(h.alerts.is_empty());
    p.backups.clear();
    let h = assess(&p, None, &[], now);
    assert_eq!(h.alerts, vec![Alert::NoBackup]);
}

#[test]
fn backup_file_checks() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("b.p12");
    std::fs::write(&f, b"backup").unwrap();
    let sum = sha256_hex(b"backup");
    assert_eq!(check_backup(&f, &sum), BackupState::Matches);
    assert_eq!(check_backup(&f, &sum.to_lowercase()), BackupState::Matches);
    std::fs::write(&f, b"changed").unwrap();
    assert_eq!(check_backup(&f, &sum), BackupState::Changed);
    std::fs::remove_file(&f).unwrap();
    assert_eq!(check_backup(&f, &sum), BackupState::Missing);
    assert_eq!(
        check_backup(&dir.path().join("gone/b.p12"), &sum),
        BackupState::NotConnected
    );
}

#[test]
fn application_dates_while_not_downloaded() {
    let applied = time::macros::datetime!(2026-06-01 01:00 UTC);
    let mut p = Progress::new("default");
    p.application.applied_at = Some(applied);
    let h = assess(&p, None, &[], applied + Duration::days(10));
    let a = h.application.as_ref().unwrap();
    assert_eq!(a.download_deadline, time::macros::date!(2026 - 11 - 28));
    assert_eq!(a.mail_expected_from, time::macros::date!(2026 - 06 - 03));
    assert!(h.alerts.is_empty());
    let h = assess(&p, None, &[], applied + Duration::days(160));
    assert_eq!(h.alerts, vec![Alert::DeadlineSoon { days_left: 20 }]);
    let h = assess(&p, None, &[], applied + Duration::days(181));
    assert_eq!(h.alerts, vec![Alert::DeadlinePassed]);
    p.chapters.download = ChapterState::Done;
    let h = assess(&p, None, &[], applied + Duration::days(181));
    assert!(h.application.is_none() && h.alerts.is_empty());
}

/// A network path recorded as a backup is never opened by a check nobody
/// asked for (on Windows that would start a sign-in to its server).
#[test]
fn a_backup_on_a_network_path_is_not_opened() {
    for p in [
        r"\\server\share\cert.p12",
        "//server/share/cert.p12",
        r"\\?\UNC\server\s\c.p12",
    ] {
        assert_eq!(
            check_backup(std::path::Path::new(p), "00"),
            BackupState::NotLocal,
            "{p}"
        );
    }
    assert!(crate::cert::fsutil::is_local_path(std::path::Path::new(
        "/media/usb/cert.p12"
    )));
    assert!(crate::cert::fsutil::is_local_path(std::path::Path::new(
        r"E:\cert.p12"
    )));
}
