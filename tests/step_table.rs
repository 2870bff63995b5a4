//! docs/ARCHITECTURE.md's table from the help page's step numbers to the
//! screen code and the file that draws it is made from the code
//! (`Position::help_ref`, the screen codes) and must match it: a newcomer
//! holding the help page finds the code in one look, and the table cannot
//! go stale.

use oqscert::cert::position::{
    ApplyStep, DownloadStep, HelpRef, InstallStep, PORTAL_STEPS, Position,
};

const CIRCLED: [&str; 13] = [
    "", "①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩", "⑪", "⑫",
];

/// The step's own file: one per step (the portal's steps share one).
fn file_of(p: Position) -> &'static str {
    match p {
        Position::Apply(ApplyStep::Portal(_)) => "src/wizard/apply/portal.rs",
        Position::Download(s) => match s {
            DownloadStep::Intro => "src/wizard/download/intro.rs",
            DownloadStep::Where => "src/wizard/download/which_pc.rs",
            DownloadStep::Ids => "src/wizard/download/ids.rs",
            DownloadStep::Password => "src/wizard/download/password.rs",
            DownloadStep::NoStore => "src/wizard/download/nostore.rs",
            DownloadStep::Net => "src/wizard/download/net.rs",
            DownloadStep::Fetch => "src/wizard/download/fetch.rs",
            DownloadStep::Verified => "src/wizard/download/verified.rs",
            DownloadStep::Backup => "src/wizard/download/backup.rs",
            DownloadStep::Done => "src/wizard/download/done.rs",
        },
        Position::Install(s) => match s {
            InstallStep::Owner => "src/wizard/install/owner.rs",
            InstallStep::FromBackup => "src/wizard/install/from_backup.rs",
            InstallStep::Options => "src/wizard/install/options.rs",
            InstallStep::Password => "src/wizard/install/password.rs",
            InstallStep::Checks => "src/wizard/install/checks.rs",
            InstallStep::Connect => "src/wizard/install/connect.rs",
            InstallStep::Cleanup => "src/wizard/install/cleanup.rs",
            InstallStep::Done => "src/wizard/install/done.rs",
        },
        _ => "",
    }
}

fn table() -> String {
    let mut positions: Vec<Position> = PORTAL_STEPS
        .iter()
        .map(|n| Position::Apply(ApplyStep::Portal(*n)))
        .collect();
    positions.extend(DownloadStep::ALL.map(Position::Download));
    positions.extend(InstallStep::ALL.map(Position::Install));
    let mut out = String::from("| Help page | Screen | File |\n|---|---|---|\n");
    for p in positions {
        let Some(r) = p.help_ref() else { continue };
        let help = match r {
            HelpRef::Steps { chapter, steps } => {
                let marks: String = steps.iter().map(|s| CIRCLED[usize::from(*s)]).collect();
                format!("{chapter}章{marks}")
            }
            HelpRef::Backup => "2章 バックアップ 手順1.〜4.".to_string(),
        };
        let code = p.code().unwrap_or_default();
        out.push_str(&format!("| {help} | 画面 {code} | `{}` |\n", file_of(p)));
    }
    out
}

#[test]
fn the_help_page_step_table_is_the_codes_own() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/ARCHITECTURE.md")).unwrap();
    let want = table();
    assert!(
        doc.contains(&want),
        "docs/ARCHITECTURE.md should hold this table (from the code):\n{want}"
    );
    // Every file named is there.
    for line in want.lines().skip(2) {
        let file = line.split('`').nth(1).unwrap();
        assert!(root.join(file).is_file(), "{file}");
    }
}
