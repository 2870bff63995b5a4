//! The secrets of Chapter 2 (the 4-digit password, the リクエストID and
//! リファレンスID) in the OS credential store: Windows Credential Manager,
//! the Secret Service on Linux (gnome-keyring, KWallet). Service `oqscert`,
//! one entry per profile. Nowhere else: never in the progress file, logs,
//! `Debug` output or panics; in memory only in zeroize-on-drop types.

use super::error::{Error, Result};
use super::password::Password;
use super::sanitize::to_half_width;
use std::fmt;
use zeroize::Zeroizing;

pub const SERVICE: &str = "oqscert";
const FORMAT: &str = "oqscert-v1";

/// Why a typed ID was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdProblem {
    Empty,
    TooLong,
    /// A character that cannot be in an ID (reported by position only:
    /// the ID itself is a secret).
    BadChar {
        pos: usize,
    },
}

/// Clean a リクエストID / リファレンスID as typed: full-width letters and
/// digits become half-width, spaces (also inside) are dropped. Their exact
/// format is not known, so anything plausible is accepted: ASCII letters,
/// digits, `-` and `_`, up to 64 characters.
pub fn normalize_id(typed: &str) -> std::result::Result<Zeroizing<String>, IdProblem> {
    let half = to_half_width(typed);
    let mut out = Zeroizing::new(String::with_capacity(half.len()));
    for (i, c) in half.chars().enumerate() {
        match c {
            c if c.is_whitespace() => {}
            // Dashes of every width, as typed or pasted.
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}' | '-' => out.push('-'),
            c if c.is_ascii_alphanumeric() || c == '_' => out.push(c),
            _ => return Err(IdProblem::BadChar { pos: i + 1 }),
        }
    }
    if out.is_empty() {
        return Err(IdProblem::Empty);
    }
    if out.len() > 64 {
        return Err(IdProblem::TooLong);
    }
    Ok(out)
}

/// The IDs from the mailed 電子証明書発行通知書.
#[derive(Clone, PartialEq, Eq)]
pub struct NoticeIds {
    request_id: Zeroizing<String>,
    reference_id: Zeroizing<String>,
}

impl NoticeIds {
    pub fn new(request_id: &str, reference_id: &str) -> std::result::Result<Self, IdProblem> {
        Ok(NoticeIds {
            request_id: normalize_id(request_id)?,
            reference_id: normalize_id(reference_id)?,
        })
    }

    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    pub fn reference_id(&self) -> &str {
        &self.reference_id
    }
}

impl fmt::Debug for NoticeIds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NoticeIds(<redacted>)")
    }
}

/// What is kept for a profile.
#[derive(Clone, PartialEq, Eq)]
pub struct Secrets {
    pub ids: NoticeIds,
    pub password: Password,
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secrets(<redacted>)")
    }
}

impl Secrets {
    fn encode(&self) -> Zeroizing<String> {
        Zeroizing::new(format!(
            "{FORMAT}\t{}\t{}\t{}",
            self.ids.request_id(),
            self.ids.reference_id(),
            self.password.expose()
        ))
    }

    fn decode(s: &str) -> Option<Secrets> {
        let mut it = s.split('\t');
        if it.next()? != FORMAT {
            return None;
        }
        let ids = NoticeIds::new(it.next()?, it.next()?).ok()?;
        let password = Password::new(it.next()?);
        Some(Secrets { ids, password })
    }
}

fn store_error(e: keyring::Error) -> Error {
    // The message of a platform error names the backend, never the secret.
    Error::NoCredentialStore(e.to_string())
}

/// Where the secrets went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The OS credential store: Windows Credential Manager, the Secret
    /// Service (GNOME Keyring, KWallet) on Linux.
    OsStore,
    /// Linux kernel key retention (keyutils), when no Secret Service
    /// answers: kept in the user's persistent keyring, which the kernel
    /// expires after some days of not being used.
    KernelKeyring,
}

/// The OS credential store entry of one profile of one data folder.
///
/// The entry's account is `<profile>@<home id>` (`cert::home::home_id`,
/// a random id kept in the data folder): a vendor's clinics in separate
/// data folders may all have a profile named "default", and each keeps
/// its own password. Entries written before were keyed by the profile
/// alone (`legacy`): found there, one is moved to the new account on the
/// first load (copied, then removed from the old name: it then belongs
/// to the first data folder that asks, not to every folder that has a
/// profile of that name, which was the bug this keying fixes).
#[derive(Debug, Clone)]
pub struct SecretStore {
    account: String,
    legacy: Option<String>,
}

/// An error that means "this store is not there", as opposed to "there is
/// no entry" or "the entry is unusable".
fn unavailable(e: &keyring::Error) -> bool {
    matches!(
        e,
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_)
    )
}

