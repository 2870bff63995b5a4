use super::*;
use ratatui::style::{Color, Style};
use unicode_width::UnicodeWidthStr;

fn first_char(s: &str) -> Option<char> {
    s.trim_start().chars().next()
}

#[test]
fn japanese_breaks_between_characters_never_before_closing_marks() {
    let text = "次の古い証明書が残っています。残っているとオンライン資格確認に接続できないことがあります。";
    for width in [20, 30, 40, 51, 60, 76] {
        let lines = wrap_text(text, width);
        assert!(lines.len() > 1 || text.width() <= width);
        for l in &lines {
            assert!(l.width() <= width, "{width}: {l}");
            let c = first_char(l).unwrap();
            assert!(
                !NO_START.contains(c),
                "{width}: line starts with {c}: {lines:?}"
            );
        }
        assert_eq!(lines.concat(), text);
    }
}

#[test]
fn quoted_labels_and_key_names_stay_whole() {
    let text = "このパソコンのユーザーが「OQSComApp」でないときは、[Enter] を押して「1. 申請」へ進んでください。";
    // From the widest label (「OQSComApp」, 13 cells) up.
    for width in 14..60 {
        let lines = wrap_text(text, width);
        for l in &lines {
            assert!(l.width() <= width, "{width}: {l}");
            // A label is never split across two lines.
            let opens = l.matches('「').count();
            let closes = l.matches('」').count();
            assert_eq!(opens, closes, "{width}: {lines:?}");
            assert_eq!(
                l.matches('[').count(),
                l.matches(']').count(),
                "{width}: {lines:?}"
            );
        }
    }
}

#[test]
fn ascii_words_are_not_split() {
    let text = "Open the certificate site in Microsoft Edge and download the file.";
    let lines = wrap_text(text, 20);
    for l in &lines {
        assert!(l.width() <= 20, "{l}");
        assert!(!l.starts_with(' ') && !l.ends_with(' '), "{l:?}");
    }
    let words: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
    assert_eq!(words.join(" "), text);
}

#[test]
fn wrapped_lines_keep_their_indent_and_list_mark() {
    let lines = wrap_text(
        "  - 証明書を取り込んだあと、個人ストアにあることを確かめます。",
        24,
    );
    assert!(lines.len() > 1);
    for l in &lines[1..] {
        assert!(
            l.starts_with("    ") && !l.starts_with("     "),
            "{lines:?}"
        );
    }
}

#[test]
fn styles_survive_wrapping() {
    let red = Style::default().fg(Color::Red);
    let line = Line::from(vec![
        Span::raw("注意："),
        Span::styled(
            "この証明書は期限が切れています。新しい証明書を申請してください。",
            red,
        ),
    ]);
    let out = wrap(vec![line], 20);
    assert!(out.len() > 1);
    assert_eq!(out[0].spans[0].content, "注意：");
    assert!(
        out[1..]
            .iter()
            .all(|l| l.spans.iter().all(|s| s.style == red))
    );
}

#[test]
fn explicit_newlines_break() {
    let out = wrap(vec![Line::from(vec![Span::raw("一行目\n二行目")])], 40);
    let texts: Vec<String> = out
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    assert_eq!(texts, vec!["一行目", "二行目"]);
}

#[test]
fn short_lines_are_left_alone() {
    assert_eq!(wrap_text("  短い行  ", 40), vec!["  短い行  "]);
}

proptest::proptest! {
    #[test]
    fn never_too_wide_and_nothing_lost(
        text in "[あいうえおかきくけこ。、「」ー ABC1 ]{0,120}",
        width in 4usize..80,
    ) {
        let lines = wrap_text(&text, width);
        for l in &lines {
            proptest::prop_assert!(l.width() <= width, "{} > {}", l.width(), width);
        }
        let kept: String = lines.concat().chars().filter(|c| *c != ' ').collect();
        let orig: String = text.chars().filter(|c| *c != ' ').collect();
        proptest::prop_assert_eq!(kept, orig);
    }
}

