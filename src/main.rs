//! Entry point: no logic here, only dispatch.

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = oqscert::i18n::Lang::detect(&args);
    // The scheduled check (`status --notify`) gets a console of its own
    // too, with nobody to press Enter.
    let scheduled = args.iter().any(|a| a == "--notify");
    // A panic (release builds then abort) says in words what happened
    // and, after a double-click, keeps the window open too.
    oqscert::tui::system::note_panics(lang, !scheduled);
    let code = oqscert::cli::run(args);
    // After a double-click the console closes with the process: keep the
    // last screen readable (does nothing from a shell or off Windows).
    if !scheduled {
        oqscert::tui::system::pause_if_own_console(lang);
    }
    std::process::exit(code);
}
