//! The wizard's screens driven through `update` and rendered with
//! ratatui's `TestBackend` (insta snapshots, 80x24 and 120x40, Japanese
//! text included), plus the state machine's rules.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use oqscert::cert::progress::{ChapterState, Progress};
use oqscert::i18n::Lang;
use oqscert::wizard::components::Theme;
use oqscert::wizard::{App, Effect, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use time::macros::datetime;

const NOW: time::OffsetDateTime = datetime!(2026-11-25 10:00 UTC);

fn app_with(progress: Progress, theme: Theme) -> App {
    App::new(
        Lang::Ja,
        theme,
        progress,
        PathBuf::from("/data/profiles/default"),
        NOW,
    )
}

fn fresh() -> App {
    let mut p = Progress::new("default");
    p.institution.terminal_name = "受付1号機".into();
    app_with(p, Theme::unicode())
}

/// The error a PC without a credential store gives.
fn no_store() -> oqscert::ops::Failure {
    oqscert::cert::Error::NoCredentialStore("no Secret Service".into()).into()
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn press(app: &mut App, codes: &[KeyCode]) -> Vec<Effect> {
    let mut out = Vec::new();
    for c in codes {
        out.extend(app.update(key(*c)));
    }
    out
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(key(KeyCode::Char(c)));
    }
}

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| app.view(f)).unwrap();
    term
}

/// The screen's rows as text (a wide character once, its hidden second
/// cell dropped).
fn screen_rows(app: &App, w: u16, h: u16) -> Vec<String> {
    let t = render(app, w, h);
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in 0..w {
                let sym = buf[(x, y)].symbol();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
                row.push_str(sym);
            }
            row
        })
        .collect()
}

macro_rules! snap {
    ($name:expr, $app:expr) => {{
        let a = &$app;
        let lost = crate::every_screen::rows_lost_at_80x24(a);
        assert!(
            lost.is_empty(),
            "{}: rows lost at 80x24:\n{}",
            $name,
            lost.join("\n")
        );
        let t = render(a, 80, 24);
        insta::assert_snapshot!(format!("{}_80x24", $name), t.backend());
        let t = render(a, 120, 40);
        insta::assert_snapshot!(format!("{}_120x40", $name), t.backend());
    }};
}

/// Walk the pre-check answering the first-time question "yes".
fn through_precheck(app: &mut App) {
    press(app, &[KeyCode::Enter]); // open 0.
    press(
        app,
        &[
            KeyCode::Char('n'), // expired
            KeyCode::Char('n'), // reinstall from a backup
            KeyCode::Char('n'), // PC lost without a backup
            KeyCode::Char('n'), // code changed
            KeyCode::Char('y'), // first time
        ],
    );
}

/// Fill the profile as a dental clinic in Hiroshima (34, 歯科 3), its code
/// typed in full-width digits: 07 1236 and the check digit 8 the usual
/// rule gives for 歯科 (the MHLW worked example 0712362 is 医科).
fn fill_profile(app: &mut App) {
    press(app, &[KeyCode::Char('2'), KeyCode::Tab]);
    typed(app, "広島");
    press(app, &[KeyCode::Tab]);
    typed(app, "０７１２３６８");
    press(app, &[KeyCode::Tab]);
    typed(app, "テスト歯科医院");
    press(app, &[KeyCode::Tab]);
    // 担当部署/担当者名: one field, as on the portal.
    typed(app, "受付 山田 花子");
    press(app, &[KeyCode::Tab]);
    typed(app, "082-123-4567");
    press(app, &[KeyCode::Tab]);
    typed(app, "uketsuke@example.jp");
    press(app, &[KeyCode::Tab]);
}

#[test]
fn home_screens() {
    let app = fresh();
    snap!("home_fresh", app);
    insta::assert_snapshot!(
        "home_fresh_ascii_80x24",
        render(&app_with(app.progress.clone(), Theme::ascii()), 80, 24).backend()
    );
    let mut p = Progress::new("default");
    p.institution.name = "テスト歯科医院".into();
    p.institution.terminal_name = "受付1号機".into();
    p.chapters.precheck = ChapterState::Done;
    p.chapters.apply = ChapterState::Done;
    p.application.applied_at = Some(datetime!(2026-11-20 09:00 UTC));
    snap!("home_applied", app_with(p.clone(), Theme::unicode()));
    // Ten days on and no notice: what to do, and the lost-notice line,
    // both on an 80x24 screen above the footer.
    p.application.applied_at = Some(datetime!(2026-11-15 09:00 UTC));
    let late = app_with(p, Theme::unicode());
    let screen = render(&late, 80, 24).backend().to_string().replace(' ', "");
    assert!(screen.contains("電子証明書申請状況照会"), "{screen}");
    assert!(screen.contains("通知書をなくしたときは"), "{screen}");
    assert!(screen.contains("お問い合わせください"), "{screen}");
}

/// The home in every state, with the records' row a real run always
/// shows above it (the snapshots leave it out): nothing is cut off at
/// 80x24, in either language.
#[test]
fn the_home_fits_80x24_in_every_state_with_the_records_row() {
    use oqscert::wizard::machine::{Machine, RecordsAt};
    let machine = Machine {
        current_user: "uketsuke".into(),
        store_kind: oqscert::cert::store::StoreKind::WindowsCurrentUser,
        computer_name: "UKETSUKE-PC".into(),
        records: "記録の保存先: USBメモリ (E:) の oqscert-data".into(),
        records_at: RecordsAt::Travelling,
        console: Default::default(),
    };
    let mut states: Vec<(&str, Progress)> = vec![("fresh", Progress::new("default"))];
    let mut p = Progress::new("default");
    p.institution.name = "医療法人社団 テスト会 テスト歯科クリニック".into();
    p.institution.terminal_name = "受付1号機".into();
    p.chapters.precheck = ChapterState::Done;
    p.chapters.apply = ChapterState::Done;
    p.application.applied_at = Some(NOW - time::Duration::days(3));
    states.push(("applied", p.clone()));
    p.application.applied_at = Some(NOW - time::Duration::days(10));
    states.push(("late", p.clone()));
    // The notice came: the certificate verified, the backup not yet made.
    let mut d = chapter_three::downloaded();
    d.chapters.download = ChapterState::InProgress;
    d.application.applied_at = Some(NOW - time::Duration::days(10));
    d.backups.clear();
    states.push(("downloading", d.clone()));
    let mut done = chapter_three::downloaded();
    done.chapters.install = ChapterState::Done;
    done.application.applied_at = Some(NOW - time::Duration::days(10));
    states.push(("done", done.clone()));
    if let Some(c) = done.certificate.as_mut() {
        c.not_after = NOW + time::Duration::days(20);
    }
    states.push(("expiring", done));
    let mut lost = Vec::new();
    for lang in [Lang::Ja, Lang::En] {
        for (name, p) in &states {
            let app = App::new(
                lang,
                Theme::unicode(),
                p.clone(),
                PathBuf::from("/data/profiles/default"),
                NOW,
            )
            .with_machine(machine.clone());
            for row in crate::every_screen::rows_lost_at_80x24(&app) {
                lost.push(format!("{name} ({lang:?}): {row}"));
            }
        }
    }
    assert!(lost.is_empty(), "rows lost at 80x24:\n{}", lost.join("\n"));
}

/// H-2 (and `status`) while the notice is awaited: the application's dates
/// in Japanese, as on the home, never ISO.
#[test]
fn the_applications_dates_read_as_people_write_them() {
    let mut p = Progress::new("default");
    p.chapters.apply = ChapterState::Done;
    p.application.applied_at = Some(datetime!(2026-11-20 09:00 UTC));
    let h = oqscert::cert::health::assess(&p, None, &[], NOW);
    let text: Vec<String> = oqscert::present::health::rows(Lang::Ja, &h, false)
        .iter()
        .map(|r| r.text.clone())
        .collect();
    let text = text.join("\n");
    assert!(text.contains("2026年11月20日（金）"), "{text}");
    assert!(text.contains("2026年11月22日（日）"), "{text}");
    assert!(!text.contains("JST") && !text.contains("2026-11"), "{text}");
}

/// A client certificate as the store lists it.
fn super_cert() -> oqscert::cert::store::StoredCert {
    oqscert::cert::store::StoredCert {
        info: chapter_two::common_cert(),
        store: oqscert::cert::store::StoreName::My,
        has_private_key: true,
        key_exportable: true,
    }
}

/// Many client certificates in the store (S/MIME, VPN): the one from
/// this profile's issuer is listed first, and the rest are counted.
/// The receptionist's PC on Windows, with the records kept as `at` says.
fn uketsuke_pc(
    records: &str,
    at: oqscert::wizard::install::RecordsAt,
) -> oqscert::wizard::install::Machine {
    oqscert::wizard::install::Machine {
        current_user: "uketsuke".into(),
        store_kind: oqscert::cert::store::StoreKind::WindowsCurrentUser,
        computer_name: "UKETSUKE-PC".into(),
        records: records.into(),
        records_at: at,
        console: Default::default(),
    }
}

#[test]
fn precheck_lists_the_oqs_certificate_first() {
    let mut p = Progress::new("default");
    let mut ours = super_cert();
    ours.info.issuer = "CN=OQS Test CA".into();
    ours.info.subject_cn = Some("テスト歯科医院 受付1号機".into());
    ours.info.not_after = datetime!(2027-01-10 00:00 UTC);
    p.certificate = Some(oqscert::cert::progress::CertificateRecord {
        path: PathBuf::from("/data/profiles/default/certificate.p12"),
        sha256: String::new(),
        sha1_thumbprint: String::new(),
        subject: "CN=テスト歯科医院 受付1号機".into(),
        not_after: ours.info.not_after,
        verified_at: NOW,
        issuer: "CN=OQS Test CA".into(),
        serial: String::new(),
        not_before: None,
        roots: Vec::new(),
    });
    let mut app = app_with(p, Theme::unicode());
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 0-1");
    let mut certs: Vec<_> = (0..5)
        .map(|i| {
            let mut c = super_cert();
            c.info.issuer = "CN=Mail CA".into();
            c.info.subject_cn = Some(format!("mail{i}"));
            c.info.not_after = datetime!(2028-01-01 00:00 UTC);
            c
        })
        .collect();
    certs.push(ours);
    app.update(Msg::Certificates(Ok(certs)));
    let screen = format!("{:?}", render(&app, 80, 24).backend());
    let first = screen.find("テスト歯科医院").expect("ours is listed");
    let mail = screen.find("mail").expect("others too");
    assert!(first < mail, "{screen}");
    assert!(screen.contains("ほかに 2 件"), "{screen}");
}

/// 0-1 says what y and n do, and they do it: one key answers and the next
/// question follows; the arrows only choose, Enter answers.
#[test]
fn yes_and_no_keys_do_what_the_screen_says() {
    let mut app = fresh();
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 0-1");
    let screen = render(&app, 80, 24).backend().to_string().replace(' ', "");
    assert!(
        screen.contains("y（はい）かn（いいえ）を押すと、答えて次へ進みます"),
        "{screen}"
    );
    press(&mut app, &[KeyCode::Char('n')]);
    assert_eq!(app.screen_code(), "画面 0-2");
    assert_eq!(app.progress.precheck.get("expired"), Some(&false));
    press(&mut app, &[KeyCode::Right]);
    assert_eq!(app.screen_code(), "画面 0-2", "an arrow only chooses");
    assert!(!app.progress.precheck.contains_key("reinstall"));
    press(&mut app, &[KeyCode::Enter]);
    assert_ne!(
        app.screen_code(),
        "画面 0-2",
        "Enter answers the chosen one"
    );
    assert!(app.progress.precheck.contains_key("reinstall"));
}

#[test]
fn precheck_screens_and_verdicts() {
    let mut app = fresh();
    let fx = press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 0-1");
    // The first question shows what this PC's store holds.
    assert!(fx.iter().any(|e| matches!(e, Effect::ListCertificates)));
    let mut listed = super_cert();
    listed.info.not_after = datetime!(2026-12-24 00:00 UTC);
    app.update(Msg::Certificates(Ok(vec![listed])));
    snap!("precheck_q1", app);
    press(&mut app, &[KeyCode::Right]);
    snap!("precheck_q1_no", app);

    let mut needed = fresh();
    through_precheck(&mut needed);
    assert_eq!(needed.screen_code(), "画面 0-7");
    snap!("precheck_needed", needed);

    let mut renew = fresh();
    press(&mut renew, &[KeyCode::Enter]);
    for c in ['n', 'n', 'n', 'n', 'n'] {
        press(&mut renew, &[KeyCode::Char(c)]);
    }
    assert_eq!(renew.screen_code(), "画面 0-6");
    snap!("precheck_q5", renew);
    press(&mut renew, &[KeyCode::Char('y')]);
    snap!("precheck_not_needed", renew);
    // Renewal: where it is done and whom to call.
    let text = screen_rows(&renew, 80, 24).concat();
    assert!(text.contains("「電子証明書の更新方法」"), "{text}");
    assert!(text.contains("0800-080-4583"), "{text}");
    press(&mut renew, &[KeyCode::Enter]);
    assert_eq!(renew.screen_code(), "画面 H");
    assert_eq!(renew.progress.chapters.precheck, ChapterState::Done);

    let mut unclear = fresh();
    press(&mut unclear, &[KeyCode::Enter]);
    for c in ['n', 'n', 'n', 'n', 'n', 'n'] {
        press(&mut unclear, &[KeyCode::Char(c)]);
    }
    snap!("precheck_unclear", unclear);
}

