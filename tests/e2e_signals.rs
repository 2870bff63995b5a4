//! The terminal after every way the wizard can end, in a real PTY (tmux,
//! as tests/e2e_pty.rs): a forced panic (debug builds: OQSCERT_TEST_PANIC=1
//! panics after the first key), Ctrl-C, SIGTERM and SIGHUP each leave the
//! terminal cooked (icanon, echo), the cursor visible, bracketed paste off
//! and the main screen back, with the progress saved.
#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    /// The wizard in an 80x24 pane; when it ends the pane prints its exit
    /// code, the terminal's line settings, then echoes pasted text back
    /// through `cat -v` (so bracket codes would show as `^[[200~`).
    fn start(home: &Path, name: &str, env: &str) -> Tmux {
        let socket = format!("oqscert-sig-{}-{name}", std::process::id());
        let bin = assert_cmd::cargo::cargo_bin("oqscert");
        let cmd = format!(
            "env OQSCERT_HOME='{}' OQSCERT_LANG=ja {env} '{}'; echo EXITED:$?; \
             echo STTY: $(stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo); \
             cat -v; sleep 120",
            home.display(),
            bin.display()
        );
        let t = Tmux { socket };
        t.run(&["new-session", "-d", "-x", "80", "-y", "24", &cmd]);
        t
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux (Debian package tmux) is needed for the PTY tests");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-S", "-200"])
    }

    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "waited for {text:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", k]);
        }
    }

    /// Send a signal to the wizard (the pane runs sh; the wizard is its child).
    fn signal(&self, sig: &str) {
        let pid = self.run(&["display", "-p", "#{pane_pid}"]);
        let out = Command::new("pkill")
            .args([sig, "-P", pid.trim(), "oqscert"])
            .output()
            .unwrap();
        assert!(out.status.success(), "pkill {sig}: {out:?}");
    }

    /// After the wizard ended: main screen, cursor visible, cooked mode,
    /// and a paste arrives without bracket codes.
    fn assert_restored(&self, exit: &str) {
        self.wait_for(&format!("EXITED:{exit}"));
        let s = self.wait_for("STTY:");
        let flags = self.run(&["display", "-p", "#{alternate_on} #{cursor_flag}"]);
        assert_eq!(flags.trim(), "0 1", "alternate screen off, cursor on");
        let stty = s.lines().find(|l| l.starts_with("STTY:")).unwrap_or("");
        assert!(
            stty.contains(" icanon") && stty.contains(" echo") && !stty.contains("-icanon"),
            "not cooked: {stty}"
        );
        self.run(&["set-buffer", "pastedXYZ"]);
        // -p: bracket codes only if the application in the pane asked.
        self.run(&["paste-buffer", "-p"]);
        self.keys(&["Enter"]);
        let s = self.wait_for("pastedXYZ");
        assert!(!s.contains("[200~"), "bracketed paste still on:\n{s}");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

fn saved(home: &Path) -> String {
    std::fs::read_to_string(home.join("profiles/default.toml")).unwrap_or_default()
}

/// To 画面 0-3 (a position that is saved), as the sigterm test does.
fn into_precheck(t: &Tmux) {
    t.wait_for("画面 H");
    t.keys(&["Enter", "y"]);
    t.wait_for("画面 0-3");
}

#[test]
fn ctrl_c_restores_the_terminal_and_saves() {
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start(home.path(), "ctrlc", "");
    into_precheck(&t);
    t.keys(&["C-c"]);
    t.assert_restored("0");
    assert!(saved(home.path()).contains("step = \"q:pc_lost\""));
}

#[test]
fn sighup_restores_the_terminal_and_saves() {
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start(home.path(), "hup", "");
    into_precheck(&t);
    t.signal("-HUP");
    t.assert_restored("0");
    assert!(saved(home.path()).contains("step = \"q:pc_lost\""));
}

#[test]
fn sigterm_restores_cooked_mode_and_paste() {
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start(home.path(), "term", "");
    into_precheck(&t);
    t.signal("-TERM");
    t.assert_restored("0");
    assert!(saved(home.path()).contains("step = \"q:pc_lost\""));
}

/// The first key is handled (Enter: 画面 H -> 画面 0-1, a Save effect
/// queued), then the loop panics: the panic hook writes that state, and
/// the terminal is restored before the message is printed.
#[cfg(debug_assertions)]
#[test]
fn a_panic_restores_the_terminal_and_saves_the_latest_state() {
    let home = tempfile::tempdir().unwrap();
    let t = Tmux::start(home.path(), "panic", "OQSCERT_TEST_PANIC=1");
    t.wait_for("画面 H");
    t.keys(&["Enter"]);
    t.assert_restored("101");
    let s = t.screen();
    assert!(
        s.contains("OQSCERT_TEST_PANIC"),
        "panic message shown:\n{s}"
    );
    // Then what happened, in Japanese, after the terminal was restored.
    assert!(s.contains("予期しない問題で止まりました"), "{s}");
    let p = saved(home.path());
    assert!(p.contains("step = \"q:"), "the state after the key: {p}");
}
