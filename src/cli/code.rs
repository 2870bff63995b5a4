//! `oqscert code check`.

use super::{Globals, print_rows};
use crate::cert::error::CodeError;
use crate::cert::institution::{InstitutionCode, Rule, normalize_digits};
use crate::cert::{Error, ExitStatus};
use crate::i18n::{Lang, t, tf};
use clap::ArgMatches;

pub fn check(g: &Globals, m: &ArgMatches) -> Result<ExitStatus, Error> {
    let raw = m
        .get_one::<String>("code")
        .map(String::as_str)
        .unwrap_or("");
    let pref = m.get_one::<String>("prefecture");
    let table = m.get_one::<String>("table");
    let code = match (pref, table) {
        (Some(p), Some(tb)) => InstitutionCode::from_parts(p, tb, raw)?,
        (None, None) => {
            let digits = normalize_digits(raw)?;
            if digits.len() == 7 {
                return Err(Error::Usage(t(g.lang, "cli.code7_needs_parts").into()));
            }
            if digits.len() != 10 {
                return Err(CodeError::WrongLength {
                    expected: 10,
                    got: digits.len(),
                }
                .into());
            }
            InstitutionCode::parse(&digits)?
        }
        _ => return Err(Error::Usage(t(g.lang, "cli.parts_need_both").into())),
    };
    let out = code.check();
    let pref = code.prefecture();
    let tab = code.table();
    let (pref_name, tab_name) = match g.lang {
        Lang::Ja => (&pref.name_ja, &tab.name_ja),
        Lang::En => (&pref.name_en, &tab.name_en),
    };
    if g.json {
        use super::json;
        json::print(&json::CodeCheck {
            code10: code.as_ten(),
            code7: code.code7(),
            prefecture: json::CodePrefecture::new(pref, pref_name),
            table: json::CodeTable::new(tab, tab_name),
            check_digit: out.given,
            valid: out.is_valid(),
            rule: out.rule,
            rule_is_usual: out.rule_is_usual,
            expected_nine: out.expected_nine,
            expected_six: out.expected_six,
        });
    } else {
        let lang = g.lang;
        let verdict = match out.rule {
            Some(Rule::NineDigit) => t(lang, "code.ok_nine").to_string(),
            Some(Rule::SixDigit) => t(lang, "code.ok_six").to_string(),
            None => tf(
                lang,
                "code.mismatch",
                &[
                    ("given", &out.given),
                    ("nine", &out.expected_nine),
                    ("six", &out.expected_six),
                ],
            ),
        };
        let mut table_line = format!("{} {}", tab.code, tab_name);
        if !tab.confirmed {
            table_line.push(' ');
            table_line.push_str(t(lang, "code.table_unconfirmed"));
        }
        print_rows(&[
            (t(lang, "code.ten_digits").into(), code.as_ten()),
            (t(lang, "code.form_code").into(), code.code7()),
            (
                t(lang, "code.prefecture").into(),
                format!("{} {}", pref.code, pref_name),
            ),
            (t(lang, "code.table").into(), table_line),
            (t(lang, "code.check_digit").into(), verdict),
        ]);
        // Matched only the other rule, or neither: say what to do.
        if let Some(key) = out.note_key() {
            println!();
            println!("{}", t(lang, key));
        }
    }
    Ok(if out.is_valid() {
        ExitStatus::Ok
    } else {
        ExitStatus::Invalid
    })
}