/// The values for the portal's form: only the dental 分類 and 点数表 are on
/// the help page. For the other types no value is made up (no 「1:医科」):
/// the row says to pick the type's entry from the portal's list, and the
/// sheet does not say to type its values 「そのまま」.
#[test]
fn the_sheet_invents_no_value_for_other_types() {
    for (ty, name, table) in [
        ("medical", "医科（病院・診療所）", "医科"),
        ("pharmacy", "薬局", "調剤"),
        ("nursing", "訪問看護ステーション", "訪問看護"),
    ] {
        let mut p = Progress::new("default");
        p.chapters.precheck = ChapterState::Done;
        p.institution.type_id = ty.into();
        p.institution.prefecture = "34".into();
        p.institution.code7 = "0712368".into();
        p.position =
            oqscert::cert::position::Position::Apply(oqscert::cert::position::ApplyStep::Sheet);
        let app = app_with(p, Theme::unicode());
        assert_eq!(app.screen_code(), "画面 1-4");
        let text = screen_rows(&app, 120, 40).join("\n");
        assert!(
            text.contains(&format!("一覧から「{name}」にあたるものを選びます")),
            "{ty}: {text}"
        );
        assert!(
            text.contains(&format!("一覧から「{table}」にあたるものを選びます")),
            "{ty}: {text}"
        );
        for invented in ["1:医科", "4:調剤", "6:訪問看護", "そのまま"] {
            assert!(!text.contains(invented), "{ty}: {invented}\n{text}");
        }
    }
}

#[test]
fn apply_screens() {
    let mut app = fresh();
    through_precheck(&mut app);
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 1-1");
    snap!("apply_intro", app);
    press(&mut app, &[KeyCode::Enter]);
    // Is this the PC the certificate goes on? (No: the name is left.)
    assert_eq!(app.screen_code(), "画面 1-2");
    snap!("apply_this_pc", app);
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 1-3");
    snap!("apply_profile_empty", app);
    // Enter on every field to the last one: the form refuses and shows why.
    for _ in 0..9 {
        press(&mut app, &[KeyCode::Enter]);
    }
    assert_eq!(app.screen_code(), "画面 1-3", "invalid form passed");
    snap!("apply_profile_errors", app);

    let mut app = fresh();
    through_precheck(&mut app);
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
    fill_profile(&mut app);
    snap!("apply_profile_filled", app);
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 1-4");
    snap!("apply_sheet", app);
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 1-5");
    snap!("apply_portal_1", app);
    press(&mut app, &[KeyCode::Char('k')]);
    snap!("apply_qr", app);
    insta::assert_snapshot!("apply_qr_ascii_120x40", {
        let mut a = app_with(app.progress.clone(), Theme::ascii());
        press(&mut a, &[KeyCode::Char('k')]);
        render(&a, 120, 40).backend().to_string()
    });
    // The Japanese console's usual 120x30 (ASCII theme): too small for the
    // QR; the screen says where the printable one is.
    insta::assert_snapshot!("apply_qr_ascii_120x30", {
        let mut a = app_with(app.progress.clone(), Theme::ascii());
        press(&mut a, &[KeyCode::Char('k')]);
        render(&a, 120, 30).backend().to_string()
    });
    press(&mut app, &[KeyCode::Esc]);
    for _ in 0..6 {
        press(&mut app, &[KeyCode::Enter]);
    }
    assert_eq!(app.screen_code(), "画面 1-11");
    snap!("apply_portal_7", app);
    press(&mut app, &[KeyCode::Char('s')]);
    snap!("apply_portal_sheet_popup", app);
    press(&mut app, &[KeyCode::Esc]);
    // ⑦ → ⑧ → ⑪ → ⑫: the help page has no ⑨ ⑩.
    for _ in 0..3 {
        press(&mut app, &[KeyCode::Enter]);
    }
    assert_eq!(app.screen_code(), "画面 1-14");
    snap!("apply_portal_12", app);
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 1-15");
    assert_eq!(app.progress.application.applied_at, Some(NOW));
    assert_eq!(app.progress.chapters.apply, ChapterState::Done);
    snap!("apply_done", app);
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 H");
}

#[test]
fn overlays_and_small_window() {
    let mut app = fresh();
    press(&mut app, &[KeyCode::F(1)]);
    snap!("help_home", app);
    press(&mut app, &[KeyCode::Esc]);
    press(&mut app, &[KeyCode::Char('q')]);
    snap!("quit_confirm", app);
    // n keeps going; nothing quits.
    assert!(press(&mut app, &[KeyCode::Char('n')]).is_empty());
    assert!(!app.should_quit());
    let t = render(&app, 60, 20);
    insta::assert_snapshot!("too_small_60x20", t.backend());
}

#[test]
fn english_screens() {
    let mut p = Progress::new("default");
    p.institution.terminal_name = "PC-1".into();
    let mut app = App::new(Lang::En, Theme::unicode(), p, PathBuf::from("/data"), NOW);
    insta::assert_snapshot!("home_en_80x24", render(&app, 80, 24).backend());
    press(&mut app, &[KeyCode::Enter]);
    insta::assert_snapshot!("precheck_q1_en_80x24", render(&app, 80, 24).backend());
}

#[test]
fn esc_goes_back_from_every_step_and_never_quits() {
    let mut app = fresh();
    through_precheck(&mut app);
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
    fill_profile(&mut app);
    press(&mut app, &[KeyCode::Enter]);
    for _ in 0..10 {
        press(&mut app, &[KeyCode::Enter]);
    }
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 1-15");
    // Back through every step: 1-15, the portal's ⑫ ⑪ ⑧..① (1-14, 1-13,
    // 1-12..1-5: the page has no ⑨ ⑩), 1-4, 1-3, the PC question 1-2,
    // 1-1, then home.
    let mut seen = vec![app.screen_code()];
    for _ in 0..15 {
        press(&mut app, &[KeyCode::Esc]);
        seen.push(app.screen_code());
        assert!(!app.should_quit());
    }
    let expected: Vec<String> = (1..=15)
        .rev()
        .map(|n| format!("画面 1-{n}"))
        .chain(["画面 H".to_string()])
        .collect();
    assert_eq!(seen, expected);
    // Esc on home does nothing.
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.screen_code(), "画面 H");
    assert!(!app.should_quit());

    // Pre-check: back from the result to each question and to home.
    let mut app = fresh();
    through_precheck(&mut app);
    let mut seen = Vec::new();
    for _ in 0..6 {
        press(&mut app, &[KeyCode::Esc]);
        seen.push(app.screen_code());
    }
    // 0-2 (reinstall from a backup) sits after 0-1 in the order asked.
    assert_eq!(
        seen,
        [
            "画面 0-5",
            "画面 0-4",
            "画面 0-3",
            "画面 0-2",
            "画面 0-1",
            "画面 H"
        ]
    );
}

/// The footer shows only the keys that work: left/right on a yes/no
/// question, no arrows where there is nothing to choose, up/down on a list.
#[test]
fn footer_shows_only_working_arrow_keys() {
    let footer = |app: &App| {
        let s = render(app, 80, 24).backend().to_string();
        s.lines()
            .rev()
            .find(|l| l.contains("[Enter]"))
            .unwrap_or_default()
            .to_string()
    };
    let mut app = fresh();
    assert!(footer(&app).contains("[上下]選ぶ"), "home is a list");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 0-1");
    let f = footer(&app);
    assert!(f.contains("[左右]選ぶ") && !f.contains("[上下]"), "{f}");
    through_precheck_from_q1(&mut app);
    assert_eq!(app.screen_code(), "画面 0-7");
    let f = footer(&app);
    assert!(!f.contains("[左右]") && !f.contains("[上下]"), "{f}");
}

fn through_precheck_from_q1(app: &mut App) {
    press(
        app,
        &[
            KeyCode::Char('n'),
            KeyCode::Char('n'),
            KeyCode::Char('n'),
            KeyCode::Char('n'),
            KeyCode::Char('y'),
        ],
    );
}

/// 画面 1-2: "yes, this is the PC" fills 端末名称 with this computer's
/// name; "no" leaves it empty (and clears a name taken from this PC).
#[test]
fn this_pc_answer_decides_the_terminal_name() {
    let machine = oqscert::wizard::install::Machine {
        current_user: "uketsuke".into(),
        store_kind: oqscert::cert::store::StoreKind::WindowsCurrentUser,
        computer_name: "UKETSUKE-PC".into(),
        records: String::new(),
        records_at: oqscert::wizard::install::RecordsAt::Travelling,
        console: Default::default(),
    };
    // A name already typed is kept.
    let mut app = fresh().with_machine(machine.clone());
    through_precheck(&mut app);
    press(
        &mut app,
        &[KeyCode::Enter, KeyCode::Enter, KeyCode::Char('y')],
    );
    assert_eq!(app.screen_code(), "画面 1-3");
    assert_eq!(app.progress.institution.terminal_name, "受付1号機");
    // None yet: this computer's name.
    let mut p = Progress::new("default");
    p.institution.terminal_name.clear();
    let mut app = app_with(p, Theme::unicode()).with_machine(machine);
    through_precheck(&mut app);
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 1-2");
    press(&mut app, &[KeyCode::Char('y')]);
    assert_eq!(app.screen_code(), "画面 1-3");
    assert_eq!(app.progress.institution.terminal_name, "UKETSUKE-PC");
    // Back, and "no": the name from this PC goes.
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.screen_code(), "画面 1-2");
    press(&mut app, &[KeyCode::Char('n')]);
    assert_eq!(app.screen_code(), "画面 1-3");
    assert_eq!(app.progress.institution.terminal_name, "");
}

/// A code that fits only the check-digit rule this prefecture does not
/// usually use is likely a typo that happens to fit: the form says so in
/// the warning colour instead of 「検証番号 OK」.
#[test]
fn a_code_matching_only_the_other_rule_is_not_ok() {
    let mut app = fresh();
    through_precheck(&mut app);
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 1-3");
    press(&mut app, &[KeyCode::Char('1'), KeyCode::Tab]);
    typed(&mut app, "広島");
    press(&mut app, &[KeyCode::Tab]);
    // 広島 (34), 医科 (1): the nine-digit rule gives 2, the six-digit 4.
    typed(&mut app, "0712364");
    let screen = render(&app, 80, 24).backend().to_string();
    assert!(!screen.contains("検証番号 OK"), "{screen}");
    assert!(screen.contains("3410712364"), "{screen}");
    assert!(screen.contains("ふつう使う計算と合いません"), "{screen}");
    // The usual rule: OK.
    press(&mut app, &[KeyCode::Backspace]);
    typed(&mut app, "2");
    let screen = render(&app, 80, 24).backend().to_string();
    assert!(screen.contains("3410712362 検証番号 OK"), "{screen}");
}

/// A code whose check digit fits neither rule is not taken by Enter: the
/// field says so with the code split into its parts (to compare with the
/// 保険医療機関届), and only F7 「このまま使う」, a choice of its own, lets
/// the form go on. Correcting the code needs no F7.
#[test]
fn a_code_fitting_neither_rule_needs_its_own_choice() {
    let mut app = fresh();
    through_precheck(&mut app);
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 1-3");
    fill_profile(&mut app);
    // Back to the code: 広島 (34), 歯科 (3), 07 1236, check digit 9 fits
    // neither rule (the usual one gives 8).
    for _ in 0..5 {
        press(&mut app, &[KeyCode::BackTab]);
    }
    press(&mut app, &[KeyCode::Backspace]);
    typed(&mut app, "9");
    let rows: String = screen_rows(&app, 80, 24).iter().map(|r| r.trim()).collect();
    assert!(
        rows.contains("3430712369 は、最後の1桁（検証番号）が合いません"),
        "{rows}"
    );
    assert!(rows.contains("都道府県 34（広島県）"), "{rows}");
    assert!(rows.contains("番号 1236"), "{rows}");
    assert!(!rows.contains("9桁") && !rows.contains("6桁"), "{rows}");
    assert!(rows.contains("[F7]このまま使う"), "{rows}");
    snap!("apply_profile_code_mismatch", app);
    // Enter to the last field and past it: still 1-3, the code named.
    for _ in 0..8 {
        press(&mut app, &[KeyCode::Enter]);
    }
    assert_eq!(app.screen_code(), "画面 1-3");
    // F7 (on any field): kept, said, and the form goes on.
    press(&mut app, &[KeyCode::F(7)]);
    let rows: String = screen_rows(&app, 80, 24).iter().map(|r| r.trim()).collect();
    assert!(rows.contains("このまま進みます"), "{rows}");
    // Enter field by field, as the form goes: past the last one, 1-4.
    for _ in 0..8 {
        if app.screen_code() == "画面 1-3" {
            press(&mut app, &[KeyCode::Enter]);
        }
    }
    assert_eq!(app.screen_code(), "画面 1-4");
    assert_eq!(app.progress.institution.code7, "0712369");
    // Changing the code drops the choice; a correct code needs none.
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.screen_code(), "画面 1-3");
}

/// The code as the clinic's paperwork prints it: ten digits, with hyphens
/// and full-width digits, typed into the code field with nothing else
/// chosen yet. 都道府県 and the type come from it; the field keeps the
/// last seven. The first seven of the ten are recognised and named.
#[test]
fn the_ten_digit_code_as_printed_fills_the_form() {
    let mut app = fresh();
    through_precheck(&mut app);
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 1-3");
    // Type (1st) and prefecture (2nd) left empty; the code field.
    press(&mut app, &[KeyCode::Tab, KeyCode::Tab]);
    typed(&mut app, "３４－３－０７１２３６８");
    let screen = render(&app, 80, 24).backend().to_string();
    assert!(screen.contains("3430712368"), "{screen}");
    press(&mut app, &[KeyCode::Tab]);
    let screen = render(&app, 80, 24).backend().to_string();
    assert!(
        screen.contains("34 広島県"),
        "the choice, not the typing: {screen}"
    );
    let p = &app.progress.institution;
    assert_eq!(p.prefecture, "34");
    assert_eq!(p.type_id, "dental");
    assert_eq!(p.code7, "0712368");
    let screen = render(&app, 80, 24).backend().to_string();
    assert!(screen.contains("3430712368 検証番号 OK"), "{screen}");

    // The first seven of the ten, with 広島 and 歯科 chosen: said so.
    let mut app = fresh();
    through_precheck(&mut app);
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
    press(&mut app, &[KeyCode::Char('2'), KeyCode::Tab]);
    typed(&mut app, "広島");
    press(&mut app, &[KeyCode::Tab]);
    typed(&mut app, "3430712");
    let screen = render(&app, 80, 24).backend().to_string().replace(' ', "");
    assert!(screen.contains("10桁のコードの最初の7桁"), "{screen}");
}

