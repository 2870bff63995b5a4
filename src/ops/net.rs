//! Net-check: can this PC reach the portal, the download site and the
//! revocation list host (directly or through the proxy it is set to use)?

use crate::cert::net::{CheckResult, NetConfig, check};

pub async fn net_check(cfg: &NetConfig) -> Vec<CheckResult> {
    check(cfg).await
}
