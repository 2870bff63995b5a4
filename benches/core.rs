//! Criterion benchmarks for the certificate core. Figures go to
//! docs/PERFORMANCE.md; targets are checked there, never in timed tests.

#[path = "../tests/common/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;

use criterion::{Criterion, criterion_group, criterion_main};
use fixtures::{Identity, IdentitySpec};
use oqscert::cert::Password;
use oqscert::cert::institution::InstitutionCode;
use oqscert::cert::pfx;
use std::hint::black_box;

fn bench_pfx(c: &mut Criterion) {
    let id = Identity::new(&IdentitySpec::default());
    let pw = Password::new("1234");
    // Modern: PBES2/AES-256 with HMAC-SHA256, 2048 iterations.
    let modern = id.pkcs12_modern("1234");
    // Legacy: OpenSSL's -legacy (RC2-40 certs, 3DES key, SHA-1 MAC, 2048 it.).
    let legacy = id
        .pkcs12_openssl_legacy("1234")
        .unwrap_or_else(|| id.pkcs12_3des("1234"));
    c.bench_function("pfx_open_modern_2048", |b| {
        b.iter(|| pfx::open(black_box(&modern), &pw).unwrap())
    });
    c.bench_function("pfx_open_legacy_2048", |b| {
        b.iter(|| pfx::open(black_box(&legacy), &pw).unwrap())
    });
    c.bench_function("pfx_wrong_password_legacy", |b| {
        b.iter(|| pfx::open(black_box(&legacy), &Password::new("9999")).unwrap_err())
    });
}

fn bench_code(c: &mut Criterion) {
    c.bench_function("code_check_ascii", |b| {
        b.iter(|| {
            InstitutionCode::parse(black_box("3410712362"))
                .unwrap()
                .check()
        })
    });
    c.bench_function("code_check_full_width", |b| {
        b.iter(|| {
            InstitutionCode::parse(black_box("３４－１－０７１２３６２"))
                .unwrap()
                .check()
        })
    });
}

/// Chapter 2's verify + copy + read-back, against `pfx::open` alone plus a
/// plain copy with fsync (target: within 20 %).
fn bench_backup(c: &mut Criterion) {
    use std::io::Write;
    let id = Identity::new(&IdentitySpec::default());
    let pw = Password::new("1234");
    let legacy = id
        .pkcs12_openssl_legacy("1234")
        .unwrap_or_else(|| id.pkcs12_3des("1234"));
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0u64;
    c.bench_function("backup_verify_copy_readback", |b| {
        b.iter(|| {
            n += 1;
            let name = format!("b{n}.p12");
            oqscert::cert::backup::backup_bytes(&legacy, dir.path(), &name, &pw).unwrap()
        })
    });
    c.bench_function("baseline_open_plus_fsynced_copy", |b| {
        b.iter(|| {
            n += 1;
            pfx::open(black_box(&legacy), &pw).unwrap();
            let mut f = std::fs::File::create(dir.path().join(format!("c{n}.p12"))).unwrap();
            f.write_all(&legacy).unwrap();
            f.sync_all().unwrap();
        })
    });
}

criterion_group!(benches, bench_pfx, bench_code, bench_backup);
criterion_main!(benches);
