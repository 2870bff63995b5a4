//! Temporaries left behind by a process that died mid-write (killed, power
//! lost): `.<name>.tmp-<pid>-<n>` beside the file it was writing. Such a
//! file is never read; it is removed the next time the folder is written
//! to, once it is certainly nobody's work in progress: its process is gone
//! (Linux: no `/proc/<pid>`), or it is older than `STALE_AFTER` (every
//! platform; a write of a few kilobytes never takes a minute).

use std::path::Path;
use std::time::{Duration, SystemTime};

/// A temporary at least this old belongs to no live write.
pub const STALE_AFTER: Duration = Duration::from_secs(60);

/// The writer's process id, if `file_name` is one of our temporaries
/// (`.<name>.tmp-<pid>-<n>`, both numbers in decimal).
pub fn temp_pid(file_name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?;
    let i = rest.rfind(".tmp-")?;
    if i == 0 {
        return None;
    }
    let (pid, n) = rest[i + ".tmp-".len()..].split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(pid) || !digits(n) {
        return None;
    }
    pid.parse().ok()
}

/// True only when the process is known to be gone.
fn process_gone(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    {
        !Path::new("/proc").join(pid.to_string()).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = pid;
        false
    }
}

/// Remove the stale temporaries directly in `dir`; returns how many were
/// removed. Anything else in the folder, and any temporary that may still
/// be written, is left alone. Errors are ignored: cleaning is best-effort
/// and never stops the write that follows.
pub fn clean_stale_temps(dir: &Path) -> usize {
    clean_stale_temps_at(dir, SystemTime::now())
}

/// `clean_stale_temps` with the clock given (tests).
pub fn clean_stale_temps_at(dir: &Path, now: SystemTime) -> usize {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in rd.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(temp_pid) else {
            continue;
        };
        // Not followed: a link or folder with such a name is not ours.
        let Ok(meta) = e.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if (old || process_gone(pid)) && std::fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_only_our_temporaries() {
        assert_eq!(temp_pid(".default.toml.tmp-123-0"), Some(123));
        assert_eq!(temp_pid(".a.p12.tmp-9-17"), Some(9));
        for other in [
            "default.toml",
            ".default.toml",
            ".tmp-1-2",
            "default.toml.tmp-1-2",
            ".a.tmp-1",
            ".a.tmp-x-1",
            ".a.tmp-1-",
            ".a.tmp--1",
            ".a.tmp-1-2-3",
        ] {
            assert_eq!(temp_pid(other), None, "{other}");
        }
    }

    #[test]
    fn removes_old_temporaries_and_keeps_everything_else() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let me = std::process::id();
        let ours = format!(".p.toml.tmp-{me}-0");
        for n in [ours.as_str(), "p.toml", ".p.toml.corrupt-x", "notes.txt"] {
            std::fs::write(d.join(n), b"x").unwrap();
        }
        std::fs::create_dir(d.join(".q.toml.tmp-1-1")).unwrap();
        // Now: our own live temporary is young and stays.
        assert_eq!(clean_stale_temps(d), 0);
        assert!(d.join(&ours).exists());
        // Two minutes later it is stale, whoever wrote it.
        let later = SystemTime::now() + Duration::from_secs(120);
        assert_eq!(clean_stale_temps_at(d, later), 1);
        assert!(!d.join(&ours).exists());
        for n in [
            "p.toml",
            ".p.toml.corrupt-x",
            "notes.txt",
            ".q.toml.tmp-1-1",
        ] {
            assert!(d.join(n).exists(), "{n}");
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn removes_a_dead_process_temporary_at_once() {
        let dir = tempfile::tempdir().unwrap();
        // A child that has exited and been reaped: its pid is gone.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        let dead = dir.path().join(format!(".p.toml.tmp-{pid}-3"));
        std::fs::write(&dead, b"half").unwrap();
        if Path::new("/proc").join(pid.to_string()).exists() {
            return; // the pid was reused already: nothing to prove
        }
        assert_eq!(clean_stale_temps(dir.path()), 1);
        assert!(!dead.exists());
    }

    #[test]
    fn a_missing_folder_is_not_an_error() {
        assert_eq!(clean_stale_temps(Path::new("/nonexistent/oqscert")), 0);
    }
}
