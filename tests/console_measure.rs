//! The console measured, not guessed: at start-up the program prints a
//! box-drawing character and a circled number out of sight and asks the
//! terminal where the cursor went (`ESC [ 6 n`). Here the test is the
//! terminal: it answers as a Unix terminal or Windows Terminal would (one
//! cell), as the classic Japanese console would (two cells), or not at
//! all, and reads what the program decided. (tmux, in e2e_pty, answers by
//! itself: one cell.) A real pseudo-terminal, from rustix.
#![cfg(target_os = "linux")]

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The cursor position request crossterm sends.
const ASKED: &[u8] = b"\x1b[6n";

struct Term {
    child: Child,
    keys: std::fs::File,
    seen: Arc<Mutex<Vec<u8>>>,
    asked: Arc<Mutex<usize>>,
    /// Closed when the reader has read the terminal's last byte.
    read_all: std::sync::mpsc::Receiver<()>,
}

impl Term {
    /// Start oqscert with `args` on a fresh 80×24 terminal that answers
    /// each position request as if the probe took `cells` cells (None:
    /// never answers).
    fn start(home: &std::path::Path, args: &[&str], cells: Option<u16>) -> Term {
        let (master, slave) = crate::input_closed::pty();
        let out = slave.try_clone().unwrap();
        let err = slave.try_clone().unwrap();
        let child = Command::new(assert_cmd::cargo::cargo_bin("oqscert"))
            .env("OQSCERT_HOME", home)
            .env("OQSCERT_LANG", "ja")
            .env("TERM", "xterm-256color")
            .env_remove("WT_SESSION")
            .args(args)
            .stdin(Stdio::from(slave))
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err))
            .spawn()
            .unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let asked = Arc::new(Mutex::new(0));
        let keys = master.try_clone().unwrap();
        let (done, read_all) = std::sync::mpsc::channel::<()>();
        {
            let seen = Arc::clone(&seen);
            let asked = Arc::clone(&asked);
            let mut answer = master.try_clone().unwrap();
            let mut screen = master;
            std::thread::spawn(move || {
                // Dropped when the program's side of the terminal is gone
                // (read fails) and everything it wrote has been read.
                let _done = done;
                let mut buf = [0u8; 4096];
                while let Ok(n) = screen.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    let mut s = seen.lock().unwrap();
                    s.extend_from_slice(&buf[..n]);
                    let total = s.windows(ASKED.len()).filter(|w| *w == ASKED).count();
                    let mut a = asked.lock().unwrap();
                    while *a < total {
                        *a += 1;
                        // Asked before and after each probe, printed at
                        // the top-left corner: column 1, then 1 + its width
                        // (1-based).
                        if let Some(c) = cells {
                            let col = if *a % 2 == 1 { 1 } else { 1 + c };
                            let _ = write!(answer, "\x1b[1;{col}R");
                        }
                    }
                }
            });
        }
        Term {
            child,
            keys,
            seen,
            asked,
            read_all,
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.seen.lock().unwrap()).into_owned()
    }

    /// Wait until the output so far contains `what`; the output after the
    /// mark `from` (a byte offset) is searched.
    fn wait_for(&self, what: &str, from: usize) -> usize {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let t = self.seen.lock().unwrap();
            if let Some(i) = String::from_utf8_lossy(&t[from.min(t.len())..]).find(what) {
                return from + i;
            }
            drop(t);
            assert!(
                Instant::now() < deadline,
                "never saw {what:?}:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn exit(mut self) -> (Option<i32>, String) {
        let deadline = Instant::now() + Duration::from_secs(120);
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            assert!(Instant::now() < deadline, "did not end:\n{}", self.text());
            std::thread::sleep(Duration::from_millis(50));
        };
        // Its last output is read once the reader sees the terminal close.
        let _ = self.read_all.recv_timeout(Duration::from_secs(10));
        (status.code(), self.text())
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `selftest` on a terminal reports what it measured: both answers.
#[test]
fn selftest_reports_the_widths_the_terminal_gave() {
    for (cells, said, borders, numbers) in [
        (
            1,
            "罫線 1 マス、丸数字 1 マス",
            "枠は罫線で",
            "番号は丸数字で",
        ),
        (
            2,
            "罫線 2 マス、丸数字 2 マス",
            "枠は記号（+ - |）で",
            "番号は「(1)」の形で",
        ),
    ] {
        let home = tempfile::tempdir().unwrap();
        let t = Term::start(home.path(), &["selftest", "--no-network"], Some(cells));
        let (code, text) = t.exit();
        assert!(matches!(code, Some(0 | 1)), "{text}");
        let console = text
            .lines()
            .find(|l| l.contains("画面（コンソール）"))
            .unwrap_or_else(|| panic!("no console line:\n{text}"));
        assert!(console.contains("[OK]"), "{console}");
        for s in [said, borders, numbers, "コードページ -、端末"] {
            assert!(console.contains(s), "{cells}: {s:?} not in {console}");
        }
        // The vendor's record says the same.
        let t = Term::start(
            home.path(),
            &["selftest", "--json", "--no-network"],
            Some(cells),
        );
        let (code, text) = t.exit();
        assert!(matches!(code, Some(0 | 1)), "{text}");
        let after = text.rfind("\x1b[?1049l").map_or(0, |i| i + 8);
        let body: String = text[after..].replace('\r', "");
        let start = body.find('{').unwrap_or_else(|| panic!("no JSON:\n{text}"));
        let r: serde_json::Value = serde_json::from_str(body[start..].trim()).unwrap();
        let console = r["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "console")
            .unwrap();
        assert_eq!(console["verdict"], "ok", "{console}");
        assert_eq!(
            console["values"]["box_cells"],
            cells.to_string(),
            "{console}"
        );
    }
}

/// The wizard draws its borders from the answer: a popup (F1) framed in
/// lines where the terminal said one cell, in + - | where it said two, and
/// in lines (the guess on Linux) where it said nothing within ~100 ms.
#[test]
fn the_wizard_draws_borders_from_the_answer() {
    for (cells, frame, not) in [
        (Some(1), "└─", "+--"),
        (Some(2), "+--", "└─"),
        (None, "└─", "+--"),
    ] {
        let home = tempfile::tempdir().unwrap();
        let mut t = Term::start(home.path(), &[], cells);
        let drawn = t.wait_for("[q]", 0);
        assert!(*t.asked.lock().unwrap() >= 1, "the terminal was not asked");
        // F1: the help popup, in a frame.
        t.keys.write_all(b"\x1bOP").unwrap();
        let at = t.wait_for(frame, drawn);
        let after = t.text()[at..].to_string();
        assert!(!after.contains(not), "{cells:?}: {not:?} drawn too");
    }
}
