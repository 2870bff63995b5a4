//! The contract every `CertStore` must meet, run against `FileStore` on
//! Linux and against the real `WindowsStore` under wine. One function, run
//! sequentially: the Windows store is the real current-user store.

use super::{CertStore, InstallOptions, StoreName};
use crate::cert::error::Error;
use crate::cert::password::Password;
use crate::cert::pfx::{self, KeyMatch};
use std::path::Path;

pub struct FixtureFile {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    pub password: String,
    /// SHA-1 of the issuing CA's own DER, taken from the fixture's maker
    /// (not from our parse of the file): what must be in Root afterwards.
    pub ca_sha1: String,
}

/// Two PKCS#12 files of different keys: a modern (AES) one and a legacy
/// (OpenSSL -legacy: RC2-40 + 3DES, SHA-1 MAC) one.
///
/// On Unix they are generated now (rcgen + p12-keystore, and the openssl
/// CLI). Under wine there is no openssl CLI and CryptoAPI signs only with
/// RSA keys, so `scripts/windows-test.sh` generates RSA files with
/// OpenSSL on the Linux side and names their folder in
/// `OQSCERT_TEST_FIXTURES`.
pub fn fixture_files() -> (FixtureFile, FixtureFile) {
    if let Some(dir) = std::env::var_os("OQSCERT_TEST_FIXTURES") {
        let dir = std::path::PathBuf::from(dir);
        let read = |n: &str| std::fs::read(dir.join(n)).unwrap_or_else(|e| panic!("{n}: {e}"));
        let ca_pem = read("ca.pem");
        let (_, ca) = x509_parser::pem::parse_x509_pem(&ca_pem).expect("ca.pem");
        let ca_sha1 = pfx::sha1_thumbprint(&ca.contents);
        return (
            FixtureFile {
                name: "rsa-modern",
                bytes: read("rsa-modern.p12"),
                password: "1234".into(),
                ca_sha1: ca_sha1.clone(),
            },
            FixtureFile {
                name: "rsa-legacy",
                bytes: read("rsa-legacy.p12"),
                password: "1234".into(),
                ca_sha1,
            },
        );
    }
    #[cfg(not(unix))]
    panic!(
        "set OQSCERT_TEST_FIXTURES (scripts/windows-test.sh does) to run the store contract here"
    );
    #[cfg(unix)]
    {
        use crate::cert::pfx::fixtures::{Identity, IdentitySpec};
        let a = Identity::new(&IdentitySpec::default());
        let b = Identity::new(&IdentitySpec {
            cn: "テスト歯科医院 受付2号機".into(),
            ..Default::default()
        });
        let legacy = b
            .pkcs12_openssl_legacy("1234")
            .unwrap_or_else(|| b.pkcs12_3des("1234"));
        // OpenSSL's default (AES-256, PBKDF2) when its CLI is here: a
        // file our own writer did not make.
        let modern = a
            .pkcs12_openssl_default("1234")
            .unwrap_or_else(|| a.pkcs12_modern("1234"));
        (
            FixtureFile {
                name: "ec-modern",
                bytes: modern,
                password: "1234".into(),
                ca_sha1: pfx::sha1_thumbprint(&a.ca_der),
            },
            FixtureFile {
                name: "ec-legacy",
                bytes: legacy,
                password: "1234".into(),
                ca_sha1: pfx::sha1_thumbprint(&b.ca_der),
            },
        )
    }
}

/// The certificates of `f` with no key, as a PKCS#12.
fn certs_only(f: &FixtureFile) -> Vec<u8> {
    use p12_keystore::{Certificate, KeyStore, KeyStoreEntry};
    let b = pfx::open(&f.bytes, &Password::new(&f.password)).unwrap();
    let mut ks = KeyStore::new();
    for (i, c) in std::iter::once(&b.leaf).chain(b.chain.iter()).enumerate() {
        ks.add_entry(
            &format!("c{i}"),
            KeyStoreEntry::Certificate(Certificate::from_der(&c.der).unwrap()),
        );
    }
    ks.writer(&f.password).write().unwrap()
}

