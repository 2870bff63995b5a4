//! Chapter 2's backup against its baseline, interleaved: one backup
//! (verify + temp + fsync + read-back + rename), then one `pfx::open` plus a
//! plain fsynced copy, and again, so both see the same disk state (the two
//! criterion benches in `core` run minutes apart and the disk drifts).
//! Prints both medians and their ratio (target: at most 1.20).
//! Run: `cargo bench --bench backup_ratio [-- DIR]` (DIR: the medium to
//! test, e.g. a mounted USB stick; default a temp folder).

#[path = "../tests/common/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;

use fixtures::{Identity, IdentitySpec};
use oqscert::cert::Password;
use oqscert::cert::pfx;
use std::io::Write;
use std::time::{Duration, Instant};

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let target = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(std::path::PathBuf::from);
    let tmp = tempfile::tempdir_in(target.as_deref().unwrap_or(&std::env::temp_dir())).unwrap();
    let dir = tmp.path();
    let id = Identity::new(&IdentitySpec::default());
    let pw = Password::new("1234");
    let file = id
        .pkcs12_openssl_legacy("1234")
        .unwrap_or_else(|| id.pkcs12_3des("1234"));
    let rounds = 300;
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    for n in 0..rounds + 20 {
        let t = Instant::now();
        oqscert::cert::backup::backup_bytes(&file, dir, &format!("b{n}.p12"), &pw).unwrap();
        let a = t.elapsed();
        let t = Instant::now();
        pfx::open(std::hint::black_box(&file), &pw).unwrap();
        let mut f = std::fs::File::create(dir.join(format!("c{n}.p12"))).unwrap();
        f.write_all(&file).unwrap();
        f.sync_all().unwrap();
        let b = t.elapsed();
        // The first rounds warm caches and the allocator.
        if n >= 20 {
            ours.push(a);
            base.push(b);
        }
    }
    let (m_ours, m_base) = (median(&mut ours), median(&mut base));
    println!(
        "backup median {:.3} ms, baseline (open + fsynced copy) median {:.3} ms, ratio {:.2} (target <= 1.20), {rounds} interleaved rounds in {}",
        m_ours.as_secs_f64() * 1e3,
        m_base.as_secs_f64() * 1e3,
        m_ours.as_secs_f64() / m_base.as_secs_f64(),
        dir.display()
    );
}
