//! Test helper for `tests/kill.rs`: writes as fast as it can until it is
//! killed, printing `ready` once the first write has landed.
//!
//!   save_loop progress <home>               ProgressStore::save, A/B alternately
//!   save_loop report <dir>                  report::write of A/B alternately
//!   save_loop backup <src.p12> <dir> <pw>   backup_file, then delete the copy
//!   save_loop report-expected <dir>         A's report in dir/A, B's in dir/B

#[allow(dead_code)]
#[path = "../tests/common/states.rs"]
mod states;

use oqscert::cert::Password;
use oqscert::cert::backup::backup_file;
use oqscert::cert::progress::ProgressStore;
use oqscert::i18n::Lang;
use std::io::Write;
use std::path::PathBuf;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn ready(first: &mut bool) -> Result<()> {
    if *first {
        *first = false;
        let mut out = std::io::stdout();
        writeln!(out, "ready")?;
        out.flush()?;
    }
    Ok(())
}

fn arg_at(args: &[String], i: usize) -> Result<&String> {
    args.get(i)
        .ok_or_else(|| "usage: see examples/save_loop.rs".into())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| arg_at(&args, i);
    let mut first = true;
    match arg(0)?.as_str() {
        "progress" => {
            let store = ProgressStore::new(PathBuf::from(arg(1)?));
            let (mut a, mut b) = (states::state('A'), states::state('B'));
            loop {
                store.save(&mut a)?;
                ready(&mut first)?;
                store.save(&mut b)?;
            }
        }
        "report" => {
            let dir = PathBuf::from(arg(1)?);
            let (a, b) = (states::state('A'), states::state('B'));
            let now = states::report_now();
            loop {
                oqscert::report::write(&a, Lang::Ja, now, oqscert::report::Target::Dir(&dir))?;
                ready(&mut first)?;
                oqscert::report::write(&b, Lang::Ja, now, oqscert::report::Target::Dir(&dir))?;
            }
        }
        "report-expected" => {
            let dir = PathBuf::from(arg(1)?);
            let now = states::report_now();
            for w in ['A', 'B'] {
                let d = dir.join(w.to_string());
                oqscert::report::write(
                    &states::state(w),
                    Lang::Ja,
                    now,
                    oqscert::report::Target::Dir(&d),
                )?;
            }
            Ok(())
        }
        "backup" => {
            let src = PathBuf::from(arg(1)?);
            let dir = PathBuf::from(arg(2)?);
            let pw = Password::new(arg(3)?);
            loop {
                let r = backup_file(&src, &dir, "x.p12", &pw)?;
                ready(&mut first)?;
                // Keep the finished copy a moment: a kill then finds it
                // whole as often as half-written, so both outcomes are
                // tried (without this, kills almost always hit a write).
                std::thread::sleep(std::time::Duration::from_millis(4));
                std::fs::remove_file(&r.path)?;
            }
        }
        other => Err(format!("unknown mode {other}").into()),
    }
}
