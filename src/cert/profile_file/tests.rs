use super::*;
use crate::cert::position::ApplyStep;
use crate::cert::progress::ChapterState;

fn sample() -> Progress {
    let mut p = Progress::new("clinic-1");
    let i = &mut p.institution;
    // 3410712362: an MHLW example code (医科, 34 広島).
    i.type_id = "medical".into();
    i.prefecture = "34".into();
    i.code7 = "0712362".into();
    i.name = "テスト歯科医院".into();
    i.department = "受付".into();
    i.person = "山田".into();
    i.phone = "082-123-4567".into();
    i.email = "uketsuke@example.jp".into();
    i.terminal_name = "受付1号機".into();
    i.oqs_account = "OQSComApp".into();
    p.application.applied_at = Some(time::macros::datetime!(2026-11-20 10:00 UTC));
    p.application.system = "oqs".into();
    p.chapters.precheck = ChapterState::Done;
    p.chapters.apply = ChapterState::Done;
    p.position = Position::Apply(ApplyStep::Done);
    p
}

#[test]
fn export_then_import_gives_the_same_profile() {
    let p = sample();
    let text = export_text(&p).unwrap();
    assert!(text.starts_with("# oqscert"), "{text}");
    let mut q = Progress::new("other");
    let notes = import_text(&text, &mut q).unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(q.institution, p.institution);
    assert_eq!(q.application, p.application);
    assert_eq!(q.chapters, p.chapters);
    assert_eq!(q.position, p.position);
    assert_eq!(q.profile, "other");
}

#[test]
fn every_bad_value_is_reported_with_its_line() {
    let text = "format_version = 1\n\
[institution]\n\
type_id = \"dentist\"\n\
prefecture = \"48\"\n\
code7 = \"12345\"\n\
phone = \"03-1234\"\n\
email = \"nobody\"\n\
[chapters]\n\
apply = \"finished\"\n";
    let mut p = Progress::new("x");
    let before = p.clone();
    let errors = import_text(text, &mut p).unwrap_err();
    let got: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.key.as_str())).collect();
    assert_eq!(
        got,
        [
            (3, "institution.type_id"),
            (4, "institution.prefecture"),
            (5, "institution.code7"),
            (6, "institution.phone"),
            (7, "institution.email"),
            (9, "chapters.apply"),
        ]
    );
    assert_eq!(p, before, "nothing merged from a file with problems");
}

#[test]
fn unknown_keys_and_wrong_types_are_all_named() {
    let text = "format_version = 1\ncolour = \"red\"\n[institution]\nname = 5\nfax = \"x\"\n";
    let errors = import_text(text, &mut Progress::new("x")).unwrap_err();
    let got: Vec<_> = errors
        .iter()
        .map(|e| (e.line, e.key.as_str(), e.problem.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (2, "colour", Problem::Unknown),
            (4, "institution.name", Problem::NotText),
            (5, "institution.fax", Problem::Unknown),
        ]
    );
}

#[test]
fn secret_keys_are_refused_and_their_values_never_kept() {
    let text = "format_version = 1\npassword = \"1234\"\n[institution]\nrequest_id = \"REQ-98765\"\n[ids]\n\"リクエストＩＤ\" = \"ABC\"\n";
    let errors = import_text(text, &mut Progress::new("x")).unwrap_err();
    let shown = format!("{errors:?}");
    for value in ["1234", "REQ-98765", "ABC"] {
        assert!(!shown.contains(value), "{shown}");
    }
    let secrets: Vec<_> = errors
        .iter()
        .filter(|e| e.problem == Problem::Secret)
        .map(|e| e.line)
        .collect();
    assert_eq!(secrets, [2, 4, 6]);
}

#[test]
fn secret_looking_names() {
    for k in [
        "password",
        "Password",
        "cert_password",
        "pin",
        "PIN_code",
        "request_id",
        "reference-id",
        "RequestID",
        "パスワード",
        "リクエストID",
        "リファレンスＩＤ",
        "暗証番号",
    ] {
        assert!(looks_secret(k), "{k}");
    }
    for k in [
        "name",
        "phone",
        "terminal_name",
        "typing",
        "shipping",
        "type_id",
    ] {
        assert!(!looks_secret(k), "{k}");
    }
}

#[test]
fn newer_and_missing_versions() {
    let errors =
        import_text("format_version = 2\nfuture = 1\n", &mut Progress::new("x")).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].problem, Problem::TooNew { found: 2 });
    let errors = import_text("[institution]\nname = \"a\"\n", &mut Progress::new("x")).unwrap_err();
    assert_eq!(errors[0].problem, Problem::Missing);
    let errors = import_text(
        "format_version = 1\n[institution\n",
        &mut Progress::new("x"),
    )
    .unwrap_err();
    assert!(matches!(errors[0].problem, Problem::Syntax { .. }));
    assert!(errors[0].line >= 2, "{errors:?}");
}

#[test]
fn a_code_matching_only_the_other_rule_is_merged_with_a_note() {
    // 1310110049 is a real Tokyo code (six-digit rule); with 2 it matches
    // only the nine-digit rule.
    let text = "format_version = 1\n[institution]\ntype_id = \"medical\"\nprefecture = \"13\"\ncode7 = \"011004２\"\n";
    let mut p = Progress::new("x");
    let notes = import_text(text, &mut p).unwrap();
    assert_eq!(p.institution.code7, "0110042");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].line, 5);
    assert_eq!(
        notes[0].problem,
        Problem::Note {
            reason: "code.other_rule_note"
        }
    );
}

#[test]
fn a_position_must_name_a_real_step() {
    let text = "format_version = 1\n[position]\nchapter = \"download\"\nstep = \"nowhere\"\n";
    let errors = import_text(text, &mut Progress::new("x")).unwrap_err();
    assert_eq!(errors[0].key, "position.step");
    assert_eq!(errors[0].line, 4);
    let text = "format_version = 1\n[position]\nchapter = \"chapter9\"\n";
    let errors = import_text(text, &mut Progress::new("x")).unwrap_err();
    assert_eq!(errors[0].key, "position.chapter");
}

/// What a form field never takes comes in by file neither: controls,
/// bidi overrides and zero-width characters in free text are refused.
#[test]
fn hidden_characters_are_refused_in_free_text() {
    for bad in [
        "テスト\u{202e}医院",
        "テスト\u{200b}医院",
        "テスト\u{feff}医院",
    ] {
        let text = format!("format_version = 1\n[institution]\nname = \"{bad}\"\n");
        let mut p = Progress::new("x");
        let errors = import_text(&text, &mut p).unwrap_err();
        assert_eq!(errors.len(), 1, "{bad:?}");
        assert_eq!(errors[0].key, "institution.name");
    }
}
