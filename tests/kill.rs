//! Crash safety: a helper (`examples/save_loop.rs`) writes in a loop and is
//! killed with SIGKILL at random moments (0-20 ms after its first write
//! landed, from a fixed seed). Afterwards every file holds exactly one of
//! the two states, never a mix or a cut; temporaries of the dead helper
//! are swept by the next load / report / backup.
//!
//! OQSCERT_KILL_TRIALS sets the number of kills (default 500 for progress
//! and report, a fifth of it for the backup, whose read-back opens the
//! PKCS#12). Run with `--nocapture` to see the outcome counts
//! (docs/RELIABILITY.md).
#![cfg(target_os = "linux")]

use crate::common::fixtures::{Identity, IdentitySpec};
use crate::common::states::{self, PROFILE};
use oqscert::cert::progress::ProgressStore;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn trials() -> usize {
    std::env::var("OQSCERT_KILL_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500)
}

/// xorshift64*: a fixed sequence of delays, the same on every run.
struct Rng(u64);
impl Rng {
    fn delay(&mut self) -> Duration {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let r = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d);
        Duration::from_micros(r % 20_001)
    }
}

/// The built example. `cargo test` builds examples along with the tests;
/// `cargo test --test kill` alone does not, and a nested `cargo build`
/// would wait on the build directory lock that cargo test holds: say so.
fn helper() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    // target/<profile>/deps/kill-<hash> -> target/<profile>/examples
    let profile_dir = exe.parent().and_then(Path::parent).unwrap();
    let path = profile_dir.join("examples").join("save_loop");
    assert!(
        path.exists(),
        "{} is missing: run `cargo build --example save_loop` (or the whole `cargo test`) first",
        path.display()
    );
    path
}

/// Start the helper, wait for its first write, let it run a random while,
/// SIGKILL it and reap it.
fn run_and_kill(args: &[&Path], mode: &str, rng: &mut Rng) {
    let mut child: Child = Command::new(helper())
        .arg(mode)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(
        line.trim(),
        "ready",
        "the helper failed before its first write"
    );
    std::thread::sleep(rng.delay());
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the helper ended by itself: {status:?}");
}

fn names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn temps(dir: &Path) -> usize {
    names(dir).iter().filter(|n| n.contains(".tmp-")).count()
}

#[test]
fn progress_survives_sigkill_as_a_or_b() {
    let home = tempfile::tempdir().unwrap();
    let store = ProgressStore::new(home.path());
    let profiles = home.path().join("profiles");
    let (a, b) = (states::state('A'), states::state('B'));
    let mut rng = Rng(0x5eed_0001);
    let (mut got_a, mut got_b, mut temps_seen) = (0, 0, 0);
    for i in 0..trials() {
        run_and_kill(&[home.path()], "progress", &mut rng);
        temps_seen += temps(&profiles);
        let loaded = store
            .load(PROFILE)
            .unwrap_or_else(|e| panic!("trial {i}: {e}"))
            .unwrap_or_else(|| panic!("trial {i}: no progress file"));
        let loaded = states::unstamped(loaded);
        if loaded == a {
            got_a += 1;
        } else if loaded == b {
            got_b += 1;
        } else {
            panic!("trial {i}: neither A nor B: {loaded:?}");
        }
        // The load swept the dead helper's temporaries; nothing set aside.
        let left = names(&profiles);
        assert!(
            left.iter()
                .all(|n| !n.contains(".tmp-") && !n.contains(".corrupt-")),
            "trial {i}: {left:?}"
        );
    }
    eprintln!(
        "kill/progress: {} kills, A {got_a}, B {got_b}, temporaries left by a kill {temps_seen}, all swept",
        trials()
    );
    // Both outcomes: the kills landed on either side of a save (had they
    // all landed at one moment, the window tested would be empty).
    assert!(got_a > 0 && got_b > 0, "A {got_a}, B {got_b}");
    // Some kills landed mid-write (about half here): the sweep had
    // temporaries to sweep.
    assert!(
        temps_seen > 0,
        "no kill left a temporary: the sweep went untested"
    );
}

