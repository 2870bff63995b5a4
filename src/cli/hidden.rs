//! A password typed on a terminal without echo. Echo goes off *before* the
//! prompt is shown: a person (or a vendor pasting) who types the moment
//! the prompt appears must never see the digits on screen, and a prompt
//! printed first leaves a window in which the terminal still echoes
//! (rpassword prints, then turns echo off).

use std::io;
use zeroize::Zeroizing;

/// Show `prompt` on stderr and read one line from the terminal on stdin
/// without echo; the line ending is dropped.
pub fn prompt(prompt: &str) -> io::Result<Zeroizing<String>> {
    #[cfg(unix)]
    {
        use rustix::termios::{LocalModes, OptionalActions, tcgetattr, tcsetattr};
        use std::io::{BufRead, Write};
        let stdin = io::stdin();
        let saved = tcgetattr(&stdin)?;
        let mut quiet = saved.clone();
        quiet.local_modes.remove(LocalModes::ECHO);
        // The Enter key still moves to the next line.
        quiet.local_modes.insert(LocalModes::ECHONL);
        tcsetattr(&stdin, OptionalActions::Now, &quiet)?;
        // Echo comes back however reading ends.
        struct Restore<'a>(&'a io::Stdin, rustix::termios::Termios);
        impl Drop for Restore<'_> {
            fn drop(&mut self) {
                let _ = tcsetattr(self.0, OptionalActions::Now, &self.1);
            }
        }
        let _restore = Restore(&stdin, saved);
        let mut err = io::stderr().lock();
        err.write_all(prompt.as_bytes())?;
        err.flush()?;
        drop(err);
        let mut line = Zeroizing::new(String::new());
        stdin.lock().read_line(&mut line)?;
        let kept = line.trim_end_matches(['\r', '\n']).len();
        line.truncate(kept);
        Ok(line)
    }
    #[cfg(not(unix))]
    {
        // The Windows console: rpassword sets the console mode and reads.
        rpassword::prompt_password(prompt).map(Zeroizing::new)
    }
}