impl SecretStore {
    /// The entry of `profile` in the data folder `home` (its id is made
    /// on first use).
    pub fn new(home: &std::path::Path, profile: &str) -> Result<Self> {
        let id = super::home::home_id(home)?;
        Ok(SecretStore {
            account: format!("{profile}@{id}"),
            legacy: Some(profile.to_string()),
        })
    }

    /// An entry by its account name alone (tests).
    pub fn with_account(account: &str) -> Self {
        SecretStore {
            account: account.to_string(),
            legacy: None,
        }
    }

    fn legacy(&self) -> Option<SecretStore> {
        self.legacy.as_deref().map(SecretStore::with_account)
    }

    fn entry(&self) -> std::result::Result<keyring::Entry, keyring::Error> {
        keyring::Entry::new(SERVICE, &self.account)
    }

    /// The kernel keyring entry (Linux only): the fallback.
    #[cfg(target_os = "linux")]
    fn kernel_entry(&self) -> std::result::Result<keyring::Entry, keyring::Error> {
        let cred =
            keyring::keyutils::KeyutilsCredential::new_with_target(None, SERVICE, &self.account)?;
        Ok(keyring::Entry::new_with_credential(Box::new(cred)))
    }

    #[cfg(not(target_os = "linux"))]
    fn kernel_entry(&self) -> std::result::Result<keyring::Entry, keyring::Error> {
        Err(keyring::Error::NoStorageAccess(
            "no kernel keyring on this system".into(),
        ))
    }

    /// Both stores failed: say what each said (never the secret).
    fn both_failed(first: keyring::Error, second: keyring::Error) -> Error {
        Error::NoCredentialStore(format!("{first}; kernel keyring: {second}"))
    }

    pub fn save(&self, secrets: &Secrets) -> Result<Backend> {
        let value = Zeroizing::new(secrets.encode());
        let first = match self.entry().and_then(|e| e.set_password(&value)) {
            Ok(()) => return Ok(Backend::OsStore),
            Err(e) if unavailable(&e) => e,
            Err(e) => return Err(store_error(e)),
        };
        match self.kernel_entry().and_then(|e| e.set_password(&value)) {
            Ok(()) => Ok(Backend::KernelKeyring),
            Err(second) => Err(Self::both_failed(first, second)),
        }
    }

    /// `Ok(None)`: a store works but holds nothing for this profile. An
    /// entry under the profile's name alone (written by an older version)
    /// is moved to this entry's account.
    pub fn load(&self) -> Result<Option<Secrets>> {
        let found = self.load_own()?;
        if found.is_some() {
            return Ok(found);
        }
        let Some(old) = self.legacy() else {
            return Ok(None);
        };
        let found = old.load_own()?;
        if let Some(s) = &found
            && self.save(s).is_ok()
        {
            let _ = old.delete_own();
        }
        Ok(found)
    }

    fn load_own(&self) -> Result<Option<Secrets>> {
        let decode = |s: String| {
            let s = Zeroizing::new(s);
            Secrets::decode(&s)
        };
        let first = match self.entry().and_then(|e| e.get_password()) {
            Ok(s) => return Ok(decode(s)),
            Err(keyring::Error::NoEntry) => None,
            Err(e) if unavailable(&e) => Some(e),
            Err(e) => return Err(store_error(e)),
        };
        // The kernel keyring: where a save fell back to when the OS store
        // did not answer.
        match (self.kernel_entry().and_then(|e| e.get_password()), first) {
            (Ok(s), _) => Ok(decode(s)),
            (Err(_), None) => Ok(None),
            (Err(keyring::Error::NoEntry), Some(_)) => Ok(None),
            (Err(second), Some(first)) => Err(Self::both_failed(first, second)),
        }
    }

    /// Remove the entry (and an older one under the profile's name alone)
    /// from both stores; `Ok(false)` if there was none.
    pub fn delete(&self) -> Result<bool> {
        let own = self.delete_own()?;
        let old = match self.legacy() {
            Some(old) => old.delete_own()?,
            None => false,
        };
        Ok(own || old)
    }

