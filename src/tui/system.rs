//! Small facts and actions of the machine the wizard runs on.

use crate::i18n::Lang;

/// Set by scripts (and CI) so that the exe never waits for a key.
pub const NO_PAUSE_ENV: &str = "OQSCERT_NO_PAUSE";

/// Whether to wait for Enter before exiting: only in a console that is
/// ours alone (a double-click from Explorer, whose console window closes
/// with the process and would take the last message with it), and only
/// when there is a keyboard to press Enter on.
pub fn should_pause(opted_out: bool, stdin_is_terminal: bool, own_console: bool) -> bool {
    !opted_out && stdin_is_terminal && own_console
}

/// Called by `main` after the program's work (the wizard or a command),
/// whether it succeeded or failed: after a double-click, keep the window
/// open with 「Enter キーで閉じます」. Started from a shell, it returns at
/// once; on other platforms it does nothing.
pub fn pause_if_own_console(lang: Lang) {
    #[cfg(windows)]
    {
        use crate::cert::platform::windows::{console_is_own, discard_console_input};
        use std::io::{BufRead, IsTerminal, Write};
        let stdin = std::io::stdin();
        let opted_out = std::env::var_os(NO_PAUSE_ENV).is_some();
        if !should_pause(opted_out, stdin.is_terminal(), console_is_own()) {
            return;
        }
        discard_console_input();
        let mut err = std::io::stderr();
        let _ = write!(
            err,
            "\n{} ",
            crate::i18n::t(lang, "wizard.press_enter_to_close")
        );
        let _ = err.flush();
        let mut line = String::new();
        let _ = stdin.lock().read_line(&mut line);
    }
    #[cfg(not(windows))]
    let _ = lang;
}

/// From `main`, before anything else: a panic prints the Rust message
/// (for the help desk), then a sentence in the person's language (the
/// progress was saved: the wizard's saver flushes in its own hook, which
/// runs before this one), then, with `pause`, waits for Enter in a console
/// that is ours alone: release builds abort on panic, and the window of a
/// double-clicked exe would close with the message in it.
pub fn note_panics(lang: Lang, pause: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        eprintln!("\n{}", crate::i18n::t(lang, "wizard.panic_note"));
        if pause {
            pause_if_own_console(lang);
        }
    }));
}

/// Open a URL in the default browser (Edge on Windows). The error is a
/// sentence for the status line (the OS's own words as detail).
pub fn open_url(url: &str, lang: Lang) -> Result<(), String> {
    use std::process::{Command, Stdio};
    #[cfg(windows)]
    let mut cmd = {
        let _ = lang;
        let mut c = Command::new(crate::cert::fsutil::system_program("explorer.exe"));
        c.arg(url);
        c
    };
    #[cfg(target_os = "macos")]
    let mut cmd = {
        let _ = lang;
        let mut c = Command::new("open");
        c.arg(url);
        c
    };
    #[cfg(all(unix, not(target_os = "macos")))]
    let mut cmd = {
        if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
            return Err(crate::i18n::t(lang, "wizard.no_display").into());
        }
        let mut c = Command::new("xdg-open");
        c.arg(url);
        c
    };
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Open the certificate site in Microsoft Edge, as the help page says
/// (Chapter 2 ①②). On Windows through the `microsoft-edge:` protocol when
/// it has a handler; without one (Edge removed), when that fails, or off
/// Windows, the default browser, with a note.
pub fn open_in_edge(url: &str, lang: Lang) -> Result<Option<&'static str>, String> {
    #[cfg(windows)]
    if crate::cert::platform::windows::registry::url_protocol_registered("microsoft-edge") {
        use std::process::{Command, Stdio};
        let edge = Command::new(crate::cert::fsutil::system_program("explorer.exe"))
            .arg(format!("microsoft-edge:{url}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if edge.is_ok() {
            return Ok(None);
        }
    }
    open_url(url, lang).map(|()| Some("download.opened_default"))
}

/// Tells when the terminal's input has gone: its other end was closed
/// without a SIGHUP reaching us (e.g. the input is not our controlling
/// terminal). crossterm's reader then spins on the hung-up descriptor and
/// never ends its stream, so the event loop treats this as the end of
/// input (saved, as on quitting).
///
/// It does not wake while nothing happens: a thread sleeps in poll(2) on
/// stdin asking for no event at all, and poll reports a hang-up (or an
/// error) unasked. A look every half second woke the runtime twenty times
/// in ten idle seconds (4 to 9 ms of CPU here; docs/PERFORMANCE.md).
/// `tx`'s receiver gets `Ok(())` on a hang-up, and an error when the input
/// cannot be watched (and on Windows, where closing the console is a
/// signal): then nothing is waited for.
pub fn watch_hang_up(tx: tokio::sync::oneshot::Sender<()>) {
    #[cfg(unix)]
    {
        let watch = move || {
            use rustix::event::{PollFd, PollFlags, poll};
            let stdin = std::io::stdin();
            loop {
                let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
                match poll(&mut fds, None) {
                    Ok(_)
                        if fds[0]
                            .revents()
                            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) =>
                    {
                        let _ = tx.send(());
                        return;
                    }
                    Err(rustix::io::Errno::INTR) => {}
                    // Nothing else can wake a poll that asked for nothing;
                    // stop rather than risk spinning.
                    _ => return,
                }
            }
        };
        // No thread, no watch: the sender is dropped and the loop stops
        // waiting for it.
        let _ = std::thread::Builder::new()
            .name("hang-up watch".into())
            .spawn(watch);
    }
    #[cfg(not(unix))]
    drop(tx);
}

/// Put `text` (an ID, say) on the clipboard. On Windows it is kept out
/// of the clipboard history (Win+V) and out of the cloud clipboard that
/// syncs to the user's other devices.
pub fn set_clipboard(c: &mut arboard::Clipboard, text: &str) -> Result<(), arboard::Error> {
    #[cfg(windows)]
    {
        use arboard::SetExtWindows;
        c.set()
            .exclude_from_history()
            .exclude_from_cloud()
            .text(text)
    }
    #[cfg(not(windows))]
    {
        c.set_text(text)
    }
}

#[cfg(test)]
mod tests {
    use super::should_pause;

    #[test]
    fn pauses_only_for_an_own_interactive_console() {
        assert!(should_pause(false, true, true));
        // Started from cmd / PowerShell: the shell shares the console.
        assert!(!should_pause(false, true, false));
        // Input from a pipe or file: nobody to press Enter.
        assert!(!should_pause(false, false, true));
        // Scripts opt out.
        assert!(!should_pause(true, true, true));
    }

    /// An ID copied with F6/F7 carries the formats that keep it out of
    /// the clipboard history (Win+V) and the cloud clipboard; read back
    /// from the clipboard itself (under wine: its clipboard in the wine
    /// server; whether Windows' history honours them is Windows' part).
    #[cfg(windows)]
    #[test]
    fn copied_ids_are_kept_out_of_the_clipboard_history() {
        let mut c = arboard::Clipboard::new().expect("a clipboard");
        super::set_clipboard(&mut c, "REQ7Q2X9K4").unwrap();
        let seen = crate::cert::platform::windows::clipboard_has_formats(&[
            "CanIncludeInClipboardHistory",
            "CanUploadToCloudClipboard",
        ])
        .unwrap();
        assert_eq!(seen, [true, true]);
        assert_eq!(c.get_text().unwrap(), "REQ7Q2X9K4");
    }
}