fn snapshot(store: &dyn CertStore) -> Vec<(String, StoreName, bool)> {
    let mut v: Vec<_> = store
        .list(&StoreName::ALL)
        .unwrap()
        .into_iter()
        .map(|c| (c.info.sha1_thumbprint, c.store, c.has_private_key))
        .collect();
    v.sort();
    v
}

pub fn run_all(store: &dyn CertStore, scratch: &Path) {
    let (modern, legacy) = fixture_files();
    let opts = InstallOptions::default();
    let before = snapshot(store);

    // Failed installs leave the store exactly as it was.
    let r = store.install(&modern.bytes, &Password::new("0000"), &opts);
    assert!(matches!(r, Err(Error::WrongPassword)), "{r:?}");
    let mut cut = modern.bytes.clone();
    cut.truncate(cut.len() / 2);
    assert!(
        store
            .install(&cut, &Password::new(&modern.password), &opts)
            .is_err()
    );
    let r = store.install(
        &certs_only(&modern),
        &Password::new(&modern.password),
        &opts,
    );
    assert!(matches!(r, Err(Error::NoPrivateKey)), "{r:?}");
    assert_eq!(snapshot(store), before, "failed installs changed the store");

    for f in [&modern, &legacy] {
        let pw = Password::new(&f.password);
        let r = store
            .install(&f.bytes, &pw, &opts)
            .unwrap_or_else(|e| panic!("{}: {e}", f.name));
        let thumb = r.leaf.sha1_thumbprint.clone();
        assert!(!r.already_installed, "{}", f.name);
        assert_eq!(r.placements[0].store, StoreName::My);
        assert!(r.placements[0].added);
        assert!(
            r.placements.iter().any(|p| p.store == StoreName::Root),
            "{}: the root goes to Root: {:?}",
            f.name,
            r.placements
        );
        // Read back from the store: the CA's own certificate is in Root.
        let roots = store.list(&[StoreName::Root]).unwrap();
        assert!(
            roots.iter().any(|c| c.info.sha1_thumbprint == f.ca_sha1),
            "{}: the CA {} is not in Root",
            f.name,
            f.ca_sha1
        );
        assert!(r.verification.all_ok(), "{}: {:?}", f.name, r.verification);
        assert_eq!(r.verification.key_signs, KeyMatch::Matches);

        let mine: Vec<_> = store
            .list(&[StoreName::My])
            .unwrap()
            .into_iter()
            .filter(|c| c.info.sha1_thumbprint == thumb)
            .collect();
        assert_eq!(mine.len(), 1, "{}", f.name);
        assert!(
            mine[0].has_private_key && mine[0].key_exportable,
            "{:?}",
            mine[0]
        );

        // Idempotent: a second install adds nothing and duplicates nothing.
        let again = store.install(&f.bytes, &pw, &opts).unwrap();
        assert!(again.already_installed, "{}", f.name);
        assert!(
            again.placements.iter().all(|p| !p.added),
            "{:?}",
            again.placements
        );
        assert!(again.verification.all_ok());
        let count = store
            .list(&[StoreName::My])
            .unwrap()
            .iter()
            .filter(|c| c.info.sha1_thumbprint == thumb)
            .count();
        assert_eq!(count, 1);

        // Export: certificate always, key as PKCS#12 since it is exportable.
        let out = scratch.join(format!("export-{}", f.name));
        let ex = store.export(&thumb, &out, &pw).unwrap();
        let cer = std::fs::read(&ex.certificate).unwrap();
        assert_eq!(pfx::sha1_thumbprint(&cer), thumb);
        let p12 = std::fs::read(ex.pkcs12.as_ref().expect("exportable key")).unwrap();
        let back = pfx::open(&p12, &pw).unwrap();
        assert_eq!(back.leaf.info.sha1_thumbprint, thumb);
        assert_eq!(back.key_match, KeyMatch::Matches);

        // Remove: gone from MY, verify says so; lower-case input accepted.
        let removed = store.remove(&thumb.to_lowercase(), true).unwrap();
        assert_eq!(removed, vec![StoreName::My]);
        assert!(!store.verify(&thumb).unwrap().in_my);
        assert!(store.remove(&thumb, true).unwrap().is_empty());
        assert!(matches!(
            store.export(&thumb, &out, &pw),
            Err(Error::NotInStore(_))
        ));
        // The CA certificates stay; remove them to leave the store clean.
        for p in r.placements.iter().filter(|p| p.store != StoreName::My) {
            store.remove(&p.sha1_thumbprint, true).unwrap();
        }
    }
    assert_eq!(snapshot(store), before, "store not back to its start");
}

