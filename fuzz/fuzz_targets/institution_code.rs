//! 医療機関コード: `normalize_digits` and `InstitutionCode::parse` never
//! panic; normalising yields ASCII digits only, and is idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oqscert::cert::institution::{InstitutionCode, normalize_digits};

fuzz_target!(|text: &str| {
    if let Ok(d) = normalize_digits(text) {
        assert!(d.bytes().all(|b| b.is_ascii_digit()), "{d:?}");
        assert_eq!(normalize_digits(&d).ok().as_deref(), Some(d.as_str()));
    }
    let _ = InstitutionCode::parse(text);
});
