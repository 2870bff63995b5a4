//! Can this PC reach the certificate download site and the CRL host?
//! DNS, TCP/proxy, TLS and HTTP, each with its time, diagnosed in words.
//!
//! The proxy is resolved here, not left to the HTTP library, so that the
//! report can say which proxy was used: `HTTPS_PROXY`/`ALL_PROXY` with
//! `NO_PROXY` from the environment and, on Windows, the system settings
//! (Internet Settings: ProxyEnable, ProxyServer, ProxyOverride). Bypass
//! entries may be `*`, `host`, `.domain`, `*.domain` or `<local>`.

use serde::Serialize;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    pub name: String,
    pub url: String,
}

/// The two places Chapter 2 needs, from `assets/codes.toml`.
pub fn default_targets() -> Vec<Target> {
    let u = &super::codes::codes().urls;
    vec![
        Target {
            name: "download".into(),
            url: u.download.clone(),
        },
        Target {
            name: "crl".into(),
            url: format!("https://{}/", u.crl_host),
        },
    ]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Diagnosis {
    /// An HTTP answer came back over TLS.
    Reachable,
    /// The host name does not resolve (typical of a PC that is not on the
    /// closed network).
    DnsFailed,
    /// Nothing listens, or the network refuses the connection.
    Refused,
    /// The proxy could not be reached or refused to connect onwards.
    ProxyFailed,
    /// TLS handshake or certificate check failed.
    TlsFailed,
    Timeout,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    pub name: String,
    pub url: String,
    pub diagnosis: Diagnosis,
    pub http_status: Option<u16>,
    pub elapsed_ms: u64,
    /// The proxy used, if any.
    pub proxy: Option<String>,
    /// The technical detail (shown one key away).
    pub detail: String,
}

#[derive(Debug, Clone)]
pub struct NetConfig {
    pub targets: Vec<Target>,
    pub timeout: Duration,
    /// Extra trusted roots, DER (tests; a private CA).
    pub extra_roots: Vec<Vec<u8>>,
    /// `Some(Some(url))`: use this proxy; `Some(None)`: no proxy;
    /// `None`: the system's settings.
    pub proxy: Option<Option<String>>,
}

impl Default for NetConfig {
    fn default() -> Self {
        NetConfig {
            targets: default_targets(),
            timeout: Duration::from_secs(10),
            extra_roots: Vec::new(),
            proxy: None,
        }
    }
}

/// The system's proxy settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxySettings {
    pub proxy: Option<String>,
    pub bypass: Vec<String>,
}

impl ProxySettings {
    /// From the environment (and on Windows the Internet Settings when the
    /// environment names none).
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
        let from_env = ProxySettings { proxy, bypass };
        #[cfg(windows)]
        if from_env.proxy.is_none()
            && let Some(reg) = windows_internet_settings()
        {
            return reg;
        }
        from_env
    }

    /// The proxy to use for `host`, honouring the bypass list.
    pub fn for_host(&self, host: &str) -> Option<String> {
        let proxy = self.proxy.clone()?;
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
        Some(if proxy.contains("://") {
            proxy
        } else {
            format!("http://{proxy}")
        })
    }
}

/// Where Internet Options keeps the proxy, under HKEY_CURRENT_USER.
#[cfg(windows)]
const INTERNET_SETTINGS: &str = r"Software\Microsoft\Windows\CurrentVersion\Internet Settings";

/// HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings.
#[cfg(windows)]
fn windows_internet_settings() -> Option<ProxySettings> {
    use super::platform::windows::registry::{read_dword, read_string};
    internet_settings(
        read_dword(INTERNET_SETTINGS, "ProxyEnable")?,
        &read_string(INTERNET_SETTINGS, "ProxyServer")?,
        read_string(INTERNET_SETTINGS, "ProxyOverride").as_deref(),
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
    })
}

fn host_of(url: &str) -> Option<(String, u16)> {
    let u = reqwest::Url::parse(url).ok()?;
    Some((u.host_str()?.to_string(), u.port_or_known_default()?))
}

