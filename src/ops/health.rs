//! Assess-health: the store listed, the backups read and hashed, and the
//! pure `cert::health::assess` over them.

use crate::cert::health::{BackupState, Health, assess, check_backups};
use crate::cert::progress::Progress;
use crate::cert::store::{CertStore, StoreName, StoredCert};
use time::OffsetDateTime;

/// A store that cannot be read counts as "not checked".
pub fn assess_health(store: &dyn CertStore, p: &Progress, now: OffsetDateTime) -> Health {
    let listed = store.list(&[StoreName::My]).ok();
    let backups = check_backups(&p.backups);
    assess(p, listed.as_deref(), &backups, now)
}

/// The same without looking at the backups (the stick that holds them is
/// out): each is "not connected", which raises no alert. A folder store
/// (off Windows) is in the data folder on that stick too: not looked at.
pub fn assess_health_without_backups(
    store: &dyn CertStore,
    p: &Progress,
    now: OffsetDateTime,
) -> Health {
    let listed = (store.kind() != crate::cert::store::StoreKind::Folder)
        .then(|| store.list(&[StoreName::My]).ok())
        .flatten();
    let backups = vec![BackupState::NotConnected; p.backups.len()];
    assess(p, listed.as_deref(), &backups, now)
}

/// The client certificates with a key in the personal store (MY): what
/// the pre-check's first question shows.
pub fn client_certificates(store: &dyn CertStore) -> Result<Vec<StoredCert>, crate::cert::Error> {
    Ok(store
        .list(&[StoreName::My])?
        .into_iter()
        .filter(|c| c.has_private_key && c.info.client_auth)
        .collect())
}
