//! Chapter 3's install: who will own the certificate, and install-or-verify
//! (running the chapter again on a machine that already has the
//! certificate verifies it instead of importing twice).

use super::error::Result;
use super::password::Password;
use super::pfx::{Bundle, normalize_thumbprint, thumbprint_grouped};
use super::store::{
    CertStore, InstallOptions, InstallReport, StoreName, Verification, ignored_roots,
    open_for_install, plan_placement, rejected_certs,
};
use serde::Serialize;

/// Who will own the certificate: the user running oqscert, against the
/// account OQS runs under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Owner {
    /// Empty when the name could not be read.
    pub current_user: String,
    pub oqs_account: String,
}

impl Owner {
    /// Windows account names are case-insensitive. An unknown current user
    /// is not a match: the screen then asks the user to check.
    pub fn matches(&self) -> bool {
        !self.current_user.is_empty() && self.current_user.eq_ignore_ascii_case(&self.oqs_account)
    }
}

/// The name of the user this process runs as.
pub fn current_user() -> String {
    #[cfg(windows)]
    {
        super::platform::windows::current_user_name().unwrap_or_default()
    }
    #[cfg(not(windows))]
    {
        std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .unwrap_or_default()
    }
}

/// This computer's name (Windows: COMPUTERNAME; elsewhere /etc/hostname).
pub fn computer_name() -> String {
    if let Some(n) = std::env::var_os("COMPUTERNAME").filter(|n| !n.is_empty()) {
        return n.to_string_lossy().into_owned();
    }
    std::fs::read_to_string("/etc/hostname")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// The owner check for a profile: its OQS account, or the default from
/// `codes.toml` when the profile names none.
pub fn owner(profile_oqs_account: &str) -> Owner {
    let oqs = if profile_oqs_account.trim().is_empty() {
        super::codes::codes().windows.oqs_account.clone()
    } else {
        profile_oqs_account.trim().to_string()
    };
    Owner {
        current_user: current_user(),
        oqs_account: oqs,
    }
}

/// Install the file unless every check already passes for its
/// certificate; either way, return the checks. The file is opened with our
/// own code first, so a wrong password fails before the store is touched.
///
/// Anything short of all checks passing goes through the store's install
/// again, which adds only what is missing: a leaf already in MY whose root
/// was refused at Windows' prompt gets its root on the next run instead of
/// "already installed" for ever.
pub fn install_or_verify(
    store: &dyn CertStore,
    pfx: &[u8],
    password: &Password,
    options: &InstallOptions,
) -> Result<InstallReport> {
    let bundle = open_for_install(pfx, password)?;
    let thumb = normalize_thumbprint(&bundle.leaf.info.sha1_thumbprint);
    let existing = store.verify(&thumb)?;
    if existing.all_ok() {
        return Ok(InstallReport {
            leaf: bundle.leaf.info.clone(),
            placements: Vec::new(),
            already_installed: true,
            root_added: false,
            ignored: ignored_roots(&bundle),
            rejected: rejected_certs(&bundle),
            verification: existing,
        });
    }
    store.install(pfx, password, options)
}

/// The roots the install will put into Root, before it runs: each one's
/// name (CN, else the whole subject) and its SHA-1 thumbprint grouped as
/// Windows' security warning shows it, so the screen can tell the person
/// which warning to expect and what to compare. Pure: the store is not
/// asked whether a root is already there.
pub fn roots_to_add(bundle: &Bundle) -> Vec<(String, String)> {
    plan_placement(bundle)
        .into_iter()
        .filter(|(_, store)| *store == StoreName::Root)
        .map(|(c, _)| {
            let name = c
                .info
                .subject_cn
                .clone()
                .unwrap_or_else(|| c.info.subject.clone());
            (name, thumbprint_grouped(&c.info.sha1_thumbprint))
        })
        .collect()
}

/// One check of `Verification` that failed, for the screen to name it and
/// say what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    InMy,
    HasPrivateKey,
    KeySigns,
    ChainComplete,
    ValidNow,
}

impl Check {
    pub const ALL: [Check; 5] = [
        Check::InMy,
        Check::HasPrivateKey,
        Check::KeySigns,
        Check::ChainComplete,
        Check::ValidNow,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Check::InMy => "in_my",
            Check::HasPrivateKey => "has_private_key",
            Check::KeySigns => "key_signs",
            Check::ChainComplete => "chain_complete",
            Check::ValidNow => "valid_now",
        }
    }

    pub fn passed(self, v: &Verification) -> bool {
        match self {
            Check::InMy => v.in_my,
            Check::HasPrivateKey => v.has_private_key,
            Check::KeySigns => v.key_signs == super::pfx::KeyMatch::Matches,
            Check::ChainComplete => v.chain_complete,
            Check::ValidNow => v.valid_now,
        }
    }
}

#[cfg(test)]
mod tests;