    fn delete_own(&self) -> Result<bool> {
        let first = match self.entry().and_then(|e| e.delete_credential()) {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) if unavailable(&e) => Err(e),
            Err(e) => return Err(store_error(e)),
        };
        let kernel = self.kernel_entry().and_then(|e| e.delete_credential());
        match (first, kernel) {
            (Ok(found), k) => Ok(found || k.is_ok()),
            (Err(_), Ok(())) => Ok(true),
            (Err(_), Err(keyring::Error::NoEntry)) => Ok(false),
            (Err(first), Err(second)) => Err(Self::both_failed(first, second)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_normalised_and_checked() {
        assert_eq!(&*normalize_id(" ＡＢ１２－３４ ").unwrap(), "AB12-34");
        assert_eq!(&*normalize_id("ab 12\u{3000}cd").unwrap(), "ab12cd");
        assert_eq!(normalize_id("  "), Err(IdProblem::Empty));
        assert_eq!(normalize_id("ab!c"), Err(IdProblem::BadChar { pos: 3 }));
        assert_eq!(normalize_id(&"a".repeat(65)), Err(IdProblem::TooLong));
    }

    #[test]
    fn debug_is_redacted() {
        let s = Secrets {
            ids: NoticeIds::new("REQ12345", "REF67890").unwrap(),
            password: Password::new("2468"),
        };
        let d = format!("{s:?} {:?}", s.ids);
        for secret in ["REQ12345", "REF67890", "2468"] {
            assert!(!d.contains(secret), "{d}");
        }
        let back = Secrets::decode(&s.encode()).unwrap();
        assert_eq!(back, s);
    }

    /// Against the real OS store: Secret Service (scripts/test.sh runs the
    /// suite inside dbus-run-session with an unlocked gnome-keyring and sets
    /// OQSCERT_REQUIRE_KEYRING=1) or Windows Credential Manager (wine).
    #[test]
    fn round_trip_through_the_os_credential_store() {
        let required = cfg!(windows) || std::env::var_os("OQSCERT_REQUIRE_KEYRING").is_some();
        let profile = format!("test-{}", std::process::id());
        let store = SecretStore::with_account(&profile);
        let secrets = Secrets {
            ids: NoticeIds::new("ＲＥＱ－０００１２３", "REF-998877").unwrap(),
            password: Password::new("０４２７"),
        };
        match store.save(&secrets) {
            Ok(b) => assert!(
                b == Backend::OsStore || !required,
                "fell back to {b:?} with a store required"
            ),
            Err(e) if !required => {
                eprintln!("no credential store here ({e}); run scripts/test.sh");
                return;
            }
            Err(e) => panic!("credential store: {e}"),
        }
        // A second handle (as after a restart) sees it.
        let loaded = SecretStore::with_account(&profile).load().unwrap().unwrap();
        assert_eq!(loaded.ids.request_id(), "REQ-000123");
        assert_eq!(loaded.ids.reference_id(), "REF-998877");
        assert_eq!(loaded.password.expose(), "0427");
        assert!(store.delete().unwrap());
        assert!(store.load().unwrap().is_none());
        assert!(!store.delete().unwrap());
    }

    /// Two data folders (a vendor's two clinics), each with a profile
    /// named "default": each keeps its own password. An entry an older
    /// version wrote under the profile's name alone is found, copied to
    /// the folder's own entry, and removed by `delete`.
    #[test]
    fn each_data_folder_keeps_its_own_secrets() {
        let required = cfg!(windows) || std::env::var_os("OQSCERT_REQUIRE_KEYRING").is_some();
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let profile = format!("clinic-{}", std::process::id());
        let secrets = |pw: &str| Secrets {
            ids: NoticeIds::new("REQ7Q2X9K4", "REF3M8P1Z6").unwrap(),
            password: Password::new(pw),
        };
        let sa = SecretStore::new(a.path(), &profile).unwrap();
        let sb = SecretStore::new(b.path(), &profile).unwrap();
        match sa.save(&secrets("1111")) {
            Ok(_) => {}
            Err(e) if !required => {
                eprintln!("no credential store here ({e}); run scripts/test.sh");
                return;
            }
            Err(e) => panic!("credential store: {e}"),
        }
        sb.save(&secrets("2222")).unwrap();
        // Again from the folders, as another run would.
        let load = |h: &std::path::Path| {
            SecretStore::new(h, &profile)
                .unwrap()
                .load()
                .unwrap()
                .unwrap()
                .password
                .expose()
                .to_string()
        };
        assert_eq!(load(a.path()), "1111");
        assert_eq!(load(b.path()), "2222");
        assert!(sa.delete().unwrap() && sb.delete().unwrap());

        // An older version's entry, under the profile's name alone: moved
        // to the first folder that asks, and only there.
        let old = SecretStore::with_account(&profile);
        old.save(&secrets("3333")).unwrap();
        assert_eq!(load(a.path()), "3333");
        assert!(old.load().unwrap().is_none(), "the old entry was moved");
        assert!(sb.load().unwrap().is_none());
        assert_eq!(load(a.path()), "3333");
        assert!(sa.delete().unwrap());
        assert!(sa.load().unwrap().is_none());
    }
}
