//! Write-report: the completion report (A4 HTML and text) from the
//! progress file, which by its types holds no secret.

use crate::cert::Error;
use crate::cert::progress::Progress;
use crate::i18n::Lang;
use std::path::PathBuf;
use time::OffsetDateTime;

pub use crate::report::Target;

/// Into the profile folder (`report.html`, `report.txt`), or to a named
/// file (never over an existing one unless forced, never a `.p12`/`.pfx`).
pub fn write_report(
    p: &Progress,
    lang: Lang,
    now: OffsetDateTime,
    target: Target<'_>,
) -> Result<Vec<PathBuf>, Error> {
    crate::report::write(p, lang, now, target)
}
