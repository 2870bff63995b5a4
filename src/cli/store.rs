//! `oqscert store list | install | remove | expired`.

use super::pfx::{jst, read_password};
use super::prompt::confirm;
use super::{Globals, json};
use crate::cert::pfx::{MAX_PFX_SIZE, normalize_thumbprint};
use crate::cert::progress::resolve_home;
use crate::cert::sanitize::printable;
use crate::cert::store::{
    CertStore, StoreKind, StoreName, StoredCert, expired_in_my, platform_store,
};
use crate::cert::{Error, ExitStatus, fsutil};
use crate::i18n::{t, tf};
use clap::ArgMatches;
use std::path::PathBuf;
use time::OffsetDateTime;
use zeroize::Zeroizing;

pub(super) fn store_for(g: &Globals) -> Result<Box<dyn CertStore>, Error> {
    let home = resolve_home(g.home.as_deref())?;
    Ok(platform_store(&home))
}

pub(super) fn kind_note(g: &Globals, store: &dyn CertStore) {
    if store.kind() == StoreKind::Folder && !g.json {
        eprintln!("{}", t(g.lang, "store.folder_note"));
    }
}

pub(super) fn print_table(g: &Globals, certs: &[StoredCert], now: OffsetDateTime) {
    if certs.is_empty() {
        println!("{}", t(g.lang, "store.empty"));
        return;
    }
    for c in certs {
        let key = match (c.has_private_key, c.key_exportable) {
            (true, true) => t(g.lang, "store.key_exportable"),
            (true, false) => t(g.lang, "store.key_not_exportable"),
            (false, _) => t(g.lang, "store.no_key"),
        };
        let expired = if c.info.is_expired(now) {
            format!(" {}", t(g.lang, "store.expired_mark"))
        } else {
            String::new()
        };
        println!(
            "[{}] {}  {}{}  {}  {}",
            c.store.system_name(),
            c.info.sha1_thumbprint,
            jst(c.info.not_after),
            expired,
            key,
            printable(c.info.subject_cn.as_deref().unwrap_or(&c.info.subject)),
        );
    }
}

pub fn list(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let store = store_for(g)?;
    kind_note(g, store.as_ref());
    let names: Vec<StoreName> = if m.get_flag("all") {
        StoreName::ALL.to_vec()
    } else {
        vec![StoreName::My]
    };
    let certs = store.list(&names)?;
    let now = OffsetDateTime::now_utc();
    if g.json {
        let v: Vec<_> = certs.iter().map(|c| json::Stored::new(c, now)).collect();
        json::print(&v);
    } else {
        print_table(g, &certs, now);
    }
    Ok(ExitStatus::Ok)
}

pub fn expired(g: &Globals, _m: &ArgMatches) -> Result<ExitStatus, Error> {
    let store = store_for(g)?;
    kind_note(g, store.as_ref());
    let now = OffsetDateTime::now_utc();
    let certs = expired_in_my(store.as_ref(), now)?;
    if g.json {
        let v: Vec<_> = certs.iter().map(|c| json::Stored::new(c, now)).collect();
        json::print(&v);
    } else if certs.is_empty() {
        println!("{}", t(g.lang, "store.no_expired"));
    } else {
        println!(
            "{}",
            tf(g.lang, "store.expired_heading", &[("count", &certs.len())])
        );
        print_table(g, &certs, now);
    }
    Ok(ExitStatus::Ok)
}

/// Say who will own the certificate; warn when it is not the OQS account
/// (Windows only: elsewhere the "store" is a folder).
fn user_warning(g: &Globals) -> Option<String> {
    if !cfg!(windows) {
        return None;
    }
    let lang = g.lang;
    // The profile's OQS account, when one was set (画面 3-1).
    let account = resolve_home(g.home.as_deref())
        .ok()
        .and_then(|h| {
            crate::cert::progress::ProgressStore::new(h)
                .load(&g.profile)
                .ok()
        })
        .flatten()
        .map(|p| p.institution.oqs_account)
        .unwrap_or_default();
    let o = crate::cert::install::owner(&account);
    (!o.matches()).then(|| {
        tf(
            lang,
            "store.wrong_user",
            &[("user", &o.current_user), ("oqs", &o.oqs_account)],
        )
    })
}

