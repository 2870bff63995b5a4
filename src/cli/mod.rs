//! Non-interactive subcommands over `cert::` (scriptable, `--json`). Help
//! and messages are Japanese by default (`--lang en` / `OQSCERT_LANG=en`).
//! Exit codes are `cert::ExitStatus`, the same for every command.

mod chapter2;
mod chapter3;
mod code;
mod net;
mod pfx;
mod store;

use crate::cert::{Error, ExitStatus};
use crate::i18n::{self, Lang, t};
use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};
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

fn file_arg(lang: Lang) -> Arg {
    Arg::new("file")
        .required(true)
        .value_parser(value_parser!(PathBuf))
        .help(t(lang, "cli.file_arg").to_string())
}

fn password_stdin_arg(lang: Lang) -> Arg {
    Arg::new("password_stdin")
        .long("password-stdin")
        .action(ArgAction::SetTrue)
        .help(t(lang, "cli.password_stdin").to_string())
}

fn json_arg(lang: Lang) -> Arg {
    Arg::new("json")
        .long("json")
        .action(ArgAction::SetTrue)
        .help(t(lang, "cli.json").to_string())
}

/// A command with help headings and the help flag in `lang`. Args must be
/// added after this, so that they fall under the localised heading.
fn base(name: &'static str, lang: Lang) -> Command {
    let cmd = Command::new(name);
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        t(lang, "cli.usage_heading")
    );
    cmd.help_template(template)
        .next_help_heading(t(lang, "cli.options_heading").to_string())
        .subcommand_help_heading(t(lang, "cli.commands_heading").to_string())
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(t(lang, "cli.help").to_string()),
        )
}

