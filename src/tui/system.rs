//! Small facts and actions of the machine the wizard runs on.

use crate::i18n::Lang;

/// This computer's name: the default 端末名称.
pub fn computer_name() -> String {
    if let Some(n) = std::env::var_os("COMPUTERNAME").filter(|n| !n.is_empty()) {
        return n.to_string_lossy().into_owned();
    }
    std::fs::read_to_string("/etc/hostname")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// Open a URL in the default browser (Edge on Windows). The error is a
/// sentence for the status line (the OS's own words as detail).
pub fn open_url(url: &str, lang: Lang) -> Result<(), String> {
    use std::process::{Command, Stdio};
    #[cfg(windows)]
    let mut cmd = {
        let _ = lang;
        let mut c = Command::new("explorer.exe");
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
