//! `oqscert selftest [--json] [--no-network] [net options]`: whether
//! oqscert works on this PC (`ops::selftest`); exit 0 when every line is
//! OK (or cannot be checked here), 5 when the store, the vault or the
//! data folder cannot work here, 1 when something else needs a look.

use super::Globals;
use crate::cert::store::platform_store;
use crate::cert::{Error, ExitStatus};
use crate::i18n::t;
use crate::ops::selftest::{self, Inputs};
use clap::ArgMatches;
use std::io::IsTerminal;

pub fn selftest(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let lang = g.lang;
    let home = crate::cert::home::resolve(g.home.as_deref())?;
    let store = platform_store(&home.path);
    if !g.json {
        println!("{}", t(lang, "selftest.intro"));
        eprintln!("{}", t(lang, "selftest.running"));
    }
    let net = if m.get_flag("no_network") {
        Vec::new()
    } else {
        super::net::run_checks(&super::net::config_from(g, m)?)?
    };
    // The console is measured only where there is one to ask (with
    // --json too: the measurement happens on the alternate screen, before
    // the record is printed; redirected to a file, it is not measured).
    let console = if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        crate::tui::console::measure()
    } else {
        // Not measured: the guess the wizard would start from.
        crate::tui::console::facts(None, None)
    };
    let report = selftest::run(&Inputs {
        store: store.as_ref(),
        home: &home,
        net: &net,
        console: &console,
        vault_account: selftest::vault_account(),
        downloads: crate::ops::files::downloads_dir(),
        now: time::OffsetDateTime::now_utc(),
    });
    if g.json {
        super::json::print(&super::json::Selftest::new(&report));
    } else {
        crate::present::print(&crate::present::selftest::rows(lang, &report));
    }
    Ok(if report.all_ok() {
        ExitStatus::Ok
    } else if report.environment_failed() {
        ExitStatus::Environment
    } else {
        ExitStatus::Invalid
    })
}