/// The whole command line, with help text in `lang`.
pub fn command(lang: Lang) -> Command {
    let exit_codes = match lang {
        Lang::Ja => {
            "終了コード: 0 正常 / 1 確認した結果が不正（検証番号の不一致・期限切れ・鍵の不一致）/ 2 使い方や入力の誤り / 3 パスワード違い / 4 ファイルを読めない・証明書ファイルでない・壊れている・大きすぎる / 5 環境の問題（データフォルダーや資格情報ストアがない等）"
        }
        Lang::En => {
            "Exit codes: 0 ok / 1 checked and found invalid (check digit, expired, key mismatch) / 2 usage or malformed input / 3 wrong password / 4 file unreadable, not PKCS#12, corrupt or too large / 5 environment problem (no data folder, no credential store, ...)"
        }
    };
    let code_check = base("check", lang)
        .about(t(lang, "cli.code_check_about").to_string())
        .arg(
            Arg::new("code")
                .required(true)
                .help(t(lang, "cli.code_arg").to_string()),
        )
        .arg(
            Arg::new("prefecture")
                .long("prefecture")
                .value_name("PP")
                .help(t(lang, "cli.prefecture_arg").to_string()),
        )
        .arg(
            Arg::new("table")
                .long("table")
                .value_name("T")
                .help(t(lang, "cli.table_arg").to_string()),
        )
        .arg(json_arg(lang));
    let pfx_inspect = base("inspect", lang)
        .about(t(lang, "cli.pfx_inspect_about").to_string())
        .arg(file_arg(lang))
        .arg(password_stdin_arg(lang))
        .arg(json_arg(lang));
    let yes_arg = || {
        Arg::new("yes")
            .long("yes")
            .short('y')
            .action(ArgAction::SetTrue)
            .help(t(lang, "cli.yes").to_string())
    };
    let store_cmd = base("store", lang)
        .about(t(lang, "cli.store_about").to_string())
        .subcommand_required(true)
        .subcommand(
            base("list", lang)
                .about(t(lang, "cli.store_list_about").to_string())
                .arg(
                    Arg::new("all")
                        .long("all")
                        .action(ArgAction::SetTrue)
                        .help(t(lang, "cli.store_all").to_string()),
                )
                .arg(json_arg(lang)),
        )
        .subcommand(
            base("install", lang)
                .about(t(lang, "cli.store_install_about").to_string())
                .arg(file_arg(lang))
                .arg(password_stdin_arg(lang))
                .arg(yes_arg())
                .arg(json_arg(lang)),
        )
        .subcommand(
            base("remove", lang)
                .about(t(lang, "cli.store_remove_about").to_string())
                .arg(
                    Arg::new("thumbprint")
                        .required(true)
                        .help(t(lang, "cli.thumbprint_arg").to_string()),
                )
                .arg(yes_arg())
                .arg(json_arg(lang)),
        )
        .subcommand(
            base("expired", lang)
                .about(t(lang, "cli.store_expired_about").to_string())
                .arg(json_arg(lang)),
        )
        .subcommand(
            base("cleanup", lang)
                .about(t(lang, "cli.store_cleanup_about").to_string())
                .arg(password_stdin_arg(lang))
                .arg(yes_arg())
                .arg(json_arg(lang)),
        );
    let status_cmd = base("status", lang)
        .about(t(lang, "cli.status_about").to_string())
        .arg(json_arg(lang));
    let report_cmd = base("report", lang)
        .about(t(lang, "cli.report_about").to_string())
        .arg(
            Arg::new("out")
                .long("out")
                .value_name("FILE")
                .value_parser(value_parser!(PathBuf))
                .help(t(lang, "cli.report_out").to_string()),
        )
        .arg(json_arg(lang));
    let backup_cmd = base("backup", lang)
        .about(t(lang, "cli.backup_about").to_string())
        .arg(file_arg(lang))
        .arg(
            Arg::new("to")
                .long("to")
                .value_name("DIR")
                .value_parser(value_parser!(PathBuf))
                .help(t(lang, "cli.backup_to").to_string()),
        )
        .arg(password_stdin_arg(lang))
        .arg(json_arg(lang));
    let secret_cmd = base("secret", lang)
        .about(t(lang, "cli.secret_about").to_string())
        .subcommand_required(true)
        .subcommand(
            base("set", lang)
                .about(t(lang, "cli.secret_set_about").to_string())
                .arg(
                    Arg::new("stdin")
                        .long("stdin")
                        .action(ArgAction::SetTrue)
                        .help(t(lang, "cli.secret_stdin").to_string()),
                )
                .arg(json_arg(lang)),
        )
        .subcommand(
            base("status", lang)
                .about(t(lang, "cli.secret_status_about").to_string())
                .arg(json_arg(lang)),
        )
        .subcommand(
            base("delete", lang)
                .about(t(lang, "cli.secret_delete_about").to_string())
                .arg(yes_arg())
                .arg(json_arg(lang)),
        );
    let net_cmd = base("net", lang)
        .about(t(lang, "cli.net_about").to_string())
        .subcommand_required(true)
        .subcommand(
            base("check", lang)
                .about(t(lang, "cli.net_check_about").to_string())
                .arg(
                    Arg::new("url")
                        .long("url")
                        .action(ArgAction::Append)
                        .help(t(lang, "cli.net_url").to_string()),
                )
                .arg(
                    Arg::new("timeout")
                        .long("timeout")
                        .value_name("SECS")
                        .value_parser(value_parser!(u64))
                        .help(t(lang, "cli.net_timeout").to_string()),
                )
                .arg(
                    Arg::new("ca_file")
                        .long("ca-file")
                        .value_name("FILE")
                        .value_parser(value_parser!(PathBuf))
                        .help(t(lang, "cli.net_ca_file").to_string()),
                )
                .arg(
                    Arg::new("proxy")
                        .long("proxy")
                        .value_name("URL")
                        .help(t(lang, "cli.net_proxy").to_string()),
                )
                .arg(
                    Arg::new("no_proxy")
                        .long("no-proxy")
                        .action(ArgAction::SetTrue)
                        .conflicts_with("proxy")
                        .help(t(lang, "cli.net_no_proxy").to_string()),
                )
                .arg(json_arg(lang)),
        );
    base("oqscert", lang)
        .version(env!("CARGO_PKG_VERSION"))
        .about(t(lang, "cli.about").to_string())
        .after_help(exit_codes)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t(lang, "cli.version").to_string()),
        )
        .arg(
            Arg::new("lang")
                .long("lang")
                .global(true)
                .value_parser(["ja", "en"])
                .help(t(lang, "cli.lang").to_string()),
        )
        .arg(
            Arg::new("home")
                .long("home")
                .global(true)
                .value_name("DIR")
                .value_parser(value_parser!(PathBuf))
                .help(t(lang, "cli.home").to_string()),
        )
        .arg(
            Arg::new("profile")
                .long("profile")
                .global(true)
                .value_name("NAME")
                .help(t(lang, "cli.profile").to_string()),
        )
        .subcommand(
            base("code", lang)
                .about(t(lang, "cli.code_about").to_string())
                .subcommand_required(true)
                .subcommand(code_check),
        )
        .subcommand(
            base("pfx", lang)
                .about(t(lang, "cli.pfx_about").to_string())
                .subcommand_required(true)
                .subcommand(pfx_inspect),
        )
        .subcommand(store_cmd)
        .subcommand(backup_cmd)
        .subcommand(secret_cmd)
        .subcommand(net_cmd)
        .subcommand(status_cmd)
        .subcommand(report_cmd)
}

