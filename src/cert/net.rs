//! Can this PC reach the certificate download site and the CRL host?
//! DNS, TCP/proxy, TLS and HTTP, each with its time, diagnosed in words.
//!
//! The proxy is resolved here (`proxy.rs`), not left to the HTTP library,
//! so that the report can say which proxy was used, with its user name and
//! password hidden. Trusted roots: the bundled webpki roots, the operating
//! system's store and `NetConfig::extra_roots`.

use serde::Serialize;
use std::time::{Duration, Instant};

mod proxy;

pub use proxy::{AutoProxy, ProxySettings, proxy_has_credentials, redact_userinfo};
use proxy::{redact_proxy_url, scrub, with_scheme};

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
    /// A direct attempt failed on a PC set to find its proxy automatically
    /// (a script or detection), which this check cannot follow.
    AutoProxy,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    pub name: String,
    pub url: String,
    pub diagnosis: Diagnosis,
    pub http_status: Option<u16>,
    pub elapsed_ms: u64,
    /// The proxy used, if any (user name and password hidden).
    pub proxy: Option<String>,
    /// The automatic proxy configuration the system is set to follow, when
    /// the check followed the system's settings.
    pub auto_proxy: Option<AutoProxy>,
    /// The technical detail (shown one key away; user names and passwords
    /// in URLs hidden).
    pub detail: String,
    /// The server's clock, from its answer's `Date` header: the PC's clock
    /// is compared with it (TLS and a new certificate's start depend on it).
    #[serde(with = "time::serde::rfc3339::option")]
    pub server_time: Option<time::OffsetDateTime>,
}

/// An HTTP date (`Thu, 03 Dec 2026 09:30:00 GMT`, RFC 9110 IMF-fixdate).
pub fn parse_http_date(s: &str) -> Option<time::OffsetDateTime> {
    let f = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    time::PrimitiveDateTime::parse(s.trim(), f)
        .ok()
        .map(|t| t.assume_utc())
}

/// What a TLS failure says when the PC's clock is the likely cause (a
/// certificate "not valid yet" or "expired" for everyone else is rare).
pub fn tls_clock_suspect(detail: &str) -> bool {
    let d = detail.to_ascii_lowercase();
    d.contains("notvalidyet") || d.contains("not valid yet") || d.contains("expired")
}

/// How far the PC's clock may be from the certificate site's before it is
/// said: TLS and a new certificate's "valid from" both depend on it.
pub const CLOCK_TOLERANCE_SECS: i64 = 5 * 60;

/// This PC's clock against the certificate site's, as a check's answers
/// show it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clock {
    /// No answer carried a date (offline, or no `Date` header).
    #[default]
    Unknown,
    /// Within `CLOCK_TOLERANCE_SECS`; the difference in seconds.
    Fine { seconds: i64 },
    /// Off by more: whole minutes, PC minus site (positive: the PC is
    /// ahead), and the site's time.
    Off {
        minutes: i64,
        server: time::OffsetDateTime,
    },
    /// No date, but a secure connection failed the way a wrong clock makes
    /// it fail (the site's certificate "not yet valid" or "expired").
    TlsSuspect,
}

/// Judge the clock from `results` (the first answer with a date), `now`
/// being this PC's time when the check ran.
pub fn clock(results: &[CheckResult], now: time::OffsetDateTime) -> Clock {
    if let Some(server) = results.iter().find_map(|r| r.server_time) {
        let seconds = (now - server).whole_seconds();
        return if seconds.abs() > CLOCK_TOLERANCE_SECS {
            Clock::Off {
                minutes: seconds / 60,
                server,
            }
        } else {
            Clock::Fine { seconds }
        };
    }
    if results
        .iter()
        .any(|r| r.diagnosis == Diagnosis::TlsFailed && tls_clock_suspect(&r.detail))
    {
        Clock::TlsSuspect
    } else {
        Clock::Unknown
    }
}

#[derive(Debug, Clone)]
pub struct NetConfig {
    pub targets: Vec<Target>,
    pub timeout: Duration,
    /// Extra trusted roots, DER (tests; a private CA).
    pub extra_roots: Vec<Vec<u8>>,
    /// `Some(Some(url))`: use this proxy (`host:port` means `http://`);
    /// `Some(None)`: no proxy; `None`: the system's settings.
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
        url: redact_userinfo(&t.url),
        diagnosis: Diagnosis::Other,
        http_status: None,
        elapsed_ms: 0,
        proxy: None,
        auto_proxy: None,
        detail: String::new(),
        server_time: None,
    };
    let Some((host, port)) = host_of(&t.url) else {
        result.detail = "not a URL".into();
        return result;
    };
    let proxy = match &cfg.proxy {
        Some(p) => p.as_deref().map(with_scheme),
        None => settings.for_host(&host),
    };
    // An automatic configuration matters only when the system's settings
    // are followed; `--proxy` and `--no-proxy` set them aside.
    let auto = if cfg.proxy.is_none() {
        settings.auto.clone()
    } else {
        None
    };
    attempt(cfg, t, (host.as_str(), port), proxy.as_deref(), &mut result).await;
    result.diagnosis = with_auto_proxy(result.diagnosis, proxy.as_deref(), auto.as_ref());
    result.detail = scrub(&result.detail, proxy.as_deref());
    result.proxy = proxy.as_deref().map(redact_proxy_url);
    result.auto_proxy = auto;
    result.elapsed_ms = start.elapsed().as_millis() as u64;
    result
}

