use super::*;

fn every_position() -> Vec<Position> {
    let mut all = vec![Position::Home];
    all.extend(Question::ALL.map(|q| Position::Precheck(PrecheckStep::Ask(q))));
    all.push(Position::Precheck(PrecheckStep::Result));
    all.extend(
        [
            ApplyStep::Intro,
            ApplyStep::ThisPc,
            ApplyStep::Profile,
            ApplyStep::Sheet,
        ]
        .into_iter()
        .chain(PORTAL_STEPS.map(ApplyStep::Portal))
        .chain([ApplyStep::Done])
        .map(Position::Apply),
    );
    all.extend(DownloadStep::ALL.map(Position::Download));
    all.extend(InstallStep::ALL.map(Position::Install));
    all
}

#[test]
fn ids_round_trip_and_codes_are_unique() {
    let mut codes = std::collections::BTreeSet::new();
    for p in every_position() {
        let raw = RawPosition::from(p);
        assert_eq!(Position::from(raw.clone()), p, "{raw:?}");
        if let Some(c) = p.code() {
            assert!(codes.insert(c.clone()), "code {c} used twice");
        }
    }
    assert_eq!(codes.len(), every_position().len() - 1);
}

/// The codes clinics quote on the phone: frozen from the first release
/// (renumbered once before it, to run in the order a person meets them).
/// A new step gets the next free code; none of these may change.
#[test]
fn screen_codes_are_frozen() {
    let table = [
        ("precheck", "q:expired", "0-1"),
        ("precheck", "q:renew_or_add", "0-6"),
        ("precheck", "result", "0-7"),
        ("apply", "intro", "1-1"),
        ("apply", "sheet", "1-4"),
        ("apply", "portal-1", "1-5"),
        ("apply", "portal-12", "1-14"),
        ("apply", "done", "1-15"),
        ("download", "intro", "2-1"),
        ("download", "password", "2-4"),
        ("download", "nostore", "2-5"),
        ("download", "fetch", "2-7"),
        ("download", "backup", "2-9"),
        ("download", "done", "2-10"),
        ("install", "owner", "3-1"),
        ("install", "checks", "3-5"),
        ("install", "cleanup", "3-7"),
        ("install", "done", "3-8"),
        ("precheck", "q:reinstall", "0-2"),
        ("apply", "this_pc", "1-2"),
        ("download", "where", "2-2"),
        ("install", "from_backup", "3-2"),
        ("install", "connect", "3-6"),
    ];
    for (chapter, step, code) in table {
        let p = Position::from(RawPosition {
            chapter: chapter.into(),
            step: step.into(),
        });
        assert_eq!(p.code().as_deref(), Some(code), "{chapter}/{step}");
    }
}

#[test]
fn unknown_ids_fall_back_without_failing() {
    let p = |c: &str, s: &str| {
        Position::from(RawPosition {
            chapter: c.into(),
            step: s.into(),
        })
    };
    assert_eq!(p("", ""), Position::Home);
    assert_eq!(p("nonsense", "x"), Position::Home);
    assert_eq!(p("apply", "portal-13"), Position::Apply(ApplyStep::Intro));
    // The page has no ⑨ ⑩: older files' 9 and 10 land on ⑧ and ⑪.
    assert_eq!(
        p("apply", "portal-9"),
        Position::Apply(ApplyStep::Portal(8))
    );
    assert_eq!(
        p("apply", "portal-10"),
        Position::Apply(ApplyStep::Portal(11))
    );
    assert_eq!(next_portal(8), Some(11));
    assert_eq!(prev_portal(11), Some(8));
    assert_eq!(next_portal(12), None);
    assert_eq!(prev_portal(1), None);
    assert_eq!(
        p("download", "later"),
        Position::Download(DownloadStep::Intro)
    );
}

/// Each chapter's codes run in the order its screens are met: 1, 2, 3 …
/// without a gap (the reinstall route's 3-2 and the page's ⑨ ⑩ included).
#[test]
fn screen_codes_run_in_the_order_met() {
    let n = |code: String| -> u32 { code.rsplit('-').next().unwrap().parse().unwrap() };
    let pre: Vec<u32> = Question::ALL
        .iter()
        .map(|q| n(PrecheckStep::Ask(*q).code()))
        .chain([n(PrecheckStep::Result.code())])
        .collect();
    let apply: Vec<u32> = [
        ApplyStep::Intro,
        ApplyStep::ThisPc,
        ApplyStep::Profile,
        ApplyStep::Sheet,
    ]
    .into_iter()
    .chain(PORTAL_STEPS.iter().map(|p| ApplyStep::Portal(*p)))
    .chain([ApplyStep::Done])
    .map(|s| n(s.code()))
    .collect();
    let download: Vec<u32> = DownloadStep::ALL
        .iter()
        .map(|s| n(s.code().into()))
        .collect();
    let install: Vec<u32> = InstallStep::ALL
        .iter()
        .map(|s| n(s.code().into()))
        .collect();
    for codes in [pre, apply, download, install] {
        let expected: Vec<u32> = (1..=codes.len() as u32).collect();
        assert_eq!(codes, expected);
    }
}
