//! BAD-INPUT row 59: the terminal's input goes away while the wizard runs
//! (its other end closed, without a SIGHUP reaching the program: the
//! input is not its controlling terminal). crossterm's reader spins on the
//! hung-up descriptor without ending its stream; the wizard must notice,
//! save and end (exit 0), not hang with the profile locked.
//!
//! Real pseudo-terminals: one for the keys, one for the screen.
#![cfg(target_os = "linux")]

use rustix::fs::{Mode, OFlags};
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};
use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A pseudo-terminal: the master (ours) and the slave (the program's).
pub(crate) fn pty() -> (std::fs::File, OwnedFd) {
    // Close-on-exec: a copy of the master in the child would keep the
    // terminal open after ours is closed.
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let slave = rustix::fs::open(
        name.as_c_str(),
        OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .unwrap();
    let size = Winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    tcsetwinsize(&slave, size).unwrap();
    (std::fs::File::from(master), slave)
}

#[test]
fn closed_input_saves_and_ends_the_wizard() {
    let home = tempfile::tempdir().unwrap();
    let (mut keys, keys_slave) = pty();
    let (screen, screen_slave) = pty();
    let screen_err = screen_slave.try_clone().unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("oqscert"))
        .env("OQSCERT_HOME", home.path())
        .env("OQSCERT_LANG", "ja")
        .env("TERM", "xterm-256color")
        .stdin(Stdio::from(keys_slave))
        .stdout(Stdio::from(screen_slave))
        .stderr(Stdio::from(screen_err))
        .spawn()
        .unwrap();
    // Read the screen as it comes (the program blocks if nobody reads).
    let seen = Arc::new(Mutex::new(Vec::new()));
    let reader = {
        let seen = Arc::clone(&seen);
        let mut screen = screen;
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = screen.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let wait_for = |what: &str| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !String::from_utf8_lossy(&seen.lock().unwrap()).contains(what) {
            assert!(Instant::now() < deadline, "never saw {what:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    // 画面 H drawn: its footer's ASCII keys (wide characters are drawn
    // one by one with cursor moves between them).
    wait_for("[q]");
    // Down: the selection moves to chapter 1, which is saved on leaving.
    // The wizard has taken the key when it draws again.
    let before = seen.lock().unwrap().len();
    keys.write_all(b"\x1b[B").unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while seen.lock().unwrap().len() == before {
        assert!(Instant::now() < deadline, "no redraw after Down");
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(keys);

    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the wizard did not end after its input closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
    // Saved, and the lock let go (a command may write the profile now).
    assert!(home.path().join("profiles/default.toml").exists());
    let out = Command::new(assert_cmd::cargo::cargo_bin("oqscert"))
        .env("OQSCERT_HOME", home.path())
        .args(["report", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // Everything the wizard wrote, read to the end: the reader stops when
    // the terminal's last writer (the wizard) has gone.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !reader.is_finished() {
        assert!(Instant::now() < deadline, "the screen was never closed");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The main screen back and the cursor shown, with no English line.
    let text = String::from_utf8_lossy(&seen.lock().unwrap()).into_owned();
    assert!(text.contains("\x1b[?1049l"), "alternate screen not left");
    assert!(text.contains("\x1b[?25h"), "cursor not shown");
    assert!(!text.contains("Failed to restore"), "{text}");
}
