//! The command line as clap sees it, built at run time so that every help
//! text comes from the locale files (Japanese by default).

use crate::i18n::{Lang, t};
use clap::{Arg, ArgAction, Command, value_parser};
use std::path::PathBuf;

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
            "終了コード: 0 正常 / 1 確認した結果が不正（検証番号の不一致・期限切れ・秘密キーの不一致）/ 2 使い方や入力の誤り / 3 パスワード違い / 4 ファイルを読めない・証明書ファイルでない・壊れている・大きすぎる / 5 環境の問題（データフォルダーやパスワード保管庫がない等）"
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
                .arg(
                    Arg::new("allow_expired")
                        .long("allow-expired")
                        .action(ArgAction::SetTrue)
                        .help(t(lang, "cli.allow_expired_arg").to_string()),
                )
                .arg(
                    Arg::new("trust_root")
                        .long("trust-root")
                        .action(ArgAction::SetTrue)
                        .help(t(lang, "cli.trust_root_arg").to_string()),
                )
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
                .arg(
                    Arg::new("delete_key")
                        .long("delete-key")
                        .action(ArgAction::SetTrue)
                        .help(t(lang, "cli.delete_key_arg").to_string()),
                )
                .arg(password_stdin_arg(lang))
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
                .arg(
                    Arg::new("include_valid")
                        .long("include-valid")
                        .action(ArgAction::SetTrue)
                        .help(t(lang, "cli.include_valid_arg").to_string()),
                )
                .arg(yes_arg())
                .arg(json_arg(lang)),
        );
    let status_cmd = base("status", lang)
        .about(t(lang, "cli.status_about").to_string())
        .arg(
            Arg::new("notify")
                .long("notify")
                .action(ArgAction::SetTrue)
                .help(t(lang, "cli.status_notify").to_string()),
        )
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
        .arg(
            Arg::new("force")
                .long("force")
                .action(ArgAction::SetTrue)
                .help(t(lang, "cli.report_force").to_string()),
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
    // The network options of `net check`, which `selftest` takes too.
    let net_args = |c: Command| {
        c.arg(
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
        .arg(json_arg(lang))
    };
    let net_cmd = base("net", lang)
        .about(t(lang, "cli.net_about").to_string())
        .subcommand_required(true)
        .subcommand(net_args(
            base("check", lang).about(t(lang, "cli.net_check_about").to_string()),
        ));
    let selftest_cmd =
        net_args(base("selftest", lang).about(t(lang, "selftest.about").to_string())).arg(
            Arg::new("no_network")
                .long("no-network")
                .action(ArgAction::SetTrue)
                .help(t(lang, "cli.selftest_no_network").to_string()),
        );
    let profile_file_arg = || {
        Arg::new("file")
            .required(true)
            .value_parser(value_parser!(PathBuf))
            .help(t(lang, "cli.profile_file_arg").to_string())
    };
    let profile_name_arg = |id: &'static str| {
        Arg::new(id)
            .required(true)
            .help(t(lang, "cli.profile_name_arg").to_string())
    };
    let profile_cmd = base("profile", lang)
        .about(t(lang, "cli.profile_about").to_string())
        .subcommand_required(true)
        .subcommand(
            base("export", lang)
                .about(t(lang, "cli.profile_export_about").to_string())
                .arg(profile_file_arg())
                .arg(json_arg(lang)),
        )
        .subcommand(
            base("import", lang)
                .about(t(lang, "cli.profile_import_about").to_string())
                .arg(profile_file_arg())
                .arg(json_arg(lang)),
        )
        .subcommand(
            base("list", lang)
                .about(t(lang, "cli.profile_list_about").to_string())
                .arg(json_arg(lang)),
        )
        .subcommand(
            base("new", lang)
                .about(t(lang, "cli.profile_new_about").to_string())
                .arg(profile_name_arg("name")),
        )
        .subcommand(
            base("rename", lang)
                .about(t(lang, "cli.profile_rename_about").to_string())
                .arg(profile_name_arg("from"))
                .arg(profile_name_arg("to")),
        )
        .subcommand(
            base("delete", lang)
                .about(t(lang, "cli.profile_delete_about").to_string())
                .arg(profile_name_arg("name"))
                .arg(
                    Arg::new("forget-secrets")
                        .long("forget-secrets")
                        .action(ArgAction::SetTrue)
                        .help(t(lang, "cli.profile_forget_secrets").to_string()),
                ),
        );
    let monitor_cmd = base("monitor", lang)
        .about(t(lang, "cli.monitor_about").to_string())
        .subcommand_required(true)
        .subcommand(base("install", lang).about(t(lang, "cli.monitor_install_about").to_string()))
        .subcommand(base("status", lang).about(t(lang, "cli.monitor_status_about").to_string()))
        .subcommand(base("remove", lang).about(t(lang, "cli.monitor_remove_about").to_string()));
    let fleet_cmd = base("fleet", lang)
        .about(t(lang, "cli.fleet_about").to_string())
        .arg(
            Arg::new("dir")
                .required(true)
                .value_name("DIR")
                .value_parser(value_parser!(PathBuf))
                .help(t(lang, "cli.fleet_dir").to_string()),
        )
        .arg(
            Arg::new("csv")
                .long("csv")
                .action(ArgAction::SetTrue)
                .help(t(lang, "cli.fleet_csv").to_string()),
        )
        .arg(
            Arg::new("html")
                .long("html")
                .value_name("FILE")
                .value_parser(value_parser!(PathBuf))
                .help(t(lang, "cli.fleet_html").to_string()),
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
        .arg(
            Arg::new("answers")
                .long("answers")
                .value_name("FILE")
                .value_parser(value_parser!(PathBuf))
                .help(t(lang, "cli.answers").to_string()),
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
        .subcommand(profile_cmd)
        .subcommand(monitor_cmd)
        .subcommand(fleet_cmd)
        .subcommand(selftest_cmd)
}
