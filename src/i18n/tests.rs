use super::*;

#[test]
fn tables_are_sorted_and_agree() {
    // `t` binary-searches the tables; `build.rs` already refuses differing
    // key sets, this keeps both promises visible.
    for table in [tables::JA, tables::EN] {
        assert!(table.windows(2).all(|w| w[0].0 < w[1].0), "not sorted");
    }
    let ja: Vec<&str> = tables::JA.iter().map(|&(k, _)| k).collect();
    let en: Vec<&str> = tables::EN.iter().map(|&(k, _)| k).collect();
    assert_eq!(ja, en);
    assert!(ja.len() > 30);
}

#[test]
fn looks_up_and_falls_back_to_the_key() {
    for (lang, table) in [(Lang::Ja, tables::JA), (Lang::En, tables::EN)] {
        for &(k, v) in table {
            assert_eq!(t(lang, k), v);
        }
    }
    assert_eq!(t(Lang::En, "no.such_key"), "no.such_key");
}

#[test]
fn layout_safe_symbols_only() {
    // East Asian ambiguous-width symbols break alignment by font.
    for &(key, text) in tables::JA.iter().chain(tables::EN) {
        for bad in ['①', '②', '■', '□', '※', '●', '○', '★', '→', '─', '│'] {
            assert!(!text.contains(bad), "{key} contains {bad}");
        }
    }
}

#[test]
fn every_error_kind_has_a_message_in_both_languages() {
    use std::path::PathBuf;
    let io = || std::io::Error::other("x");
    let errors = vec![
        Error::Code(CodeError::Empty),
        Error::Code(CodeError::NotDigit { ch: 'a', pos: 3 }),
        Error::Code(CodeError::WrongLength {
            expected: 10,
            got: 9,
        }),
        Error::Code(CodeError::UnknownPrefecture("48".into())),
        Error::Code(CodeError::UnknownTable("2".into())),
        Error::Read {
            path: PathBuf::from("/a"),
            source: io(),
        },
        Error::Write {
            path: PathBuf::from("/a"),
            source: io(),
        },
        Error::FileTooLarge { size: 2, max: 1 },
        Error::EmptyFile,
        Error::NotPkcs12(FileKind::Pem),
        Error::NotPkcs12(FileKind::Certificate),
        Error::NotPkcs12(FileKind::Zip),
        Error::NotPkcs12(FileKind::Unknown),
        Error::Truncated,
        Error::Corrupt("d".into()),
        Error::WrongPassword,
        Error::NoPrivateKey,
        Error::NoCertificate,
        Error::KeyMismatch,
        Error::Expired("2025-01-01".into()),
        Error::BadCertificate("d".into()),
        Error::ProgressCorrupt {
            path: "/p".into(),
            moved_to: "/q".into(),
        },
        Error::ProgressTooNew {
            path: "/p".into(),
            found: 9,
            supported: 1,
        },
        Error::BadProfileName("x y".into()),
        Error::NoDataDir,
        Error::ProfileLocked {
            profile: "default".into(),
            path: "/p/default.lock".into(),
        },
        Error::NotInStore("AB".into()),
        Error::Store("d".into()),
        Error::RootCancelled,
        Error::NoCredentialStore("d".into()),
        Error::Backup {
            fault: Fault::TargetGone,
            path: "/u".into(),
            detail: "d".into(),
        },
        Error::Backup {
            fault: Fault::ReadOnly,
            path: "/u".into(),
            detail: "d".into(),
        },
        Error::Backup {
            fault: Fault::Full,
            path: "/u".into(),
            detail: "d".into(),
        },
        Error::Backup {
            fault: Fault::PermissionDenied,
            path: "/u".into(),
            detail: "d".into(),
        },
        Error::Backup {
            fault: Fault::NameTooLong,
            path: "/u".into(),
            detail: "d".into(),
        },
        Error::Backup {
            fault: Fault::VerifyFailed,
            path: "/u".into(),
            detail: "d".into(),
        },
        Error::Backup {
            fault: Fault::NameTaken,
            path: "/u".into(),
            detail: "d".into(),
        },
        Error::Backup {
            fault: Fault::Other,
            path: "/u".into(),
            detail: "d".into(),
        },
        Error::Usage("d".into()),
        Error::NoMac,
        Error::Unsupported("scrypt".into()),
        Error::TooMuchWork,
        Error::Cancelled,
        Error::PasswordNotProven {
            path: "/k.p12".into(),
        },
        Error::NoFileToProve,
        Error::PasswordsDiffer,
        Error::KeyKept {
            thumbprint: "AB".into(),
        },
        Error::RootNotKnown {
            name: "n".into(),
            thumbprint: "AB".into(),
        },
        Error::WouldOverwrite { path: "/r".into() },
        Error::RefusedName {
            path: "/r.pfx".into(),
        },
    ];
    for e in &errors {
        for lang in [Lang::Ja, Lang::En] {
            let m = error_message(lang, e);
            assert!(!m.starts_with("error."), "{lang:?} lacks {m}");
            assert!(!m.contains('{'), "unfilled placeholder in {m}");
        }
    }
}