#[test]
fn every_step_saves_and_resume_restores_step_and_values() {
    let mut app = fresh();
    through_precheck(&mut app);
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
    fill_profile(&mut app);
    let effects = press(&mut app, &[KeyCode::Enter]);
    let saved = effects
        .iter()
        .find_map(|e| match e {
            Effect::Save(p) => Some(p.clone()),
            _ => None,
        })
        .expect("moving to the sheet saves");
    assert_eq!(
        saved.position,
        oqscert::cert::position::Position::Apply(oqscert::cert::position::ApplyStep::Sheet)
    );
    assert_eq!(saved.institution.code7, "0712368", "full-width normalised");
    assert_eq!(saved.institution.prefecture, "34");
    assert_eq!(saved.institution.type_id, "dental");
    let resumed = app_with(*saved, Theme::unicode());
    assert_eq!(resumed.screen_code(), "画面 1-4");
    assert_eq!(
        render(&resumed, 80, 24).backend().to_string(),
        render(&app, 80, 24).backend().to_string()
    );
}

#[test]
fn keys_are_handled_as_a_person_expects() {
    let mut app = fresh();
    // Releases (Windows sends them) do nothing.
    let mut release = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    app.update(Msg::Key(release));
    assert_eq!(app.screen_code(), "画面 H");
    // Ctrl-C saves, then quits, from anywhere.
    let effects = app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(matches!(
        effects.as_slice(),
        [Effect::Save(_), Effect::Quit]
    ));
    assert!(app.should_quit());

    // In a text field q and ? are text, not commands.
    let mut app = fresh();
    through_precheck(&mut app);
    press(
        &mut app,
        &[
            KeyCode::Enter,
            KeyCode::Enter,
            KeyCode::Enter,
            KeyCode::Tab,
            KeyCode::Tab,
            KeyCode::Tab,
        ],
    );
    typed(&mut app, "q?");
    assert!(!app.should_quit());
    press(&mut app, &[KeyCode::Tab]);
    assert_eq!(app.progress.institution.name, "q?");

    // Paste arrives as characters.
    app.update(Msg::Paste("受付2".into()));
    press(&mut app, &[KeyCode::Tab]);
    assert_eq!(app.progress.institution.department, "受付2");
}

#[test]
fn cursor_sits_at_the_caret_of_the_focused_field() {
    let mut app = fresh();
    through_precheck(&mut app);
    press(
        &mut app,
        &[
            KeyCode::Enter,
            KeyCode::Enter,
            KeyCode::Enter,
            KeyCode::Tab,
            KeyCode::Tab,
        ],
    );
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let start = app.cursor(area).expect("cursor in the code field");
    typed(&mut app, "０７");
    let after = app.cursor(area).unwrap();
    assert_eq!(after.1, start.1);
    assert_eq!(after.0, start.0 + 4, "two full-width digits are four cells");
    press(&mut app, &[KeyCode::Left]);
    assert_eq!(app.cursor(area).unwrap().0, start.0 + 2);
    // No caret on screens without a text field.
    assert_eq!(fresh().cursor(area), None);
}

#[test]
fn copy_and_export_are_effects_and_their_results_are_shown() {
    let mut app = fresh();
    through_precheck(&mut app);
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
    fill_profile(&mut app);
    press(
        &mut app,
        &[KeyCode::Enter, KeyCode::Down, KeyCode::Down, KeyCode::Down],
    );
    let fx = press(&mut app, &[KeyCode::Char('c')]);
    assert!(
        matches!(&fx[..], [Effect::Copy { text, .. }] if text == "0712368"),
        "{fx:?}"
    );
    app.update(Msg::Copied(Err("no clipboard".into())));
    let screen = render(&app, 80, 24).backend().to_string();
    assert!(screen.contains("クリップボードが使えません"), "{screen}");
    let fx = press(&mut app, &[KeyCode::Char('e')]);
    let Effect::ExportSheet { text, html, .. } = &fx[0] else {
        panic!("{fx:?}")
    };
    for v in [
        "2:保険医療機関(歯科)",
        "0712368",
        "テスト歯科医院",
        "uketsuke@example.jp",
        "受付1号機",
    ] {
        assert!(text.contains(v) && html.contains(v), "{v}");
    }
    assert!(html.contains("size:A4"));
    // The sheet carries the portal's address as a QR code too.
    assert!(html.contains("<svg"), "QR in the sheet");
    // No browser (BAD-INPUT row 54): the OS's words as detail, the
    // address stays on the portal step's screen.
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 1-5");
    let fx = press(&mut app, &[KeyCode::Char('o')]);
    assert!(!fx.is_empty(), "o opens the portal: {fx:?}");
    app.update(Msg::BrowserOpened(Err("no such file".into())));
    let screen = render(&app, 120, 40).backend().to_string();
    assert!(
        screen.contains("ブラウザーを開けませんでした（no such file）"),
        "{screen}"
    );
    assert!(
        screen.contains("iryohokenjyoho.service-now.com"),
        "{screen}"
    );
}

mod chapter_two {
    use super::*;
    use oqscert::cert::backup::{BackupReport, Drive};
    use oqscert::cert::net::{CheckResult, Diagnosis};
    use oqscert::ops::backup::BackedUp;
    use oqscert::ops::verify::Verified;

    fn at_download() -> App {
        let mut p = Progress::new("default");
        p.institution.terminal_name = "受付1号機".into();
        p.chapters.precheck = ChapterState::Done;
        p.chapters.apply = ChapterState::Done;
        let mut app =
            app_with(p, Theme::unicode()).with_downloads(PathBuf::from("/home/uketsuke/Downloads"));
        let fx = press(&mut app, &[KeyCode::Enter]); // "next" is on part 2
        assert!(
            fx.iter()
                .any(|e| matches!(e, Effect::LoadSecrets(p) if p == "default"))
        );
        assert!(fx.iter().any(|e| matches!(e, Effect::WatchDownloads(_))));
        app
    }

    /// The downloaded file, opened and proven (what 2-7 waits for).
    pub(super) fn verified_ok() -> Msg {
        Msg::FileVerified(Box::new(Ok(Verified {
            info: common_cert(),
            kept: PathBuf::from("/data/profiles/default/certificate.p12"),
            sha256: "AB".repeat(32),
            problems: vec![],
            roots: vec![],
            older_than: None,
            at: NOW,
        })))
    }

    fn check(url: &str, d: Diagnosis) -> CheckResult {
        CheckResult {
            // The names `cert::net` gives its two sites.
            name: if url.contains("crl") {
                "crl"
            } else {
                "download"
            }
            .into(),
            url: url.into(),
            diagnosis: d,
            http_status: (d == Diagnosis::Reachable).then_some(200),
            elapsed_ms: 42,
            proxy: None,
            auto_proxy: None,
            detail: "detail text".into(),
            server_time: None,
        }
    }

