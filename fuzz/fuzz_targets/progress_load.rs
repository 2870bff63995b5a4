//! The progress file loader: the TOML parse into `Progress`, and the
//! versioned load path (`ProgressStore::load`: size limit, version check,
//! corrupt files set aside) on a real file. No panic; a file that loads
//! saves and loads again to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oqscert::cert::progress::{Progress, ProgressStore};
use std::path::PathBuf;
use std::sync::OnceLock;

fn home() -> &'static PathBuf {
    static HOME: OnceLock<PathBuf> = OnceLock::new();
    HOME.get_or_init(|| {
        let h = std::env::temp_dir().join(format!("oqscert-fuzz-{}", std::process::id()));
        let _ = std::fs::create_dir_all(h.join("profiles"));
        h
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = toml::from_str::<Progress>(text);
    }
    let store = ProgressStore::new(home());
    let path = home().join("profiles").join("fuzz.toml");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    if let Ok(Some(mut p)) = store.load("fuzz") {
        p.profile = "fuzz".into();
        if store.save(&mut p).is_ok() {
            let again = store.load("fuzz");
            assert!(matches!(again, Ok(Some(ref q)) if *q == p), "{again:?}");
        }
    }
    // Set-aside copies pile up otherwise.
    if let Ok(rd) = std::fs::read_dir(home().join("profiles")) {
        for e in rd.flatten() {
            let _ = std::fs::remove_file(e.path());
        }
    }
});