/// One pass over the template: a value is never read as a template
/// (a file named `{path}` stays `{path}`); an unknown placeholder stays.
#[test]
fn templates_are_filled_once() {
    let v = fill(
        "{a} and {b} and {c}",
        &[("a", &"{b}"), ("b", &"B {a}"), ("x", &"unused")],
    );
    assert_eq!(v, "{b} and B {a} and {c}");
    assert_eq!(fill("no braces", &[]), "no braces");
    assert_eq!(fill("{unclosed", &[("unclosed", &"x")]), "{unclosed");
    // Values pass the printable filter.
    assert_eq!(fill("[{v}]", &[("v", &"a\u{202e}b\x1b")]), "[ab]");
}

#[test]
fn detects_language() {
    let a = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
    assert_eq!(Lang::detect(&a(&["oqscert", "--lang", "en"])), Lang::En);
    assert_eq!(
        Lang::detect(&a(&["oqscert", "code", "--lang=en", "x"])),
        Lang::En
    );
    assert_eq!(Lang::detect(&a(&["oqscert", "--lang", "ja"])), Lang::Ja);
}

/// A certificate ending at 15:00 UTC or later ends on the next day in
/// Japan: screens show Japan's date, not the UTC one.
#[test]
fn jst_date_is_the_date_in_japan() {
    use time::macros::datetime;
    assert_eq!(
        super::jst_date(datetime!(2030-02-24 14:59:59 UTC)),
        "2030-02-24"
    );
    assert_eq!(
        super::jst_date(datetime!(2030-02-24 15:00 UTC)),
        "2030-02-25"
    );
}

#[test]
fn dates_read_as_people_write_them() {
    use time::macros::datetime;
    // 15:00 UTC is the next day in Japan.
    let at = datetime!(2026-11-19 15:30 UTC);
    assert_eq!(super::date(Lang::Ja, at), "2026年11月20日（金）");
    assert_eq!(super::date(Lang::En, at), "2026-11-20");
}

