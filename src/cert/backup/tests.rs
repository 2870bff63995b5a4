use super::*;
use crate::cert::pfx::fixtures::{Identity, IdentitySpec};
#[cfg(target_os = "linux")]
use std::process::Command;

fn file() -> Vec<u8> {
    Identity::new(&IdentitySpec::default()).pkcs12_modern("1234")
}

/// The stick pulled out mid-copy, by an injected writer: half the file
/// reaches the temp file, then the device answers "gone" (as ENOENT
/// when the mount disappears, as EIO when the block device does).
#[test]
fn stick_removed_mid_copy() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("source.p12");
    let bytes = file();
    std::fs::write(&src, &bytes).unwrap();
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let pw = Password::new("1234");
    let gone: [std::io::Error; 2] = [
        std::io::Error::from(ErrorKind::NotFound),
        #[cfg(unix)]
        std::io::Error::from_raw_os_error(libc::EIO),
        #[cfg(windows)]
        std::io::Error::from_raw_os_error(1167),
    ];
    for err in gone {
        let kind = err.raw_os_error();
        let cell = std::cell::RefCell::new(Some(err));
        let half_then_gone = |p: &Path, b: &[u8]| -> std::io::Result<()> {
            std::fs::write(p, &b[..b.len() / 2])?;
            Err(cell.borrow_mut().take().unwrap())
        };
        let r = backup_bytes_with(&bytes, &usb, "x.p12", &pw, &half_then_gone);
        assert!(
            matches!(
                r,
                Err(Error::Backup {
                    fault: Fault::TargetGone,
                    ..
                })
            ),
            "{kind:?}: {r:?}"
        );
        // Nothing under the final name, no temp file left, source intact.
        assert_eq!(std::fs::read_dir(&usb).unwrap().count(), 0, "{kind:?}");
        assert_eq!(std::fs::read(&src).unwrap(), bytes);
    }
    // The stick back in: the backup goes through.
    let r = backup_bytes(&bytes, &usb, "x.p12", &pw).unwrap();
    assert_eq!(std::fs::read(r.path).unwrap(), bytes);
}

#[test]
fn copies_verifies_and_never_overwrites_a_different_file() {
    let dir = tempfile::tempdir().unwrap();
    let pw = Password::new("1234");
    let a = file();
    let r = backup_bytes(&a, dir.path(), "3410712362-20261125.p12", &pw).unwrap();
    assert!(!r.already_present);
    assert_eq!(std::fs::read(&r.path).unwrap(), a);
    assert_eq!(r.sha256, sha256_hex(&a));
    // Same file again: nothing written.
    let again = backup_bytes(&a, dir.path(), "3410712362-20261125.p12", &pw).unwrap();
    assert!(again.already_present);
    assert_eq!(again.path, r.path);
    // A different file with the same name: a new name, the old kept.
    let b = file();
    let other = backup_bytes(&b, dir.path(), "3410712362-20261125.p12", &pw).unwrap();
    assert_eq!(other.path, dir.path().join("3410712362-20261125-2.p12"));
    assert_eq!(std::fs::read(&r.path).unwrap(), a);
    // Wrong password: nothing written at all.
    let before = std::fs::read_dir(dir.path()).unwrap().count();
    let e = backup_bytes(&a, dir.path(), "x.p12", &Password::new("9999"));
    assert!(matches!(e, Err(Error::WrongPassword)));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), before);
}

#[test]
fn names_are_clear() {
    let d = time::macros::date!(2026 - 11 - 05);
    assert_eq!(
        backup_name(Some("3410712362"), d),
        "3410712362-20261105.p12"
    );
    assert_eq!(backup_name(None, d), "oqscert-20261105.p12");
}

#[test]
fn missing_target_and_too_long_name() {
    let dir = tempfile::tempdir().unwrap();
    let pw = Password::new("1234");
    let gone = dir.path().join("unplugged");
    let e = backup_bytes(&file(), &gone, "a.p12", &pw).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Backup {
                fault: Fault::TargetGone,
                ..
            }
        ),
        "{e:?}"
    );
    let long = format!("{}.p12", "a".repeat(300));
    let e = backup_bytes(&file(), dir.path(), &long, &pw).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Backup {
                fault: Fault::NameTooLong | Fault::Other,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// A small tmpfs (root may mount one here): full and read-only targets.
#[cfg(target_os = "linux")]
#[test]
fn full_and_read_only_targets() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path();
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=4k", "tmpfs"])
        .arg(mnt)
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("cannot mount tmpfs here (not root?): fault tests skipped");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(mnt);
    let pw = Password::new("1234");
    let big = file();
    assert!(big.len() > 1024);
    // Fill it so the certificate no longer fits.
    let _ = std::fs::write(mnt.join("filler"), vec![0u8; 3 * 1024]);
    let e = backup_bytes(&big, mnt, "c.p12", &pw).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Backup {
                fault: Fault::Full,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        !mnt.join("c.p12").exists(),
        "no half-written file under the final name"
    );
    let names: Vec<_> = std::fs::read_dir(mnt)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "temp file cleaned up: {names:?}");
    std::fs::remove_file(mnt.join("filler")).unwrap();
    let st = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(mnt)
        .status()
        .unwrap();
    assert!(st.success());
    let e = backup_bytes(&big, mnt, "c.p12", &pw).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Backup {
                fault: Fault::ReadOnly,
                ..
            }
        ),
        "{e:?}"
    );
}

