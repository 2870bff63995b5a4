//! Net-check: can this PC reach the portal, the download site and the
//! revocation list host (directly or through the proxy it is set to use)?

use crate::cert::net::{CheckResult, NetConfig, Target, check};

pub async fn net_check(cfg: &NetConfig) -> Vec<CheckResult> {
    check(cfg).await
}

/// What the wizard checks (2-6, 3-3's clock, the self-test screen): the
/// certificate site and the revocation host. In debug builds only, the
/// end-to-end tests point it at a server of their own whose `Date` they
/// choose (`OQSCERT_TEST_NET_URL`, and its CA's DER in
/// `OQSCERT_TEST_NET_CA`), with no proxy: the journey's clock check is
/// then tested against a real answer. A release build ignores both.
pub fn wizard_config() -> NetConfig {
    let mut cfg = NetConfig::default();
    if cfg!(debug_assertions)
        && let Some(url) = std::env::var_os("OQSCERT_TEST_NET_URL")
    {
        cfg.targets = vec![Target {
            name: "download".into(),
            url: url.to_string_lossy().into_owned(),
        }];
        cfg.proxy = Some(None);
        if let Some(der) = std::env::var_os("OQSCERT_TEST_NET_CA").and_then(|p| {
            crate::cert::fsutil::read_limited(std::path::Path::new(&p), 64 * 1024).ok()
        }) {
            cfg.extra_roots.push(der);
        }
    }
    cfg
}
