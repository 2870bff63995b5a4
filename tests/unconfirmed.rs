//! Facts the help page does not state (assets/codes.toml `[facts]`) may be
//! shown only as a guide: every sentence that shows one also carries a mark
//! (「目安」, 「ポータルサイトで確かめてください」, "a guide", …), in both
//! languages. Add a row here whenever a sentence starts showing such a fact.

use oqscert::i18n::{Lang, t};

/// (locale key, fact in `[facts]`, (ja value, ja mark), (en value, en mark)).
type Row = (
    &'static str,
    &'static str,
    (&'static str, &'static str),
    (&'static str, &'static str),
);

const ROWS: &[Row] = &[
    // How to check that OQS / online billing connects.
    (
        "install.connect_how",
        "connection_check",
        ("ログインできるか", "目安"),
        ("can sign in", "a guide"),
    ),
    // Portal user ID = the registered e-mail address.
    (
        "apply.p2",
        "user_id_is_email",
        ("メールアドレス", "目安"),
        ("e-mail address", "a guide"),
    ),
    // Validity 3 years 3 months.
    (
        "precheck.q_expired_note",
        "validity",
        ("3年3か月", "目安"),
        ("3 years 3 months", "a guide"),
    ),
    // 「開設者の変更や移転など」.
    (
        "precheck.q_code_changed_note",
        "code_change_examples",
        ("開設者の変更や移転", "目安"),
        ("change of owner or a move", "a guide"),
    ),
    // ¥1,500 and one certificate per terminal and per code.
    (
        "precheck.needed_next",
        "fee",
        ("1,500円", "目安"),
        ("1,500 yen", "a guide"),
    ),
    (
        "precheck.needed_next",
        "one_per_terminal_and_code",
        ("2枚", "ポータルサイトで確かめてください"),
        (
            "two for a medical and a dental code",
            "Check the fee and the number on the portal",
        ),
    ),
    // Renewal from 90 days before, ¥1,500.
    (
        "precheck.renewal",
        "renewal_window",
        ("90日前", "目安"),
        ("90 days", "a guide"),
    ),
    (
        "precheck.renewal",
        "fee",
        ("1,500円", "ポータルサイトで確かめてください"),
        ("1,500 yen", "check on the portal"),
    ),
    (
        "health.renewal_open",
        "renewal_window",
        ("{date}ごろから", "目安"),
        ("{date}", "a guide"),
    ),
    (
        "health.renewal_later",
        "renewal_window",
        ("{date}ごろから", "目安"),
        ("{date}", "a guide"),
    ),
    // Reminders at 90/60/30/15/7 days.
    (
        "health.alert_expiring",
        "renewal_alerts",
        ("{threshold}日前のお知らせ", "目安"),
        ("{threshold}-day notice", "a guide"),
    ),
    // The 180-day download deadline and the new application it drives.
    (
        "home.deadline",
        "download_deadline",
        ("180日", "目安"),
        ("180 days", "a guide"),
    ),
    (
        "apply.help_done",
        "download_deadline",
        ("180日", "目安"),
        ("180 days", "a guide"),
    ),
    (
        "health.alert_deadline_soon",
        "download_deadline",
        ("期限", "目安"),
        ("deadline", "a guide"),
    ),
    (
        "health.alert_deadline_passed",
        "download_deadline",
        ("180日", "目安"),
        ("180 days", "a guide"),
    ),
    // The Windows account OQSComApp.
    (
        "install.help_owner",
        "oqs_account",
        ("OQSComApp", "目安"),
        ("OQSComApp", "a guide"),
    ),
    (
        "store.wrong_user",
        "oqs_account",
        ("{oqs}", "目安"),
        ("{oqs}", "a guide"),
    ),
    (
        "install.how_to_switch",
        "oqs_account",
        ("{oqs}", "目安"),
        ("{oqs}", "a guide"),
    ),
    // The CRL host.
    (
        "download.net_next_crl",
        "crl_host",
        ("失効情報のサイト", "目安"),
        ("revocation site", "a guide"),
    ),
    // The 6-digit rule's prefectures.
    (
        "code.ok_six",
        "six_digit_rule",
        ("東京・神奈川・埼玉・千葉", "目安"),
        ("Tokyo, Kanagawa, Saitama and Chiba", "a guide"),
    ),
];

#[test]
fn every_unconfirmed_fact_is_shown_as_a_guide() {
    let codes = oqscert::cert::codes::codes();
    for &(key, fact, ja, en) in ROWS {
        assert!(
            codes.facts.contains_key(fact),
            "{key}: [facts.{fact}] is not in codes.toml"
        );
        assert!(
            !codes.confirmed(fact),
            "{fact} is now confirmed: drop the row"
        );
        for (lang, (value, mark)) in [(Lang::Ja, ja), (Lang::En, en)] {
            let text = t(lang, key);
            assert_ne!(text, key, "{key} is missing");
            assert!(
                text.contains(value),
                "{lang:?} {key} no longer shows {value}: {text}"
            );
            assert!(
                text.contains(mark),
                "{lang:?} {key} shows {value} without {mark}: {text}"
            );
        }
    }
}

/// Sentences that once stated these facts must not come back without a mark:
/// no sentence says the notice comes by e-mail or names the mail domain.
#[test]
fn no_sentence_says_the_notice_comes_by_e_mail() {
    for lang in [Lang::Ja, Lang::En] {
        for key in [
            "apply.contact_note",
            "apply.done_body",
            "download.intro2",
            "home.mail_expected",
        ] {
            let text = t(lang, key);
            assert!(!text.contains("ssk.or.jp"), "{lang:?} {key}: {text}");
        }
    }
    assert!(t(Lang::Ja, "apply.contact_note").contains("メールではなく"));
    assert!(t(Lang::Ja, "apply.done_body").contains("簡易書留"));
}
