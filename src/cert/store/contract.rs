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
        return (
            FixtureFile {
                name: "rsa-modern",
                bytes: read("rsa-modern.p12"),
                password: "1234".into(),
            },
            FixtureFile {
                name: "rsa-legacy",
                bytes: read("rsa-legacy.p12"),
                password: "1234".into(),
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
        (
            FixtureFile {
                name: "ec-modern",
                bytes: a.pkcs12_modern("1234"),
                password: "1234".into(),
            },
            FixtureFile {
                name: "ec-legacy",
                bytes: legacy,
                password: "1234".into(),
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
        let removed = store.remove(&thumb.to_lowercase()).unwrap();
        assert_eq!(removed, vec![StoreName::My]);
        assert!(!store.verify(&thumb).unwrap().in_my);
        assert!(store.remove(&thumb).unwrap().is_empty());
        assert!(matches!(
            store.export(&thumb, &out, &pw),
            Err(Error::NotInStore(_))
        ));
        // The CA certificates stay; remove them to leave the store clean.
        for p in r.placements.iter().filter(|p| p.store != StoreName::My) {
            store.remove(&p.sha1_thumbprint).unwrap();
        }
    }
    assert_eq!(snapshot(store), before, "store not back to its start");
}
