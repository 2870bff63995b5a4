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

/// The password as typed twice (the proof the clean-up needs when no
/// kept file is at hand).
pub(crate) fn proven() -> ProvenPassword {
    ProvenPassword::typed_twice(&Password::new(PW), &Password::new(PW)).unwrap()
}

pub(crate) fn identity(cn: &str, ca: &str, days: i64, expired: bool) -> Identity {
    Identity::new(&IdentitySpec {
        cn: cn.into(),
        ca_cn: ca.into(),
        days_valid: days,
        expired,
        ..Default::default()
    })
}

pub(crate) fn install(store: &FileStore, id: &Identity, exportable: bool) -> String {
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
    let rep = cleanup(&store, &found, &q, &proven(), |_, _| {});
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
    let rep = cleanup(&store, &found, &q, &proven(), |_, _| {});
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
    let rep = cleanup(&store, &found, &q, &proven(), |_, _| {});
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

#[test]
fn a_password_is_proven_by_the_kept_file_or_typed_twice() {
    let dir = tempfile::tempdir().unwrap();
    let id = identity("受付1号機", "テスト認証局 CA", 1200, false);
    let kept = dir.path().join("kept.p12");
    std::fs::write(&kept, id.pkcs12_modern(PW)).unwrap();
    let missing = dir.path().join("gone.p12");
    let files = [missing.clone(), kept.clone()];
    let ok = ProvenPassword::by_file(&Password::new(PW), &files).unwrap();
    assert!(matches!(&ok.proof, PasswordProof::OpensFile { path, .. } if *path == kept));
    // A typo: the kept file does not open with it.
    assert!(matches!(
        ProvenPassword::by_file(&Password::new("1243"), &files),
        Err(Error::PasswordNotProven { path }) if path == kept
    ));
    // An empty line is no better.
    assert!(matches!(
        ProvenPassword::by_file(&Password::new(""), &files),
        Err(Error::PasswordNotProven { .. })
    ));
    // Nothing to prove it with: the caller asks twice.
    assert!(matches!(
        ProvenPassword::by_file(&Password::new(PW), &[missing]),
        Err(Error::NoFileToProve)
    ));
    let twice =
        |a: &str, b: &str| ProvenPassword::typed_twice(&Password::new(a), &Password::new(b));
    assert!(matches!(twice("1234", "1243"), Err(Error::PasswordsDiffer)));
    assert!(matches!(twice("", ""), Err(Error::PasswordsDiffer)));
    assert!(matches!(
        twice("12345", "12345"),
        Err(Error::PasswordsDiffer)
    ));
    assert_eq!(
        twice("１２３４", "1234").unwrap().proof,
        PasswordProof::TypedTwice
    );
}

#[test]
fn the_quarantine_readme_names_which_password_protects_the_copies() {
    let dir = tempfile::tempdir().unwrap();
    let store = FileStore::new(dir.path().join("store"));
    let new_id = identity("受付1号機", "テスト認証局 CA", 1200, false);
    let new = install(&store, &new_id, true);
    install(
        &store,
        &identity("受付1号機", "テスト認証局 CA", 300, false),
        true,
    );
    let kept = dir.path().join("kept.p12");
    std::fs::write(&kept, new_id.pkcs12_modern(PW)).unwrap();
    let proof = ProvenPassword::by_file(&Password::new(PW), &[kept]).unwrap();
    let found = find_old(&store, Some(&new), OffsetDateTime::now_utc()).unwrap();
    let q = dir.path().join("q");
    let rep = cleanup(&store, &found, &q, &proof, |_, _| {});
    assert_eq!(rep.removed.len(), 1, "{:?}", rep.failed);
    let readme = std::fs::read_to_string(q.join("README.txt")).unwrap();
    assert!(
        readme.contains(&new),
        "names the certificate whose password it is"
    );
    assert!(!readme.contains(PW), "never the password itself");
}

/// A store whose removals fail (a locked store, a pulled stick).
pub(crate) struct RemoveFails<'a>(pub(crate) &'a FileStore);

impl CertStore for RemoveFails<'_> {
    fn kind(&self) -> crate::cert::store::StoreKind {
        self.0.kind()
    }
    fn install(
        &self,
        p: &[u8],
        pw: &Password,
        o: &InstallOptions,
    ) -> Result<crate::cert::store::InstallReport> {
        self.0.install(p, pw, o)
    }
    fn list(&self, s: &[StoreName]) -> Result<Vec<StoredCert>> {
        self.0.list(s)
    }
    fn remove(&self, _: &str, _: bool) -> Result<Vec<StoreName>> {
        Err(Error::Store("access denied".into()))
    }
    fn export(&self, t: &str, d: &Path, pw: &Password) -> Result<ExportReport> {
        self.0.export(t, d, pw)
    }
    fn verify(&self, t: &str) -> Result<crate::cert::store::Verification> {
        self.0.verify(t)
    }
}

/// A renewed certificate and the one it replaced (still valid), both
/// with exportable keys: their thumbprints, (new, old).
pub(crate) fn renewed_and_replaced(files: &FileStore) -> (String, String) {
    let new = install(
        files,
        &identity("受付1号機", "テスト認証局 CA", 1200, false),
        true,
    );
    let old = install(
        files,
        &identity("受付1号機", "テスト認証局 CA", 300, false),
        true,
    );
    (new, old)
}

#[test]
fn a_failed_removal_after_the_export_still_says_where_the_copy_is() {
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::new(dir.path().join("store"));
    let (new, old) = renewed_and_replaced(&files);
    let store = RemoveFails(&files);
    let found = find_old(&store, Some(&new), OffsetDateTime::now_utc()).unwrap();
    let rep = cleanup(&store, &found, &dir.path().join("q"), &proven(), |_, _| {});
    let failed = rep.failed.expect("the removal failed");
    let exported = failed.exported.expect("its export is reported");
    assert_eq!(exported.sha1_thumbprint, old);
    assert!(exported.removed_from.is_empty());
    assert!(exported.export.pkcs12.as_ref().is_some_and(|p| p.is_file()));
    // The key is still there with its certificate.
    assert!(files.verify(&old).unwrap().has_private_key);
}

#[test]
fn a_replaced_certificate_still_valid_is_marked_so() {
    let dir = tempfile::tempdir().unwrap();
    let store = FileStore::new(dir.path().join("store"));
    let new = install(
        &store,
        &identity("受付1号機", "テスト認証局 CA", 1200, false),
        true,
    );
    install(
        &store,
        &identity("受付1号機", "テスト認証局 CA", 300, false),
        true,
    );
    let found = find_old(&store, Some(&new), OffsetDateTime::now_utc()).unwrap();
    assert_eq!(found.len(), 1);
    assert!(found[0].still_valid());
    assert_eq!(found[0].reason, OldReason::Superseded);
}
