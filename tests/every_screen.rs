//! Every screen of the wizard, and every page of its F1 help, rendered at
//! 80x24 as a receptionist sees it, checked by the layout rules
//! (`common/layout.rs`): no row starts with closing punctuation or ends
//! with an opening bracket, no short label is split, no row is drawn
//! twice. Snapshots cover the screens a flow reaches; this covers the rest
//! (questions 0-2..0-6, every portal step, every help page).

use crate::layout;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use oqscert::cert::position::{
    ApplyStep, DownloadStep, InstallStep, PORTAL_STEPS, Position, PrecheckStep, Question,
};
use oqscert::cert::progress::{ChapterState, Progress};
use oqscert::i18n::Lang;
use oqscert::wizard::components::Theme;
use oqscert::wizard::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::BTreeSet;
use std::path::PathBuf;
use time::macros::datetime;
use unicode_width::UnicodeWidthStr;

fn positions() -> Vec<Position> {
    let mut all = vec![Position::Home];
    for q in Question::ALL {
        all.push(Position::Precheck(PrecheckStep::Ask(q)));
    }
    all.push(Position::Precheck(PrecheckStep::Result));
    all.extend(
        [
            ApplyStep::Intro,
            ApplyStep::ThisPc,
            ApplyStep::Profile,
            ApplyStep::Sheet,
        ]
        .map(Position::Apply),
    );
    all.extend(PORTAL_STEPS.map(|n| Position::Apply(ApplyStep::Portal(n))));
    all.push(Position::Apply(ApplyStep::Done));
    all.extend(
        [
            DownloadStep::Intro,
            DownloadStep::Where,
            DownloadStep::Ids,
            DownloadStep::Password,
            DownloadStep::NoStore,
            DownloadStep::Net,
            DownloadStep::Fetch,
            DownloadStep::Done,
        ]
        .map(Position::Download),
    );
    all.extend(
        [
            InstallStep::Owner,
            InstallStep::FromBackup,
            InstallStep::Options,
            InstallStep::Password,
        ]
        .map(Position::Install),
    );
    all
}

fn app_at(at: Position, lang: Lang) -> App {
    let mut p = Progress::new("default");
    p.institution.name = "テスト歯科医院".into();
    p.institution.terminal_name = "受付1号機".into();
    p.institution.prefecture = "34".into();
    p.institution.code7 = "0712368".into();
    p.institution.type_id = "dental".into();
    p.institution.department = "受付".into();
    p.institution.person = "山田 花子".into();
    p.institution.phone = "082-123-4567".into();
    p.institution.email = "uketsuke@example.jp".into();
    p.chapters.precheck = ChapterState::Done;
    p.position = at;
    App::new(
        lang,
        Theme::unicode(),
        p,
        PathBuf::from("/data/profiles/default"),
        datetime!(2026-11-27 10:00 UTC),
    )
}

/// The rows as drawn: a wide character's second cell is not text.
fn rows(app: &App) -> Vec<String> {
    rows_at(app, 24)
}

fn check(name: &str, rows: &[String]) {
    if let Some(fault) = layout::edge_fault(rows, 80) {
        panic!("{name}: {fault}\n{}", rows.join("\n"));
    }
    if let Some(fault) = layout::beside_box_fault(rows) {
        panic!("{name}: {fault}\n{}", rows.join("\n"));
    }
    if let Some(fault) = layout::break_fault(rows) {
        panic!("{name}: {fault}\n{}", rows.join("\n"));
    }
    if let Some(fault) = layout::split_fault(rows) {
        panic!("{name}: {fault}\n{}", rows.join("\n"));
    }
    let twice = layout::rows_twice(rows);
    assert!(
        twice.is_empty(),
        "{name}: drawn twice {twice:?}\n{}",
        rows.join("\n")
    );
}

