use super::*;
use proptest::prelude::*;

#[test]
fn mhlw_worked_example() {
    // prefecture 34, 点数表 1, 郡市区 07, number 1236 -> sum 28 -> 2
    assert_eq!(luhn_check_digit(&[3, 4, 1, 0, 7, 1, 2, 3, 6]), 2);
    let c = InstitutionCode::parse("3410712362").unwrap();
    assert_eq!(c.check().rule, Some(Rule::NineDigit));
    assert_eq!(c.code7(), "0712362");
    assert_eq!(c.prefecture().name_ja, "広島県");
    assert_eq!(c.table().name_ja, "医科");
}

#[test]
fn public_vectors() {
    let c = InstitutionCode::parse("0110113719").unwrap();
    assert_eq!(c.check().rule, Some(Rule::NineDigit));
    let tokyo = InstitutionCode::parse("1310110049").unwrap();
    let out = tokyo.check();
    assert_eq!(out.rule, Some(Rule::SixDigit));
    assert!(out.rule_is_usual);
    assert_eq!(out.expected_six, 9);
    assert_eq!(out.expected_nine, 2);
}

#[test]
fn mismatch_reports_both_expected_digits() {
    let c = InstitutionCode::parse("3410712365").unwrap();
    let out = c.check();
    assert!(!out.is_valid());
    assert_eq!(out.given, 5);
    assert_eq!(out.expected_nine, 2);
    assert_eq!(out.expected_six, luhn_check_digit(&[0, 7, 1, 2, 3, 6]));
}

#[test]
fn normalises_what_people_type() {
    for input in [
        "０１１０１１３７１９",
        "01-1-0113719",
        " 01 1 011 3719 ",
        "０１ー１ー０１１３７１９",
        "01\u{3000}1\u{3000}0113719",
        "01－1－0113719",
    ] {
        let c = InstitutionCode::parse(input).unwrap();
        assert_eq!(c.as_ten(), "0110113719", "{input}");
    }
}

#[test]
fn from_parts_matches_ten_digit_form() {
    let a = InstitutionCode::from_parts("34", "1", "０７１２３６２").unwrap();
    assert_eq!(a.as_ten(), "3410712362");
    let b = InstitutionCode::from_parts("1", "1", "0113719").unwrap();
    assert_eq!(b.as_ten(), "0110113719");
}

#[test]
fn malformed_input_is_named() {
    assert_eq!(InstitutionCode::parse(""), Err(CodeError::Empty));
    assert_eq!(InstitutionCode::parse(" - "), Err(CodeError::Empty));
    assert_eq!(
        InstitutionCode::parse("341071236"),
        Err(CodeError::WrongLength {
            expected: 10,
            got: 9
        })
    );
    assert_eq!(
        InstitutionCode::parse("34107a2362"),
        Err(CodeError::NotDigit { ch: 'a', pos: 6 })
    );
    assert_eq!(
        InstitutionCode::parse("4810712362"),
        Err(CodeError::UnknownPrefecture("48".into()))
    );
    assert_eq!(
        InstitutionCode::parse("0010712362"),
        Err(CodeError::UnknownPrefecture("00".into()))
    );
    assert_eq!(
        InstitutionCode::parse("3420712362"),
        Err(CodeError::UnknownTable("2".into()))
    );
    assert_eq!(
        InstitutionCode::from_parts("34", "1", "071236"),
        Err(CodeError::WrongLength {
            expected: 7,
            got: 6
        })
    );
}

/// Digit values as text.
fn text_of(d: &[u8]) -> String {
    d.iter().map(|x| char::from(b'0' + x)).collect()
}

fn known_prefix() -> impl Strategy<Value = (u8, u8)> {
    (1u8..=47, prop::sample::select(vec![1u8, 3, 4, 6]))
}