    #[test]
    fn screens_and_flow() {
        let mut app = at_download();
        assert_eq!(app.screen_code(), "画面 2-1");
        snap!("download_intro", app);
        press(&mut app, &[KeyCode::Enter]);
        // Which PC, which Windows user: asked before any download.
        assert_eq!(app.screen_code(), "画面 2-2");
        snap!("download_where", app);
        press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 2-3");
        typed(&mut app, "ＲＥＱ１２３４５");
        press(&mut app, &[KeyCode::Tab]);
        typed(&mut app, "REF-9876");
        snap!("download_ids", app);
        press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 2-4");
        typed(&mut app, "２４６８");
        press(&mut app, &[KeyCode::Tab]);
        typed(&mut app, "2467");
        snap!("download_password_mismatch", app);
        // Enter with a mismatch saves nothing, empties the second entry
        // and puts the caret there; one message says which to retype.
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(fx.iter().all(|e| !matches!(e, Effect::SaveSecrets(..))));
        snap!("download_password_retype", app);
        let screen = render(&app, 80, 24).backend().to_string();
        assert_eq!(screen.matches("空にしました").count(), 1, "{screen}");
        assert!(!screen.contains("2回の入力が違います"), "{screen}");
        typed(&mut app, "2468");
        let fx = press(&mut app, &[KeyCode::Enter]);
        let Some(Effect::SaveSecrets(profile, s)) =
            fx.iter().find(|e| matches!(e, Effect::SaveSecrets(..)))
        else {
            panic!("{fx:?}")
        };
        assert_eq!(profile, "default");
        assert_eq!(s.ids.request_id(), "REQ12345");
        assert_eq!(s.password.expose(), "2468");
        // The progress that would be saved holds none of it.
        let saved = toml::to_string(&app.progress).unwrap();
        for secret in ["REQ12345", "REF-9876", "2468"] {
            assert!(!saved.contains(secret));
        }
        // No credential store: the write-down screen, recorded without content.
        app.update(Msg::SecretsSaved(Err(no_store())));
        assert_eq!(app.screen_code(), "画面 2-5");
        assert!(app.progress.password_sheet_shown);
        snap!("download_nostore", app);
        // The password is masked at the counter; F2 shows it for ten
        // seconds and asks to be woken then, when it is masked again.
        let masked = render(&app, 80, 24).backend().to_string();
        assert!(
            !masked.contains("2468") && masked.contains("****"),
            "{masked}"
        );
        let fx = press(&mut app, &[KeyCode::F(2)]);
        assert!(
            matches!(&fx[..], [Effect::WakeAfter(d)] if d.as_secs() == 10),
            "{fx:?}"
        );
        assert!(render(&app, 80, 24).backend().to_string().contains("2468"));
        let later = app.now() + time::Duration::seconds(11);
        app.set_now(later);
        app.update(Msg::Wake);
        assert!(!render(&app, 80, 24).backend().to_string().contains("2468"));
        // The optional printable sheet: boxes to fill in, no secret in it.
        let fx = press(&mut app, &[KeyCode::F(8)]);
        let Some(Effect::ExportSheet {
            stem, text, html, ..
        }) = fx.first()
        else {
            panic!("{fx:?}")
        };
        assert_eq!(stem, "password-sheet");
        for doc in [text, html] {
            assert!(doc.contains("リファレンスID") && doc.contains("受付1号機"));
            for secret in ["REQ12345", "REF-9876", "2468"] {
                assert!(!doc.contains(secret), "{secret} in the sheet");
            }
        }
        assert!(html.contains("@page{size:A4"));
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(fx.iter().any(|e| matches!(e, Effect::NetCheck)));
        assert_eq!(app.screen_code(), "画面 2-6");
        app.update(Msg::NetChecked(vec![
            check(
                "https://cert.obn.managedpki.ne.jp/p/rcd",
                Diagnosis::Reachable,
            ),
            check(
                "https://crldownload.obn.managedpki.ne.jp/",
                Diagnosis::DnsFailed,
            ),
        ]));
        snap!("download_net", app);
        // The certificate site not reached: what to try, in order, in
        // plain words; the vendor's detail one key away and labelled; and
        // when the file comes anyway, 2-8 says the connection is fine.
        let mut ng = app.clone();
        ng.update(Msg::NetChecked(vec![
            check(
                "https://cert.obn.managedpki.ne.jp/p/rcd",
                Diagnosis::DnsFailed,
            ),
            check(
                "https://crldownload.obn.managedpki.ne.jp/",
                Diagnosis::DnsFailed,
            ),
        ]));
        snap!("download_net_ng", ng);
        let text = screen_rows(&ng, 80, 24).join("\n");
        for step in [
            "1. このパソコンが",
            "2. LANケーブル",
            "5. それでも",
            "6. 困ったときは",
        ] {
            assert!(text.contains(step), "{step}: {text}");
        }
        for jargon in ["https://", " ms", "プロキシ", "detail text"] {
            assert!(!text.contains(jargon), "{jargon}: {text}");
        }
        press(&mut ng, &[KeyCode::F(3)]);
        let text = screen_rows(&ng, 120, 40).join("\n");
        assert!(text.contains("詳細（担当のベンダー向け）"), "{text}");
        assert!(
            text.contains("https://cert.obn.managedpki.ne.jp/p/rcd (42 ms)"),
            "{text}"
        );
        press(&mut ng, &[KeyCode::F(3), KeyCode::Enter]);
        assert_eq!(ng.screen_code(), "画面 2-7");
        ng.update(verified_ok());
        assert_eq!(ng.screen_code(), "画面 2-8");
        let text = screen_rows(&ng, 80, 24).concat();
        assert!(text.contains("接続は問題ありません"), "{text}");
        // The certificate site's clock two hours ahead of this PC's: said
        // before the download, with how to set the time.
        let mut late = app.clone();
        let mut dated = check(
            "https://cert.obn.managedpki.ne.jp/p/rcd",
            Diagnosis::Reachable,
        );
        dated.server_time = Some(late.now() + time::Duration::hours(2));
        late.update(Msg::NetChecked(vec![dated.clone()]));
        let screen = format!("{:?}", render(&late, 80, 24).backend());
        assert!(screen.contains("120 分遅れています"), "{screen}");
        assert!(screen.contains("今すぐ同期"), "{screen}");
        snap!("download_net_clock", late);
        // Within five minutes: nothing said.
        dated.server_time = Some(late.now() + time::Duration::minutes(4));
        late.update(Msg::NetChecked(vec![dated]));
        let screen = format!("{:?}", render(&late, 80, 24).backend());
        assert!(!screen.contains("時計"), "{screen}");
        press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 2-7");
        app.update(Msg::Downloads(vec![
            PathBuf::from("/home/uketsuke/Downloads/new.p12"),
            PathBuf::from("/home/uketsuke/Downloads/old.pfx"),
        ]));
        snap!("download_fetch", app);
        // F4 could not open the browser: the way by hand, here.
        let mut no_edge = app.clone();
        no_edge.update(Msg::BrowserOpened(Err("no display".into())));
        let text = screen_rows(&no_edge, 80, 24).concat();
        assert!(
            text.contains("Microsoft Edge を開き、アドレスバーに"),
            "{text}"
        );
        // More files than the four rows: the list scrolls with the
        // selection, which is never off screen.
        let mut many = app.clone();
        many.update(Msg::Downloads(
            (0..6)
                .map(|i| PathBuf::from(format!("/home/uketsuke/Downloads/f{i}.p12")))
                .collect(),
        ));
        press(&mut many, &[KeyCode::Down; 5]);
        let screen = format!("{:?}", render(&many, 80, 24).backend());
        assert!(
            screen.contains("> /home/uketsuke/Downloads/f5.p12"),
            "{screen}"
        );
        assert!(!screen.contains("f0.p12"), "{screen}");
        let fx = press(&mut many, &[KeyCode::Enter]);
        assert!(
            matches!(&fx[..], [Effect::VerifyAndKeep { path, .. }] if path.ends_with("f5.p12")),
            "{fx:?}"
        );
        // Quitting while the file is opened: the open is told to stop
        // (before its next key derivation, writing nothing); its result
        // ends the wait and the wizard leaves.
        let ctrl_c = Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(many.update(ctrl_c), [Effect::CancelWork]);
        let fx = many.update(Msg::FileVerified(Box::new(Err(
            oqscert::cert::Error::Cancelled.into(),
        ))));
        assert!(matches!(fx.last(), Some(Effect::Quit)), "{fx:?}");
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(
            matches!(&fx[..], [Effect::VerifyAndKeep { path, .. }] if path.ends_with("new.p12")),
            "{fx:?}"
        );
        // Wrong password: back to the password, saying the file is fine.
        app.update(Msg::FileVerified(Box::new(Err(
            oqscert::cert::Error::WrongPassword.into(),
        ))));
        assert_eq!(app.screen_code(), "画面 2-4");
        // Both entries are still there: one Enter saves them again.
        press(&mut app, &[KeyCode::Enter]);
        app.update(Msg::SecretsSaved(Ok(
            oqscert::cert::secret::Backend::OsStore,
        )));
        assert_eq!(app.screen_code(), "画面 2-6");
        press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 2-7");
        app.update(verified_ok());
        assert_eq!(app.screen_code(), "画面 2-8");
        snap!("download_verified", app);
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(fx.iter().any(|e| matches!(e, Effect::ListDrives)));
        let fx = app.update(Msg::Drives(vec![Drive {
            path: PathBuf::from("/media/uketsuke/USB1"),
            label: "USB1".into(),
            free_bytes: Some(8_000_000_000),
            runs_here: false,
        }]));
        // On the backup screen the list refreshes by itself.
        assert!(matches!(&fx[..], [Effect::ListDrivesAfter(_)]), "{fx:?}");
        snap!("download_backup", app);
        // F5 looks again and says what it found; the list's own refresh
        // every two seconds says nothing.
        let usb1 = || Drive {
            path: PathBuf::from("/media/uketsuke/USB1"),
            label: "USB1".into(),
            free_bytes: Some(8_000_000_000),
            runs_here: false,
        };
        let fx = press(&mut app, &[KeyCode::F(5)]);
        assert!(matches!(&fx[..], [Effect::ListDrives]), "{fx:?}");
        app.update(Msg::Drives(vec![]));
        let screen = render(&app, 80, 24).backend().to_string();
        assert!(screen.contains("見つかりません"), "{screen}");
        press(&mut app, &[KeyCode::F(5)]);
        app.update(Msg::Drives(vec![usb1()]));
        let screen = render(&app, 80, 24).backend().to_string();
        assert!(screen.contains("1個見つかりました"), "{screen}");
        app.update(Msg::Drives(vec![usb1()]));
        let again = render(&app, 80, 24).backend().to_string();
        assert_eq!(screen, again, "an automatic refresh adds no message");
        // F10 (finish) is offered only once a backup exists.
        let screen = render(&app, 80, 24).backend().to_string();
        assert!(!screen.contains("[F10]"), "{screen}");
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(
            matches!(&fx[..], [Effect::Backup { dir, name, .. }] if dir.ends_with("USB1") && name.ends_with(".p12")),
            "{fx:?}"
        );
        // A failed try, then one that works: the failure does not stay.
        app.update(Msg::BackedUp(Err(oqscert::cert::Error::EmptyFile.into())));
        let failure =
            oqscert::i18n::error_message(oqscert::i18n::Lang::Ja, &oqscert::cert::Error::EmptyFile);
        let first_words: String = failure.chars().filter(|c| *c != ' ').take(8).collect();
        let screen = render(&app, 120, 40).backend().to_string().replace(' ', "");
        assert!(
            screen.contains(&first_words),
            "{first_words} not in {screen}"
        );
        // And the help page's 「送る」 way, with the file's place.
        snap!("download_backup_failed", app);
        let text = screen_rows(&app, 120, 40).concat();
        assert!(text.contains("「送る」の手順"), "{text}");
        press(&mut app, &[KeyCode::Enter]);
        app.update(Msg::BackedUp(Ok(BackedUp {
            merged: None,
            report: BackupReport {
                path: PathBuf::from("/media/uketsuke/USB1/oqscert-20261125.p12"),
                sha256: "AB".repeat(32),
                already_present: false,
            },
            at: NOW,
        })));
        assert_eq!(app.progress.backups.len(), 1);
        let screen = render(&app, 120, 40).backend().to_string().replace(' ', "");
        assert!(!screen.contains(&first_words), "{screen}");
        assert!(screen.contains("[F10]"), "{screen}");
        // Enter on the stick just written finishes: no second copy.
        let mut again = app.clone();
        let fx = press(&mut again, &[KeyCode::Enter]);
        assert!(
            fx.iter().all(|e| !matches!(e, Effect::Backup { .. })),
            "{fx:?}"
        );
        assert_eq!(again.screen_code(), "画面 2-10");
        press(&mut app, &[KeyCode::F(10)]);
        assert_eq!(app.screen_code(), "画面 2-10");
        assert_eq!(app.progress.chapters.download, ChapterState::Done);
        snap!("download_done", app);
        // Esc walks back through every step to home.
        let mut seen = Vec::new();
        for _ in 0..9 {
            press(&mut app, &[KeyCode::Esc]);
            seen.push(app.screen_code());
        }
        assert_eq!(
            seen,
            [
                "画面 2-9",
                "画面 2-8",
                "画面 2-7",
                "画面 2-6",
                "画面 2-4",
                "画面 2-3",
                "画面 2-2",
                "画面 2-1",
                "画面 H"
            ]
        );
    }

    pub(super) fn common_cert() -> oqscert::cert::pfx::CertInfo {
        oqscert::cert::pfx::CertInfo {
            subject: "CN=テスト歯科医院 受付1号機, O=医療法人テスト会".into(),
            subject_cn: Some("テスト歯科医院 受付1号機".into()),
            subject_o: Some("医療法人テスト会".into()),
            issuer: "CN=テスト認証局 CA".into(),
            issuer_cn: Some("テスト認証局 CA".into()),
            serial: "01AB".into(),
            not_before: datetime!(2026-11-24 00:00 UTC),
            not_after: datetime!(2030-02-24 00:00 UTC),
            sha1_thumbprint: "8605A59B912958ACE0E17AAE7EFE0EE800A325F4".into(),
            sha256: "CD".repeat(32),
            client_auth: true,
            is_ca: false,
            self_signed: false,
            key_algorithm: "RSA 2048".into(),
        }
    }
}

#[test]
fn debug_of_the_whole_app_holds_no_secret() {
    let mut app = fresh();
    app.progress.chapters.precheck = ChapterState::Done;
    app.progress.chapters.apply = ChapterState::Done;
    let mut app = app_with(app.progress.clone(), Theme::unicode());
    // Home -> 2-1 -> 2-2 (which PC, which user) -> 2-3.
    press(
        &mut app,
        &[
            KeyCode::Enter,
            KeyCode::Enter,
            KeyCode::Enter,
            KeyCode::Enter,
        ],
    );
    typed(&mut app, "REQ12345");
    press(&mut app, &[KeyCode::Tab]);
    typed(&mut app, "REF67890");
    press(&mut app, &[KeyCode::Enter]);
    typed(&mut app, "2468");
    press(&mut app, &[KeyCode::Tab]);
    typed(&mut app, "2468");
    let effects = press(&mut app, &[KeyCode::Enter]);
    let dump = format!("{app:?} {effects:?}");
    for secret in ["REQ12345", "REF67890", "2468"] {
        assert!(!dump.contains(secret), "{secret} in Debug output");
    }
    assert!(effects.iter().any(|e| matches!(e, Effect::SaveSecrets(..))));
}

mod chapter_three {
    use super::*;
    use oqscert::cert::cleanup::{OldCert, OldReason, Removed};
    use oqscert::cert::health::assess;
    use oqscert::cert::pfx::{CertInfo, KeyMatch};
    use oqscert::cert::progress::{BackupRecord, CertificateRecord};
    use oqscert::cert::store::{
        ExportReport, InstallReport, Placement, StoreKind, StoreName, StoredCert, Verification,
    };
    use oqscert::ops::cleanup::CleanedUp;
    use oqscert::ops::install::Installed;
    use oqscert::wizard::install::Machine;

    const THUMB: &str = "8605A59B912958ACE0E17AAE7EFE0EE800A325F4";

    fn info(cn: &str, thumb: &str, not_after: time::OffsetDateTime) -> CertInfo {
        CertInfo {
            subject: format!("CN={cn}, O=医療法人テスト会"),
            subject_cn: Some(cn.into()),
            subject_o: Some("医療法人テスト会".into()),
            issuer: "CN=テスト認証局 CA".into(),
            issuer_cn: Some("テスト認証局 CA".into()),
            serial: "01AB".into(),
            not_before: not_after - time::Duration::days(1186),
            not_after,
            sha1_thumbprint: thumb.into(),
            sha256: "CD".repeat(32),
            client_auth: true,
            is_ca: false,
            self_signed: false,
            key_algorithm: "RSA 2048".into(),
        }
    }

    pub(super) fn downloaded() -> Progress {
        let mut p = Progress::new("default");
        p.institution.terminal_name = "受付1号機".into();
        p.institution.name = "テスト歯科医院".into();
        p.chapters.precheck = ChapterState::Done;
        p.chapters.apply = ChapterState::Done;
        p.chapters.download = ChapterState::Done;
        p.certificate = Some(CertificateRecord {
            path: "/data/profiles/default/certificate.p12".into(),
            sha256: "AB".repeat(32),
            sha1_thumbprint: THUMB.into(),
            subject: "CN=テスト歯科医院 受付1号機, O=医療法人テスト会".into(),
            not_after: datetime!(2030-02-24 00:00 UTC),
            verified_at: NOW,
            issuer: "CN=テスト認証局 CA".into(),
            serial: "01AB".into(),
            not_before: Some(datetime!(2026-11-24 00:00 UTC)),
            roots: vec![oqscert::cert::progress::RootRecord {
                name: "テスト認証局 CA".into(),
                sha1_grouped: "AAAAAAAA AAAAAAAA AAAAAAAA AAAAAAAA AAAAAAAA".into(),
            }],
        });
        p.backups.push(BackupRecord {
            path: "/media/uketsuke/USB1/oqscert-20261125.p12".into(),
            sha256: "AB".repeat(32),
            at: NOW,
        });
        p
    }

    fn machine(user: &str) -> Machine {
        Machine {
            current_user: user.into(),
            store_kind: StoreKind::WindowsCurrentUser,
            computer_name: "UKETSUKE-PC".into(),
            records: String::new(),
            records_at: oqscert::wizard::install::RecordsAt::Travelling,
            console: Default::default(),
        }
    }

    pub(super) fn at_install(user: &str, theme: Theme) -> App {
        let mut app = app_with(downloaded(), theme).with_machine(machine(user));
        let fx = press(&mut app, &[KeyCode::Enter]); // "next" is on part 3
        assert!(
            fx.iter()
                .any(|e| matches!(e, Effect::LoadSecrets(p) if p == "default")),
            "{fx:?}"
        );
        assert_eq!(app.screen_code(), "画面 3-1");
        app
    }

    fn verification(chain: bool) -> Verification {
        Verification {
            in_my: true,
            has_private_key: true,
            key_signs: KeyMatch::Matches,
            chain_complete: chain,
            missing_issuer: (!chain).then(|| "CN=テスト中間認証局 CA2".to_string()),
            valid_now: true,
        }
    }

    pub(super) fn installed(chain: bool) -> Msg {
        Msg::Installed(Box::new(Ok(Installed {
            report: install_report(chain),
            store: StoreKind::WindowsCurrentUser,
            user: "OQSComApp".into(),
            at: NOW,
            file: PathBuf::from("/data/profiles/default/certificate.p12"),
            sha256: "AB".repeat(32),
        })))
    }

