//! Every command, as a type: what it is called, whether it writes the
//! profile (and so holds its lock), and which function runs it. A new
//! command is a new variant, and the compiler asks each question of it.

use clap::ArgMatches;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Command {
    CodeCheck,
    PfxInspect,
    StoreList,
    StoreInstall,
    StoreRemove,
    StoreExpired,
    StoreCleanup,
    NetCheck,
    ProfileExport,
    ProfileImport,
    ProfileList,
    ProfileNew,
    ProfileRename,
    ProfileDelete,
    MonitorInstall,
    MonitorStatus,
    MonitorRemove,
    Fleet,
    Selftest,
    Backup,
    Status,
    Report,
    SecretSet,
    SecretStatus,
    SecretDelete,
    /// No command: the wizard (which takes the lock itself).
    Wizard,
}

impl Command {
    /// The command the matches name, with the innermost subcommand's
    /// matches; `None` for a group without a known subcommand (a usage
    /// error clap already reported).
    pub(super) fn of(m: &ArgMatches) -> Option<(Command, &ArgMatches)> {
        use Command::*;
        let Some((name, sub)) = m.subcommand() else {
            return Some((Wizard, m));
        };
        let inner = sub.subcommand();
        let cmd = match (name, inner.map(|(n, _)| n)) {
            ("code", Some("check")) => CodeCheck,
            ("pfx", Some("inspect")) => PfxInspect,
            ("store", Some("list")) => StoreList,
            ("store", Some("install")) => StoreInstall,
            ("store", Some("remove")) => StoreRemove,
            ("store", Some("expired")) => StoreExpired,
            ("store", Some("cleanup")) => StoreCleanup,
            ("net", Some("check")) => NetCheck,
            ("profile", Some("export")) => ProfileExport,
            ("profile", Some("import")) => ProfileImport,
            ("profile", Some("list")) => ProfileList,
            ("profile", Some("new")) => ProfileNew,
            ("profile", Some("rename")) => ProfileRename,
            ("profile", Some("delete")) => ProfileDelete,
            ("monitor", Some("install")) => MonitorInstall,
            ("monitor", Some("status")) => MonitorStatus,
            ("monitor", Some("remove")) => MonitorRemove,
            ("secret", Some("set")) => SecretSet,
            ("secret", Some("status")) => SecretStatus,
            ("secret", Some("delete")) => SecretDelete,
            ("fleet", _) => Fleet,
            ("selftest", _) => Selftest,
            ("backup", _) => Backup,
            ("status", _) => Status,
            ("report", _) => Report,
            _ => return None,
        };
        Some((cmd, inner.map_or(sub, |(_, m)| m)))
    }

    /// It writes a profile (its progress, its files, its secrets) and so
    /// must not run beside another oqscert on that profile.
    pub(super) fn writes_profile(self) -> bool {
        use Command::*;
        match self {
            Backup | Report | StoreInstall | StoreRemove | StoreCleanup | ProfileImport
            | SecretSet | SecretDelete => true,
            // The profile commands take each profile's lock themselves;
            // the wizard takes it in `tui::run`.
            CodeCheck | PfxInspect | StoreList | StoreExpired | NetCheck | ProfileExport
            | ProfileList | ProfileNew | ProfileRename | ProfileDelete | MonitorInstall
            | MonitorStatus | MonitorRemove | Fleet | Selftest | Status | SecretStatus | Wizard => {
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn of(argv: &[&str]) -> Command {
        let m = crate::cli::command(Lang::En)
            .try_get_matches_from(std::iter::once("oqscert").chain(argv.iter().copied()))
            .unwrap();
        Command::of(&m).unwrap().0
    }

    /// The commands that hold the profile's lock, and no others.
    #[test]
    fn the_writers_are_the_commands_that_write_a_profile() {
        let writers = [
            &["backup", "f.p12"][..],
            &["report"],
            &["store", "install", "f.p12"],
            &["store", "remove", "AB"],
            &["store", "cleanup"],
            &["profile", "import", "f.toml"],
            &["secret", "set"],
            &["secret", "delete"],
        ];
        for argv in writers {
            assert!(of(argv).writes_profile(), "{argv:?}");
        }
        for argv in [
            &["status"][..],
            &["store", "list"],
            &["secret", "status"],
            &["selftest"],
            &["code", "check", "3410712362"],
            &[],
        ] {
            assert!(!of(argv).writes_profile(), "{argv:?}");
        }
        assert_eq!(of(&[]), Command::Wizard);
    }
}
