use super::*;
use time::Duration;

const NOW: OffsetDateTime = time::macros::datetime!(2027-06-01 00:00:00 UTC);

/// A `status --json` as oqscert writes it, `days` days before its end.
fn status_json(name: &str, terminal: &str, days: Option<i64>) -> String {
    let cert = match days {
        Some(d) => {
            let end = (NOW + Duration::days(d) + Duration::hours(1))
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap();
            format!("{{\"not_after\":\"{end}\",\"days_left\":{d}}}")
        }
        None => "null".into(),
    };
    format!(
        "{{\"profile\":\"default\",\"chapters\":{{}},\"certificate\":{cert},\
         \"backups\":[{{\"path\":\"E:/a.p12\",\"state\":\"matches\"}},\
         {{\"path\":\"F:/b.p12\",\"state\":\"missing\"}}],\"application\":null,\
         \"alerts\":[{{\"kind\":\"backup_missing\",\"path\":\"F:/b.p12\"}},{{\"kind\":\"from_the_future\"}}],\
         \"needs_attention\":true,\"institution_name\":{name},\
         \"institution_code\":\"1330000009\",\"terminal_name\":{terminal},\"store_kind\":\"folder\"}}",
        // Names can hold quotes (a hostile or odd one): encode them.
        name = serde_json::to_string(name).unwrap(),
        terminal = serde_json::to_string(terminal).unwrap(),
    )
}

#[test]
fn a_status_file_becomes_an_entry_with_expiry_for_today() {
    let e = parse(status_json("歯科", "受付1", Some(20)).as_bytes(), NOW).unwrap();
    assert_eq!(e.institution_name, "歯科");
    assert_eq!(e.institution_code.as_deref(), Some("1330000009"));
    assert_eq!(e.days_left, Some(20));
    assert_eq!(e.backup, Some(BackupState::Missing));
    assert_eq!(
        most_urgent(&e.alerts),
        Some(&Alert::Expiring {
            threshold: 30,
            days_left: 20
        })
    );
    let gone = parse(status_json("歯科", "受付1", Some(-3)).as_bytes(), NOW).unwrap();
    assert!(matches!(
        most_urgent(&gone.alerts),
        Some(Alert::Expired { .. })
    ));
    let row = cells(Lang::Ja, &e);
    assert_eq!(row[4], "20");
    assert!(row[5].contains("20"), "{}", row[5]);
}

#[test]
fn what_is_not_ours_is_skipped_with_its_reason() {
    let reason = |b: &[u8]| parse(b, NOW).unwrap_err().0;
    assert_eq!(reason(b""), SkipReason::Empty);
    assert_eq!(reason(b"  \n"), SkipReason::Empty);
    assert_eq!(reason(b"{\"profile\": \"x\", "), SkipReason::NotJson);
    assert_eq!(reason(b"\xff\xfe{}"), SkipReason::NotJson);
    assert_eq!(reason(b"{\"name\":\"package.json\"}"), SkipReason::NotOurs);
    assert_eq!(reason(b"[1,2,3]"), SkipReason::NotOurs);
    // An error output of oqscert is not a status.
    assert_eq!(
        reason(b"{\"error\":{\"kind\":\"read\",\"message\":\"x\",\"exit_code\":4}}"),
        SkipReason::NotOurs
    );
    // A BOM is fine.
    let with_bom = format!("\u{feff}{}", status_json("a", "b", Some(5)));
    assert!(parse(with_bom.as_bytes(), NOW).is_ok());
}

#[test]
fn sorted_by_days_left_without_a_certificate_last() {
    let mut v: Vec<Entry> = [Some(400), None, Some(-2), Some(30)]
        .into_iter()
        .map(|d| parse(status_json("a", "t", d).as_bytes(), NOW).unwrap())
        .collect();
    sort(&mut v);
    let days: Vec<Option<i64>> = v.iter().map(|e| e.days_left).collect();
    assert_eq!(days, [Some(-2), Some(30), Some(400), None]);
}

#[test]
fn csv_has_a_bom_crlf_and_no_formulas() {
    let mut e = parse(
        status_json("=HYPERLINK(\"x\")", "t", Some(-1)).as_bytes(),
        NOW,
    )
    .unwrap();
    e.file = "a/b.json".into();
    let f = Fleet {
        entries: vec![e],
        skipped: Vec::new(),
    };
    let csv = render::csv(Lang::Ja, &f);
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(csv.matches("\r\n").count(), 2);
    assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
    // The days left stay a number.
    assert!(csv.contains(",\"-1\","), "{csv}");
    let html = render::html(Lang::Ja, &f, "2027-06-01");
    assert!(html.contains("size:A4"));
    assert!(html.contains("=HYPERLINK(&quot;x&quot;)"));
}

/// A cell starting with a tab or a carriage return before a formula is
/// kept as text too, and no cell carries a control or bidi character.
#[test]
fn csv_guards_tab_and_cr_and_cells_are_printable() {
    let mut e = parse(
        status_json("\t=cmd|' /C calc'!A0", "\u{202e}exe.txt", Some(5)).as_bytes(),
        NOW,
    )
    .unwrap();
    e.file = "a\u{1b}[2J.json".into();
    let cells = cells(Lang::Ja, &e);
    assert!(
        cells
            .iter()
            .all(|c| !c.contains('\u{202e}') && !c.contains('\u{1b}'))
    );
    let f = Fleet {
        entries: vec![e],
        skipped: vec![Skipped {
            file: "b\u{1b}]0;x\u{7}.json".into(),
            reason: SkipReason::NotJson,
            detail: "\u{202e}d".into(),
        }],
    };
    let csv = render::csv(Lang::Ja, &f);
    assert!(!csv.contains("\t=cmd"), "{csv}");
    // The guard itself, for each lead a formula can hide behind.
    for lead in ["=", "+", "-", "@", "\t=", "\r="] {
        let cell = render::csv_cell(&format!("{lead}cmd"), true);
        assert!(cell.starts_with("\"'"), "{lead:?}: {cell}");
    }
    assert_eq!(render::csv_cell("-5", false), "\"-5\"");
    let skip = skip_text(Lang::Ja, &f.skipped[0]);
    assert!(
        !skip.contains('\u{1b}') && !skip.contains('\u{202e}'),
        "{skip}"
    );
}