    fn install_report(chain: bool) -> InstallReport {
        InstallReport {
            leaf: info(
                "テスト歯科医院 受付1号機",
                THUMB,
                datetime!(2030-02-24 00:00 UTC),
            ),
            placements: vec![
                Placement {
                    sha1_thumbprint: THUMB.into(),
                    subject: "CN=テスト歯科医院 受付1号機".into(),
                    store: StoreName::My,
                    added: true,
                },
                Placement {
                    sha1_thumbprint: "AA".repeat(20),
                    subject: "CN=テスト認証局 CA".into(),
                    store: StoreName::Root,
                    added: false,
                },
            ],
            already_installed: false,
            root_added: false,
            ignored: vec![],
            rejected: vec![],
            verification: verification(chain),
        }
    }

    /// The password as typed twice (a proof the screens show).
    pub(super) fn proven(pw: &str) -> oqscert::cert::cleanup::ProvenPassword {
        let pw = oqscert::cert::Password::new(pw);
        oqscert::cert::cleanup::ProvenPassword::typed_twice(&pw, &pw).unwrap()
    }

    pub(super) fn old_certs() -> Vec<OldCert> {
        let c = |thumb: &str, end, reason| OldCert {
            cert: StoredCert {
                info: info("テスト歯科医院 受付1号機", thumb, end),
                store: StoreName::My,
                has_private_key: true,
                key_exportable: true,
            },
            reason,
        };
        vec![
            c(
                "0A0B0C0D0E0F101112131415161718191A1B1C1D",
                datetime!(2026-08-31 00:00 UTC),
                OldReason::Expired,
            ),
            c(
                "5F5E5D5C5B5A595857565554535251504F4E4D4C",
                datetime!(2027-01-31 00:00 UTC),
                OldReason::Superseded,
            ),
        ]
    }

    /// 画面 3-7 with the old certificates listed, the password typed on
    /// 3-4 earlier; Enter there asks for the password to be proven.
    fn at_cleanup_asking_proof() -> App {
        let mut app = at_install("OQSComApp", Theme::unicode());
        press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
        typed(&mut app, "2468");
        press(&mut app, &[KeyCode::Enter]);
        app.update(installed(true));
        press(&mut app, &[KeyCode::Enter, KeyCode::Char('n')]);
        app.update(Msg::OldFound(Ok(old_certs())));
        assert_eq!(app.screen_code(), "画面 3-7");
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(fx.iter().any(|e| matches!(e, Effect::ProvePassword { .. })));
        assert!(fx.iter().all(|e| !matches!(e, Effect::Cleanup { .. })));
        app
    }

    /// No file to prove the password with: two fields, and two entries
    /// that differ delete nothing; the same four digits twice go on.
    #[test]
    fn with_no_file_to_prove_it_the_password_is_typed_twice() {
        let mut app = at_cleanup_asking_proof();
        app.update(Msg::PasswordProven(Err(oqscert::ops::Failure::from(
            oqscert::cert::Error::NoFileToProve,
        ))));
        assert_eq!(app.screen_code(), "画面 3-4");
        let rows = screen_rows(&app, 80, 24).join("\n");
        assert!(rows.contains("2回入力してください"), "{rows}");
        typed(&mut app, "1234");
        press(&mut app, &[KeyCode::Enter]);
        typed(&mut app, "1243");
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(
            fx.iter().all(|e| !matches!(e, Effect::Cleanup { .. })),
            "{fx:?}"
        );
        assert_eq!(app.screen_code(), "画面 3-4");
        let rows = screen_rows(&app, 80, 24).join("\n");
        assert!(rows.contains("何も削除していません"), "{rows}");
        for _ in 0..4 {
            press(&mut app, &[KeyCode::Backspace]);
        }
        typed(&mut app, "1234");
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(fx.iter().all(|e| !matches!(e, Effect::Cleanup { .. })));
        // The confirmation comes first, then the clean-up with that password.
        let fx = press(&mut app, &[KeyCode::Char('y')]);
        let Some(Effect::Cleanup { password, .. }) =
            fx.iter().find(|e| matches!(e, Effect::Cleanup { .. }))
        else {
            panic!("{fx:?}")
        };
        assert_eq!(password.password().expose(), "1234");
    }

    /// A password the kept file refuses sends her back to 3-4 with the
    /// reason, and deletes nothing; what she types next is proven again.
    #[test]
    fn a_password_the_kept_file_refuses_deletes_nothing() {
        let mut app = at_cleanup_asking_proof();
        app.update(Msg::PasswordProven(Err(oqscert::ops::Failure::from(
            oqscert::cert::Error::PasswordNotProven {
                path: PathBuf::from("/data/profiles/default/certificate.p12"),
            },
        ))));
        assert_eq!(app.screen_code(), "画面 3-4");
        let rows: String = screen_rows(&app, 80, 24).iter().map(|r| r.trim()).collect();
        assert!(rows.contains("何も削除しません"), "{rows}");
        typed(&mut app, "1234");
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(
            fx.iter().all(|e| !matches!(e, Effect::Cleanup { .. })),
            "{fx:?}"
        );
        assert!(
            fx.iter().any(|e| matches!(e, Effect::ProvePassword { password, .. } if password.expose() == "1234")),
            "{fx:?}"
        );
    }

    /// 2-9 opened again on a new start with no vault: the password is not at
    /// hand, so Enter asks for it on 2-4, and says why (not a silent jump).
    #[test]
    fn a_backup_without_the_password_at_hand_says_why_it_asks() {
        use oqscert::cert::position::{DownloadStep, Position};
        let mut p = downloaded();
        p.chapters.download = ChapterState::InProgress;
        p.backups.clear();
        p.position = Position::Download(DownloadStep::Backup);
        let mut app = app_with(p, Theme::unicode());
        assert_eq!(app.screen_code(), "画面 2-9");
        typed(&mut app, "/media/uketsuke/USB1");
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(
            fx.iter().all(|e| !matches!(e, Effect::Backup { .. })),
            "{fx:?}"
        );
        assert_eq!(app.screen_code(), "画面 2-4");
        let rows: String = screen_rows(&app, 80, 24).iter().map(|r| r.trim()).collect();
        assert!(rows.contains("もう一度入力してください"), "{rows}");
    }

    /// A certificate the install left out (it bears the issuer's name
    /// without its signature) is named on 3-5, in words.
    #[test]
    fn a_left_out_certificate_is_named_on_the_checks() {
        let mut app = at_install("OQSComApp", Theme::unicode());
        press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 3-4");
        typed(&mut app, "2468");
        press(&mut app, &[KeyCode::Enter]);
        let mut report = install_report(true);
        report.rejected = vec![info("テスト認証局 CA", &"EE".repeat(20), NOW)];
        app.update(Msg::Installed(Box::new(Ok(Installed {
            report,
            store: StoreKind::WindowsCurrentUser,
            user: "OQSComApp".into(),
            at: NOW,
            file: PathBuf::from("/data/profiles/default/certificate.p12"),
            sha256: "AB".repeat(32),
        }))));
        assert_eq!(app.screen_code(), "画面 3-5");
        let rows = screen_rows(&app, 80, 24).join("\n");
        assert!(rows.contains("インストールしませんでした"), "{rows}");
        assert!(rows.contains("テスト認証局 CA"), "{rows}");
    }

    /// A name the clinic typed is its own: 3-1 does not call it "a common
    /// name (a guide)" when it warns.
    #[test]
    fn a_typed_oqs_user_is_not_called_an_example() {
        let mut p = downloaded();
        p.institution.oqs_account = "OQSClinic2".into();
        let mut app = app_with(p, Theme::unicode()).with_machine(machine("uketsuke"));
        press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 3-1");
        let rows: String = screen_rows(&app, 80, 24).iter().map(|r| r.trim()).collect();
        assert!(rows.contains("「OQSClinic2」で動くため"), "{rows}");
        assert!(
            !rows.contains("よくある名前") && !rows.contains("目安"),
            "{rows}"
        );
    }

    #[test]
    fn owner_screen_warns_for_another_user() {
        let app = at_install("uketsuke", Theme::unicode());
        snap!("install_owner_wrong_user", app);
        // conhost (no Windows Terminal): the ASCII border set.
        let app = at_install("uketsuke", Theme::ascii());
        let t = render(&app, 80, 24);
        insta::assert_snapshot!("install_owner_wrong_user_ascii_80x24", t.backend());
        let mut app = at_install("oqscomapp", Theme::unicode());
        snap!("install_owner_ok", app);
        // The OQS account is set per profile (F6).
        press(&mut app, &[KeyCode::F(6)]);
        for _ in 0.."OQSComApp".len() {
            press(&mut app, &[KeyCode::Backspace]);
        }
        typed(&mut app, "OQSClinic2");
        assert!(
            app.cursor(ratatui::layout::Rect::new(0, 0, 80, 24))
                .is_some()
        );
        let t = render(&app, 80, 24);
        insta::assert_snapshot!("install_owner_edit_account_80x24", t.backend());
        insta::assert_snapshot!(
            "install_owner_edit_account_120x40",
            render(&app, 120, 40).backend()
        );
        // 'q' is typed, not "quit", while editing.
        press(&mut app, &[KeyCode::Char('q'), KeyCode::Backspace]);
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(fx.iter().any(|e| matches!(e, Effect::Save(_))));
        assert_eq!(app.progress.institution.oqs_account, "OQSClinic2");
        assert_eq!(app.screen_code(), "画面 3-1");
        let t = render(&app, 80, 24);
        let screen = format!("{:?}", t.backend());
        assert!(screen.contains("OQSClinic2"), "{screen}");
    }