fn chain_text(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        parts.push(s.to_string());
        cur = s.source();
    }
    parts.join(": ")
}

/// Check every target. Each check is bounded by `timeout`.
pub async fn check(cfg: &NetConfig) -> Vec<CheckResult> {
    let settings = ProxySettings::system();
    let mut out = Vec::new();
    for t in &cfg.targets {
        out.push(check_one(cfg, &settings, t).await);
    }
    out
}

async fn check_one(cfg: &NetConfig, settings: &ProxySettings, t: &Target) -> CheckResult {
    let start = Instant::now();
    let mut result = CheckResult {
        name: t.name.clone(),
        url: t.url.clone(),
        diagnosis: Diagnosis::Other,
        http_status: None,
        elapsed_ms: 0,
        proxy: None,
        detail: String::new(),
    };
    let Some((host, port)) = host_of(&t.url) else {
        result.detail = "not a URL".into();
        return result;
    };
    let proxy = match &cfg.proxy {
        Some(p) => p.clone(),
        None => settings.for_host(&host),
    };
    result.proxy = proxy.clone();
    // Without a proxy this PC resolves the name itself: check DNS first so
    // that "cannot resolve" is told apart from "refused".
    if proxy.is_none() {
        let lookup =
            tokio::time::timeout(cfg.timeout, tokio::net::lookup_host((host.as_str(), port))).await;
        match lookup.map(|r| r.map(|mut a| a.next().is_some())) {
            Ok(Ok(true)) => {}
            Ok(Ok(false)) => {
                result.diagnosis = Diagnosis::DnsFailed;
                result.detail = format!("{host}: no address");
            }
            Ok(Err(e)) => {
                result.diagnosis = Diagnosis::DnsFailed;
                result.detail = format!("{host}: {e}");
            }
            Err(_) => {
                result.diagnosis = Diagnosis::DnsFailed;
                result.detail = format!("{host}: lookup timed out");
            }
        }
        if result.diagnosis == Diagnosis::DnsFailed {
            result.elapsed_ms = start.elapsed().as_millis() as u64;
            return result;
        }
    }
    let mut builder = reqwest::Client::builder()
        .timeout(cfg.timeout)
        .connect_timeout(cfg.timeout)
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("oqscert/", env!("CARGO_PKG_VERSION")));
    if let Some(p) = &proxy {
        match reqwest::Proxy::all(p) {
            Ok(px) => builder = builder.proxy(px),
            Err(e) => {
                result.diagnosis = Diagnosis::ProxyFailed;
                result.detail = format!("proxy {p}: {e}");
                return result;
            }
        }
    }
    for der in &cfg.extra_roots {
        if let Ok(c) = reqwest::Certificate::from_der(der) {
            builder = builder.add_root_certificate(c);
        }
    }
    let client = match builder.build() {
        Ok(c) => c,
        Err(e) => {
            result.detail = chain_text(&e);
            return result;
        }
    };
    match client.get(&t.url).send().await {
        Ok(resp) => {
            result.diagnosis = Diagnosis::Reachable;
            result.http_status = Some(resp.status().as_u16());
            result.detail = format!("HTTP {}", resp.status());
        }
        Err(e) => {
            let text = chain_text(&e);
            let lower = text.to_lowercase();
            result.diagnosis = if e.is_timeout() || lower.contains("timed out") {
                Diagnosis::Timeout
            } else if lower.contains("certificate")
                || lower.contains("tls")
                || lower.contains("handshake")
                || lower.contains("peer")
            {
                Diagnosis::TlsFailed
            } else if proxy.is_some() {
                Diagnosis::ProxyFailed
            } else if e.is_connect() {
                Diagnosis::Refused
            } else {
                Diagnosis::Other
            };
            result.detail = text;
        }
    }
    result.elapsed_ms = start.elapsed().as_millis() as u64;
    result
}

#[cfg(test)]
mod tests;