#[test]
fn every_screen_and_help_page_at_80x24() {
    let mut codes = BTreeSet::new();
    let mut pages = 0;
    for lang in [Lang::Ja, Lang::En] {
        for at in positions() {
            let mut app = app_at(at, lang);
            let code = app.screen_code();
            let name = format!("{code} ({at:?}, {lang:?})");
            check(&name, &rows(&app));
            codes.insert(code);
            // F1, then every further page.
            app.update(Msg::Key(KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE)));
            for page in 0..8 {
                let r = rows(&app);
                check(&format!("{name} help page {page}"), &r);
                pages += 1;
                app.update(Msg::Key(KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE)));
                if rows(&app) == rows(&app_at(at, lang)) {
                    break;
                }
            }
        }
    }
    // The screens the flows' snapshots do not reach are among them.
    for code in [
        "画面 0-3",
        "画面 0-4",
        "画面 0-5",
        "画面 0-2",
        "画面 1-6",
        "画面 1-7",
        "画面 1-8",
        "画面 1-9",
        "画面 1-10",
        "画面 1-12",
        "画面 1-13",
        "画面 1-2",
        "画面 2-2",
    ] {
        assert!(codes.contains(code), "{code} not reached: {codes:?}");
    }
    assert!(pages > 60, "{pages} help pages");
}

/// The screen and its F1 pages as one text (for the help page's words).
fn screen_and_help(at: Position) -> String {
    let mut app = app_at(at, Lang::Ja);
    let mut all = rows(&app).join("\n");
    // 3-3's detail (the import options, for the vendor) is one key away.
    if at == Position::Install(InstallStep::Options) {
        let mut detail = app_at(at, Lang::Ja);
        detail.update(Msg::Key(KeyEvent::new(KeyCode::F(3), KeyModifiers::NONE)));
        all.push_str(&rows(&detail).join("\n"));
    }
    app.update(Msg::Key(KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE)));
    for _ in 0..8 {
        all.push_str(&rows(&app).join("\n"));
        app.update(Msg::Key(KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE)));
    }
    // Rows are joined; a phrase wrapped across two rows still counts.
    all.replace(['\n', '│', ' '], "")
}

/// Chapters 2 and 3 as the help page words and numbers them
/// (`../shared/HELP-PAGE.ja.txt`, quoted here): the header names the
/// page's step (「ヘルプページ 2章③」) and the screen or its F1 pages use the
/// page's own words for it.
#[test]
fn chapters_two_and_three_use_the_help_pages_words_and_numbers() {
    let cases: &[(Position, &str, &[&str])] = &[
        (
            Position::Download(DownloadStep::Intro),
            "ヘルプページ2章①",
            &[
                "オンライン資格確認用のパソコン",
                // The chapter's title as the help page words it.
                "2章「発行された電子証明書をダウンロードする」",
            ],
        ),
        (
            Position::Download(DownloadStep::Ids),
            "ヘルプページ2章③",
            &[
                "リクエストID",
                "リファレンスID",
                "電子証明書取得に関する情報",
            ],
        ),
        (
            Position::Download(DownloadStep::Password),
            "ヘルプページ2章③",
            &["4桁"],
        ),
        (
            Position::Download(DownloadStep::Fetch),
            "ヘルプページ2章②③④",
            &["リクエストID", "リファレンスID"],
        ),
        (
            Position::Install(InstallStep::Owner),
            "ヘルプページ3章②",
            &["現在のユーザー"],
        ),
        (
            Position::Install(InstallStep::Options),
            "ヘルプページ3章④⑤",
            &[
                "証明書のインポートウィザード",
                "「秘密キーの保護を強力にする」:チェックをしない",
                "「このキーをエクスポート可能にする」:チェックをする",
                "「すべての拡張プロパティを含める」:チェックをする",
                "「証明書の種類に基づいて自動的に証明書ストアを選択する」",
                "セキュリティ警告",
                "PFXのインストール",
                "正しくインポートされました。",
            ],
        ),
        (
            Position::Install(InstallStep::Password),
            "ヘルプページ3章④",
            &["4桁"],
        ),
    ];
    for (at, header, words) in cases {
        let text = screen_and_help(*at);
        assert!(text.contains(header), "{at:?}: no {header}:\n{text}");
        for w in *words {
            let w = w.replace(' ', "");
            assert!(text.contains(&w), "{at:?}: no {w}:\n{text}");
        }
    }
}