/// A renewal on one machine: an older certificate of the same subject and
/// issuer already in the store, the new one, and (where it can be made
/// here) one that has expired.
pub struct RenewalFiles {
    pub new: Vec<u8>,
    pub old: Vec<u8>,
    pub expired: Option<Vec<u8>>,
}

/// Under wine `scripts/windows-test.sh` makes `rsa-renewed.p12` and
/// `rsa-old.p12` with OpenSSL (same CA, same subject, 1200 and 400 days);
/// OpenSSL 3.0's CLI cannot back-date a certificate, so the expired case
/// runs on Linux only (the rule is store-independent: `is_expired`).
pub fn renewal_files() -> RenewalFiles {
    if let Some(dir) = std::env::var_os("OQSCERT_TEST_FIXTURES") {
        let dir = std::path::PathBuf::from(dir);
        let read = |n: &str| std::fs::read(dir.join(n)).unwrap_or_else(|e| panic!("{n}: {e}"));
        return RenewalFiles {
            new: read("rsa-renewed.p12"),
            old: read("rsa-old.p12"),
            expired: None,
        };
    }
    #[cfg(not(unix))]
    panic!("set OQSCERT_TEST_FIXTURES (scripts/windows-test.sh does)");
    #[cfg(unix)]
    {
        use crate::cert::pfx::fixtures::{Identity, IdentitySpec};
        let spec = |cn: &str, days_valid: i64, expired: bool| IdentitySpec {
            cn: cn.into(),
            days_valid,
            expired,
            ..Default::default()
        };
        RenewalFiles {
            new: Identity::new(&spec("受付3号機", 1200, false)).pkcs12_modern("1234"),
            old: Identity::new(&spec("受付3号機", 400, false)).pkcs12_modern("1234"),
            expired: Some(Identity::new(&spec("受付9号機", 0, true)).pkcs12_modern("1234")),
        }
    }
}