    #[test]
    fn install_checks_cleanup_report() {
        let mut app = at_install("OQSComApp", Theme::unicode());
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 3-3");
        // The clock is checked before the install.
        assert!(fx.iter().any(|e| matches!(e, Effect::NetCheck)), "{fx:?}");
        snap!("install_options", app);
        let mut ahead = app.clone();
        ahead.update(Msg::NetChecked(vec![oqscert::cert::net::CheckResult {
            name: "download".into(),
            url: "https://cert.obn.managedpki.ne.jp/p/rcd".into(),
            diagnosis: oqscert::cert::net::Diagnosis::Reachable,
            http_status: Some(200),
            elapsed_ms: 40,
            proxy: None,
            auto_proxy: None,
            detail: String::new(),
            server_time: Some(ahead.now() - time::Duration::minutes(30)),
        }]));
        let screen = format!("{:?}", render(&ahead, 120, 40).backend());
        assert!(screen.contains("30 分進んでいます"), "{screen}");
        assert!(screen.contains("今すぐ同期"), "{screen}");
        // No password in the credential store: ask for it.
        press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 3-4");
        typed(&mut app, "24a");
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(fx.iter().all(|e| !matches!(e, Effect::Install { .. })));
        snap!("install_password_rule", app);
        press(
            &mut app,
            &[KeyCode::Backspace, KeyCode::Backspace, KeyCode::Backspace],
        );
        typed(&mut app, "２４６８");
        let cursor = app.cursor(ratatui::layout::Rect::new(0, 0, 80, 24));
        assert!(cursor.is_some(), "the real cursor sits in the field");
        let fx = press(&mut app, &[KeyCode::Enter]);
        let Some(Effect::Install { pfx, password, .. }) =
            fx.iter().find(|e| matches!(e, Effect::Install { .. }))
        else {
            panic!("{fx:?}")
        };
        assert!(pfx.ends_with("certificate.p12"));
        assert_eq!(password.expose(), "2468");
        assert!(!format!("{app:?} {fx:?}").contains("2468"));
        // Wrong password: asked again, with the reason.
        app.update(Msg::Installed(Box::new(Err(
            oqscert::cert::Error::WrongPassword.into(),
        ))));
        assert_eq!(app.screen_code(), "画面 3-4");
        typed(&mut app, "2468");
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(fx.iter().any(|e| matches!(e, Effect::Install { .. })));
        // The store refuses: besides "restart, call the vendor", the help
        // page's manual steps (F1) and where the file is; Enter tries (and
        // checks) again.
        let mut refused = app.clone();
        refused.update(Msg::Installed(Box::new(Err(oqscert::cert::Error::Store(
            "access denied".into(),
        )
        .into()))));
        snap!("install_failed_manual", refused);
        let text = screen_rows(&refused, 120, 40).concat();
        assert!(text.contains("3章の手順で、手作業でも"), "{text}");
        assert!(text.contains("certificate.p12"), "{text}");
        // The system's words are the vendor's: behind F3.
        assert!(!text.contains("access denied"), "{text}");
        let mut detail = refused.clone();
        press(&mut detail, &[KeyCode::F(3)]);
        let text = screen_rows(&detail, 80, 24).concat();
        assert!(text.contains("access denied"), "{text}");
        let fx = press(&mut refused, &[KeyCode::Enter]);
        assert!(
            fx.iter().any(|e| matches!(e, Effect::Install { .. })),
            "{fx:?}"
        );

        // A failed check: named, with what to do; Enter does not go on.
        app.update(installed(false));
        assert_eq!(app.screen_code(), "画面 3-5");
        assert_eq!(app.progress.chapters.install, ChapterState::NeedsAttention);
        snap!("install_checks_ng", app);
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(fx.iter().all(|e| !matches!(e, Effect::FindOld { .. })));
        // F5 checks again (install is idempotent: it verifies).
        let fx = press(&mut app, &[KeyCode::F(5)]);
        assert!(fx.iter().any(|e| matches!(e, Effect::Install { .. })));
        app.update(installed(true));
        let rec = app.progress.install.clone().unwrap();
        assert_eq!(rec.sha1_thumbprint, THUMB);
        assert_eq!(rec.user, "OQSComApp");
        assert!(rec.verification.unwrap().all_ok());
        snap!("install_checks_ok", app);

        // The help page's order: the connection is checked first (3-6),
        // before any old certificate is touched.
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(fx.iter().all(|e| !matches!(e, Effect::FindOld { .. })));
        assert_eq!(app.screen_code(), "画面 3-6");
        snap!("install_connect", app);
        // It does not connect: the old certificates are looked for.
        let fx = press(&mut app, &[KeyCode::Char('n')]);
        assert!(
            fx.iter()
                .any(|e| matches!(e, Effect::FindOld { progress, .. }
                if progress.install.as_ref().is_some_and(|i| i.sha1_thumbprint == THUMB))),
            "{fx:?}"
        );
        assert_eq!(app.screen_code(), "画面 3-7");
        app.update(Msg::OldFound(Ok(old_certs())));
        // The expired one is picked; the replaced one, still valid, is
        // listed apart and kept unless picked on its own line.
        snap!("install_cleanup_list", app);
        // Picked on its own line: Down to it, Space.
        press(&mut app, &[KeyCode::Down, KeyCode::Char(' ')]);
        // The password is proven before anything is removed.
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(fx.iter().all(|e| !matches!(e, Effect::Cleanup { .. })));
        assert!(
            fx.iter().any(|e| matches!(e, Effect::ProvePassword { password, .. } if password.expose() == "2468")),
            "{fx:?}"
        );
        app.update(Msg::PasswordProven(Ok(proven("2468"))));
        let t = render(&app, 80, 24);
        insta::assert_snapshot!("install_cleanup_confirm_80x24", t.backend());
        insta::assert_snapshot!(
            "install_cleanup_confirm_120x40",
            render(&app, 120, 40).backend()
        );
        let fx = press(&mut app, &[KeyCode::Char('y')]);
        let Some(Effect::Cleanup {
            old, profile, now, ..
        }) = fx.iter().find(|e| matches!(e, Effect::Cleanup { .. }))
        else {
            panic!("{fx:?}")
        };
        assert_eq!(old.len(), 2);
        assert_eq!(profile, "default");
        assert_eq!(*now, NOW, "the app's clock");
        let quarantine = PathBuf::from("/data/profiles/default/old-certificates/20261125-100000");
        app.update(Msg::CleanupStep(1, 2));
        let t = render(&app, 80, 24);
        insta::assert_snapshot!("install_cleanup_progress_80x24", t.backend());
        insta::assert_snapshot!(
            "install_cleanup_progress_120x40",
            render(&app, 120, 40).backend()
        );
        let removed: Vec<Removed> = old_certs()
            .into_iter()
            .map(|o| Removed {
                sha1_thumbprint: o.cert.info.sha1_thumbprint.clone(),
                subject: o.cert.info.subject.clone(),
                not_after: o.cert.info.not_after,
                reason: o.reason,
                export: ExportReport {
                    certificate: quarantine.join(format!("{}.cer", o.cert.info.sha1_thumbprint)),
                    pkcs12: Some(quarantine.join(format!("{}.pfx", o.cert.info.sha1_thumbprint))),
                },
                removed_from: vec![StoreName::My],
            })
            .collect();
        let fx = app.update(Msg::CleanedUp(Box::new(CleanedUp {
            quarantine: quarantine.clone(),
            removed,
            kept: vec![],
            failed: None,
            failed_export: None,
            at: NOW,
        })));
        assert!(fx.iter().any(|e| matches!(e, Effect::Save(_))));
        assert_eq!(app.progress.removed.len(), 2);
        assert_eq!(app.progress.removed[0].reason, OldReason::Expired);
        snap!("install_cleanup_done", app);

        // Done: the report is written and can be opened.
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(
            fx.iter()
                .any(|e| matches!(e, Effect::WriteReport { dir, .. } if dir.ends_with("default"))),
            "{fx:?}"
        );
        assert_eq!(app.screen_code(), "画面 3-8");
        assert_eq!(app.progress.chapters.install, ChapterState::Done);
        app.update(Msg::ReportWritten(Ok(vec![
            PathBuf::from("/data/profiles/default/report.html"),
            PathBuf::from("/data/profiles/default/report.txt"),
        ])));
        snap!("install_done", app);
        let fx = press(&mut app, &[KeyCode::F(4)]);
        assert!(
            matches!(&fx[..], [Effect::OpenBrowser(u)] if u.ends_with("report.html")),
            "{fx:?}"
        );
        // How the report reaches the vendor; and when it cannot be opened,
        // where the file is (not "type the address").
        let text = screen_rows(&app, 120, 40).concat();
        assert!(text.contains("担当のベンダーに渡す"), "{text}");
        app.update(Msg::BrowserOpened(Err("no display".into())));
        let rows = screen_rows(&app, 120, 40);
        let status = rows[rows.len() - 3..rows.len() - 1].concat();
        assert!(
            status.contains("報告書を開けませんでした")
                && status.contains("/data/profiles/default/report.html")
                && !status.contains("アドレスを見て"),
            "{rows:#?}"
        );
        // Esc walks back to home.
        let mut seen = Vec::new();
        for _ in 0..4 {
            press(&mut app, &[KeyCode::Esc]);
            seen.push(app.screen_code());
        }
        assert_eq!(seen, ["画面 3-7", "画面 3-6", "画面 3-5", "画面 3-3"]);
        press(&mut app, &[KeyCode::Esc]);
        assert_eq!(app.screen_code(), "画面 3-1");
        press(&mut app, &[KeyCode::Esc]);
        assert_eq!(app.screen_code(), "画面 H");
    }

    #[test]
    fn password_from_the_credential_store_is_used_and_cleanup_can_be_skipped() {
        let mut app = at_install("OQSComApp", Theme::unicode());
        app.update(Msg::SecretsLoaded(Ok(Some(
            oqscert::cert::secret::Secrets {
                ids: oqscert::cert::secret::NoticeIds::new("REQ1", "REF1").unwrap(),
                password: oqscert::cert::Password::new("1357"),
            },
        ))));
        let fx = press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
        assert!(
            fx.iter().any(
                |e| matches!(e, Effect::Install { password, .. } if password.expose() == "1357")
            )
        );
        let t = render(&app, 80, 24);
        insta::assert_snapshot!("install_installing_80x24", t.backend());
        insta::assert_snapshot!("install_installing_120x40", render(&app, 120, 40).backend());
        app.update(installed(true));
        press(&mut app, &[KeyCode::Enter, KeyCode::Char('y')]);
        app.update(Msg::OldFound(Ok(Vec::new())));
        snap!("install_cleanup_none", app);
        press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 3-8");
        // Resume: a restart lands on the same step.
        let mut again = app_with(app.progress.clone(), Theme::unicode()).with_machine(machine("x"));
        assert_eq!(again.screen_code(), "画面 3-8");
        assert!(
            again
                .start()
                .iter()
                .any(|e| matches!(e, Effect::WriteReport { .. }))
        );
    }

