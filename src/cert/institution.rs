//! 医療機関コード: normalisation, parsing and the check digit (検証番号).
//!
//! 10-digit form: 都道府県番号 (2) + 点数表番号 (1) + 郡市区番号 (2) +
//! 医療機関番号 (4) + 検証番号 (1). The portal form takes the last seven.
//! The check digit is Luhn over the nine digits before it (MHLW notice);
//! codes in 埼玉・千葉・東京・神奈川 (and a few elsewhere) use Luhn over the
//! last six (郡市区番号 + 医療機関番号) instead. A code is judged by its
//! prefecture's usual rule (`six_digit_rule` in codes.toml); one that
//! matches only the other rule is accepted with a note (a few real codes
//! do), because accepting either rule silently lets about one typo in ten
//! through. A code passing neither is reported with the digit each rule
//! expects, as a warning, never a hard block: a wrongly rejected real
//! clinic is worse.

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
    /// The rule that matched, if any (the prefecture's usual one preferred
    /// when both do).
    pub rule: Option<Rule>,
    /// The matching rule is the one the prefecture usually uses; false when
    /// only the other rule matched, or none did.
    pub rule_is_usual: bool,
}

impl CheckOutcome {
    pub fn is_valid(&self) -> bool {
        self.rule.is_some()
    }

    /// The locale key of the sentence to show beside the code, if any:
    /// matched only the other rule (compare with the 保険医療機関届), or
    /// matched neither (check the code again; the expected digits are in
    /// `code.mismatch`). `None` when the usual rule matched.
    pub fn note_key(&self) -> Option<&'static str> {
        match (self.rule, self.rule_is_usual) {
            (Some(_), true) => None,
            (Some(_), false) => Some("code.other_rule_note"),
            (None, _) => Some("code.mismatch_hint"),
        }
    }
}

/// The rule a prefecture's codes usually follow (`six_digit_rule` in
/// codes.toml: 埼玉・千葉・東京・神奈川).
pub fn usual_rule(prefecture: &Prefecture) -> Rule {
    if prefecture.six_digit_rule {
        Rule::SixDigit
    } else {
        Rule::NineDigit
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

    /// The rule this code's prefecture usually uses.
    pub fn usual_rule(&self) -> Rule {
        usual_rule(self.prefecture)
    }

    /// Judge the 検証番号: by the prefecture's usual rule first, then by
    /// the other one (accepted, with a note).
    pub fn check(&self) -> CheckOutcome {
        let expected_nine = luhn_check_digit(&self.digits[0..9]);
        let expected_six = luhn_check_digit(&self.digits[3..9]);
        let given = self.digits[9];
        let expected = |r: Rule| match r {
            Rule::NineDigit => expected_nine,
            Rule::SixDigit => expected_six,
        };
        let usual = self.usual_rule();
        let other = match usual {
            Rule::NineDigit => Rule::SixDigit,
            Rule::SixDigit => Rule::NineDigit,
        };
        let rule = if given == expected(usual) {
            Some(usual)
        } else if given == expected(other) {
            Some(other)
        } else {
            None
        };
        CheckOutcome {
            given,
            expected_nine,
            expected_six,
            rule,
            rule_is_usual: rule == Some(usual),
        }
    }
}

#[cfg(test)]
mod tests;
