//! The profile picker (P on 画面 H), headless: keys in, effects out, task
//! results fed back as the runner would send them, screens as snapshots.
//! The tasks themselves (`ops::profiles`) are tested on real folders in
//! their unit tests, `profile_cli.rs` and the PTY test in `e2e_pty.rs`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use oqscert::cert::progress::Progress;
use oqscert::i18n::Lang;
use oqscert::ops::profiles::Summary;
use oqscert::wizard::components::Theme;
use oqscert::wizard::msg::{ProfileChange, Switched};
use oqscert::wizard::{App, Effect, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use time::macros::datetime;

const NOW: time::OffsetDateTime = datetime!(2026-11-25 10:00 UTC);

fn app() -> App {
    let mut p = Progress::new("default");
    p.institution.name = "テスト医院".into();
    App::new(
        Lang::Ja,
        Theme::unicode(),
        p,
        PathBuf::from("/data/profiles/default"),
        NOW,
    )
}

fn press(app: &mut App, codes: &[KeyCode]) -> Vec<Effect> {
    codes
        .iter()
        .flat_map(|c| app.update(Msg::Key(KeyEvent::new(*c, KeyModifiers::NONE))))
        .collect()
}

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    let keys: Vec<KeyCode> = text.chars().map(KeyCode::Char).collect();
    press(app, &keys)
}

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| app.view(f)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            // A wide character covers the next cell too.
            x += u16::try_from(unicode_width::UnicodeWidthStr::width(sym).max(1)).unwrap();
        }
        out.push('\n');
    }
    out
}

fn summary(name: &str, institution: &str) -> Summary {
    Summary {
        name: name.into(),
        institution: institution.into(),
        code: None,
        not_after: None,
        unreadable: false,
    }
}

/// P, then the list the runner would send.
fn open_picker(app: &mut App) {
    let fx = press(app, &[KeyCode::Char('p')]);
    assert_eq!(fx, vec![Effect::ListProfiles]);
    app.update(Msg::Profiles(vec![
        summary("default", "テスト医院"),
        summary("shika", "テスト歯科"),
    ]));
}

#[test]
fn the_picker_lists_profiles_and_marks_the_open_one() {
    let mut a = app();
    // The first profile, 「default」, is 「標準」 on screen, in the picker
    // too (the CLI's name `default` is the vendor's).
    assert!(screen(&a).contains("プロファイル: 標準"));
    open_picker(&mut a);
    let s = screen(&a);
    assert!(s.contains("標準  テスト医院（使用中）"), "{s}");
    assert!(!s.contains("default"), "{s}");
    assert!(s.contains("shika  テスト歯科"), "{s}");
    assert!(s.contains("新しいプロファイルを作る"), "{s}");
    let t = {
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        term.draw(|f| a.view(f)).unwrap();
        term
    };
    insta::assert_snapshot!("profiles_list_80x24", t.backend());
    // Esc closes it; the home screen is back.
    press(&mut a, &[KeyCode::Esc]);
    assert!(!screen(&a).contains("新しいプロファイルを作る"));
}