/// Permission denied, even for root: an immutable folder (ext4 `chattr
/// +i`). Skipped where the file system has no such flag.
#[cfg(target_os = "linux")]
#[test]
fn permission_denied_target() {
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    let ok = Command::new("chattr")
        .arg("+i")
        .arg(&locked)
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("chattr +i not supported here: skipped");
        return;
    }
    struct Unlock<'a>(&'a Path);
    impl Drop for Unlock<'_> {
        fn drop(&mut self) {
            let _ = Command::new("chattr").arg("-i").arg(self.0).status();
        }
    }
    let _guard = Unlock(&locked);
    let e = backup_bytes(&file(), &locked, "c.p12", &Password::new("1234")).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Backup {
                fault: Fault::PermissionDenied,
                ..
            }
        ),
        "{e:?}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn finds_removable_mounts_from_sysfs() {
    let root = tempfile::tempdir().unwrap();
    let sys = root.path().join("block");
    for (dev, rem) in [("sda", "0"), ("sdb", "1")] {
        std::fs::create_dir_all(sys.join(dev)).unwrap();
        std::fs::write(sys.join(dev).join("removable"), rem).unwrap();
    }
    let mounts = root.path().join("mounts");
    std::fs::write(
        &mounts,
        "/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /mnt/USB\\040STICK vfat rw 0 0\n/dev/sdc1 /media/user/CAM vfat rw 0 0\n",
    )
    .unwrap();
    let d = linux_removable(&sys, &mounts);
    let paths: Vec<_> = d.iter().map(|d| d.path.display().to_string()).collect();
    assert_eq!(paths, ["/mnt/USB STICK", "/media/user/CAM"]);
    assert_eq!(d[0].label, "USB STICK");
}

/// Every name up to `name-100.p12` taken by other files: an error naming
/// the folder, never a write over the last name tried.
#[test]
fn all_names_taken_is_an_error_not_an_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let pw = Password::new("1234");
    let bytes = file();
    let usb = dir.path();
    std::fs::write(usb.join("x.p12"), b"other").unwrap();
    for n in 2..=MAX_NAMES {
        std::fs::write(usb.join(format!("x-{n}.p12")), b"other").unwrap();
    }
    let r = backup_bytes(&bytes, usb, "x.p12", &pw);
    assert!(
        matches!(
            r,
            Err(Error::Backup {
                fault: Fault::NameTaken,
                ..
            })
        ),
        "{r:?}"
    );
    assert_eq!(
        std::fs::read(usb.join(format!("x-{MAX_NAMES}.p12"))).unwrap(),
        b"other"
    );
    assert!(!common_temp_left(usb));
    // One name freed: the backup takes it.
    std::fs::remove_file(usb.join("x-57.p12")).unwrap();
    let r = backup_bytes(&bytes, usb, "x.p12", &pw).unwrap();
    assert!(r.path.ends_with("x-57.p12"));
}

/// A folder or an oversized file under the name is "a different file".
#[test]
fn a_folder_or_huge_file_under_the_name_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let pw = Password::new("1234");
    let bytes = file();
    let usb = dir.path();
    std::fs::create_dir(usb.join("x.p12")).unwrap();
    let big = std::fs::File::create(usb.join("x-2.p12")).unwrap();
    big.set_len(MAX_PFX_SIZE + 1).unwrap();
    let r = backup_bytes(&bytes, usb, "x.p12", &pw).unwrap();
    assert!(r.path.ends_with("x-3.p12"), "{r:?}");
}

/// A temporary left by a killed backup (its process gone) is swept by the
/// next backup to that folder.
#[cfg(target_os = "linux")]
#[test]
fn the_next_backup_sweeps_a_dead_backup_temp() {
    let dir = tempfile::tempdir().unwrap();
    let pw = Password::new("1234");
    let bytes = file();
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    let stale = dir.path().join(format!(".x.p12.tmp-{pid}-0"));
    std::fs::write(&stale, &bytes[..10]).unwrap();
    backup_bytes(&bytes, dir.path(), "x.p12", &pw).unwrap();
    if !Path::new("/proc").join(pid.to_string()).exists() {
        assert!(!stale.exists());
    }
}

fn common_temp_left(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .unwrap()
        .any(|e| e.unwrap().file_name().to_string_lossy().contains(".tmp-"))
}

/// The drive oqscert runs from: a stick's mount (or drive) root, never the
/// system's own disk.
#[cfg(not(windows))]
#[test]
fn the_drive_oqscert_runs_from_is_a_backup_target() {
    assert_eq!(
        stick_root(Path::new("/media/uketsuke/USB1/oqscert/oqscert")),
        Some(PathBuf::from("/media/uketsuke/USB1"))
    );
    assert_eq!(
        stick_root(Path::new("/run/media/uketsuke/USB1/oqscert")),
        Some(PathBuf::from("/run/media/uketsuke/USB1"))
    );
    assert_eq!(stick_root(Path::new("/usr/local/bin/oqscert")), None);
    assert_eq!(stick_root(Path::new("/media/oqscert")), None);
}

/// Under wine the test runs from Z:\ (not the system drive C:): that
/// drive is offered, marked as the one oqscert runs from, whatever its
/// type; C: never is.
#[cfg(windows)]
#[test]
fn the_drive_oqscert_runs_from_is_a_backup_target() {
    assert_eq!(
        stick_root(Path::new("E:\\oqscert\\oqscert.exe")),
        Some(PathBuf::from("E:\\"))
    );
    assert_eq!(
        stick_root(Path::new("C:\\Program Files\\oqscert.exe")),
        None
    );
    let exe = std::env::current_exe().unwrap();
    if let Some(root) = stick_root(&exe) {
        let targets = backup_targets();
        let here: Vec<_> = targets.iter().filter(|d| d.runs_here).collect();
        assert_eq!(here.len(), 1, "{targets:?}");
        assert_eq!(here[0].path, root);
    }
}
