use super::units::*;
use super::*;

fn inv(exe: &str, home: Option<&str>) -> Invocation {
    Invocation {
        exe: PathBuf::from(exe),
        home: home.map(PathBuf::from),
        profile: "default".into(),
        lang: Lang::Ja,
    }
}

#[test]
fn the_arguments_carry_home_profile_and_language() {
    assert_eq!(
        inv("/x/oqscert", Some("/d")).args(),
        [
            "--lang",
            "ja",
            "--home",
            "/d",
            "--profile",
            "default",
            "status",
            "--notify"
        ]
    );
    assert!(
        !inv("/x/oqscert", None)
            .args()
            .contains(&"--home".to_string())
    );
}

#[test]
fn task_xml_has_both_triggers_the_user_and_least_privilege() {
    let i = inv(
        r"C:\Program Files\oqscert & co\oqscert.exe",
        Some(r"D:\データ <clinic>\"),
    );
    let xml = task_xml(&i, r"CLINIC\受付", "check <profile> default");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-16\"?>"));
    assert!(xml.contains("<LogonTrigger>"));
    assert!(xml.contains("<CalendarTrigger>"));
    assert!(xml.contains("<StartBoundary>2025-01-01T09:00:00</StartBoundary>"));
    assert!(xml.contains("<DaysInterval>1</DaysInterval>"));
    assert!(xml.contains("<RunLevel>LeastPrivilege</RunLevel>"));
    assert!(xml.contains("<LogonType>InteractiveToken</LogonType>"));
    assert_eq!(xml.matches(r"<UserId>CLINIC\受付</UserId>").count(), 2);
    assert!(xml.contains(r"<Command>C:\Program Files\oqscert &amp; co\oqscert.exe</Command>"));
    // The home with a space is quoted; its trailing backslash doubled so
    // it does not escape the closing quote; < > escaped for XML.
    assert!(
        xml.contains(
            r#"<Arguments>--lang ja --home &quot;D:\データ &lt;clinic&gt;\\&quot; --profile default status --notify</Arguments>"#
        ),
        "{xml}"
    );
    assert!(xml.contains("<Description>check &lt;profile&gt; default</Description>"));
    assert!(!xml.contains("& "));
}

