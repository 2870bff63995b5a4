//! Non-interactive subcommands over `cert::` (scriptable, `--json`). Help
//! and messages are Japanese by default (`--lang en` / `OQSCERT_LANG=en`).
//! Exit codes are `cert::ExitStatus`, the same for every command.

mod args;
mod cleanup;
mod code;
mod command;
mod fleet;
mod hidden;
pub mod json;
mod monitor;
mod net;
mod pfx;
mod profile;
mod prompt;
mod secret;
mod selftest;
mod status;
mod store;

use crate::cert::{Error, ExitStatus};
use crate::i18n::{self, Lang, t};
use clap::ArgMatches;
use command::Command;

pub use args::command;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr;

/// Global options every command sees.
#[derive(Debug, Clone)]
pub struct Globals {
    pub lang: Lang,
    pub home: Option<PathBuf>,
    pub profile: String,
    pub json: bool,
}

/// Print an error in the user's language (and as JSON with `--json`);
/// return its exit status.
pub fn report_error(g: &Globals, e: &Error) -> ExitStatus {
    let msg = i18n::error_message(g.lang, e);
    let status = e.exit_status();
    if g.json {
        json::print(&json::ErrorOut {
            error: json::ErrorBody {
                kind: i18n::error_kind(e),
                message: &msg,
                exit_code: status.code(),
            },
        });
    }
    eprintln!("{}: {msg}", t(g.lang, "error.prefix"));
    status
}

/// Run the command line; returns the process exit code.
pub fn run(args: Vec<OsString>) -> i32 {
    let lang = Lang::detect(&args);
    let matches = match command(lang).try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    ExitStatus::Ok.code()
                }
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = e.print();
                    ExitStatus::Usage.code()
                }
                _ => {
                    eprintln!(
                        "{}: {}",
                        t(lang, "error.prefix"),
                        t(lang, "cli.usage_error")
                    );
                    let _ = e.print();
                    ExitStatus::Usage.code()
                }
            };
        }
    };
    let lang = matches
        .get_one::<String>("lang")
        .and_then(|l| Lang::parse(l))
        .unwrap_or(lang);
    let mut g = Globals {
        lang,
        home: matches.get_one::<PathBuf>("home").cloned(),
        profile: matches
            .get_one::<String>("profile")
            .cloned()
            .unwrap_or_else(|| crate::cert::progress::DEFAULT_PROFILE.into()),
        json: false,
    };
    // The answers file pre-fills the wizard; with a command it would be
    // silently ignored.
    if matches.get_one::<PathBuf>("answers").is_some() && matches.subcommand_name().is_some() {
        let e = Error::Usage(t(lang, "cli.answers_with_command").into());
        return report_error(&g, &e).code();
    }
    // Commands that write the profile's progress or files hold its lock
    // (the wizard takes it in `tui::run`).
    let _lock = match lock_profile(&g, &matches) {
        Ok(l) => l,
        Err(e) => {
            let json = leaf(&matches).1.try_get_one::<bool>("json");
            g.json = json.ok().flatten().copied().unwrap_or(false);
            return report_error(&g, &e).code();
        }
    };
    let status = match Command::of(&matches) {
        None => ExitStatus::Usage,
        Some((cmd, m)) => dispatch(&mut g, cmd, m),
    };
    let _ = std::io::stdout().flush();
    status.code()
}

/// Which function runs `cmd`, with or without `--json`.
fn dispatch(g: &mut Globals, cmd: Command, m: &ArgMatches) -> ExitStatus {
    use Command::*;
    match cmd {
        CodeCheck => with_json(g, m, code::check),
        PfxInspect => with_json(g, m, pfx::inspect),
        StoreList => with_json(g, m, store::list),
        StoreInstall => with_json(g, m, store::install),
        StoreRemove => with_json(g, m, store::remove),
        StoreExpired => with_json(g, m, store::expired),
        StoreCleanup => with_json(g, m, cleanup::cleanup),
        NetCheck => with_json(g, m, net::check),
        ProfileExport => with_json(g, m, profile::export),
        ProfileImport => with_json(g, m, profile::import),
        ProfileList => with_json(g, m, profile::list),
        ProfileNew => plain(g, m, profile::create),
        ProfileRename => plain(g, m, profile::rename),
        ProfileDelete => plain(g, m, profile::delete),
        MonitorInstall => plain(g, m, monitor::install),
        MonitorStatus => plain(g, m, monitor::status),
        MonitorRemove => plain(g, m, monitor::remove),
        Fleet => plain(g, m, fleet::fleet),
        Selftest => with_json(g, m, selftest::selftest),
        Backup => with_json(g, m, secret::backup),
        Status => with_json(g, m, status::status),
        Report => with_json(g, m, status::report),
        SecretSet => with_json(g, m, secret::secret_set),
        SecretStatus => with_json(g, m, secret::secret_status),
        SecretDelete => with_json(g, m, secret::secret_delete),
        Wizard => {
            let answers = m.get_one::<PathBuf>("answers");
            match crate::tui::run(
                g.lang,
                g.home.as_deref(),
                &g.profile,
                answers.map(|a| a.as_path()),
            ) {
                Ok(s) => s,
                Err(e) => report_error(g, &e),
            }
        }
    }
}

/// The innermost subcommand's matches (for `--json` on an early error).
fn leaf(m: &ArgMatches) -> (String, &ArgMatches) {
    let mut path = Vec::new();
    let mut cur = m;
    while let Some((name, sub)) = cur.subcommand() {
        path.push(name);
        cur = sub;
    }
    (path.join(" "), cur)
}

fn lock_profile(
    g: &Globals,
    m: &ArgMatches,
) -> Result<Option<crate::cert::lock::ProfileLock>, Error> {
    if !Command::of(m).is_some_and(|(c, _)| c.writes_profile()) {
        return Ok(None);
    }
    let home = crate::cert::progress::resolve_home(g.home.as_deref())?;
    crate::cert::lock::ProfileLock::acquire(&home, &g.profile).map(Some)
}

fn with_json(
    g: &mut Globals,
    m: &ArgMatches,
    f: fn(&Globals, &ArgMatches) -> Result<ExitStatus, Error>,
) -> ExitStatus {
    g.json = m.get_flag("json");
    match f(g, m) {
        Ok(s) => s,
        Err(e) => report_error(g, &e),
    }
}

/// A command without `--json`.
fn plain(
    g: &Globals,
    m: &ArgMatches,
    f: fn(&Globals, &ArgMatches) -> Result<ExitStatus, Error>,
) -> ExitStatus {
    match f(g, m) {
        Ok(s) => s,
        Err(e) => report_error(g, &e),
    }
}

/// Print `label: value` lines aligned by display width (Japanese labels
/// are two cells per character).
pub(crate) fn print_rows(rows: &[(String, String)]) {
    let width = rows.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    for (label, value) in rows {
        let pad = width - label.width();
        let value = crate::cert::sanitize::printable(value);
        println!("{label}{}  {value}", " ".repeat(pad));
    }
}