/// Found by fuzz/paragraph: a lone ideographic space at width 1 cannot fit;
/// nothing is lost, and only one character (or a hanging space after it,
/// which the frame clips) is wider than the width.
#[test]
fn a_wide_space_at_width_one() {
    let lines = wrap_text("\u{3000}a\u{3000}受", 1);
    let kept: String = lines
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert_eq!(kept, "a受");
    for l in &lines {
        assert!(
            crate::wizard::components::width(l.trim_end()) <= 1
                || l.trim_end().chars().count() <= 1,
            "{l:?}"
        );
    }
}

#[test]
fn japanese_breaks_between_phrases() {
    // UAX #14 alone broke this as 「…そのパソコンはイン／ターネットに…」.
    let text = "オンライン資格確認用のパソコンから行う必要はありません。そのパソコンはインターネットに接続していないため、院内のほかのパソコンから申請してください。";
    let lines = wrap_text(text, 76);
    assert_eq!(
        lines[1].chars().take(7).collect::<String>(),
        "インターネット",
        "{lines:?}"
    );
    for pair in lines.windows(2) {
        for word in ["インターネット", "パソコン", "申請", "取り込"] {
            let joined = format!("{}{}", pair[0], pair[1]);
            if joined.contains(word) {
                assert!(
                    pair[0].contains(word) || pair[1].contains(word),
                    "{word} split: {pair:?}"
                );
            }
        }
    }
    // Words the model splits are kept whole: 「お問い／合わせ」, 「もう／一度」.
    for (text, word) in [
        (
            "困ったときは、医療機関等向け総合ポータルサイトにお問い合わせください。",
            "お問い合わせ",
        ),
        (
            "NGの項目があります。それぞれの説明に従って直し、F5でもう一度確認してください。",
            "もう一度",
        ),
    ] {
        for w in 24..text.chars().count() * 2 {
            let lines = wrap_text(text, w);
            assert!(
                lines.iter().any(|l| l.contains(word)),
                "{word} split at width {w}: {lines:?}"
            );
        }
    }
}

#[test]
fn a_phrase_longer_than_the_line_still_breaks() {
    // One phrase of 16 wide characters into 10 cells: UAX #14 inside it.
    let lines = wrap_text("医療機関等向け総合ポータルサイトに", 10);
    assert!(lines.len() >= 4, "{lines:?}");
    assert!(lines.iter().all(|l| l.width() <= 10), "{lines:?}");
    assert_eq!(lines.concat(), "医療機関等向け総合ポータルサイトに");
}

#[test]
fn a_latin_word_after_a_space_starts_a_phrase() {
    // BudouX ran 「サインインしている Windows ユーザー（…）の」 together, so
    // the only phrase break that fitted left 「いま」 alone on the first line.
    let text =
        "インストール先：いまサインインしている Windows ユーザー（「現在のユーザー」）の証明書";
    let lines = wrap_text(text, 76);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].ends_with("サインインしている"), "{lines:?}");
    assert!(lines[1].starts_with("Windows ユーザー"), "{lines:?}");
}

#[test]
fn a_key_letter_or_a_number_stays_with_its_particle() {
    for (text, whole) in [
        (
            "⑦ 「証明書発行申請情報の入力画面」にて、医療機関の情報を入力します。s キーで入力する値を表示します。",
            "s キー",
        ),
        (
            "最後の1桁（検証番号）が合いません。検証番号の計算方法が9桁なら 8、6桁なら 4 になるはずです。",
            "4 になる",
        ),
    ] {
        let lines = wrap_text(text, 76);
        assert!(lines.iter().any(|l| l.contains(whole)), "{lines:?}");
    }
}

#[test]
fn a_path_after_a_colon_starts_a_phrase() {
    let text = "証明書ファイルを記録と一緒に保存しました: /data/profiles/default/certificate.p12";
    let lines = wrap_text(text, 76);
    assert_eq!(
        lines,
        [
            "証明書ファイルを記録と一緒に保存しました:",
            "/data/profiles/default/certificate.p12"
        ]
    );
}
