//! Write-report: the completion report (A4 HTML and text) from the
//! progress file, which by its types holds no secret.

use crate::cert::Error;
use crate::cert::progress::Progress;
use crate::i18n::Lang;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// Into `dir` (`report.html`, `report.txt`), or to `out` when given.
pub fn write_report(
    p: &Progress,
    lang: Lang,
    now: OffsetDateTime,
    dir: &Path,
    out: Option<&Path>,
) -> Result<Vec<PathBuf>, Error> {
    crate::report::write(p, lang, now, dir, out)
}