/// The procedure's numbers (fee, validity, the 180 and 90 days, the days
/// the notice takes) come from assets/codes.toml through `{fact:…}`: the
/// locale files hold none of the digits, and the built sentences hold the
/// values codes.toml has.
#[test]
fn procedure_numbers_come_from_codes_toml() {
    let lt = &crate::cert::codes::codes().lifetime;
    let fee = {
        let s = lt.fee_yen.to_string();
        format!("{},{}", &s[..s.len() - 3], &s[s.len() - 3..])
    };
    for (lang, raw) in [
        ("ja", include_str!("../../assets/locales/ja.toml")),
        ("en", include_str!("../../assets/locales/en.toml")),
    ] {
        for typed in [
            fee.clone(),
            format!("{}日", lt.download_deadline_days),
            format!("{} days", lt.download_deadline_days),
            format!("{}日前", lt.renewal_window_days),
            format!("{} days before", lt.renewal_window_days),
            "3年3か月".to_string(),
            "3 years 3 months".to_string(),
            "1週間".to_string(),
        ] {
            assert!(!raw.contains(&typed), "{lang}.toml types {typed}");
        }
    }
    assert!(t(Lang::Ja, "apply.done_body").starts_with("申請から2日〜1週間後に"));
    assert!(t(Lang::En, "apply.done_body").starts_with("In 2 days to a week"));
    assert!(t(Lang::Ja, "precheck.needed_next").contains(&format!("1枚{fee}円")));
    assert!(t(Lang::Ja, "precheck.q_expired_note").contains("3年3か月"));
    assert!(t(Lang::En, "home.deadline").contains("180 days"));
    assert!(t(Lang::Ja, "precheck.renewal").contains("90日前"));
    for lang in [Lang::Ja, Lang::En] {
        for key in ["home.mail_late", "download.help_ids", "apply.help_done"] {
            assert!(!t(lang, key).contains("{fact:"), "{key}");
        }
    }
}

/// A typed folder that is not there, or not writable: plain Japanese that
/// says what to check, never the system's English words (「os error 2」).
#[test]
fn a_backup_target_that_is_not_there_is_said_plainly() {
    use crate::cert::backup::Fault;
    for fault in [Fault::TargetGone, Fault::PermissionDenied] {
        let e = crate::cert::Error::Backup {
            fault,
            path: "E:\\".into(),
            detail: "No such file or directory (os error 2)".into(),
        };
        let m = error_message(Lang::Ja, &e);
        assert!(!m.contains("os error") && !m.contains("No such"), "{m}");
        assert!(m.contains("E:\\") && m.contains("ください"), "{m}");
    }
}

/// The `{name}` placeholders of every key, in either language: a template
/// one language fills and the other does not would drop a value.
fn placeholders(text: &str) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        let Some(j) = rest.find('}') else { break };
        let name = &rest[..j];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            out.insert(name.to_string());
        }
        rest = &rest[j + 1..];
    }
    out
}

#[test]
fn both_languages_fill_the_same_placeholders() {
    let mut differ = Vec::new();
    for (&(k, ja), &(_, en)) in tables::JA.iter().zip(tables::EN.iter()) {
        if placeholders(ja) != placeholders(en) {
            differ.push(format!(
                "{k}: ja {:?} en {:?}",
                placeholders(ja),
                placeholders(en)
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// Every key the code names as a literal (`t(lang, "a.b")`, `tf(…)`, keys
/// in `match` arms and lists: any `"section.key"` string whose section is
/// a locale section) is in the tables: a misspelled key would show
/// `download.xxx` on a screen. Keys built at run time (`format!`) are
/// covered by their own tests (selftest, errors).
#[test]
// Reads the sources by their Linux path (not under wine).
#[cfg(unix)]
fn every_key_the_code_names_exists() {
    let sections: std::collections::BTreeSet<&str> = tables::JA
        .iter()
        .filter_map(|&(k, _)| k.split_once('.').map(|(s, _)| s))
        .collect();
    let known: std::collections::BTreeSet<&str> = tables::JA.iter().map(|&(k, _)| k).collect();
    let mut files = Vec::new();
    fn walk(d: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut missing = Vec::new();
    let mut seen = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for piece in text.split('"').skip(1).step_by(2) {
            let Some((section, key)) = piece.split_once('.') else {
                continue;
            };
            // File names (report.html) are not keys.
            let file = [
                "html", "txt", "json", "csv", "toml", "p12", "pfx", "md", "exe",
            ];
            if !sections.contains(section)
                || key.is_empty()
                || file.contains(&key)
                || !key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                continue;
            }
            seen += 1;
            if !known.contains(piece) {
                missing.push(format!("{}: {piece}", f.display()));
            }
        }
    }
    assert!(seen > 300, "the scan found only {seen} keys");
    assert!(
        missing.is_empty(),
        "keys not in the locale files:\n{}",
        missing.join("\n")
    );
}
