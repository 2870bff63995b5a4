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

/// The codes clinics quote on the phone: frozen. A new step gets a new
/// code; none of these may change.
#[test]
fn screen_codes_are_frozen() {
    let table = [
        ("precheck", "q:expired", "0-1"),
        ("precheck", "q:renew_or_add", "0-5"),
        ("precheck", "result", "0-6"),
        ("apply", "intro", "1-1"),
        ("apply", "sheet", "1-3"),
        ("apply", "portal-1", "1-4"),
        ("apply", "portal-12", "1-15"),
        ("apply", "done", "1-16"),
        ("download", "intro", "2-1"),
        ("download", "password", "2-3"),
        ("download", "nostore", "2-4"),
        ("download", "fetch", "2-6"),
        ("download", "backup", "2-8"),
        ("download", "done", "2-9"),
        ("install", "owner", "3-1"),
        ("install", "checks", "3-4"),
        ("install", "cleanup", "3-5"),
        ("install", "done", "3-6"),
        // Added later, after the others: no code above moved.
        ("precheck", "q:reinstall", "0-7"),
        ("apply", "this_pc", "1-17"),
        ("download", "where", "2-10"),
        ("install", "from_backup", "3-7"),
        ("install", "connect", "3-8"),
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
