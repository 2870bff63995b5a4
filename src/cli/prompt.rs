//! What the command line asks a person: "continue?", and the password
//! the clean-up's copies are protected with, proven.

use super::Globals;
use super::pfx::read_password;
use crate::cert::Error;
use crate::cert::cleanup::ProvenPassword;
use crate::cert::progress::Progress;
use crate::i18n::t;
use crate::ops;
use std::io::IsTerminal;
use std::io::{BufRead, Write};

/// Ask "continue? [y/N]" on a terminal. Without a terminal, refuse at once
/// and name `--yes` (never wait for input that cannot come).
pub(super) fn confirm(g: &Globals, question: &str, yes: bool) -> Result<bool, Error> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Usage(t(g.lang, "store.needs_yes").into()));
    }
    eprint!("{question} {}", t(g.lang, "store.confirm_suffix"));
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::Usage(e.to_string()))?;
    let a = crate::cert::sanitize::to_half_width(line.trim());
    Ok(matches!(
        a.to_ascii_lowercase().as_str(),
        "y" | "yes" | "はい"
    ))
}

/// The password the exports are protected with, proven: it opens the
/// certificate file the clinic keeps (the kept copy or a backup), or, when
/// there is none, it was typed twice. From stdin (a second line when asked
/// twice), else the credential store (only with a file to prove it), else
/// a prompt.
pub(super) fn cleanup_password(
    g: &Globals,
    from_stdin: bool,
    p: &Progress,
) -> Result<ProvenPassword, Error> {
    let first = if from_stdin {
        read_password(g, true)?
    } else {
        match super::secret::secrets_of(g).and_then(|s| s.load()) {
            Ok(Some(s)) if !ops::cleanup::password_files(p).is_empty() => s.password,
            _ => read_password(g, false)?,
        }
    };
    match ops::cleanup::prove_password(p, &first) {
        Err(Error::NoFileToProve) => {
            if !g.json {
                eprintln!("{}", t(g.lang, "store.pw_twice"));
            }
            let second = read_password(g, from_stdin)?;
            ProvenPassword::typed_twice(&first, &second)
        }
        other => other,
    }
}
