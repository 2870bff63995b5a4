//! Clean-up never destroys what cannot be restored (FileStore, real
//! PKCS#12 files generated here; the same rules run on WindowsStore under
//! wine through the store contract).

use super::*;
use crate::cert::pfx::{
    self,
    fixtures::{Identity, IdentitySpec},
};
use crate::cert::store::InstallOptions;
use crate::cert::store::file::FileStore;

const PW: &str = "1234";

fn identity(cn: &str, ca: &str, days: i64, expired: bool) -> Identity {
    Identity::new(&IdentitySpec {
        cn: cn.into(),
        ca_cn: ca.into(),
        days_valid: days,
        expired,
        ..Default::default()
    })
}

fn install(store: &FileStore, id: &Identity, exportable: bool) -> String {
    let opts = InstallOptions {
        exportable,
        ..Default::default()
    };
    let r = store
        .install(&id.pkcs12_modern(PW), &Password::new(PW), &opts)
        .unwrap();
    r.leaf.sha1_thumbprint
}

#[test]
fn a_key_that_cannot_be_exported_is_kept_with_its_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let store = FileStore::new(dir.path().join("store"));
    let new = install(
        &store,
        &identity("受付1号機", "テスト認証局 CA", 1200, false),
        true,
    );
    // Last term's, imported the way the Windows wizard does by default.
    let old = install(
        &store,
        &identity("受付1号機", "テスト認証局 CA", 300, false),
        false,
    );
    let found = find_old(&store, Some(&new), OffsetDateTime::now_utc()).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].cert.info.sha1_thumbprint, old);
    assert_eq!(found[0].key_plan(), KeyPlan::Keep);
    let key = store.root().join("MY").join(format!("{old}.key"));
    assert!(key.is_file());
    let q = dir.path().join("q");
    let rep = cleanup(&store, &found, &q, &Password::new(PW), |_, _| {});
    assert!(rep.failed.is_none(), "{:?}", rep.failed);
    assert!(rep.removed.is_empty());
    assert_eq!(rep.kept.len(), 1);
    assert_eq!(rep.kept[0].why, KeptWhy::KeyNotExportable);
    // Nothing touched: the certificate, its key, no export of it.
    assert!(store.verify(&old).unwrap().in_my);
    assert!(store.verify(&old).unwrap().has_private_key);
    assert!(key.is_file());
    assert!(!q.join(format!("{old}.cer")).exists());
}

#[test]
fn a_certificate_without_a_key_is_exported_then_removed() {
    let dir = tempfile::tempdir().unwrap();
    let store = FileStore::new(dir.path().join("store"));
    let new = install(
        &store,
        &identity("受付1号機", "テスト認証局 CA", 1200, false),
        true,
    );
    // An expired certificate of the same issuer, without a key (as the
    // Windows store can hold one).
    let expired = identity("受付9号機", "テスト認証局 CA", 0, true);
    let thumb = pfx::sha1_thumbprint(&expired.leaf_der);
    std::fs::write(
        store.root().join("MY").join(format!("{thumb}.cer")),
        &expired.leaf_der,
    )
    .unwrap();
    let found = find_old(&store, Some(&new), OffsetDateTime::now_utc()).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].key_plan(), KeyPlan::NoKey);
    let q = dir.path().join("q");
    let rep = cleanup(&store, &found, &q, &Password::new(PW), |_, _| {});
    assert!(rep.failed.is_none(), "{:?}", rep.failed);
    assert_eq!(rep.removed.len(), 1);
    let r = &rep.removed[0];
    assert_eq!(r.export.pkcs12, None);
    let back = std::fs::read(&r.export.certificate).unwrap();
    assert_eq!(pfx::sha1_thumbprint(&back), thumb);
    assert!(!store.verify(&thumb).unwrap().in_my);
    assert!(store.verify(&new).unwrap().all_ok());
}

#[test]
fn an_exportable_key_goes_only_after_its_export_is_proven() {
    let dir = tempfile::tempdir().unwrap();
    let store = FileStore::new(dir.path().join("store"));
    let new = install(
        &store,
        &identity("受付1号機", "テスト認証局 CA", 1200, false),
        true,
    );
    let old = install(
        &store,
        &identity("受付1号機", "テスト認証局 CA", 300, false),
        true,
    );
    let found = find_old(&store, Some(&new), OffsetDateTime::now_utc()).unwrap();
    assert_eq!(found[0].key_plan(), KeyPlan::Export);
    let q = dir.path().join("q");
    let rep = cleanup(&store, &found, &q, &Password::new(PW), |_, _| {});
    assert_eq!(rep.removed.len(), 1, "{:?}", rep.failed);
    let pfx_path = rep.removed[0].export.pkcs12.clone().unwrap();
    let back = pfx::open(&std::fs::read(&pfx_path).unwrap(), &Password::new(PW)).unwrap();
    assert_eq!(back.leaf.info.sha1_thumbprint, old);
    assert!(!store.root().join("MY").join(format!("{old}.key")).exists());
    // The exports hold keys: owner-only, folder and file.
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&pfx_path), 0o600);
    assert_eq!(mode(&q), 0o700);
}

#[test]
fn certificates_of_other_issuers_are_never_offered() {
    let dir = tempfile::tempdir().unwrap();
    let store = FileStore::new(dir.path().join("store"));
    let new = install(
        &store,
        &identity("受付1号機", "テスト認証局 CA", 1200, false),
        true,
    );
    // An expired S/MIME-like certificate of another CA: its key may still
    // decrypt old mail.
    install(
        &store,
        &identity("受付 メール", "Example Mail CA", 0, true),
        true,
    );
    let found = find_old(&store, Some(&new), OffsetDateTime::now_utc()).unwrap();
    assert!(found.is_empty(), "{found:?}");
    // Without the current certificate no issuer is known: nothing.
    assert!(
        find_old(&store, None, OffsetDateTime::now_utc())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn removing_keeps_the_key_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let store = FileStore::new(dir.path().join("store"));
    let t = install(
        &store,
        &identity("受付1号機", "テスト認証局 CA", 1200, false),
        true,
    );
    let key = store.root().join("MY").join(format!("{t}.key"));
    assert_eq!(store.remove(&t, false).unwrap(), vec![StoreName::My]);
    assert!(key.is_file(), "the key stays");
    let t2 = install(
        &store,
        &identity("受付2号機", "テスト認証局 CA", 1200, false),
        true,
    );
    let key2 = store.root().join("MY").join(format!("{t2}.key"));
    store.remove(&t2, true).unwrap();
    assert!(!key2.exists());
}