pub fn install(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let Some(path) = m.get_one::<PathBuf>("file") else {
        return Err(Error::Usage(t(g.lang, "cli.usage_error").into()));
    };
    let lang = g.lang;
    let bytes = Zeroizing::new(fsutil::read_limited_quiet(path, MAX_PFX_SIZE)?);
    crate::cert::pfx::sniff(&bytes)?;
    let yes = m.get_flag("yes");
    let from_stdin = m.get_flag("password_stdin");
    // With the password on stdin, stdin cannot also answer a question.
    if from_stdin && !yes {
        return Err(Error::Usage(t(lang, "store.needs_yes").into()));
    }
    let password = read_password(g, from_stdin)?;
    // Check the file before asking anything: a wrong password should be
    // told now, not after "continue?".
    let bundle = crate::cert::pfx::open(&bytes, &password)?;
    let store = store_for(g)?;
    kind_note(g, store.as_ref());
    if !g.json {
        println!("{}", t(lang, "store.options_heading"));
        crate::present::print(&crate::present::checks::import_options(lang));
        println!(
            "{}",
            tf(
                lang,
                "store.about_to_install",
                &[(
                    "cn",
                    &bundle.leaf.info.subject_cn.clone().unwrap_or_default()
                )]
            )
        );
        let roots = crate::cert::install::roots_to_add(&bundle);
        if !roots.is_empty() {
            println!("{}", t(lang, "store.root_prompt_note"));
            // As Windows' warning shows them, to compare.
            for (name, sha1) in &roots {
                println!("  {name}");
                println!("{}", tf(lang, "install.root_thumbprint", &[("sha1", sha1)]));
            }
        }
    }
    if let Some(w) = user_warning(g)
        && !g.json
    {
        eprintln!("{w}");
    }
    drop(bundle);
    if !confirm(g, t(lang, "store.confirm_install"), yes)? {
        println!("{}", t(lang, "store.cancelled"));
        return Ok(ExitStatus::Ok);
    }
    let now = OffsetDateTime::now_utc();
    let user = crate::cert::install::current_user();
    let req = crate::ops::install::Request {
        bytes: &bytes,
        file: path,
        password: &password,
        allow_expired: m.get_flag("allow_expired"),
        trust_new_root: m.get_flag("trust_root"),
    };
    let installed = crate::ops::install::install_and_record(store.as_ref(), &req, &user, now)?;
    drop(password);
    record_install(g, &installed)?;
    let report = &installed.report;
    let v = &report.verification;
    if g.json {
        json::print(&json::StoreInstall::new(report));
    } else {
        if report.already_installed {
            println!("{}", t(lang, "store.already_installed"));
        }
        for p in &report.placements {
            let key = if p.added {
                "store.placed"
            } else {
                "store.was_present"
            };
            println!(
                "  {}",
                tf(
                    lang,
                    key,
                    &[("store", &p.store.system_name()), ("subject", &p.subject)]
                )
            );
        }
        crate::present::print(&crate::present::checks::rejected(lang, &report.rejected));
        crate::present::print(&crate::present::checks::rows(lang, v, false));
        println!(
            "{}",
            t(
                lang,
                if v.all_ok() {
                    "store.install_ok"
                } else {
                    "store.install_ng"
                }
            )
        );
    }
    Ok(if v.all_ok() {
        ExitStatus::Ok
    } else {
        ExitStatus::Invalid
    })
}

/// Chapter 3 from the command line: the install is recorded in the
/// profile's progress (and the certificate, when Chapter 2 was not done
/// here), so `status` and `report` know about it. From the command line
/// the install is the last step: the chapter is done when every check
/// passed.
fn record_install(g: &Globals, installed: &crate::ops::install::Installed) -> Result<(), Error> {
    use crate::cert::progress::{ChapterState, ProgressStore};
    let pstore = ProgressStore::new(resolve_home(g.home.as_deref())?);
    crate::ops::record::update(&pstore, &g.profile, |p| {
        if installed.record(p) == crate::ops::install::Recorded::OlderThanCurrent {
            // Installed on purpose (--allow-expired), but the profile
            // keeps its current certificate.
            eprintln!("{}", t(g.lang, "store.not_current"));
        } else if installed.ok() {
            p.chapters.install = ChapterState::Done;
        }
        Ok(())
    })
}

