//! 医療機関コード: normalisation, parsing and the check digit (検証番号).
//!
//! 10-digit form: 都道府県番号 (2) + 点数表番号 (1) + 郡市区番号 (2) +
//! 医療機関番号 (4) + 検証番号 (1). The portal form takes the last seven.
//! The check digit is Luhn over the nine digits before it (MHLW notice);
//! codes in 埼玉・千葉・東京・神奈川 (and a few elsewhere) use Luhn over the
//! last six (郡市区番号 + 医療機関番号) instead. Either rule is accepted; a
//! code passing neither is reported with the digit each rule expects, as a
//! warning, never a hard block: a wrongly rejected real clinic is worse.

use super::codes::{Codes, Prefecture, Table, codes};
use super::error::CodeError;
use serde::Serialize;

/// Turn what a user typed (full-width digits from the IME, hyphens, spaces)
/// into ASCII digits. Any other character is an error naming it.
pub fn normalize_digits(input: &str) -> Result<String, CodeError> {
    let mut out = String::with_capacity(input.len());
    for (pos, ch) in input.trim().chars().enumerate() {
        match ch {
            '0'..='9' => out.push(ch),
            // Full-width digits ０-９ (U+FF10..U+FF19).
            '\u{FF10}'..='\u{FF19}' => {
                out.push(char::from(b'0' + (ch as u32 - 0xFF10) as u8));
            }
            // Separators people type: spaces (ASCII, ideographic), hyphens
            // and dashes of every width, and the long-vowel mark that the
            // IME often produces for "-".
            ' ' | '\t' | '\u{3000}' | '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}'
            | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{FF0D}' | '\u{30FC}' | '\u{FF70}' => {}
            _ => return Err(CodeError::NotDigit { ch, pos: pos + 1 }),
        }
    }
    if out.is_empty() {
        return Err(CodeError::Empty);
    }
    Ok(out)
}

/// Luhn check digit over `digits` (ASCII digit values 0..=9): from the
/// rightmost leftwards multiply by 2, 1, 2, ...; add the digits of each
/// product; check = (10 - sum mod 10) mod 10.
pub fn luhn_check_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let p = u32::from(d) * if i % 2 == 0 { 2 } else { 1 };
            p / 10 + p % 10
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Which rule the check digit satisfied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Luhn over the nine digits before it (the MHLW notice's rule).
    NineDigit,
    /// Luhn over 郡市区番号 + 医療機関番号 only.
    SixDigit,
}

/// A syntactically valid 10-digit institution code (check digit not yet
/// judged: see [`InstitutionCode::check`]).
#[derive(Debug, Clone, Copy)]
pub struct InstitutionCode {
    digits: [u8; 10],
    prefecture: &'static Prefecture,
    table: &'static Table,
}

impl PartialEq for InstitutionCode {
    fn eq(&self, other: &Self) -> bool {
        self.digits == other.digits
    }
}
impl Eq for InstitutionCode {}

/// The outcome of checking the 検証番号.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CheckOutcome {
    /// The digit as given.
    pub given: u8,
    /// What the nine-digit rule expects.
    pub expected_nine: u8,
    /// What the six-digit rule expects.
    pub expected_six: u8,
    /// The rule that matched, if any (nine-digit preferred when both do).
    pub rule: Option<Rule>,
}

impl CheckOutcome {
    pub fn is_valid(&self) -> bool {
        self.rule.is_some()
    }
}

impl InstitutionCode {
    /// Parse the 10-digit form (都道府県2 + 点数表1 + 7 digits), normalising
    /// full-width digits, hyphens and spaces first.
    pub fn parse(input: &str) -> Result<Self, CodeError> {
        let d = normalize_digits(input)?;
        if d.len() != 10 {
            return Err(CodeError::WrongLength {
                expected: 10,
                got: d.len(),
            });
        }
        Self::from_ascii(&d, codes())
    }

    /// Parse from the parts the portal form uses: prefecture (1–2 digits),
    /// 点数表 (1 digit) and the 7-digit code.
    pub fn from_parts(prefecture: &str, table: &str, code7: &str) -> Result<Self, CodeError> {
        let mut p = normalize_digits(prefecture)?;
        if p.len() == 1 {
            p.insert(0, '0');
        }
        if p.len() != 2 {
            return Err(CodeError::UnknownPrefecture(p));
        }
        let t = normalize_digits(table)?;
        if t.len() != 1 {
            return Err(CodeError::UnknownTable(t));
        }
        let c = normalize_digits(code7)?;
        if c.len() != 7 {
            return Err(CodeError::WrongLength {
                expected: 7,
                got: c.len(),
            });
        }
        Self::from_ascii(&format!("{p}{t}{c}"), codes())
    }

    fn from_ascii(d: &str, codes: &'static Codes) -> Result<Self, CodeError> {
        let mut digits = [0u8; 10];
        for (slot, b) in digits.iter_mut().zip(d.bytes()) {
            *slot = b - b'0';
        }
        let prefecture = codes
            .prefecture(&d[0..2])
            .ok_or_else(|| CodeError::UnknownPrefecture(d[0..2].to_string()))?;
        let table = codes
            .table(&d[2..3])
            .ok_or_else(|| CodeError::UnknownTable(d[2..3].to_string()))?;
        Ok(Self {
            digits,
            prefecture,
            table,
        })
    }

    /// All ten digits as text.
    pub fn as_ten(&self) -> String {
        self.digits.iter().map(|d| char::from(b'0' + d)).collect()
    }

    /// The seven digits the portal form's 医療機関コード field takes.
    pub fn code7(&self) -> String {
        self.as_ten()[3..].to_string()
    }

    pub fn prefecture_code(&self) -> String {
        self.as_ten()[0..2].to_string()
    }

    pub fn table_code(&self) -> String {
        self.as_ten()[2..3].to_string()
    }

    pub fn prefecture(&self) -> &'static Prefecture {
        self.prefecture
    }

    pub fn table(&self) -> &'static Table {
        self.table
    }

    /// Judge the 検証番号 by both rules.
    pub fn check(&self) -> CheckOutcome {
        let expected_nine = luhn_check_digit(&self.digits[0..9]);
        let expected_six = luhn_check_digit(&self.digits[3..9]);
        let given = self.digits[9];
        let rule = if given == expected_nine {
            Some(Rule::NineDigit)
        } else if given == expected_six {
            Some(Rule::SixDigit)
        } else {
            None
        };
        CheckOutcome {
            given,
            expected_nine,
            expected_six,
            rule,
        }
    }
}

#[cfg(test)]
mod tests {
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

    fn known_prefix() -> impl Strategy<Value = (u8, u8)> {
        (1u8..=47, prop::sample::select(vec![1u8, 3, 4, 6]))
    }

    proptest! {
        #[test]
        fn any_payload_with_its_digit_validates(
            (pref, table) in known_prefix(),
            rest in prop::array::uniform6(0u8..10),
        ) {
            let mut d = vec![pref / 10, pref % 10, table];
            d.extend_from_slice(&rest);
            let check = luhn_check_digit(&d);
            let text: String = d.iter().chain(std::iter::once(&check)).map(|x| char::from(b'0' + x)).collect();
            let c = InstitutionCode::parse(&text).unwrap();
            prop_assert_eq!(c.check().rule, Some(Rule::NineDigit));
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
}
