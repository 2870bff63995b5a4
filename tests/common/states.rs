//! Two progress states for the crash tests (`tests/kill.rs`), shared with
//! `examples/save_loop.rs` through `#[path]`. Every text field of A is
//! full of 'A' and of B full of 'B', a few kilobytes each, so a file
//! mixing the two (or cut short) cannot pass for either.

use oqscert::cert::progress::Progress;
use time::OffsetDateTime;

pub const PROFILE: &str = "kill";

pub fn state(which: char) -> Progress {
    let fill = |n: usize| which.to_string().repeat(n);
    let mut p = Progress::new(PROFILE);
    p.institution.name = fill(1500);
    p.institution.department = fill(700);
    p.institution.person = fill(900);
    p.institution.terminal_name = fill(300);
    p.application.system = fill(20);
    p.precheck.insert(fill(12), which == 'A');
    p
}

/// The loaded state without what `save` stamps (time, version).
pub fn unstamped(mut p: Progress) -> Progress {
    p.updated_at = None;
    p.schema_version = oqscert::cert::progress::SCHEMA_VERSION;
    p
}

/// A fixed clock for the report, so that A's and B's reports are known.
pub fn report_now() -> OffsetDateTime {
    time::macros::datetime!(2025-04-01 09:00 UTC)
}