#[test]
fn windows_args_follow_commandlinetoargvw() {
    assert_eq!(windows_arg("plain"), "plain");
    assert_eq!(windows_arg(""), "\"\"");
    assert_eq!(windows_arg("a b"), "\"a b\"");
    assert_eq!(windows_arg(r#"say "hi""#), r#""say \"hi\"""#);
    assert_eq!(windows_arg(r"C:\a b\"), r#""C:\a b\\""#);
    assert_eq!(windows_arg(r"C:\no\space"), r"C:\no\space");
}

#[test]
fn the_task_file_is_utf16_with_a_bom() {
    let bytes = utf16_with_bom("<a>受</a>");
    assert_eq!(&bytes[..2], &[0xFF, 0xFE]);
    assert_eq!(&bytes[2..4], &[b'<', 0]);
    assert_eq!(bytes.len(), 2 + 2 * 8);
}

#[test]
fn systemd_units_run_daily_at_nine_and_catch_up() {
    let i = inv("/opt/oqs cert/oqscert", Some("/home/a/100%"));
    let service = systemd_service(&i, "oqscert: 期限の確認 (default)");
    assert!(service.contains("Type=oneshot\n"));
    assert!(service.contains(
        "ExecStart=\"/opt/oqs cert/oqscert\" \"--lang\" \"ja\" \"--home\" \"/home/a/100%%\" \
         \"--profile\" \"default\" \"status\" \"--notify\"\n"
    ));
    assert!(service.contains("SuccessExitStatus=1\n"));
    assert!(service.contains("Description=oqscert: 期限の確認 (default)\n"));
    let timer = systemd_timer("oqscert-default", "d");
    assert!(timer.contains("OnCalendar=*-*-* 09:00\n"));
    assert!(timer.contains("Persistent=true\n"));
    assert!(timer.contains("Unit=oqscert-default.service\n"));
    assert!(timer.contains("WantedBy=timers.target\n"));
    assert_eq!(
        unit_name("clinic-2", "0123456789abcdef"),
        "oqscert-clinic-2-0123456789abcdef"
    );
}

#[test]
fn the_crontab_line_quotes_for_the_shell_and_cron() {
    let i = inv("/opt/o'q/oqscert", Some("/d/50%"));
    assert_eq!(
        crontab_line(&i),
        "0 9 * * * '/opt/o'\\''q/oqscert' '--lang' 'ja' '--home' '/d/50\\%' \
         '--profile' 'default' 'status' '--notify'"
    );
}

#[test]
fn next_run_is_the_second_csv_column() {
    assert_eq!(
        next_run_from_csv("\r\n\"\\oqscert default\",\"2026/04/02 9:00:00\",\"準備完了\"\r\n"),
        Some("2026/04/02 9:00:00".into())
    );
    assert_eq!(
        next_run_from_csv("\"\\oqscert default\",\"N/A\",\"Ready\""),
        None
    );
    assert_eq!(next_run_from_csv(""), None);
    // Two clinics' data folders on one PC: two tasks.
    assert_eq!(
        task_name("default", "0123456789abcdef"),
        "oqscert default 0123456789abcdef"
    );
    assert_ne!(task_name("default", "aa"), task_name("default", "bb"));
}

/// The monitor's program is copied into the user's own program folder and
/// refreshed by a newer one, never downgraded by an older stick.
#[test]
fn the_program_is_copied_and_refreshed_only_by_a_newer_one() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("stick").join("oqscert");
    std::fs::create_dir_all(src.parent().unwrap()).unwrap();
    std::fs::write(&src, b"v1").unwrap();
    let bin = dir.path().join("bin");
    let dest = install_program(&src, &bin, "0.1.0").unwrap();
    assert_eq!(dest, bin.join("oqscert"));
    assert_eq!(std::fs::read(&dest).unwrap(), b"v1");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&dest).unwrap().permissions().mode() & 0o111,
            0o111
        );
    }
    std::fs::write(&src, b"v2").unwrap();
    install_program(&src, &bin, "0.2.0").unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), b"v2");
    // An older stick registers: the newer copy stays.
    std::fs::write(&src, b"v0").unwrap();
    install_program(&src, &bin, "0.1.5").unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), b"v2");
    assert!(newer_version("0.10.0", "0.9.9"));
    assert!(!newer_version("0.1.0", "0.1.0"));
}

/// Never a program folder on a share or a stick: whatever is there later
/// would run as the user every day. Nothing is written.
#[test]
fn the_program_is_never_put_on_a_share_or_a_stick() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("oqscert");
    std::fs::write(&src, b"v1").unwrap();
    let mut places = vec![
        "//server/share/bin".to_string(),
        r"\\server\share\bin".to_string(),
    ];
    // A stick: where desktops mount them here; under wine the folder
    // scripts/windows-test.sh maps as removable drive R:.
    #[cfg(unix)]
    places.push("/media/oqscert-test-stick/bin".into());
    #[cfg(windows)]
    if let Ok(r) = std::env::var("OQSCERT_TEST_REMOVABLE") {
        places.push(format!("{r}oqscert-monitor-test"));
    }
    for place in &places {
        let place = std::path::Path::new(place);
        let e = install_program(&src, place, "0.1.0").unwrap_err();
        assert!(
            matches!(&e, Error::NotLocal { path } if path == place),
            "{}: {e:?}",
            place.display()
        );
        assert_eq!(e.exit_status(), crate::cert::ExitStatus::Environment);
        let words = crate::i18n::error_message(crate::i18n::Lang::Ja, &e);
        assert!(
            words.contains("このパソコンのディスクではありません"),
            "{words}"
        );
        // Nothing written there.
        assert!(!place.join("oqscert").exists());
    }
}

/// A system program by its full path under %SystemRoot%, never a bare
/// name Windows would look for beside oqscert first.
#[test]
fn system_programs_are_named_by_their_full_path() {
    let p = crate::cert::fsutil::system_program("schtasks.exe");
    assert!(
        p.is_absolute() || p.to_string_lossy().contains(":\\"),
        "{p:?}"
    );
    assert!(
        p.ends_with("System32/schtasks.exe")
            || p.to_string_lossy().ends_with("System32\\schtasks.exe")
    );
    let e = crate::cert::fsutil::system_program("explorer.exe");
    assert!(!e.to_string_lossy().contains("System32"));
}
