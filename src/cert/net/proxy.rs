//! Which proxy this PC is set to use, and proxy URLs made safe to show.
//!
//! Sources: `HTTPS_PROXY`/`ALL_PROXY` with `NO_PROXY` from the environment
//! and, on Windows, the system settings (Internet Settings: ProxyEnable,
//! ProxyServer, ProxyOverride; AutoConfigURL and the flags of
//! Connections\DefaultConnectionSettings for an automatic configuration).
//! Bypass entries may be `*`, `host`, `.domain`, `*.domain` or `<local>`.
//! The parsing takes the raw values, so it is tested on every platform.

use serde::Serialize;

/// The system's proxy settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxySettings {
    pub proxy: Option<String>,
    pub bypass: Vec<String>,
    /// An automatic configuration the system is set to follow (Windows).
    pub auto: Option<AutoProxy>,
}

/// An automatic proxy configuration: the check cannot follow it (it would
/// have to run the script or search the network), so it says so instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AutoProxy {
    /// "Use setup script": the address of the proxy auto-config (PAC)
    /// script, its user name and password hidden.
    Script { url: String },
    /// "Automatically detect settings" (WPAD).
    Detect,
}

impl ProxySettings {
    /// From the environment (and on Windows the Internet Settings when the
    /// environment names no proxy; an automatic configuration in any case).
    pub fn system() -> ProxySettings {
        let env = |k: &str| {
            std::env::var(k)
                .ok()
                .or_else(|| std::env::var(k.to_lowercase()).ok())
                .filter(|v| !v.trim().is_empty())
        };
        let proxy = env("HTTPS_PROXY").or_else(|| env("ALL_PROXY"));
        let bypass = env("NO_PROXY")
            .map(|v| v.split([',', ';']).map(|s| s.trim().to_string()).collect())
            .unwrap_or_default();
        with_os_settings(ProxySettings {
            proxy,
            bypass,
            auto: None,
        })
    }

    /// The proxy to use for `host`, honouring the bypass list.
    pub fn for_host(&self, host: &str) -> Option<String> {
        let proxy = self.proxy.as_deref()?;
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        for entry in &self.bypass {
            let e = entry.trim().to_ascii_lowercase();
            if e.is_empty() {
                continue;
            }
            let hit = match e.as_str() {
                "*" => true,
                // Windows: names without a dot are local.
                "<local>" => !host.contains('.'),
                _ => {
                    let suffix = e.trim_start_matches('*').trim_start_matches('.');
                    host == suffix || host.ends_with(&format!(".{suffix}"))
                }
            };
            if hit {
                return None;
            }
        }
        Some(with_scheme(proxy))
    }
}

/// `host:port` as `http://host:port`, as Windows and most tools mean it.
pub(super) fn with_scheme(proxy: &str) -> String {
    if proxy.contains("://") {
        proxy.to_string()
    } else {
        format!("http://{proxy}")
    }
}

/// Linux and macOS: the environment only (no automatic configuration).
#[cfg(not(windows))]
fn with_os_settings(from_env: ProxySettings) -> ProxySettings {
    from_env
}

/// Windows: the Internet Settings proxy when the environment names none,
/// and the automatic configuration whichever proxy is used.
#[cfg(windows)]
fn with_os_settings(from_env: ProxySettings) -> ProxySettings {
    let manual = if from_env.proxy.is_none() {
        windows_internet_settings()
    } else {
        None
    };
    ProxySettings {
        auto: windows_auto_proxy(),
        ..manual.unwrap_or(from_env)
    }
}

/// Where Internet Options keeps the proxy, under HKEY_CURRENT_USER.
#[cfg(windows)]
const INTERNET_SETTINGS: &str = r"Software\Microsoft\Windows\CurrentVersion\Internet Settings";

/// Where the checkboxes of the LAN settings dialog are kept (binary).
#[cfg(windows)]
const CONNECTIONS: &str =
    r"Software\Microsoft\Windows\CurrentVersion\Internet Settings\Connections";

/// HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings.
#[cfg(windows)]
fn windows_internet_settings() -> Option<ProxySettings> {
    use crate::cert::platform::windows::registry::{read_dword, read_string};
    internet_settings(
        read_dword(INTERNET_SETTINGS, "ProxyEnable")?,
        &read_string(INTERNET_SETTINGS, "ProxyServer")?,
        read_string(INTERNET_SETTINGS, "ProxyOverride").as_deref(),
    )
}

/// AutoConfigURL and Connections\DefaultConnectionSettings.
#[cfg(windows)]
fn windows_auto_proxy() -> Option<AutoProxy> {
    use crate::cert::platform::windows::registry::{read_binary, read_string};
    auto_proxy(
        read_string(INTERNET_SETTINGS, "AutoConfigURL").as_deref(),
        read_binary(CONNECTIONS, "DefaultConnectionSettings").as_deref(),
    )
}