/// The footer names only keys that act: on every screen as it opens, each
/// key the footer names, pressed once, changes the picture (a message
/// saying why not counts), starts work, or asks to quit.
#[test]
fn every_key_the_footer_names_does_something() {
    let mut dead = Vec::new();
    let mut tried = 0;
    for at in positions() {
        let footer = rows(&app_at(at, Lang::Ja)).pop().unwrap_or_default();
        // The way out is always named, last, however full the footer.
        assert!(footer.trim_end().ends_with("終了"), "{at:?}: {footer}");
        for (name, key) in named_keys(&footer) {
            let mut app = app_at(at, Lang::Ja);
            let before = rows(&app);
            let fx = app.update(Msg::Key(key));
            tried += 1;
            if fx.is_empty() && rows(&app) == before && !app.should_quit() {
                dead.push(format!("{} ({at:?}): [{name}]", app.screen_code()));
            }
        }
    }
    assert!(tried > 150, "{tried} keys tried");
    assert!(
        dead.is_empty(),
        "keys the footer names that do nothing:\n{}",
        dead.join("\n")
    );
}

/// The keys a footer names (「[上下]選ぶ [Enter]進む [F6/F7]コピー」), as the
/// key to press for each (the first of a pair, Down for 上下).
fn named_keys(footer: &str) -> Vec<(String, KeyEvent)> {
    let mut out = Vec::new();
    for part in footer.split('[').skip(1) {
        let Some((name, _)) = part.split_once(']') else {
            continue;
        };
        if name == "Ctrl+C" {
            out.push((
                name.to_string(),
                KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
            ));
            continue;
        }
        let code = match name {
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Space" => KeyCode::Char(' '),
            "Tab" => KeyCode::Tab,
            "上下" => KeyCode::Down,
            "左右" => KeyCode::Right,
            f if f.starts_with('F') => {
                let n = f[1..].split('/').next().and_then(|n| n.parse().ok());
                match n {
                    Some(n) => KeyCode::F(n),
                    None => panic!("unknown key [{name}] in {footer}"),
                }
            }
            c if c.chars().count() == 1 => KeyCode::Char(c.chars().next().unwrap_or(' ')),
            _ => panic!("unknown key [{name}] in {footer}"),
        };
        out.push((name.to_string(), KeyEvent::new(code, KeyModifiers::NONE)));
    }
    out
}

/// Where the caret is drawn, if it is shown (as the terminal loop draws
/// it: `App::cursor` after `App::view`).
fn caret(app: &App) -> Option<(u16, u16)> {
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| {
        app.view(f);
        if let Some(at) = app.cursor(f.area()) {
            f.set_cursor_position(at);
        }
    })
    .unwrap();
    let b = term.backend();
    b.cursor_visible()
        .then(|| (b.cursor_position().x, b.cursor_position().y))
}

/// The caret is where the next character appears (the IME draws its
/// composition there): on every screen, in every field a person reaches
/// with Tab, typing one character puts it (or its mask) in the caret's
/// cell. The caret is shown only where a character can be typed.
#[test]
fn the_caret_is_where_the_next_character_goes() {
    let mut fields = 0;
    for at in positions() {
        let mut app = app_at(at, Lang::Ja);
        let mut seen = BTreeSet::new();
        for tabs in 0..12 {
            if let Some((x, y)) = caret(&app) {
                if !seen.insert((x, y)) {
                    break;
                }
                let mut typed = app_at(at, Lang::Ja);
                // The same focus as `app`: replay the Tabs.
                for _ in 0..tabs {
                    typed.update(Msg::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
                }
                typed.update(Msg::Key(KeyEvent::new(
                    KeyCode::Char('7'),
                    KeyModifiers::NONE,
                )));
                let row = &rows(&typed)[usize::from(y)];
                // The cell at column x: walk the row by width.
                let mut col = 0usize;
                let mut cell = String::new();
                for ch in row.chars() {
                    if col == usize::from(x) {
                        cell = ch.to_string();
                        break;
                    }
                    col += ch.to_string().width().max(1);
                }
                assert!(
                    cell == "7" || cell == "*",
                    "{} ({at:?}): caret at {x},{y} but the typed 7 is elsewhere:\n{}",
                    app.screen_code(),
                    rows(&typed).join("\n")
                );
                fields += 1;
            } else if !seen.is_empty() {
                break;
            }
            app.update(Msg::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
        }
    }
    assert!(fields >= 8, "{fields} fields checked");
}

/// The rows as drawn at 80 columns and `h` rows (a wide character's
/// second cell is not text).
fn rows_at(app: &App, h: u16) -> Vec<String> {
    let mut term = Terminal::new(TestBackend::new(80, h)).unwrap();
    term.draw(|f| app.view(f)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..h)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < 80 {
                let s = buf[(x, y)].symbol();
                row.push_str(s);
                x += s.width().max(1) as u16;
            }
            row
        })
        .collect()
}

