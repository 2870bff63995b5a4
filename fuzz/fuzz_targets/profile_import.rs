//! Profile import (`cert::profile_file::import_text`): no panic, and a
//! refused import leaves the progress untouched.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oqscert::cert::profile_file::import_text;
use oqscert::cert::progress::Progress;

fuzz_target!(|text: &str| {
    let mut p = Progress::new("fuzz");
    let before = p.clone();
    if import_text(text, &mut p).is_err() {
        assert_eq!(p, before, "a refused import changed the progress");
    }
});