/// `store remove --delete-key`: the certificate and its key, exported first
/// to the quarantine folder under a proven password and proven again
/// (`ops::cleanup`); the removal is recorded in the profile.
fn remove_with_key(
    g: &Globals,
    store: &dyn CertStore,
    target: &StoredCert,
    from_stdin: bool,
) -> Result<Vec<StoreName>, Error> {
    let pstore = crate::cert::progress::ProgressStore::new(resolve_home(g.home.as_deref())?);
    let rep = crate::ops::record::update(&pstore, &g.profile, |progress| {
        remove_and_record(g, store, target, from_stdin, progress)
    })?;
    if let Some((_, e)) = rep.failed {
        return Err(e.into_error());
    }
    if let Some(k) = rep.kept.first() {
        return Err(Error::KeyKept {
            thumbprint: k.sha1_thumbprint.clone(),
        });
    }
    if !g.json {
        println!(
            "{}",
            tf(
                g.lang,
                "install.removed",
                &[("dir", &rep.quarantine.display())]
            )
        );
    }
    Ok(rep
        .removed
        .into_iter()
        .flat_map(|r| r.removed_from)
        .collect())
}

/// The export-prove-remove of one certificate with its key, recorded in
/// `progress` (even when it stopped part-way).
fn remove_and_record(
    g: &Globals,
    store: &dyn CertStore,
    target: &StoredCert,
    from_stdin: bool,
    progress: &mut crate::cert::progress::Progress,
) -> Result<crate::ops::cleanup::CleanedUp, Error> {
    use crate::cert::cleanup::{OldCert, OldReason};
    let password = super::prompt::cleanup_password(g, from_stdin, progress)?;
    if !g.json {
        println!(
            "{}",
            crate::present::cleanup::protected_with(g.lang, &password.proof)
        );
    }
    let dir = crate::ops::cleanup::quarantine_profile_dir_for(g.home.as_deref(), &g.profile)?;
    let old = [OldCert {
        cert: target.clone(),
        reason: OldReason::Chosen,
    }];
    let now = OffsetDateTime::now_utc();
    let rep = crate::ops::cleanup::cleanup_and_record(store, &old, &dir, &password, now, |_, _| {});
    rep.record(progress);
    Ok(rep)
}

pub fn remove(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let raw = m
        .get_one::<String>("thumbprint")
        .map(String::as_str)
        .unwrap_or("");
    let thumb = normalize_thumbprint(raw);
    if thumb.len() != 40 {
        return Err(Error::Usage(t(g.lang, "store.bad_thumbprint").into()));
    }
    let store = store_for(g)?;
    kind_note(g, store.as_ref());
    let all = store.list(&StoreName::ALL)?;
    let Some(target) = all.iter().find(|c| c.info.sha1_thumbprint == thumb) else {
        return Err(Error::NotInStore(thumb));
    };
    if !g.json {
        println!(
            "{}",
            tf(
                g.lang,
                "store.about_to_remove",
                &[
                    ("subject", &target.info.subject),
                    ("thumbprint", &thumb),
                    ("not_after", &jst(target.info.not_after)),
                ]
            )
        );
    }
    let yes = m.get_flag("yes");
    let from_stdin = m.get_flag("password_stdin");
    if from_stdin && !yes {
        return Err(Error::Usage(t(g.lang, "store.needs_yes").into()));
    }
    if !confirm(g, t(g.lang, "store.confirm_remove"), yes)? {
        println!("{}", t(g.lang, "store.cancelled"));
        return Ok(ExitStatus::Ok);
    }
    // The key stays unless asked for: it cannot be restored. Asked for, it
    // goes only after an export proven under a proven password, as in the
    // clean-up; a key that cannot be exported is kept, and so is the
    // certificate with it.
    let with_key =
        m.get_flag("delete_key") && target.store == StoreName::My && target.has_private_key;
    let removed = if with_key {
        remove_with_key(g, store.as_ref(), target, from_stdin)?
    } else {
        store.remove(&thumb, false)?
    };
    if g.json {
        json::print(&json::StoreRemove {
            sha1_thumbprint: &thumb,
            removed_from: &removed,
        });
    } else {
        let names: Vec<_> = removed.iter().map(|s| s.system_name()).collect();
        println!(
            "{}",
            tf(g.lang, "store.removed", &[("stores", &names.join(", "))])
        );
    }
    Ok(ExitStatus::Ok)
}
