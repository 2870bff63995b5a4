//! Criterion benchmark for the fleet view: `ops::fleet::scan` over 1,000
//! generated `status --json` files in 10 folders. Figures go to
//! docs/PERFORMANCE.md; never a timed test.

use criterion::{Criterion, criterion_group, criterion_main};
use oqscert::ops::fleet;
use std::hint::black_box;
use time::{Duration, OffsetDateTime};

const NOW: OffsetDateTime = time::macros::datetime!(2027-06-01 00:00:00 UTC);

fn status(i: usize) -> String {
    let days = (i as i64 * 37) % 1200 - 30;
    let end = (NOW + Duration::days(days))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    serde_json::json!({
        "profile": "default", "chapters": {}, "application": null,
        "certificate": {"not_after": end, "days_left": days, "subject": "CN=受付"},
        "backups": [{"path": "E:/c.p12", "state": "matches"}],
        "alerts": [{"kind": "no_backup"}], "needs_attention": true,
        "store_kind": "CurrentUser\\MY",
        "institution_name": format!("医院{i}"), "institution_code": "1330000009",
        "terminal_name": "受付1号機",
    })
    .to_string()
}

fn bench_scan(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..1000 {
        let sub = dir.path().join(format!("clinic-{}", i % 10));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("status-{i}.json")), status(i)).unwrap();
    }
    c.bench_function("fleet_scan_1000_files", |b| {
        b.iter(|| {
            let f = fleet::scan(black_box(dir.path()), NOW).unwrap();
            assert_eq!(f.entries.len(), 1000);
            f
        })
    });
}

criterion_group!(benches, bench_scan);
criterion_main!(benches);
