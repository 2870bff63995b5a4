use super::*;

fn never(_: &Path) -> bool {
    false
}

fn always(_: &Path) -> bool {
    true
}

/// A program folder with a fake executable in it.
fn program_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let exe = dir.path().join("oqscert.exe");
    std::fs::write(&exe, b"").unwrap();
    (dir, exe)
}

#[test]
fn oqscert_data_beside_the_program_wins() {
    let (dir, exe) = program_dir();
    std::fs::create_dir(dir.path().join(PORTABLE_DIR)).unwrap();
    let h = resolve_home_with(None, None, Some(exe), &never).unwrap();
    assert_eq!(h.path, dir.path().join(PORTABLE_DIR));
    assert_eq!(
        h.kind,
        HomeKind::Portable {
            removable: false,
            // "C:" when the tests run on Windows.
            drive: drive_letter(dir.path()),
        }
    );
    assert!(h.is_portable());
}

#[test]
fn a_removable_drive_makes_it_portable_without_creating_anything() {
    let (dir, exe) = program_dir();
    let h = resolve_home_with(None, None, Some(exe), &always).unwrap();
    assert_eq!(h.path, dir.path().join(PORTABLE_DIR));
    assert!(matches!(
        h.kind,
        HomeKind::Portable {
            removable: true,
            ..
        }
    ));
    // Created when first written, not when resolved.
    assert!(!h.path.exists());
}

#[test]
fn the_flag_and_the_variable_win_over_portable_mode() {
    let (dir, exe) = program_dir();
    std::fs::create_dir(dir.path().join(PORTABLE_DIR)).unwrap();
    let flag = Path::new("/tmp/flag-home");
    let h = resolve_home_with(
        Some(flag),
        Some(OsString::from("/tmp/env-home")),
        Some(exe.clone()),
        &always,
    )
    .unwrap();
    assert_eq!(h.path, flag.to_path_buf());
    assert_eq!(h.kind, HomeKind::Cli);
    let h = resolve_home_with(
        None,
        Some(OsString::from("/tmp/env-home")),
        Some(exe.clone()),
        &always,
    )
    .unwrap();
    assert_eq!(h.path, PathBuf::from("/tmp/env-home"));
    assert_eq!(h.kind, HomeKind::Env);
    // An empty variable counts as unset.
    let h = resolve_home_with(None, Some(OsString::new()), Some(exe), &always).unwrap();
    assert!(h.is_portable());
}

#[test]
fn otherwise_the_platform_folder() {
    let (_dir, exe) = program_dir();
    let h = resolve_home_with(None, None, Some(exe), &never).unwrap();
    assert_eq!(h.kind, HomeKind::Platform);
    assert_eq!(h.path, platform_data_dir().unwrap());
    let h = resolve_home_with(None, None, None, &always).unwrap();
    assert_eq!(h.kind, HomeKind::Platform);
}

#[test]
fn the_quarantine_never_goes_to_the_stick() {
    let stick = Home {
        path: PathBuf::from("/media/usb/oqscert-data"),
        kind: HomeKind::Portable {
            removable: true,
            drive: None,
        },
    };
    assert_eq!(
        quarantine_root(&stick).unwrap(),
        platform_data_dir().unwrap()
    );
    let env = Home {
        path: PathBuf::from("/tmp/h"),
        kind: HomeKind::Env,
    };
    assert_eq!(quarantine_root(&env).unwrap(), PathBuf::from("/tmp/h"));
    let profile = Path::new("/media/usb/oqscert-data/profiles/default");
    assert_eq!(
        rebase(
            profile,
            &stick.path,
            Path::new("/home/u/.local/share/oqscert")
        ),
        PathBuf::from("/home/u/.local/share/oqscert/profiles/default")
    );
    assert_eq!(
        rebase(Path::new("/elsewhere"), &stick.path, Path::new("/x")),
        PathBuf::from("/elsewhere")
    );
}

#[test]
fn drive_letters_from_windows_paths() {
    assert_eq!(drive_letter(Path::new(r"E:\oqscert")), Some("E:".into()));
    assert_eq!(drive_letter(Path::new(r"e:\")), Some("E:".into()));
    assert_eq!(
        drive_letter(Path::new(r"\\?\F:\tools\oqscert")),
        Some("F:".into())
    );
    assert_eq!(drive_letter(Path::new(r"\\server\share\x")), None);
    assert_eq!(drive_letter(Path::new("/media/usb")), None);
}

#[cfg(not(windows))]
#[test]
fn removable_off_windows_is_a_mount_point_heuristic() {
    assert!(is_removable_dir(Path::new("/media/alice/STICK")));
    assert!(is_removable_dir(Path::new("/run/media/alice/STICK")));
    assert!(!is_removable_dir(Path::new("/home/alice/bin")));
    assert!(!is_removable_dir(Path::new("/mediafiles/x")));
}

/// A data folder outside the user's profile is made owner-only when
/// oqscert makes it (or it is empty); a folder with other things in it
/// keeps its permissions and only the `profiles` folder made in it is
/// protected; the platform folder is left to the profile's permissions.
#[cfg(windows)]
#[test]
fn a_home_outside_the_profile_is_made_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("oqscert-data");
    let home = |path: &Path, kind| Home {
        path: path.to_path_buf(),
        kind,
    };
    assert_eq!(
        protect_outside_profile(&home(&made, HomeKind::Cli)),
        Some(made.clone())
    );
    assert!(made.is_dir());
    let busy = dir.path().join("desktop");
    std::fs::create_dir(&busy).unwrap();
    std::fs::write(busy.join("memo.txt"), "x").unwrap();
    assert_eq!(
        protect_outside_profile(&home(&busy, HomeKind::Env)),
        Some(busy.join("profiles"))
    );
    // Once there, it is not redone (nor is anything else changed).
    assert_eq!(protect_outside_profile(&home(&busy, HomeKind::Env)), None);
    let platform = dir.path().join("appdata");
    assert_eq!(
        protect_outside_profile(&home(&platform, HomeKind::Platform)),
        None
    );
    assert!(!platform.exists());
}