    #[test]
    fn english_chapter_three() {
        let mut app = App::new(
            Lang::En,
            Theme::unicode(),
            downloaded(),
            PathBuf::from("/data/profiles/default"),
            NOW,
        )
        .with_machine(machine("uketsuke"));
        press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "Screen 3-1");
        let t = render(&app, 80, 24);
        insta::assert_snapshot!("install_owner_en_80x24", t.backend());
        press(&mut app, &[KeyCode::Enter]);
        let t = render(&app, 80, 24);
        insta::assert_snapshot!("install_options_en_80x24", t.backend());
    }

    #[test]
    fn no_certificate_yet_says_where_to_go() {
        let mut p = downloaded();
        p.certificate = None;
        p.chapters.download = ChapterState::InProgress;
        let mut app = app_with(p, Theme::unicode()).with_machine(machine("OQSComApp"));
        press(&mut app, &[KeyCode::Down, KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 3-1");
        // No downloaded file recorded: the screen offers the backup on the
        // stick (画面 3-2), and Enter goes there.
        let t = render(&app, 80, 24);
        insta::assert_snapshot!("install_no_certificate_80x24", t.backend());
        insta::assert_snapshot!(
            "install_no_certificate_120x40",
            render(&app, 120, 40).backend()
        );
        let text = screen_rows(&app, 120, 40).concat();
        assert!(text.contains("USBメモリのバックアップがあれば"), "{text}");
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 3-2");
        assert!(
            fx.iter().any(|e| matches!(e, Effect::ListBackups)),
            "{fx:?}"
        );
    }

    #[test]
    fn health_view_and_home_alert() {
        let mut p = downloaded();
        p.chapters.install = ChapterState::Done;
        // 30 days before the end date.
        let now = datetime!(2030-01-25 03:00 UTC);
        let mut app = App::new(
            Lang::Ja,
            Theme::unicode(),
            p.clone(),
            PathBuf::from("/data/profiles/default"),
            now,
        );
        let t = render(&app, 80, 24);
        insta::assert_snapshot!("home_expiring_80x24", t.backend());
        insta::assert_snapshot!("home_expiring_120x40", render(&app, 120, 40).backend());
        // Renewal: where it is done and whom to call.
        let text = screen_rows(&app, 80, 24).concat();
        assert!(
            text.contains("更新の方法は") && text.contains("0800-080-4583"),
            "{text}"
        );
        let fx = press(&mut app, &[KeyCode::Down, KeyCode::Enter]);
        assert!(fx.iter().any(|e| matches!(e, Effect::CheckHealth { .. })));
        assert_eq!(app.screen_code(), "画面 H-2");
        let listed = vec![StoredCert {
            info: info(
                "テスト歯科医院 受付1号機",
                THUMB,
                datetime!(2030-02-24 00:00 UTC),
            ),
            store: StoreName::My,
            has_private_key: true,
            key_exportable: true,
        }];
        let h = assess(
            &p,
            Some(&listed),
            &[oqscert::cert::health::BackupState::NotConnected],
            now,
        );
        assert!(h.needs_attention);
        app.update(Msg::Health(Box::new(h)));
        snap!("health_view", app);
        // The thumbprint is the vendor's: one key away (F3), not on her
        // screen.
        let rows = screen_rows(&app, 80, 24).join("\n");
        assert!(!rows.contains(THUMB) && !rows.contains("拇印"), "{rows}");
        press(&mut app, &[KeyCode::F(3)]);
        let rows = screen_rows(&app, 80, 24).join("\n");
        assert!(rows.contains(THUMB), "{rows}");
        press(&mut app, &[KeyCode::F(3)]);
        press(&mut app, &[KeyCode::Esc]);
        assert_eq!(app.screen_code(), "画面 H");
    }
}

/// What the shape of the wizard guarantees (issue 10): results recorded
/// whatever screen shows, quitting never loses recorded work, one clock,
/// errors in the screen's language.
mod shape {
    use super::*;
    use oqscert::cert::backup::BackupReport;
    use oqscert::cert::cleanup::Removed;
    use oqscert::cert::store::{ExportReport, StoreName};
    use oqscert::ops::backup::BackedUp;
    use oqscert::ops::cleanup::CleanedUp;
    use oqscert::ops::verify::Verified;

    fn saved(fx: &[Effect]) -> Option<Progress> {
        fx.iter().find_map(|e| match e {
            Effect::Save(p) => Some(*p.clone()),
            _ => None,
        })
    }

    fn backed_up() -> Msg {
        Msg::BackedUp(Ok(BackedUp {
            merged: None,
            report: BackupReport {
                path: PathBuf::from("/media/USB1/0110113719-20261125.p12"),
                sha256: "AB".repeat(32),
                already_present: false,
            },
            at: NOW,
        }))
    }

    fn cleaned_up() -> Msg {
        let removed = super::chapter_three::old_certs()
            .into_iter()
            .map(|o| Removed {
                sha1_thumbprint: o.cert.info.sha1_thumbprint.clone(),
                subject: o.cert.info.subject.clone(),
                not_after: o.cert.info.not_after,
                reason: o.reason,
                export: ExportReport {
                    certificate: PathBuf::from("/q/x.cer"),
                    pkcs12: None,
                },
                removed_from: vec![StoreName::My],
            })
            .collect();
        Msg::CleanedUp(Box::new(CleanedUp {
            quarantine: PathBuf::from("/q"),
            removed,
            kept: vec![],
            failed: None,
            failed_export: None,
            at: NOW,
        }))
    }

    #[test]
    fn a_result_is_recorded_whichever_screen_shows() {
        // The person went back home while the file was being checked.
        let mut app = fresh();
        assert_eq!(app.screen_code(), "画面 H");
        let fx = app.update(super::chapter_two::verified_ok());
        let cert = app.progress.certificate.clone().expect("recorded");
        assert_eq!(cert.verified_at, NOW);
        assert_eq!(saved(&fx).and_then(|p| p.certificate), Some(cert));
        // A backup finishing while the health view shows.
        press(&mut app, &[KeyCode::Down; 4]);
        press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 H-2");
        let fx = app.update(backed_up());
        assert_eq!(app.progress.backups.len(), 1);
        assert_eq!(saved(&fx).map(|p| p.backups.len()), Some(1));
        // An install and a clean-up finishing on Chapter 1's screen.
        // Home highlights the next chapter (the pre-check): one down.
        press(&mut app, &[KeyCode::Esc, KeyCode::Down, KeyCode::Enter]);
        assert!(
            app.screen_code().starts_with("画面 1-"),
            "{}",
            app.screen_code()
        );
        let fx = app.update(super::chapter_three::installed(true));
        assert!(app.progress.install.is_some());
        assert!(saved(&fx).is_some_and(|p| p.install.is_some()));
        let fx = app.update(cleaned_up());
        assert_eq!(app.progress.removed.len(), 2);
        assert_eq!(saved(&fx).map(|p| p.removed.len()), Some(2));
        // A failed task records nothing.
        let before = app.progress.clone();
        let fx = app.update(Msg::BackedUp(Err(oqscert::cert::Error::EmptyFile.into())));
        assert_eq!(app.progress, before);
        assert!(saved(&fx).is_none());
    }

    /// q then y, Ctrl-C, and SIGTERM/SIGHUP or a closed console window
    /// (`Msg::Terminate`) while an install runs: the app waits, says so,
    /// and leaves only after the result is recorded and saved.
    #[test]
    fn quitting_waits_for_recorded_work() {
        let ctrl_c = Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        let ways: [Vec<Msg>; 3] = [
            vec![key(KeyCode::Char('q')), key(KeyCode::Char('y'))],
            vec![ctrl_c],
            vec![Msg::Terminate],
        ];
        for way in ways {
            let mut app = super::chapter_three::at_install("OQSComApp", Theme::unicode());
            app.update(Msg::SecretsLoaded(Ok(Some(
                oqscert::cert::secret::Secrets {
                    ids: oqscert::cert::secret::NoticeIds::new("REQ1", "REF1").unwrap(),
                    password: oqscert::cert::Password::new("1357"),
                },
            ))));
            let fx = press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
            assert!(fx.iter().any(|e| matches!(e, Effect::Install { .. })));
            assert_eq!(app.pending(), 1);
            let mut fx = Vec::new();
            for m in way.clone() {
                fx.extend(app.update(m));
            }
            assert!(!app.should_quit(), "{way:?}");
            assert!(fx.iter().all(|e| !matches!(e, Effect::Quit)), "{way:?}");
            let screen = format!("{:?}", render(&app, 80, 24).backend());
            assert!(screen.contains("作業の終わりを待っています"), "{screen}");
            // Keys do nothing while waiting (no second request, no edit).
            assert!(press(&mut app, &[KeyCode::Enter]).is_empty());
            let fx = app.update(super::chapter_three::installed(true));
            let last = saved(&fx).expect("saved before quitting");
            assert!(last.install.is_some(), "the install is in the last save");
            assert!(matches!(fx.last(), Some(Effect::Quit)), "{fx:?}");
            assert!(app.should_quit());
            assert_eq!(app.pending(), 0);
        }
    }

    #[test]
    fn with_nothing_running_quit_is_immediate() {
        let mut app = fresh();
        let fx = app.update(Msg::Terminate);
        assert!(matches!(&fx[..], [Effect::Save(_), Effect::Quit]), "{fx:?}");
        assert!(app.should_quit());
    }

    /// The effects carry the app's clock, and the records use it: the
    /// screens and the progress file agree on the time.
    #[test]
    fn one_clock_for_screens_effects_and_records() {
        let later = NOW + time::Duration::hours(5);
        let mut app = super::chapter_three::at_install("OQSComApp", Theme::unicode());
        app.set_now(later);
        app.update(Msg::SecretsLoaded(Ok(Some(
            oqscert::cert::secret::Secrets {
                ids: oqscert::cert::secret::NoticeIds::new("REQ1", "REF1").unwrap(),
                password: oqscert::cert::Password::new("1357"),
            },
        ))));
        let fx = press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
        let Some(Effect::Install { now, .. }) =
            fx.iter().find(|e| matches!(e, Effect::Install { .. }))
        else {
            panic!("{fx:?}")
        };
        assert_eq!(*now, later);
        assert_eq!(app.now(), later);
        app.update(super::chapter_three::installed(true));
        press(&mut app, &[KeyCode::Enter, KeyCode::Char('y')]);
        let fx = app.update(Msg::OldFound(Ok(Vec::new())));
        assert!(fx.is_empty() || fx.iter().all(|e| !matches!(e, Effect::Quit)));
        let fx = press(&mut app, &[KeyCode::Enter]);
        let Some(Effect::WriteReport { now, .. }) =
            fx.iter().find(|e| matches!(e, Effect::WriteReport { .. }))
        else {
            panic!("{fx:?}")
        };
        assert_eq!(*now, later);
    }

    /// A task's error reaches the screen typed and is put into words there,
    /// in the screen's language, never the error's English `Display`.
    #[test]
    fn errors_are_shown_in_the_screens_language() {
        for (lang, expect) in [(Lang::Ja, "パスワード"), (Lang::En, "password")] {
            let mut p = super::chapter_three::downloaded();
            p.institution.oqs_account = "OQSComApp".into();
            let mut app = App::new(
                lang,
                Theme::unicode(),
                p,
                PathBuf::from("/data/profiles/default"),
                NOW,
            )
            .with_machine(oqscert::wizard::install::Machine {
                current_user: "OQSComApp".into(),
                store_kind: oqscert::cert::store::StoreKind::WindowsCurrentUser,
                computer_name: "UKETSUKE-PC".into(),
                records: String::new(),
                records_at: oqscert::wizard::install::RecordsAt::Travelling,
                console: Default::default(),
            });
            press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
            app.update(Msg::SecretsLoaded(Ok(Some(
                oqscert::cert::secret::Secrets {
                    ids: oqscert::cert::secret::NoticeIds::new("REQ1", "REF1").unwrap(),
                    password: oqscert::cert::Password::new("1357"),
                },
            ))));
            press(&mut app, &[KeyCode::Enter]);
            let e: oqscert::cert::Error = oqscert::cert::Error::WrongPassword;
            let english = e.to_string();
            app.update(Msg::Installed(Box::new(Err(e.into()))));
            let screen: String = format!("{:?}", render(&app, 120, 40).backend());
            let wanted = oqscert::i18n::error_message(lang, &oqscert::cert::Error::WrongPassword);
            let first: String = wanted.chars().take(10).collect();
            assert!(screen.contains(&first), "{lang:?}: {screen}");
            assert!(screen.to_lowercase().contains(expect) || screen.contains(expect));
            if lang == Lang::Ja {
                assert!(!screen.contains(&english), "{english}");
            }
        }
        // A credential store that does not answer: the status line says so
        // in Japanese, with the OS's words only as detail.
        let mut app = super::chapter_three::at_install("OQSComApp", Theme::unicode());
        app.update(Msg::SecretsLoaded(Err(no_store())));
        let screen = format!("{:?}", render(&app, 120, 40).backend());
        assert!(screen.contains("資格情報"), "{screen}");
    }

    /// A key that cannot be exported: the list says it stays, the confirm
    /// counts only the others, and after the clean-up it is listed as kept.
    #[test]
    fn a_key_that_cannot_be_exported_is_shown_as_kept() {
        let mut app = super::chapter_three::at_install("OQSComApp", Theme::unicode());
        app.update(Msg::SecretsLoaded(Ok(Some(
            oqscert::cert::secret::Secrets {
                ids: oqscert::cert::secret::NoticeIds::new("REQ1", "REF1").unwrap(),
                password: oqscert::cert::Password::new("1357"),
            },
        ))));
        press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
        app.update(super::chapter_three::installed(true));
        press(&mut app, &[KeyCode::Enter, KeyCode::Char('n')]);
        // Both expired (both picked); the second's key cannot be exported.
        let mut old = super::chapter_three::old_certs();
        old[1].reason = oqscert::cert::cleanup::OldReason::Expired;
        old[1].cert.info.not_after = datetime!(2026-09-30 00:00 UTC);
        old[1].cert.key_exportable = false;
        app.update(Msg::OldFound(Ok(old.clone())));
        snap!("install_cleanup_keep", app);
        press(&mut app, &[KeyCode::Enter]);
        app.update(Msg::PasswordProven(Ok(super::chapter_three::proven(
            "1357",
        ))));
        let screen = format!("{:?}", render(&app, 80, 24).backend());
        assert!(screen.contains("1件の証明書を"), "{screen}");
        // Enter is not yes: nothing is removed.
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(fx.iter().all(|e| !matches!(e, Effect::Cleanup { .. })));
        press(&mut app, &[KeyCode::Enter]);
        app.update(Msg::PasswordProven(Ok(super::chapter_three::proven(
            "1357",
        ))));
        let fx = press(&mut app, &[KeyCode::Char('y')]);
        // Only the one whose key can be exported goes to the clean-up.
        assert!(
            fx.iter()
                .any(|e| matches!(e, Effect::Cleanup { old, .. } if old.len() == 1)),
            "{fx:?}"
        );
        // Space on the other changes nothing: never picked.
        let o = &old[1];
        let gone = &old[0];
        app.update(Msg::CleanedUp(Box::new(CleanedUp {
            quarantine: PathBuf::from("/q"),
            removed: vec![oqscert::cert::cleanup::Removed {
                sha1_thumbprint: gone.cert.info.sha1_thumbprint.clone(),
                subject: gone.cert.info.subject.clone(),
                not_after: gone.cert.info.not_after,
                reason: gone.reason,
                export: oqscert::cert::store::ExportReport {
                    certificate: PathBuf::from("/q/a.cer"),
                    pkcs12: Some(PathBuf::from("/q/a.pfx")),
                },
                removed_from: vec![oqscert::cert::store::StoreName::My],
            }],
            kept: vec![],
            failed: None,
            failed_export: None,
            at: NOW,
        })));
        // What is left: the one that stays, said so, and nothing that
        // says it will be removed.
        press(&mut app, &[KeyCode::Down, KeyCode::Char(' ')]);
        let screen = format!("{:?}", render(&app, 80, 24).backend());
        assert!(screen.contains(&o.cert.info.sha1_thumbprint), "{screen}");
        assert!(
            screen.contains("[-]") && !screen.contains("[x]"),
            "{screen}"
        );
        let t = render(&app, 80, 24);
        insta::assert_snapshot!("install_cleanup_kept_80x24", t.backend());
        insta::assert_snapshot!(
            "install_cleanup_kept_120x40",
            render(&app, 120, 40).backend()
        );
        assert_eq!(app.progress.removed.len(), 1);
    }

    /// A second quit request leaves without waiting only while an import
    /// is all that runs (its Windows dialog may be hidden and never be
    /// answered); a clean-up that removes certificates is always waited for.
    #[test]
    fn a_second_quit_does_not_wait_for_an_import_only() {
        let ctrl_c = || Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        let secrets = || {
            Msg::SecretsLoaded(Ok(Some(oqscert::cert::secret::Secrets {
                ids: oqscert::cert::secret::NoticeIds::new("REQ1", "REF1").unwrap(),
                password: oqscert::cert::Password::new("1357"),
            })))
        };
        // An import running: the second Ctrl-C leaves.
        let mut app = super::chapter_three::at_install("OQSComApp", Theme::unicode());
        app.update(secrets());
        press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
        assert!(app.only_imports_pending());
        // Waiting: work that can stop part-way is told to (an open).
        assert_eq!(app.update(ctrl_c()), [Effect::CancelWork]);
        let screen = format!("{:?}", render(&app, 80, 24).backend());
        assert!(screen.contains("タスク"), "{screen}");
        let fx = app.update(ctrl_c());
        assert!(matches!(&fx[..], [Effect::Save(_), Effect::Quit]), "{fx:?}");
        // A clean-up running: every request waits for it.
        let mut app = super::chapter_three::at_install("OQSComApp", Theme::unicode());
        app.update(secrets());
        press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
        app.update(super::chapter_three::installed(true));
        press(&mut app, &[KeyCode::Enter, KeyCode::Char('n')]);
        app.update(Msg::OldFound(Ok(super::chapter_three::old_certs())));
        press(&mut app, &[KeyCode::Enter]);
        app.update(Msg::PasswordProven(Ok(super::chapter_three::proven(
            "1357",
        ))));
        let fx = press(&mut app, &[KeyCode::Char('y')]);
        assert!(fx.iter().any(|e| matches!(e, Effect::Cleanup { .. })));
        assert!(!app.only_imports_pending());
        for _ in 0..3 {
            assert_eq!(app.update(ctrl_c()), [Effect::CancelWork]);
        }
        assert!(!app.should_quit());
        let fx = app.update(cleaned_up());
        assert!(matches!(fx.last(), Some(Effect::Quit)), "{fx:?}");
    }

    /// A status message longer than the screen is wide is wrapped onto a
    /// second row (the body gives up its last), never cut at column 80;
    /// the caret still sits in its field.
    #[test]
    fn a_long_status_message_wraps_instead_of_being_cut() {
        let mut p = Progress::new("default");
        p.chapters.precheck = ChapterState::Done;
        p.chapters.apply = ChapterState::Done;
        let mut app = app_with(p, Theme::unicode());
        press(&mut app, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 2-2");
        press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 2-3");
        let caret_before = app.cursor(ratatui::layout::Rect::new(0, 0, 80, 24));
        app.update(Msg::BrowserOpened(Err(
            "画面（デスクトップ）のない環境のため、ブラウザーを開けません".into(),
        )));
        snap!("long_status", app);
        let rows = screen_rows(&app, 80, 24);
        let status = format!("{}{}", rows[21].trim(), rows[22].trim());
        assert!(
            status.starts_with("ブラウザーを開けませんでした")
                && status.ends_with("アドレスを見て入力してください。"),
            "{rows:#?}"
        );
        assert!(rows[23].contains("[Enter]"), "the footer stays: {rows:#?}");
        // Fields sit at the top: the caret did not move.
        assert_eq!(
            app.cursor(ratatui::layout::Rect::new(0, 0, 80, 24)),
            caret_before
        );
    }

    /// 画面 2-2: signed in as another user than the OQS software's, the
    /// screen says so before anything is downloaded, and how to go on.
    #[test]
    fn chapter_two_asks_which_pc_and_user_first() {
        let mut p = Progress::new("default");
        p.chapters.precheck = ChapterState::Done;
        p.chapters.apply = ChapterState::Done;
        let mut app = app_with(p, Theme::unicode()).with_machine(uketsuke_pc(
            "記録の保存先: USBメモリ (E:) の oqscert-data",
            oqscert::wizard::install::RecordsAt::Travelling,
        ));
        // Home says where the records are.
        let home = format!("{:?}", render(&app, 80, 24).backend());
        assert!(home.contains("oqscert-data"), "{home}");
        press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 2-2");
        let screen = format!("{:?}", render(&app, 120, 40).backend());
        assert!(screen.contains("「uketsuke」"), "{screen}");
        assert!(screen.contains("同じ USBメモリから"), "{screen}");
        // The prefilled example, taken as it is, is not recorded as the
        // clinic's name: 3-1 keeps calling it an example.
        let mut as_is = app.clone();
        press(&mut as_is, &[KeyCode::Down, KeyCode::Enter, KeyCode::Enter]);
        assert_eq!(as_is.screen_code(), "画面 2-3");
        assert_eq!(as_is.progress.institution.oqs_account, "");
        // The user's answer is kept in the profile. Enter as another
        // user says why it did not go on, on the row under the field, and
        // the second Enter goes on.
        press(&mut app, &[KeyCode::Down]);
        typed(&mut app, "2");
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 2-2");
        assert!(fx.iter().all(|e| !matches!(e, Effect::Save(_))), "{fx:?}");
        snap!("download_where_other_user", app);
        let rows = screen_rows(&app, 80, 24);
        assert!(rows[3].starts_with("  > Windows ユーザー"), "{rows:#?}");
        let under = rows[4..6].concat();
        assert!(under.contains("「uketsuke」"), "{rows:#?}");
        assert!(under.contains("もう一度 Enter"), "{rows:#?}");
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 2-3");
        assert_eq!(app.progress.institution.oqs_account, "OQSComApp2");
        assert!(fx.iter().any(|e| matches!(e, Effect::Save(_))));
        // Which PC it is was answered too (「資格確認用」 by default).
        assert_eq!(app.progress.application.system, "oqs");
        // Back to 2-2: this is the billing PC; kept, and shown again.
        press(&mut app, &[KeyCode::Esc]);
        assert_eq!(app.screen_code(), "画面 2-2");
        press(
            &mut app,
            &[
                KeyCode::Right,
                KeyCode::Enter,
                KeyCode::Enter,
                KeyCode::Enter,
            ],
        );
        assert_eq!(app.screen_code(), "画面 2-3");
        assert_eq!(app.progress.application.system, "billing");
        let mut resumed = app_with(app.progress.clone(), Theme::unicode());
        press(&mut resumed, &[KeyCode::Esc]);
        assert_eq!(resumed.screen_code(), "画面 2-2");
        let again = format!("{:?}", render(&resumed, 120, 40).backend());
        assert!(again.contains("[ 請求用のパソコン ]"), "{again}");

        // The PC used to apply: where to go instead, and back home with
        // nothing asked for or stored.
        press(&mut resumed, &[KeyCode::Right, KeyCode::Right]);
        snap!("download_where_application", resumed);
        let rows = screen_rows(&resumed, 80, 24);
        assert!(rows[2].contains("[ 申請に使ったパソコン ]"), "{rows:#?}");
        let text = rows.join("");
        assert!(text.contains("ダウンロードできません"), "{rows:#?}");
        assert!(text.contains("「2. ダウンロード」から"), "{rows:#?}");
        assert!(!text.contains("Windows ユーザー"), "no field: {rows:#?}");
        let fx = press(&mut resumed, &[KeyCode::Down, KeyCode::Enter]);
        assert!(
            fx.iter().all(|e| !matches!(e, Effect::SaveSecrets(..))),
            "{fx:?}"
        );
        assert_eq!(resumed.screen_code(), "画面 H");
        assert_eq!(resumed.progress.application.system, "billing");

        // Records in this user's own folder: the other user cannot see
        // them; the screen says to start from 2 as that user (no command
        // to type).
        let mut p = Progress::new("default");
        p.chapters.precheck = ChapterState::Done;
        p.chapters.apply = ChapterState::Done;
        let mut app = app_with(p, Theme::unicode()).with_machine(uketsuke_pc(
            "記録の保存先: このパソコン",
            oqscert::wizard::install::RecordsAt::PerUser,
        ));
        press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 2-2");
        let screen = format!("{:?}", render(&app, 120, 40).backend());
        assert!(
            screen.contains("「OQSComApp」でサインインし直して"),
            "{screen}"
        );
        assert!(screen.contains("「2. ダウンロード」から"), "{screen}");
        assert!(!screen.contains("oqscert profile"), "{screen}");
        assert!(!screen.contains("同じ USBメモリから"), "{screen}");

        // Records in a folder chosen with --home: the same folder, named,
        // from the other user; no talk of a stick, no option to type.
        let mut p = Progress::new("default");
        p.chapters.precheck = ChapterState::Done;
        p.chapters.apply = ChapterState::Done;
        let mut app = app_with(p, Theme::unicode()).with_machine(uketsuke_pc(
            "記録の保存先: 指定のフォルダー D:\\oqs",
            oqscert::wizard::install::RecordsAt::Folder("D:\\oqs".into()),
        ));
        press(&mut app, &[KeyCode::Enter, KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 2-2");
        let screen = format!("{:?}", render(&app, 120, 40).backend());
        assert!(screen.contains("D:\\oqs"), "{screen}");
        assert!(!screen.contains("--home"), "{screen}");
        assert!(!screen.contains("USBメモリから"), "{screen}");
    }

    /// A replaced or reset PC with a backup and its password: the
    /// pre-check says no new certificate, and Chapter 3 takes the file
    /// from the stick (no notice IDs), then installs and checks it.
    #[test]
    fn reinstall_from_a_backup() {
        let mut app = fresh().with_machine(oqscert::wizard::install::Machine {
            current_user: "OQSComApp".into(),
            store_kind: oqscert::cert::store::StoreKind::WindowsCurrentUser,
            computer_name: "NEW-PC".into(),
            records: String::new(),
            records_at: oqscert::wizard::install::RecordsAt::Travelling,
            console: Default::default(),
        });
        press(&mut app, &[KeyCode::Enter]); // 0. pre-check
        press(&mut app, &[KeyCode::Char('n')]); // not expired
        assert_eq!(app.screen_code(), "画面 0-2");
        press(&mut app, &[KeyCode::Char('y')]); // reinstall from the backup
        assert_eq!(app.screen_code(), "画面 0-7");
        let screen = format!("{:?}", render(&app, 80, 24).backend());
        assert!(screen.contains("新しい証明書は要りません"), "{screen}");
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 3-2");
        assert!(fx.iter().any(|e| matches!(e, Effect::ListBackups)));
        let stick = PathBuf::from("/media/USB1/0110113719-20251125.p12");
        app.update(Msg::BackupFiles(vec![stick.clone()]));
        snap!("install_from_backup", app);
        press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 3-4");
        typed(&mut app, "1357");
        let fx = press(&mut app, &[KeyCode::Enter]);
        let Some(Effect::VerifyAndKeep { path, password, .. }) = fx
            .iter()
            .find(|e| matches!(e, Effect::VerifyAndKeep { .. }))
        else {
            panic!("{fx:?}")
        };
        assert_eq!(path, &stick);
        assert_eq!(password.expose(), "1357");
        // No notice IDs anywhere on this route.
        assert!(fx.iter().all(|e| !matches!(e, Effect::SaveSecrets(..))));
        // A wrong password: asked again, saying what a forgotten one means.
        app.update(Msg::FileVerified(Box::new(Err(
            oqscert::cert::Error::WrongPassword.into(),
        ))));
        assert_eq!(app.screen_code(), "画面 3-4");
        let screen = format!("{:?}", render(&app, 120, 40).backend());
        assert!(screen.contains("申請が必要です"), "{screen}");
        typed(&mut app, "2468");
        press(&mut app, &[KeyCode::Enter]);
        app.update(Msg::FileVerified(Box::new(Ok(Verified {
            info: super::chapter_two::common_cert(),
            kept: PathBuf::from("/data/profiles/default/certificate.p12"),
            sha256: "AB".repeat(32),
            problems: vec![],
            roots: vec![],
            older_than: None,
            at: NOW,
        }))));
        assert_eq!(app.screen_code(), "画面 3-1");
        assert!(app.progress.certificate.is_some());
        press(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen_code(), "画面 3-3");
        let fx = press(&mut app, &[KeyCode::Enter]);
        assert!(
            fx.iter().any(|e| matches!(e, Effect::Install { .. })),
            "{fx:?}"
        );
        app.update(super::chapter_three::installed(true));
        assert_eq!(app.screen_code(), "画面 3-5");
    }
}

/// Text from outside (a name in a progress file, a file name on a stick)
/// never reaches the terminal with a bidi override, a zero-width or a
/// control character in it, whichever way a screen draws it.
#[test]
fn every_cell_drawn_passes_the_printable_filter() {
    let mut p = Progress::new("default");
    p.institution.name = "テスト\u{202e}医院\u{200b}\u{2066}名".into();
    p.institution.terminal_name = "受付\u{feff}1号機".into();
    let app = app_with(p, Theme::unicode());
    for (w, h) in [(80, 24), (120, 40)] {
        let t = render(&app, w, h);
        let buf = t.backend().buffer();
        for cell in buf.content() {
            let sym = cell.symbol();
            assert!(
                !sym.chars()
                    .any(|c| c.is_control() || oqscert::cert::sanitize::is_hidden_format(c)),
                "{sym:?} reached the screen"
            );
        }
    }
}

/// The F8 sheet of 画面 2-4 says the password vault was unavailable only
/// when it was (2-5); otherwise it just says to keep it on paper.
#[test]
fn the_paper_sheet_says_the_vault_failed_only_when_it_did() {
    use oqscert::wizard::download::blank_sheet;
    let p = Progress::new("default");
    let (text, _) = blank_sheet(&p, Lang::Ja, NOW, false);
    assert!(!text.contains("使えない"), "{text}");
    assert!(text.contains("紙に書いて"), "{text}");
    let (text, _) = blank_sheet(&p, Lang::Ja, NOW, true);
    assert!(text.contains("使えない"), "{text}");
}

/// 画面 H-3: T on the home screen runs the self-test as background work
/// (the screen says it is running) and shows one line a check.
#[test]
fn the_self_test_screen() {
    use oqscert::ops::selftest::{Check, Report, Verdict};
    let mut app = fresh();
    let fx = press(&mut app, &[KeyCode::Char('t')]);
    assert_eq!(app.screen_code(), "画面 H-3");
    assert!(
        fx.iter().any(|e| matches!(e, Effect::Selftest { .. })),
        "{fx:?}"
    );
    let screen = format!("{:?}", render(&app, 80, 24).backend());
    assert!(screen.contains("確かめています"), "{screen}");
    let check = |id: &'static str, verdict: Verdict, values: &[(&'static str, &str)]| Check {
        id,
        verdict,
        values: values.iter().map(|(n, v)| (*n, v.to_string())).collect(),
        detail: String::new(),
    };
    let report = Report {
        at: app.now(),
        checks: vec![
            check("store", Verdict::Ok, &[("key", "cryptoapi"), ("step", "")]),
            check(
                "vault",
                Verdict::Ok,
                &[
                    ("backend", "os"),
                    ("account", "selftest-0a1b2c"),
                    ("roams", "with_profile"),
                ],
            ),
            check(
                "downloads",
                Verdict::Ok,
                &[("path", r"C:\Users\uketsuke\Downloads")],
            ),
            check(
                "drives",
                Verdict::Ok,
                &[
                    ("count", "1"),
                    ("list", "E: (USB DISK)"),
                    ("running_from", r"E:\oqscert\oqscert.exe"),
                    ("from_stick", "yes"),
                ],
            ),
            check(
                "browser",
                Verdict::Ok,
                &[("edge", "yes"), ("default", "yes")],
            ),
            check("network", Verdict::Ok, &[("diagnosis", "reachable")]),
            check(
                "clock",
                Verdict::Ng,
                &[
                    ("offset_minutes", "-120"),
                    ("minutes", "120"),
                    ("direction", "behind"),
                    ("pc", "2026-12-03 07:30 JST"),
                    ("server", "2026-12-03 09:30 JST"),
                ],
            ),
            check(
                "console",
                Verdict::Ok,
                &[
                    ("code_page", "932"),
                    ("terminal", "classic"),
                    ("box_cells", "2"),
                    ("circled_cells", "2"),
                    ("borders", "ascii"),
                    ("numbers", "parens"),
                ],
            ),
            check(
                "data_folder",
                Verdict::Ok,
                &[
                    ("path", r"E:\oqscert\oqscert-data"),
                    ("why", "portable"),
                    ("free_mb", "3012"),
                    ("private", "-"),
                ],
            ),
            check("programs", Verdict::Ok, &[("missing", "")]),
        ],
    };
    app.update(Msg::Selftest(Box::new(report)));
    // The NG line is chosen, and what it found is said below the list.
    snap!("selftest_report", app);
    let screen = format!("{:?}", render(&app, 80, 24).backend());
    assert!(screen.contains("> [NG] 時計"), "{screen}");
    assert!(screen.contains("120 分遅れています"), "{screen}");
    press(&mut app, &[KeyCode::Down]);
    let screen = format!("{:?}", render(&app, 80, 24).backend());
    assert!(screen.contains("罫線 2 マス"), "{screen}");
    assert!(screen.contains("「(1)」の形"), "{screen}");
    assert!(!screen.contains("120 分遅れています"), "{screen}");
    // F5 runs it again; Enter goes home.
    let fx = press(&mut app, &[KeyCode::F(5)]);
    assert!(fx.iter().any(|e| matches!(e, Effect::Selftest { .. })));
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.screen_code(), "画面 H");
}