#[test]
fn a_new_profile_is_named_and_a_bad_name_is_explained() {
    let mut a = app();
    open_picker(&mut a);
    // The last row, 「新しいプロファイルを作る」.
    press(&mut a, &[KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
    // While naming, q and ? are letters, not commands.
    assert!(typed(&mut a, "q?").is_empty());
    assert!(!screen(&a).contains("終了しますか"));
    let fx = press(&mut a, &[KeyCode::Enter]);
    assert!(fx.is_empty(), "{fx:?}");
    let s = screen(&a);
    assert!(s.contains("使えません"), "{s}");
    press(&mut a, &[KeyCode::Backspace, KeyCode::Backspace]);
    typed(&mut a, "ika");
    let fx = press(&mut a, &[KeyCode::Enter]);
    assert_eq!(fx, vec![Effect::CreateProfile("ika".into())]);
    // Done: the status says so and the list is asked for again.
    let fx = a.update(Msg::ProfileChanged(Ok(ProfileChange::Created(
        "ika".into(),
    ))));
    assert_eq!(fx, vec![Effect::ListProfiles]);
    assert!(screen(&a).contains("プロファイル「ika」を作りました"));
    // The new one is selected once listed: Enter opens it.
    a.update(Msg::Profiles(vec![
        summary("default", "テスト医院"),
        summary("ika", ""),
        summary("shika", "テスト歯科"),
    ]));
    assert!(screen(&a).contains("> ika"), "{}", screen(&a));
    let fx = press(&mut a, &[KeyCode::Enter]);
    assert!(fx.contains(&Effect::SwitchProfile {
        to: "ika".into(),
        rename_from: None
    }));
}

#[test]
fn deleting_asks_twice_and_enter_keeps() {
    let mut a = app();
    open_picker(&mut a);
    // The open profile cannot be deleted.
    let fx = press(&mut a, &[KeyCode::Char('d')]);
    assert!(fx.is_empty());
    assert!(screen(&a).contains("使用中のプロファイルは削除できません"));
    // Another one: asked first; Enter keeps it.
    press(&mut a, &[KeyCode::Down, KeyCode::Char('d')]);
    let s = screen(&a);
    assert!(s.contains("「shika」を削除しますか"), "{s}");
    assert!(s.contains("消しません"), "{s}");
    assert!(press(&mut a, &[KeyCode::Enter]).is_empty());
    // y deletes (the runner sets the files aside).
    let fx = press(&mut a, &[KeyCode::Char('d'), KeyCode::Char('y')]);
    assert!(
        matches!(&fx[..], [Effect::DeleteProfile { name, .. }] if name == "shika"),
        "{fx:?}"
    );
    // Then the separate question about the credential store; Enter keeps.
    a.update(Msg::ProfileChanged(Ok(ProfileChange::Deleted {
        name: "shika".into(),
        to: PathBuf::from("/data/profiles/deleted/shika-20261125T100000Z"),
    })));
    let s = screen(&a);
    assert!(s.contains("リファレンスIDも消しますか"), "{s}");
    let t = {
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        term.draw(|f| a.view(f)).unwrap();
        term
    };
    insta::assert_snapshot!("profiles_forget_80x24", t.backend());
    assert!(press(&mut a, &[KeyCode::Enter]).is_empty());
}

#[test]
fn forgetting_secrets_is_its_own_yes() {
    let mut a = app();
    open_picker(&mut a);
    press(
        &mut a,
        &[KeyCode::Down, KeyCode::Char('d'), KeyCode::Char('y')],
    );
    a.update(Msg::ProfileChanged(Ok(ProfileChange::Deleted {
        name: "shika".into(),
        to: PathBuf::from("/x"),
    })));
    let fx = press(&mut a, &[KeyCode::Char('y')]);
    assert_eq!(fx, vec![Effect::ForgetSecrets("shika".into())]);
}

#[test]
fn opening_another_profile_saves_first_and_shows_its_home() {
    let mut a = app();
    open_picker(&mut a);
    let fx = press(&mut a, &[KeyCode::Down, KeyCode::Enter]);
    assert!(
        matches!(fx.first(), Some(Effect::Save(p)) if p.profile == "default"),
        "{fx:?}"
    );
    assert!(fx.contains(&Effect::SwitchProfile {
        to: "shika".into(),
        rename_from: None,
    }));
    let mut shika = Progress::new("shika");
    shika.institution.name = "テスト歯科".into();
    a.update(Msg::ProfileSwitched(Ok(Box::new(Switched {
        progress: shika,
        profile_dir: PathBuf::from("/data/profiles/shika"),
        notice: None,
        renamed: false,
    }))));
    assert_eq!(a.progress.profile, "shika");
    let s = screen(&a);
    assert!(s.contains("プロファイル: shika"), "{s}");
    assert!(s.contains("テスト歯科"), "{s}");
    assert!(s.contains("「shika」を開きました"), "{s}");
}

#[test]
fn renaming_the_open_profile_goes_through_the_runner() {
    let mut a = app();
    open_picker(&mut a);
    press(&mut a, &[KeyCode::Char('r')]);
    press(&mut a, &[KeyCode::Backspace; 7]);
    typed(&mut a, "ika");
    let fx = press(&mut a, &[KeyCode::Enter]);
    assert!(
        fx.contains(&Effect::SwitchProfile {
            to: "ika".into(),
            rename_from: Some("default".into()),
        }),
        "{fx:?}"
    );
    // Another profile is renamed where it lies.
    let mut a = app();
    open_picker(&mut a);
    press(
        &mut a,
        &[KeyCode::Down, KeyCode::Char('r'), KeyCode::Backspace],
    );
    let fx = press(&mut a, &[KeyCode::Enter]);
    assert_eq!(
        fx,
        vec![Effect::RenameProfile {
            from: "shika".into(),
            to: "shik".into()
        }]
    );
}

#[test]
fn a_failed_switch_keeps_the_open_profile_and_says_why() {
    let mut a = app();
    open_picker(&mut a);
    press(&mut a, &[KeyCode::Down, KeyCode::Enter]);
    let locked = oqscert::cert::Error::ProfileLocked {
        profile: "shika".into(),
        path: PathBuf::from("/data/profiles/shika.lock"),
    };
    a.update(Msg::ProfileSwitched(Err(locked.into())));
    assert_eq!(a.progress.profile, "default");
    let s = screen(&a);
    assert!(s.contains("別の oqscert"), "{s}");
    // The picker answers keys again.
    assert_eq!(press(&mut a, &[KeyCode::Esc]), vec![]);
    assert!(!screen(&a).contains("新しいプロファイルを作る"));
}

/// Quitting while a switch runs waits for it: otherwise the profile being
/// let go of would be saved again (after a rename, under its old name).
#[test]
fn quitting_during_a_switch_waits_for_it() {
    let mut a = app();
    open_picker(&mut a);
    press(&mut a, &[KeyCode::Down, KeyCode::Enter]);
    assert_eq!(a.pending(), 1);
    let fx = a.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(!fx.iter().any(|e| matches!(e, Effect::Save(_))), "{fx:?}");
    assert!(!a.should_quit());
    let fx = a.update(Msg::ProfileSwitched(Ok(Box::new(Switched {
        progress: Progress::new("shika"),
        profile_dir: PathBuf::from("/data/profiles/shika"),
        notice: None,
        renamed: false,
    }))));
    assert_eq!(a.pending(), 0);
    assert!(a.should_quit());
    // The state saved on leaving is the profile now open.
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Save(p) if p.profile == "shika")),
        "{fx:?}"
    );
}
