//! Certificate files found where a person keeps them: a folder's PKCS#12
//! files (Downloads, a stick), the backups on every removable drive, and
//! completing a typed path. File-system work, run off the UI thread.

use std::path::PathBuf;

/// Complete a typed path (Tab): the longest common continuation among the
/// entries of its folder.
pub fn complete_path(typed: &str) -> Option<String> {
    let typed = typed.trim().trim_matches('"');
    let p = std::path::Path::new(typed);
    let (dir, prefix) = if typed.ends_with(std::path::MAIN_SEPARATOR) || typed.ends_with('/') {
        (p.to_path_buf(), String::new())
    } else {
        (
            p.parent().map(|d| d.to_path_buf()).unwrap_or_default(),
            p.file_name()?.to_string_lossy().into_owned(),
        )
    };
    let dir_read = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir.clone()
    };
    let mut names: Vec<String> = std::fs::read_dir(&dir_read)
        .ok()?
        .flatten()
        .map(|e| {
            let mut n = e.file_name().to_string_lossy().into_owned();
            if e.path().is_dir() {
                n.push(std::path::MAIN_SEPARATOR);
            }
            n
        })
        .filter(|n| n.starts_with(&prefix))
        .collect();
    names.sort();
    let first = names.first()?.clone();
    let common: String = first
        .chars()
        .enumerate()
        .take_while(|(i, c)| names.iter().all(|n| n.chars().nth(*i) == Some(*c)))
        .map(|(_, c)| c)
        .collect();
    Some(dir.join(common).display().to_string())
}

/// PKCS#12 files in `dir`, newest first.
pub fn list_pkcs12(dir: &std::path::Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<(std::time::SystemTime, PathBuf)> = rd
        .flatten()
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("p12") || x.eq_ignore_ascii_case("pfx"))
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    v.into_iter().map(|(_, p)| p).collect()
}

/// The folder the browser saves downloads in: `OQSCERT_DOWNLOADS` when
/// set (a folder other than the usual), else the one Windows reports
/// (the Downloads known folder; the XDG one elsewhere).
pub fn downloads_dir() -> Option<PathBuf> {
    std::env::var_os("OQSCERT_DOWNLOADS")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            directories::UserDirs::new().and_then(|u| u.download_dir().map(|d| d.to_path_buf()))
        })
}

/// Certificate files at the top of every removable drive, newest first
/// (画面 3-2's backups). Read quietly: an empty card-reader slot must not
/// bring up "There is no disk in the drive" on Windows.
pub fn find_backups() -> Vec<PathBuf> {
    let _quiet = crate::cert::fsutil::QuietDrives::new();
    crate::cert::backup::backup_targets()
        .iter()
        .flat_map(|d| list_pkcs12(&d.path))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_pkcs12_newest_first_and_completes_paths() {
        let d = tempfile::tempdir().unwrap();
        let old = d.path().join("old.pfx");
        let new = d.path().join("証明書.P12");
        std::fs::write(&old, b"x").unwrap();
        std::fs::write(d.path().join("notes.txt"), b"x").unwrap();
        let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(past)
            .unwrap();
        std::fs::write(&new, b"x").unwrap();
        assert_eq!(list_pkcs12(d.path()), vec![new.clone(), old.clone()]);
        let typed = format!("{}/o", d.path().display());
        assert_eq!(complete_path(&typed).unwrap(), old.display().to_string());
        assert_eq!(
            list_pkcs12(&d.path().join("missing")),
            Vec::<PathBuf>::new()
        );
    }
}
