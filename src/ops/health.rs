//! Assess-health: the store listed, the backups read and hashed, and the
//! pure `cert::health::assess` over them.

use crate::cert::health::{Health, assess, check_backups};
use crate::cert::progress::Progress;
use crate::cert::store::{CertStore, StoreName};
use time::OffsetDateTime;

/// A store that cannot be read counts as "not checked".
pub fn assess_health(store: &dyn CertStore, p: &Progress, now: OffsetDateTime) -> Health {
    let listed = store.list(&[StoreName::My]).ok();
    let backups = check_backups(&p.backups);
    assess(p, listed.as_deref(), &backups, now)
}
