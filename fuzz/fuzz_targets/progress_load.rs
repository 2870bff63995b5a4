//! The progress file loader: `progress::decode` (the loader's rules on
//! bytes: UTF-8, TOML, the schema version, the fields) on every input,
//! and for an input that decodes, the real file path: written, loaded by
//! `ProgressStore::load` (size limit, stale temporaries swept), saved and
//! loaded again to the same value. No panic anywhere.
//!
//! Only decodable inputs touch the file system (most fuzz inputs do not
//! decode), so the target runs at parser speed; the set-aside path of a
//! damaged file is covered by the unit tests and `tests/bad_input.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oqscert::cert::progress::{Decoded, ProgressStore, decode};
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
    let Decoded::Progress(_) = decode(data) else {
        return;
    };
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
    if let Ok(rd) = std::fs::read_dir(home().join("profiles")) {
        for e in rd.flatten() {
            let _ = std::fs::remove_file(e.path());
        }
    }
});