proptest! {
    #[test]
    fn any_payload_with_its_prefectures_digit_validates_as_usual(
        (pref, table) in known_prefix(),
        rest in prop::array::uniform6(0u8..10),
    ) {
        let mut d = vec![pref / 10, pref % 10, table];
        d.extend_from_slice(&rest);
        let six_rule = (11..=14).contains(&pref);
        let check = if six_rule { luhn_check_digit(&d[3..9]) } else { luhn_check_digit(&d) };
        d.push(check);
        let c = InstitutionCode::parse(&text_of(&d)).unwrap();
        let out = c.check();
        let usual = if six_rule { Rule::SixDigit } else { Rule::NineDigit };
        prop_assert_eq!(c.usual_rule(), usual);
        prop_assert_eq!(out.rule, Some(usual));
        prop_assert!(out.rule_is_usual);
        prop_assert_eq!(out.note_key(), None);
    }

    #[test]
    fn the_other_rules_digit_is_accepted_with_a_note(
        (pref, table) in known_prefix(),
        rest in prop::array::uniform6(0u8..10),
    ) {
        let mut d = vec![pref / 10, pref % 10, table];
        d.extend_from_slice(&rest);
        let six_rule = (11..=14).contains(&pref);
        let (usual, other) = (luhn_check_digit(&d[3..9]), luhn_check_digit(&d));
        let (usual, other) = if six_rule { (usual, other) } else { (other, usual) };
        prop_assume!(usual != other);
        d.push(other);
        let out = InstitutionCode::parse(&text_of(&d)).unwrap().check();
        prop_assert!(out.is_valid());
        prop_assert!(!out.rule_is_usual);
        prop_assert_eq!(out.note_key(), Some("code.other_rule_note"));
    }

    #[test]
    fn any_single_digit_change_breaks_the_nine_digit_rule(
        (pref, table) in known_prefix(),
        rest in prop::array::uniform6(0u8..10),
        pos in 0usize..10,
        delta in 1u8..10,
    ) {
        let mut d = vec![pref / 10, pref % 10, table];
        d.extend_from_slice(&rest);
        d.push(luhn_check_digit(&d));
        d[pos] = (d[pos] + delta) % 10;
        let nine = luhn_check_digit(&d[0..9]);
        prop_assert_ne!(nine, d[9]);
    }

    #[test]
    fn normalisation_never_panics(s in "\\PC{0,20}") {
        let _ = InstitutionCode::parse(&s);
        let _ = normalize_digits(&s);
    }

    #[test]
    fn full_width_equals_half_width(digits in "[0-9]{1,12}") {
        let wide: String = digits.chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap()).collect();
        prop_assert_eq!(normalize_digits(&wide).unwrap(), digits);
    }
}

/// The real codes we have (the MHLW worked example and public examples),
/// by prefecture: 34 広島 and 01 北海道 use the nine-digit rule, 13 東京
/// the six-digit one. The rest are synthetic (check digit computed here),
/// marked so: we do not invent real clinics.
#[test]
fn table_of_codes_by_prefecture_rule() {
    let real = [
        ("3410712362", Rule::NineDigit),
        ("0110113719", Rule::NineDigit),
        ("1310110049", Rule::SixDigit),
    ];
    for (code, rule) in real {
        let out = InstitutionCode::parse(code).unwrap().check();
        assert_eq!(out.rule, Some(rule), "{code}");
        assert!(out.rule_is_usual, "{code}");
        assert_eq!(out.note_key(), None, "{code}");
    }
    // Synthetic: 11 埼玉, 12 千葉, 14 神奈川 with the six-digit digit;
    // 27 大阪 with the nine-digit one.
    for (pref, usual) in [
        ("11", Rule::SixDigit),
        ("12", Rule::SixDigit),
        ("14", Rule::SixDigit),
        ("27", Rule::NineDigit),
    ] {
        let payload = format!("{pref}1012345");
        let d: Vec<u8> = payload.bytes().map(|b| b - b'0').collect();
        let check = match usual {
            Rule::SixDigit => luhn_check_digit(&d[3..9]),
            Rule::NineDigit => luhn_check_digit(&d),
        };
        let out = InstitutionCode::parse(&format!("{payload}{check}"))
            .unwrap()
            .check();
        assert_eq!(out.rule, Some(usual), "{pref}");
        assert!(out.rule_is_usual, "{pref}");
    }
    // The Tokyo code with its nine-digit digit instead (2): accepted,
    // with the note to compare it with the 保険医療機関届.
    let out = InstitutionCode::parse("1310110042").unwrap().check();
    assert_eq!(out.rule, Some(Rule::NineDigit));
    assert!(!out.rule_is_usual);
    assert_eq!(out.note_key(), Some("code.other_rule_note"));
    // Neither rule: refused as before.
    let out = InstitutionCode::parse("3410712365").unwrap().check();
    assert!(!out.is_valid() && !out.rule_is_usual);
    assert_eq!(out.note_key(), Some("code.mismatch_hint"));
}