/// Windows' Internet Settings values as proxy settings: ProxyServer is
/// "host:port" or "http=h:p;https=h:p" (the https entry wins), ProxyOverride
/// a ';' list (`*.obn.managedpki.ne.jp;<local>`).
// Used on Windows only; kept on every platform so its parsing is tested.
#[cfg_attr(not(windows), allow(dead_code))]
fn internet_settings(enable: u32, server: &str, bypass: Option<&str>) -> Option<ProxySettings> {
    if enable == 0 || server.trim().is_empty() {
        return None;
    }
    let proxy = server
        .split(';')
        .find_map(|p| p.strip_prefix("https="))
        .or_else(|| server.split(';').find(|p| !p.contains('=')))
        .unwrap_or(server)
        .trim()
        .to_string();
    let bypass = bypass
        .map(|v| {
            v.split(';')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Some(ProxySettings {
        proxy: Some(proxy),
        bypass,
        auto: None,
    })
}

/// Flags in byte 8 of DefaultConnectionSettings (the low byte of a
/// little-endian DWORD): the LAN settings dialog's checkboxes.
#[cfg_attr(not(windows), allow(dead_code))]
const FLAG_SCRIPT: u8 = 0x04;
#[cfg_attr(not(windows), allow(dead_code))]
const FLAG_DETECT: u8 = 0x08;

/// The automatic configuration from the AutoConfigURL value (`script`) and
/// the DefaultConnectionSettings bytes (`connection`). The flags decide
/// when present (they are what Windows follows; the script address is also
/// kept in the bytes); without them a script address alone counts, as a
/// group policy may set only that. A script wins over detection, as it is
/// the more specific of the two.
// Used on Windows only; kept on every platform so its parsing is tested.
#[cfg_attr(not(windows), allow(dead_code))]
fn auto_proxy(script: Option<&str>, connection: Option<&[u8]>) -> Option<AutoProxy> {
    let script = script
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| connection.and_then(script_in_connection));
    let as_script = |url: String| AutoProxy::Script {
        url: redact_proxy_url(&url),
    };
    let Some(&flags) = connection.and_then(|c| c.get(8)) else {
        return script.map(as_script);
    };
    match script {
        Some(url) if flags & FLAG_SCRIPT != 0 => Some(as_script(url)),
        _ if flags & FLAG_DETECT != 0 => Some(AutoProxy::Detect),
        _ => None,
    }
}

/// The script address inside DefaultConnectionSettings: after version,
/// counter and flags (3 DWORDs) come length-prefixed strings: the proxy
/// server, the bypass list, then the script address.
#[cfg_attr(not(windows), allow(dead_code))]
fn script_in_connection(bytes: &[u8]) -> Option<String> {
    let (_, at) = length_prefixed(bytes, 12)?;
    let (_, at) = length_prefixed(bytes, at)?;
    let (url, _) = length_prefixed(bytes, at)?;
    let url = String::from_utf8_lossy(url).trim().to_string();
    (!url.is_empty()).then_some(url)
}

/// The bytes of a field with a little-endian u32 length at `at`, and the
/// offset after it; `None` when the field runs past the end.
#[cfg_attr(not(windows), allow(dead_code))]
fn length_prefixed(bytes: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let len: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
    let start = at + 4;
    let end = start.checked_add(usize::try_from(u32::from_le_bytes(len)).ok()?)?;
    Some((bytes.get(start..end)?, end))
}

/// `text` with the user name and password of every `scheme://user:pass@`
/// URL in it replaced by `***` (error messages may echo a proxy URL). The
/// host part ends at white space, `/`, `?` or `#`; the last `@` before that
/// ends the user part, so an unescaped `@` in a password is covered too.
pub fn redact_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '/' | '?' | '#' | '"' | '<' | '>'))
            .unwrap_or(tail.len());
        match tail[..end].rfind('@') {
            Some(at) => {
                out.push_str("***");
                rest = &tail[at..];
            }
            None => rest = tail,
        }
    }
    out.push_str(rest);
    out
}

/// The user name and password of a proxy URL (or `user:pass@host:port`),
/// when it has any: everything before its last `@`.
fn userinfo(proxy: &str) -> Option<&str> {
    let tail = proxy.find("://").map_or(proxy, |i| &proxy[i + 3..]);
    tail.rfind('@').map(|at| &tail[..at])
}

/// Whether a proxy URL carries a user name or password.
pub fn proxy_has_credentials(proxy: &str) -> bool {
    userinfo(proxy).is_some_and(|u| !u.is_empty())
}

/// One proxy URL as it may be shown: everything before its last `@` is
/// hidden, even characters that would end a URL's host part in free text.
pub(super) fn redact_proxy_url(proxy: &str) -> String {
    match userinfo(proxy) {
        Some(user) => {
            let head = proxy.find("://").map_or(0, |i| i + 3);
            format!("{}***{}", &proxy[..head], &proxy[head + user.len()..])
        }
        None => proxy.to_string(),
    }
}

/// A detail text safe to show: the known proxy's user part removed word
/// for word (however it is spelled), then every URL's user part.
pub(super) fn scrub(text: &str, proxy: Option<&str>) -> String {
    match proxy.and_then(userinfo).filter(|u| !u.is_empty()) {
        Some(user) => redact_userinfo(&text.replace(user, "***")),
        None => redact_userinfo(text),
    }
}

#[cfg(test)]
mod tests;