/// The rows a taller window (same width, so the same wrapping) shows that
/// 80x24 does not: what is cut off at the bottom. Every snapshot checks it
/// (tests/wizard.rs `snap!`), so a state reached by keys is covered too.
pub(crate) fn rows_lost_at_80x24(app: &App) -> Vec<String> {
    let trimmed = |h| -> Vec<String> {
        rows_at(app, h)
            .iter()
            .map(|r| r.trim_end().to_string())
            .collect()
    };
    let (small, tall) = (trimmed(24), trimmed(60));
    // A pop-up covers what is behind it, by a height of its own: nothing
    // to compare.
    if small
        .iter()
        .any(|r| r.contains('┌') || r.trim_start().starts_with("+-"))
    {
        return Vec::new();
    }
    tall.into_iter()
        .filter(|r| !r.trim().is_empty() && !small.contains(r))
        .collect()
}

/// Nothing is cut off at the bottom at 80x24: every row a taller window
/// shows (same width, so the same wrapping) is on the 80x24 screen too.
/// A paragraph that grows past the body is clipped without a sound; this
/// catches it on every screen, in both languages.
#[test]
fn every_screen_fits_80x24_without_losing_a_row() {
    let mut cut = Vec::new();
    for lang in [Lang::Ja, Lang::En] {
        for at in positions() {
            let app = app_at(at, lang);
            for row in rows_lost_at_80x24(&app) {
                cut.push(format!("{} ({lang:?}): {row}", app.screen_code()));
            }
        }
    }
    assert!(cut.is_empty(), "rows lost at 80x24:\n{}", cut.join("\n"));
}

/// The chapters' titles as the help page words them: 1章 on 1-1, 2章 on
/// 2-1 (the screens a chapter starts on), 3章 in 3-1's help (F1), which
/// starts Chapter 3 (its screen keeps its rows for the user check).
#[test]
fn the_chapters_are_named_as_the_help_page_names_them() {
    let help = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/HELP-PAGE.ja.txt"),
    )
    .ok();
    for (n, title) in [
        (1, "電子証明書の発行手続きを行う"),
        (2, "発行された電子証明書をダウンロードする"),
        (3, "ダウンロードした電子証明書を設定する"),
    ] {
        // The help page itself, where this checkout has it beside it.
        if let Some(h) = &help {
            assert!(h.contains(&format!("{n}章.{title}")), "{n}章 {title}");
        }
        let shown = match n {
            1 => rows_at(&app_at(Position::Apply(ApplyStep::Intro), Lang::Ja), 24).concat(),
            2 => rows_at(
                &app_at(Position::Download(DownloadStep::Intro), Lang::Ja),
                24,
            )
            .concat(),
            _ => oqscert::i18n::t(Lang::Ja, "install.help_owner").to_string(),
        };
        let shown: String = shown.split_whitespace().collect();
        assert!(shown.contains(&format!("{n}章「{title}」")), "{n}: {shown}");
    }
}

/// No screen tells a receptionist to type a command (「oqscert store
/// cleanup」): what the wizard offers is a key on the screen. The
/// program's own name in a sentence (「oqscert を起動し」) is fine.
#[test]
fn no_screen_prints_a_command_line() {
    let mut found = Vec::new();
    for lang in [Lang::Ja, Lang::En] {
        for at in positions() {
            let app = app_at(at, lang);
            let text = rows_at(&app, 60).join("\n");
            for (i, _) in text.match_indices("oqscert ") {
                let next: String = text[i + 8..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase())
                    .collect();
                let verbs = [
                    "store", "status", "report", "secret", "pfx", "net", "code", "profile",
                    "monitor", "fleet", "selftest", "backup",
                ];
                if verbs.contains(&next.as_str()) {
                    found.push(format!("{} ({lang:?}): oqscert {next}", app.screen_code()));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
