use super::*;

fn sample() -> Progress {
    let mut p = Progress::new("clinic-1");
    p.position = Position::Apply(crate::cert::position::ApplyStep::Portal(4));
    p.chapters.precheck = ChapterState::Done;
    p.chapters.apply = ChapterState::InProgress;
    p.precheck.insert("expired".into(), true);
    p.institution.name = "テスト歯科医院".into();
    p.institution.code7 = "0712362".into();
    p.institution.terminal_name = "受付1号機".into();
    p.application.applied_at = Some(time::macros::datetime!(2026-11-20 10:00 UTC));
    p
}

#[test]
fn round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = ProgressStore::new(dir.path());
    assert_eq!(store.load("clinic-1").unwrap(), None);
    let mut p = sample();
    store.save(&mut p).unwrap();
    let back = store.load("clinic-1").unwrap().unwrap();
    assert_eq!(back, p);
    assert_eq!(store.profiles(), vec!["clinic-1".to_string()]);
    let text = std::fs::read_to_string(store.path_for("clinic-1").unwrap()).unwrap();
    assert!(text.contains("schema_version = 1"), "{text}");
    assert!(text.contains("テスト歯科医院"));
}

#[test]
fn corrupt_file_is_moved_aside_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let store = ProgressStore::new(dir.path());
    let path = store.path_for("default").unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    for junk in [
        &b"this is = = not toml"[..],
        b"\xff\xfe\x00",
        b"schema_version = 1\nchapters = 5\n",
        b"x = 1\n",
    ] {
        std::fs::write(&path, junk).unwrap();
        match store.load("default") {
            Err(Error::ProgressCorrupt { path: p, moved_to }) => {
                assert_eq!(p, path);
                assert_eq!(std::fs::read(&moved_to).unwrap(), junk);
                assert!(moved_to.to_string_lossy().contains(".corrupt-"));
                assert!(!path.exists());
            }
            other => panic!("{other:?}"),
        }
    }
    // After moving aside, the next load starts fresh.
    assert_eq!(store.load("default").unwrap(), None);
    let aside = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
    assert_eq!(aside, 4, "every corrupt file kept");
}

#[test]
fn newer_schema_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = ProgressStore::new(dir.path());
    let path = store.path_for("default").unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let body = "schema_version = 99\nfuture = \"x\"\n";
    std::fs::write(&path, body).unwrap();
    assert!(matches!(
        store.load("default"),
        Err(Error::ProgressTooNew {
            found: 99,
            supported: 1,
            ..
        })
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), body);
}

#[test]
fn profile_names_are_safe_file_names() {
    for bad in ["", "../x", "a/b", "a b", "-x", "日本", &"a".repeat(65)] {
        assert!(validate_profile_name(bad).is_err(), "{bad}");
    }
    for good in ["default", "clinic_2", "A-1"] {
        assert!(validate_profile_name(good).is_ok(), "{good}");
    }
}

#[test]
fn home_resolution_prefers_flag() {
    let h = resolve_home(Some(Path::new("/tmp/x"))).unwrap();
    assert_eq!(h, PathBuf::from("/tmp/x"));
}

/// A file as the previous version wrote it (string positions, the store as
/// "CurrentUser\\MY", a removal reason as a word) still loads, typed.
#[test]
fn file_of_the_previous_version_loads() {
    use crate::cert::position::InstallStep;
    let text = r#"schema_version = 1
profile = "default"
password_sheet_shown = false

[position]
chapter = "install"
step = "cleanup"

[chapters]
precheck = "done"
apply = "done"
download = "done"
install = "in_progress"

[precheck]
expired = true

[institution]
type_id = "dental"
prefecture = "34"
code7 = "1071236"
name = "テスト歯科医院"
department = ""
person = ""
phone = ""
email = ""
terminal_name = "受付1号機"
oqs_account = ""

[application]
applied_at = "2026-11-20T10:00:00Z"
system = "oqs"

[install]
sha1_thumbprint = "AB"
store = "CurrentUser\\MY"
user = "OQSComApp"
at = "2026-11-27T01:00:00Z"
already_installed = false

[[removed]]
sha1_thumbprint = "CD"
subject = "CN=old"
not_after = "2025-01-01T00:00:00Z"
reason = "superseded"
exported_certificate = "/tmp/q/CD.cer"
at = "2026-11-27T01:05:00Z"
"#;
    let dir = tempfile::tempdir().unwrap();
    let store = ProgressStore::new(dir.path());
    let path = store.path_for("default").unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    let p = store.load("default").unwrap().unwrap();
    assert_eq!(p.position, Position::Install(InstallStep::Cleanup));
    let install = p.install.as_ref().unwrap();
    assert_eq!(install.store, StoreKind::WindowsCurrentUser);
    assert_eq!(p.removed[0].reason, OldReason::Superseded);
    // Saved again, it is written the same way.
    let mut again = p.clone();
    store.save(&mut again).unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    // toml writes it as a literal string: 'CurrentUser\MY'.
    assert!(written.contains(r"CurrentUser\MY"), "{written}");
    assert_eq!(store.load("default").unwrap().unwrap(), again);
    assert!(written.contains("reason = \"superseded\""));
    assert!(written.contains("chapter = \"install\""));
    assert!(written.contains("step = \"cleanup\""));
}

/// The example answers file shipped in the release zip names exactly the
/// fields of `Institution` (serde's defaults would hide a misspelt key)
/// and fills every one of them.
#[test]
fn answers_example_matches_institution() {
    let text = include_str!("../../../assets/answers-example.toml");
    let table: toml::Table = text.parse().unwrap();
    // format_version: the same file `profile import` and `--answers` read.
    assert_eq!(
        table.keys().collect::<Vec<_>>(),
        ["format_version", "institution"]
    );
    let given = table["institution"].as_table().unwrap();
    let fields = toml::Table::try_from(Institution::default()).unwrap();
    let mut a: Vec<&String> = given.keys().collect();
    let mut b: Vec<&String> = fields.keys().collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    let parsed: Institution = given.clone().try_into().unwrap();
    let filled = toml::Table::try_from(&parsed).unwrap();
    for (k, v) in &filled {
        assert_ne!(v.as_str(), Some(""), "{k} is empty in the example");
    }
}

/// A progress file is data: whose it is comes from its file name, not
/// from a field inside it (a copied or edited file must never save over
/// another profile).
#[test]
fn the_profile_name_comes_from_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = ProgressStore::new(dir.path());
    let mut p = Progress::new("other");
    p.institution.name = "テスト医院".into();
    store.save(&mut p).unwrap();
    std::fs::copy(
        store.path_for("other").unwrap(),
        store.path_for("clinic").unwrap(),
    )
    .unwrap();
    let loaded = store.load("clinic").unwrap().unwrap();
    assert_eq!(loaded.profile, "clinic");
    assert_eq!(store.peek("clinic").unwrap().profile, "clinic");
}
