use super::*;
use crate::cert::error::{Error, ExitStatus};
use crate::cert::pfx::fixtures::{Identity, IdentitySpec};
use crate::cert::pfx::{self, fixtures};
use crate::cert::store::file::FileStore;
use crate::cert::store::{ExportReport, StoreKind, StoredCert};
use crate::i18n::{Lang, error_message};
use std::cell::Cell;
use std::path::Path;

fn pw() -> Password {
    Password::new("1234")
}

/// Windows with the Root prompt answered "No" once, as an older oqscert
/// left it: the leaf and its key are in MY, the root is refused. After
/// that, a plain folder store.
struct RootRefusedOnce {
    inner: FileStore,
    refused: Cell<bool>,
}

impl CertStore for RootRefusedOnce {
    fn kind(&self) -> StoreKind {
        self.inner.kind()
    }

    fn install(
        &self,
        pfx: &[u8],
        password: &Password,
        options: &InstallOptions,
    ) -> Result<InstallReport> {
        if self.refused.replace(true) {
            return self.inner.install(pfx, password, options);
        }
        self.inner
            .install_into(pfx, password, options, &|s| s != StoreName::Root)?;
        Err(Error::RootCancelled)
    }

    fn list(&self, stores: &[StoreName]) -> Result<Vec<StoredCert>> {
        self.inner.list(stores)
    }

    fn remove(&self, thumbprint: &str, delete_key: bool) -> Result<Vec<StoreName>> {
        self.inner.remove(thumbprint, delete_key)
    }

    fn export(&self, thumbprint: &str, dir: &Path, password: &Password) -> Result<ExportReport> {
        self.inner.export(thumbprint, dir, password)
    }

    fn verify(&self, thumbprint: &str) -> Result<Verification> {
        self.inner.verify(thumbprint)
    }
}

#[test]
fn a_refused_root_is_added_on_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let store = RootRefusedOnce {
        inner: FileStore::new(dir.path().join("store")),
        refused: Cell::new(false),
    };
    let file = Identity::new(&IdentitySpec::default()).pkcs12_modern("1234");
    let opts = InstallOptions::default();

    let e = install_or_verify(&store, &file, &pw(), &opts).expect_err("the prompt said no");
    assert!(matches!(e, Error::RootCancelled), "{e:?}");
    assert_eq!(e.exit_status(), ExitStatus::Environment);
    assert_eq!(
        error_message(Lang::Ja, &e),
        "Windows の確認で「いいえ」が選ばれたか、確認の画面が閉じられました。もう一度インストールし、「はい」を選択してください。"
    );
    // What Windows leaves: the leaf with its key, no root, chain NG.
    let thumb = pfx::open(&file, &pw()).unwrap().leaf.info.sha1_thumbprint;
    let v = store.verify(&thumb).unwrap();
    assert!(v.in_my && v.has_private_key && !v.chain_complete, "{v:?}");

    // The next run does not stop at "already installed": it adds the root.
    let second = install_or_verify(&store, &file, &pw(), &opts).unwrap();
    assert!(second.already_installed);
    assert!(second.root_added);
    for p in &second.placements {
        // Per certificate: only the missing root is added.
        assert_eq!(p.added, p.store == StoreName::Root, "{p:?}");
    }
    assert!(
        second.placements.iter().any(|p| p.store == StoreName::Root),
        "{:?}",
        second.placements
    );
    assert!(second.verification.all_ok(), "{:?}", second.verification);

    // Every check passes now: nothing is imported any more.
    let third = install_or_verify(&store, &file, &pw(), &opts).unwrap();
    assert!(third.already_installed && third.placements.is_empty());
    assert!(third.verification.all_ok());
}

/// A file with the leaf, its CA, and a self-signed root of another issuer.
fn file_with_a_stray_root() -> (Vec<u8>, Identity, Identity) {
    use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
    let own = Identity::new(&IdentitySpec::default());
    let other = Identity::new(&IdentitySpec {
        ca_cn: "別の認証局 Root".into(),
        ..Default::default()
    });
    let mut ks = KeyStore::new();
    ks.add_entry(
        "leaf",
        KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(
            fixtures::sha1_of(&own.leaf_der),
            PrivateKey::from_der(&own.leaf_key_pkcs8).unwrap(),
            [
                Certificate::from_der(&own.leaf_der).unwrap(),
                Certificate::from_der(&own.ca_der).unwrap(),
            ],
        )),
    );
    ks.add_entry(
        "stray",
        KeyStoreEntry::Certificate(Certificate::from_der(&other.ca_der).unwrap()),
    );
    (ks.writer("1234").write().unwrap(), own, other)
}

#[test]
fn only_the_root_of_the_leafs_chain_goes_to_root() {
    let (file, own, other) = file_with_a_stray_root();
    let own_root = pfx::sha1_thumbprint(&own.ca_der);
    let stray = pfx::sha1_thumbprint(&other.ca_der);
    let bundle = pfx::open(&file, &pw()).unwrap();
    assert_eq!(bundle.extra.len(), 1, "{bundle:?}");

    let roots = roots_to_add(&bundle);
    assert_eq!(
        roots,
        vec![(
            "テスト認証局 CA".to_string(),
            pfx::thumbprint_grouped(&own_root)
        )]
    );
    // Five groups of eight, as the warning shows them.
    let groups: Vec<&str> = roots[0].1.split(' ').collect();
    assert_eq!(groups.len(), 5);
    assert!(groups.iter().all(|g| g.len() == 8));
    assert!(
        plan_placement(&bundle)
            .iter()
            .all(|(c, _)| c.info.sha1_thumbprint != stray)
    );

    let dir = tempfile::tempdir().unwrap();
    let store = FileStore::new(dir.path().join("store"));
    let r = install_or_verify(&store, &file, &pw(), &InstallOptions::default()).unwrap();
    let ignored: Vec<&str> = r
        .ignored
        .iter()
        .map(|c| c.sha1_thumbprint.as_str())
        .collect();
    assert_eq!(ignored, vec![stray.as_str()]);
    assert!(r.placements.iter().all(|p| p.sha1_thumbprint != stray));
    let in_root: Vec<String> = store
        .list(&[StoreName::Root])
        .unwrap()
        .into_iter()
        .map(|c| c.info.sha1_thumbprint)
        .collect();
    assert_eq!(in_root, vec![own_root]);
    assert!(r.verification.all_ok(), "{:?}", r.verification);
}