/// The fixed set the typo measurement runs over: the three real codes,
/// then synthetic ones (payload from a fixed formula, check digit by the
/// prefecture's rule) for every prefecture and 点数表. docs/ACCURACY.md
/// quotes the figures `typo_measurement` prints.
fn measurement_set() -> Vec<String> {
    let mut out: Vec<String> = ["3410712362", "0110113719", "1310110049"]
        .into_iter()
        .map(String::from)
        .collect();
    for pref in 1u32..=47 {
        for table in [1u32, 3, 4, 6] {
            let payload = (pref * 7919 + table * 104_729) % 1_000_000;
            let nine = format!("{pref:02}{table}{payload:06}");
            let d: Vec<u8> = nine.bytes().map(|b| b - b'0').collect();
            let check = if (11..=14).contains(&pref) {
                luhn_check_digit(&d[3..9])
            } else {
                luhn_check_digit(&d)
            };
            out.push(format!("{nine}{check}"));
        }
    }
    out
}

/// Counts over every single-digit substitution (each position, each of
/// the nine wrong digits).
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    typos: usize,
    /// Accepted with no note (the usual rule matched).
    silent: usize,
    /// Accepted with the note (only the other rule matched).
    noted: usize,
    /// Accepted by the old rule (either rule, never a note).
    silent_before: usize,
}

fn tally(codes: &[String], positions: std::ops::Range<usize>) -> Tally {
    let mut t = Tally::default();
    for code in codes {
        let digits: Vec<u8> = code.bytes().map(|b| b - b'0').collect();
        for pos in positions.clone() {
            for delta in 1..10u8 {
                let mut d = digits.clone();
                d[pos] = (d[pos] + delta) % 10;
                t.typos += 1;
                // An unknown prefecture or 点数表 is refused outright.
                let Ok(c) = InstitutionCode::parse(&text_of(&d)) else {
                    continue;
                };
                let out = c.check();
                match (out.rule, out.rule_is_usual) {
                    (Some(_), true) => t.silent += 1,
                    (Some(_), false) => t.noted += 1,
                    (None, _) => {}
                }
                if out.is_valid() {
                    t.silent_before += 1;
                }
            }
        }
    }
    t
}

/// `cargo test --lib typo_measurement -- --nocapture` prints the figures
/// in docs/ACCURACY.md.
#[test]
fn typo_measurement() {
    let codes = measurement_set();
    let accepted = codes
        .iter()
        .filter(|c| {
            let out = InstitutionCode::parse(c).unwrap().check();
            out.is_valid() && out.rule_is_usual
        })
        .count();
    assert_eq!(
        accepted,
        codes.len(),
        "every code of the set passes as usual"
    );
    // The seven digits typed into the form (郡市区番号, 医療機関番号,
    // 検証番号): both rules cover them, so the usual rule catches every
    // substitution there.
    let typed = tally(&codes, 3..10);
    // All ten digits, as `code check` takes them: the six-digit rule does
    // not cover the prefecture and 点数表 digits, so 13 -> 11/12/14 or
    // 点数表 1 -> 3/4/6 in 11-14 pass unnoticed by any check digit.
    let all = tally(&codes, 0..10);
    let pct = |n: usize, of: usize| 100.0 * n as f64 / of as f64;
    for (name, t) in [("typed 7 digits", &typed), ("all 10 digits", &all)] {
        println!(
            "{name}: {} typos; before: {} accepted silently ({:.2} %); now: {} silently ({:.2} %), {} with the note ({:.2} %)",
            t.typos,
            t.silent_before,
            pct(t.silent_before, t.typos),
            t.silent,
            pct(t.silent, t.typos),
            t.noted,
            pct(t.noted, t.typos),
        );
    }
    println!(
        "codes: {} (3 real), all accepted without a note",
        codes.len()
    );
    assert!(pct(typed.silent, typed.typos) <= 0.5, "{typed:?}");
    // Over ten digits the only silent typos are in the prefecture and
    // 点数表 digits, which no check digit of the six-digit rule covers.
    let outside = tally(&codes, 0..3);
    assert_eq!(all.silent, outside.silent, "{all:?} {outside:?}");
    // The figures docs/ACCURACY.md quotes; update both together.
    let quoted = [
        Tally {
            typos: 12_033,
            silent: 0,
            noted: 1_204,
            silent_before: 1_204,
        },
        Tally {
            typos: 17_190,
            silent: 141,
            noted: 1_607,
            silent_before: 1_748,
        },
    ];
    assert_eq!([typed, all], quoted, "update docs/ACCURACY.md");
}