/// Install-or-verify and the export-first clean-up of old certificates.
pub fn run_cleanup(store: &dyn CertStore, scratch: &Path) {
    use crate::cert::cleanup::{OldReason, cleanup, find_old};
    use crate::cert::install::install_or_verify;
    let files = renewal_files();
    let pw = Password::new("1234");
    let opts = InstallOptions::default();
    let now = time::OffsetDateTime::now_utc();
    let before = snapshot(store);

    // What the clinic already has: last term's certificate (and an
    // expired one), installed the ordinary way.
    let old = store.install(&files.old, &pw, &opts).unwrap();
    let old_thumb = old.leaf.sha1_thumbprint.clone();
    let expired_thumb = files
        .expired
        .as_ref()
        .map(|e| store.install(e, &pw, &opts).unwrap().leaf.sha1_thumbprint);

    // The new one: imported once, verified the second time.
    let first = install_or_verify(store, &files.new, &pw, &opts).unwrap();
    assert!(!first.already_installed);
    assert!(first.verification.all_ok(), "{:?}", first.verification);
    let new_thumb = first.leaf.sha1_thumbprint.clone();
    let again = install_or_verify(store, &files.new, &pw, &opts).unwrap();
    assert!(again.already_installed && again.placements.is_empty());
    assert!(again.verification.all_ok());
    assert!(matches!(
        install_or_verify(store, &files.new, &Password::new("0000"), &opts),
        Err(Error::WrongPassword)
    ));

    // Found: the superseded one and the expired one, never the new one.
    let found = find_old(store, Some(&new_thumb.to_lowercase()), now).unwrap();
    let mut want = vec![(old_thumb.clone(), OldReason::Superseded)];
    if let Some(t) = &expired_thumb {
        want.push((t.clone(), OldReason::Expired));
    }
    let mut got: Vec<_> = found
        .iter()
        .map(|o| (o.cert.info.sha1_thumbprint.clone(), o.reason))
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    // Without the new one named, no issuer is known (codes.toml names
    // none yet): nothing is offered.
    if crate::cert::codes::codes().oqs_issuers.names.is_empty() {
        assert!(find_old(store, None, now).unwrap().is_empty());
    }

    // Export first, prove, then remove.
    let q = scratch.join("quarantine");
    let mut steps = Vec::new();
    let proven = crate::cert::cleanup::ProvenPassword::typed_twice(&pw, &pw).unwrap();
    let rep = cleanup(store, &found, &q, &proven, |d, n| steps.push((d, n)));
    assert!(rep.failed.is_none(), "{:?}", rep.failed);
    assert_eq!(rep.removed.len() + rep.kept.len(), found.len());
    assert_eq!(steps.last(), Some(&(found.len(), found.len())));
    assert!(q.join("README.txt").is_file());
    for r in &rep.removed {
        assert_eq!(r.removed_from, vec![StoreName::My]);
        let cer = std::fs::read(&r.export.certificate).unwrap();
        assert_eq!(pfx::sha1_thumbprint(&cer), r.sha1_thumbprint);
        // Removed with a key only when the key's export was proven.
        let path = r
            .export
            .pkcs12
            .as_ref()
            .expect("a removed key was exported");
        let back = pfx::open(&std::fs::read(path).unwrap(), &pw).unwrap();
        assert_eq!(back.leaf.info.sha1_thumbprint, r.sha1_thumbprint);
        assert_eq!(back.key_match, KeyMatch::Matches);
        assert!(!store.verify(&r.sha1_thumbprint).unwrap().in_my);
    }
    // wine keeps every imported key in one container: an older
    // certificate there points at the newer key, so its export never
    // proves, and it is kept (key and all). Everywhere else the key comes
    // along and everything is removed.
    for k in &rep.kept {
        if !cfg!(windows) {
            panic!("kept off wine: {k:?}");
        }
        assert_eq!(k.why, crate::cert::cleanup::KeptWhy::ExportNotProven);
        assert!(store.verify(&k.sha1_thumbprint).unwrap().in_my);
    }
    let left: Vec<_> = find_old(store, Some(&new_thumb), now)
        .unwrap()
        .into_iter()
        .map(|o| o.cert.info.sha1_thumbprint)
        .collect();
    let kept: Vec<_> = rep.kept.iter().map(|k| k.sha1_thumbprint.clone()).collect();
    assert_eq!(left.len(), kept.len());
    assert!(left.iter().all(|t| kept.contains(t)));
    assert!(store.verify(&new_thumb).unwrap().all_ok());
    // Nothing to do the second time: no folder, no files.
    let q2 = scratch.join("quarantine-2");
    let rep = cleanup(store, &[], &q2, &proven, |_, _| {});
    assert!(rep.removed.is_empty() && rep.failed.is_none() && !q2.exists());

    // Leave the store as it was.
    for c in store.list(&StoreName::ALL).unwrap() {
        let t = (c.info.sha1_thumbprint.clone(), c.store, c.has_private_key);
        if !before.contains(&t) {
            store.remove(&c.info.sha1_thumbprint, true).unwrap();
        }
    }
    assert_eq!(snapshot(store), before, "store not back to its start");
}