#[test]
fn report_survives_sigkill_as_a_or_b() {
    let tmp = tempfile::tempdir().unwrap();
    let expected = tmp.path().join("expected");
    let st = Command::new(helper())
        .arg("report-expected")
        .arg(&expected)
        .status()
        .unwrap();
    assert!(st.success());
    let dir = tmp.path().join("out");
    let mut rng = Rng(0x5eed_0002);
    let (mut same, mut mixed_pair, mut temps_seen) = (0, 0, 0);
    let mut states_seen = std::collections::BTreeSet::new();
    for i in 0..trials() {
        run_and_kill(&[dir.as_path()], "report", &mut rng);
        temps_seen += temps(&dir);
        let mut which = Vec::new();
        for f in ["report.html", "report.txt"] {
            let got = std::fs::read(dir.join(f)).unwrap();
            let w = ['A', 'B']
                .into_iter()
                .find(|w| std::fs::read(expected.join(w.to_string()).join(f)).unwrap() == got)
                .unwrap_or_else(|| panic!("trial {i}: {f} is neither A's nor B's"));
            which.push(w);
        }
        states_seen.extend(which.iter().copied());
        // Each file is whole; the two may be from consecutive writes.
        if which[0] == which[1] {
            same += 1;
        } else {
            mixed_pair += 1;
        }
    }
    // The next write sweeps what the last kill left.
    oqscert::report::write(
        &states::state('A'),
        oqscert::i18n::Lang::Ja,
        states::report_now(),
        oqscert::report::Target::Dir(&dir),
    )
    .unwrap();
    assert_eq!(temps(&dir), 0, "{:?}", names(&dir));
    eprintln!(
        "kill/report: {} kills, both files from one state {same}, html and txt from consecutive states {mixed_pair}, temporaries left by a kill {temps_seen}, swept by the next write",
        trials()
    );
    assert_eq!(
        states_seen.into_iter().collect::<String>(),
        "AB",
        "the kills found only one state: they never hit between two writes"
    );
    assert!(same > 0, "no kill found both files from one state");
    assert!(
        temps_seen > 0,
        "no kill left a temporary: the sweep went untested"
    );
}

#[test]
fn backup_survives_sigkill_whole_or_absent() {
    let tmp = tempfile::tempdir().unwrap();
    let pw = "5173";
    let bytes = Identity::new(&IdentitySpec::default()).pkcs12_modern(pw);
    let src = tmp.path().join("source.p12");
    std::fs::write(&src, &bytes).unwrap();
    let usb = tmp.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let pw_path = PathBuf::from(pw);
    let mut rng = Rng(0x5eed_0003);
    let (mut whole, mut absent, mut max_temps) = (0, 0, 0);
    let n = (trials() / 5).max(1);
    for i in 0..n {
        run_and_kill(
            &[src.as_path(), usb.as_path(), pw_path.as_path()],
            "backup",
            &mut rng,
        );
        // The helper's first backup swept the temporaries of the one
        // before it: at most the last kill's temporary is here.
        let t = temps(&usb);
        assert!(t <= 1, "trial {i}: {:?}", names(&usb));
        max_temps = max_temps.max(t);
        match std::fs::read(usb.join("x.p12")) {
            Ok(b) => {
                assert_eq!(
                    b, bytes,
                    "trial {i}: a partial or different file under the final name"
                );
                whole += 1;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => absent += 1,
            Err(e) => panic!("trial {i}: {e}"),
        }
        for name in names(&usb) {
            assert!(
                name == "x.p12" || name.contains(".tmp-"),
                "trial {i}: unexpected {name}"
            );
        }
    }
    let r =
        oqscert::cert::backup::backup_file(&src, &usb, "x.p12", &oqscert::cert::Password::new(pw))
            .unwrap();
    assert_eq!(std::fs::read(r.path).unwrap(), bytes);
    assert_eq!(temps(&usb), 0, "{:?}", names(&usb));
    eprintln!(
        "kill/backup: {n} kills, complete copy under the final name {whole}, no copy {absent}, at most {max_temps} temporary left by a kill, swept by the next backup"
    );
    // The helper keeps each finished copy a moment so that both are met.
    assert!(whole > 0 && absent > 0, "whole {whole}, absent {absent}");
}