/// A failed direct attempt on a PC set to find its proxy automatically is
/// most likely that proxy missing, not a name or a firewall problem.
fn with_auto_proxy(d: Diagnosis, proxy: Option<&str>, auto: Option<&AutoProxy>) -> Diagnosis {
    match d {
        Diagnosis::DnsFailed | Diagnosis::Refused | Diagnosis::Timeout
            if proxy.is_none() && auto.is_some() =>
        {
            Diagnosis::AutoProxy
        }
        d => d,
    }
}

/// One request to `t`, its outcome written into `result` (diagnosis, HTTP
/// status and detail; the caller hides credentials and times it).
async fn attempt(
    cfg: &NetConfig,
    t: &Target,
    (host, port): (&str, u16),
    proxy: Option<&str>,
    result: &mut CheckResult,
) {
    // Without a proxy this PC resolves the name itself: check DNS first so
    // that "cannot resolve" is told apart from "refused".
    if proxy.is_none() {
        let lookup = tokio::time::timeout(cfg.timeout, tokio::net::lookup_host((host, port))).await;
        let failed = match lookup.map(|r| r.map(|mut a| a.next().is_some())) {
            Ok(Ok(true)) => None,
            Ok(Ok(false)) => Some(format!("{host}: no address")),
            Ok(Err(e)) => Some(format!("{host}: {e}")),
            Err(_) => Some(format!("{host}: lookup timed out")),
        };
        if let Some(detail) = failed {
            result.diagnosis = Diagnosis::DnsFailed;
            result.detail = detail;
            return;
        }
    }
    let via = match proxy.map(reqwest::Proxy::all).transpose() {
        Ok(via) => via,
        Err(e) => {
            result.diagnosis = Diagnosis::ProxyFailed;
            result.detail = format!(
                "proxy {}: {}",
                proxy.map(redact_proxy_url).unwrap_or_default(),
                chain_text(&e)
            );
            return;
        }
    };
    // The OS store is read when the client is built; should it hold no
    // usable root, check with the bundled ones rather than not at all.
    let (client, note) = match build_client(cfg, via.clone(), true) {
        Ok(c) => (c, None),
        Err(e) => match build_client(cfg, via, false) {
            Ok(c) => (
                c,
                Some(format!("OS certificate store not used: {}", chain_text(&e))),
            ),
            Err(e) => {
                result.detail = chain_text(&e);
                return;
            }
        },
    };
    match client.get(&t.url).send().await {
        Ok(resp) => {
            result.diagnosis = Diagnosis::Reachable;
            result.http_status = Some(resp.status().as_u16());
            result.detail = format!("HTTP {}", resp.status());
            result.server_time = resp
                .headers()
                .get(reqwest::header::DATE)
                .and_then(|v| v.to_str().ok())
                .and_then(parse_http_date);
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
    if let Some(note) = note {
        result.detail = format!("{}; {note}", result.detail);
    }
}

/// An HTTP client for one check: no proxy of its own choosing, no
/// redirects, the time limit, and the trusted roots: the bundled webpki
/// roots, the OS store when `native_roots` (where a network that inspects
/// TLS puts its root) and `extra_roots`.
fn build_client(
    cfg: &NetConfig,
    via: Option<reqwest::Proxy>,
    native_roots: bool,
) -> reqwest::Result<reqwest::Client> {
    let mut builder = reqwest::Client::builder()
        .timeout(cfg.timeout)
        .connect_timeout(cfg.timeout)
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .tls_built_in_webpki_certs(true)
        .tls_built_in_native_certs(native_roots)
        .user_agent(concat!("oqscert/", env!("CARGO_PKG_VERSION")));
    if let Some(px) = via {
        builder = builder.proxy(px);
    }
    for der in &cfg.extra_roots {
        if let Ok(c) = reqwest::Certificate::from_der(der) {
            builder = builder.add_root_certificate(c);
        }
    }
    builder.build()
}

#[cfg(test)]
mod tests;
