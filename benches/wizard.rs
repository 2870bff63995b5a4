//! update + render of each wizard screen at 120x40 (target: <= 100 us).

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use oqscert::cert::position::{ApplyStep, Position};
use oqscert::cert::progress::Progress;
use oqscert::i18n::Lang;
use oqscert::wizard::components::Theme;
use oqscert::wizard::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::PathBuf;

fn key(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn app_at(keys: &[KeyCode], text: &str, position: Option<Position>) -> App {
    let mut p = Progress::new("default");
    p.institution.terminal_name = "受付1号機".into();
    if let Some(at) = position {
        // Resume at a step, as a saved progress file does.
        p.institution.name = "テスト歯科医院".into();
        p.institution.prefecture = "34".into();
        p.institution.code7 = "0712362".into();
        p.position = at;
    }
    if keys.first() == Some(&KeyCode::F(12)) {
        // Chapters 0-2 done, a verified certificate: home shows its end
        // date and alerts; Enter opens Chapter 3.
        use oqscert::cert::progress::{CertificateRecord, ChapterState};
        p.chapters.precheck = ChapterState::Done;
        p.chapters.apply = ChapterState::Done;
        p.chapters.download = ChapterState::Done;
        p.certificate = Some(CertificateRecord {
            path: "/data/certificate.p12".into(),
            sha256: "AB".repeat(32),
            sha1_thumbprint: "8605A59B912958ACE0E17AAE7EFE0EE800A325F4".into(),
            subject: "CN=テスト歯科医院 受付1号機, O=医療法人テスト会".into(),
            not_after: time::OffsetDateTime::UNIX_EPOCH + time::Duration::days(60),
            verified_at: time::OffsetDateTime::UNIX_EPOCH,
            issuer: "CN=テスト認証局 CA".into(),
            serial: "01AB".into(),
            not_before: None,
            roots: Vec::new(),
        });
    }
    let mut app = App::new(
        Lang::Ja,
        Theme::unicode(),
        p,
        PathBuf::from("/data"),
        time::OffsetDateTime::UNIX_EPOCH,
    );
    for k in keys {
        app.update(key(*k));
    }
    for c in text.chars() {
        app.update(key(KeyCode::Char(c)));
    }
    app
}

fn bench_screens(c: &mut Criterion) {
    use KeyCode::*;
    // Five pre-check questions (0-1 to 0-5), the last "yes".
    let pre = [Enter, Char('n'), Char('n'), Char('n'), Char('n'), Char('y')];
    // (name, keys, text typed, resume position, the screen it must be on,
    // the key measured). The screen is asserted: a new step must not
    // quietly move a bench onto another screen.
    type Case = (
        &'static str,
        Vec<KeyCode>,
        &'static str,
        Option<Position>,
        &'static str,
        KeyCode,
    );
    let screens: Vec<Case> = vec![
        ("home", vec![], "", None, "画面 H", Down),
        ("precheck_q1", vec![Enter], "", None, "画面 0-1", Right),
        ("precheck_result", pre.to_vec(), "", None, "画面 0-7", Left),
        (
            "apply_profile_typing",
            [&pre[..], &[Enter, Enter, Enter, Tab, Tab]].concat(),
            "071236",
            None,
            "画面 1-3",
            Char('2'),
        ),
        (
            "apply_portal",
            vec![],
            "",
            Some(Position::Apply(ApplyStep::Portal(7))),
            "画面 1-11",
            Tab,
        ),
        // F12 (no-op key) marks "with a certificate" for app_at.
        (
            "home_with_certificate",
            vec![F(12)],
            "",
            None,
            "画面 H",
            Down,
        ),
        (
            "install_owner",
            vec![F(12), Enter],
            "",
            None,
            "画面 3-1",
            Down,
        ),
        (
            "install_options",
            vec![F(12), Enter, Enter],
            "",
            None,
            "画面 3-3",
            Down,
        ),
    ];
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    for (name, keys, text, at, code, k) in screens {
        let app = app_at(&keys, text, at);
        assert_eq!(app.screen_code(), code, "bench {name} is on another screen");
        c.bench_function(&format!("update_render_{name}_120x40"), |b| {
            b.iter_batched(
                || app.clone(),
                |mut a| {
                    a.update(key(k));
                    term.draw(|f| a.view(f)).unwrap();
                    black_box(a)
                },
                criterion::BatchSize::SmallInput,
            )
        });
    }
}

criterion_group!(benches, bench_screens);
criterion_main!(benches);