/// Print an error in the user's language (and as JSON with `--json`);
/// return its exit status.
pub fn report_error(g: &Globals, e: &Error) -> ExitStatus {
    let msg = i18n::error_message(g.lang, e);
    let status = e.exit_status();
    if g.json {
        let obj = serde_json::json!({
            "error": {
                "kind": i18n::error_kind(e),
                "message": msg,
                "exit_code": status.code(),
            }
        });
        println!("{obj}");
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
    let status = match matches.subcommand() {
        Some(("code", sub)) => match sub.subcommand() {
            Some(("check", m)) => with_json(&mut g, m, code::check),
            _ => ExitStatus::Usage,
        },
        Some(("pfx", sub)) => match sub.subcommand() {
            Some(("inspect", m)) => with_json(&mut g, m, pfx::inspect),
            _ => ExitStatus::Usage,
        },
        Some(("store", sub)) => match sub.subcommand() {
            Some(("list", m)) => with_json(&mut g, m, store::list),
            Some(("install", m)) => with_json(&mut g, m, store::install),
            Some(("remove", m)) => with_json(&mut g, m, store::remove),
            Some(("expired", m)) => with_json(&mut g, m, store::expired),
            Some(("cleanup", m)) => with_json(&mut g, m, chapter3::cleanup),
            _ => ExitStatus::Usage,
        },
        Some(("net", sub)) => match sub.subcommand() {
            Some(("check", m)) => with_json(&mut g, m, net::check),
            _ => ExitStatus::Usage,
        },
        Some(("backup", m)) => with_json(&mut g, m, chapter2::backup),
        Some(("status", m)) => with_json(&mut g, m, chapter3::status),
        Some(("report", m)) => with_json(&mut g, m, chapter3::report),
        Some(("secret", sub)) => match sub.subcommand() {
            Some(("set", m)) => with_json(&mut g, m, chapter2::secret_set),
            Some(("status", m)) => with_json(&mut g, m, chapter2::secret_status),
            Some(("delete", m)) => with_json(&mut g, m, chapter2::secret_delete),
            _ => ExitStatus::Usage,
        },
        _ => match crate::tui::run(g.lang, g.home.as_deref(), &g.profile) {
            Ok(s) => s,
            Err(e) => report_error(&g, &e),
        },
    };
    let _ = std::io::stdout().flush();
    status.code()
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

/// Print `label: value` lines aligned by display width (Japanese labels
/// are two cells per character).
pub(crate) fn print_rows(rows: &[(String, String)]) {
    let width = rows.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    for (label, value) in rows {
        let pad = width - label.width();
        println!("{label}{}  {value}", " ".repeat(pad));
    }
}
