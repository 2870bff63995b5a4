//! Japan's calendar: the day an instant falls on in JST, and whole days
//! between two instants. Every date a person reads (and every dated file
//! name) is Japan's day, whatever the PC's time zone.

use time::{Date, OffsetDateTime, UtcOffset};

/// UTC+9, Japan Standard Time (no daylight saving).
pub fn offset() -> UtcOffset {
    // 9 hours is always a valid offset; UTC only as a formal fallback.
    UtcOffset::from_hms(9, 0, 0).unwrap_or(UtcOffset::UTC)
}

/// The calendar day in Japan at `at`.
pub fn day(at: OffsetDateTime) -> Date {
    at.to_offset(offset()).date()
}

/// That day as `2030-02-24` (`--json`, file names, the vendor's records).
pub fn iso_day(at: OffsetDateTime) -> String {
    day(at).to_string()
}

/// Whole days from `from` to `to`, rounded down (negative once `to` has
/// passed).
pub fn whole_days(from: OffsetDateTime, to: OffsetDateTime) -> i64 {
    (to - from).whole_seconds().div_euclid(86_400)
}
