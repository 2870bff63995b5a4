//! Reference data from `assets/codes.toml`, embedded at build time:
//! prefectures, 点数表, institution types and the portal form's 分類, URLs,
//! the help line. Values our sources do not confirm are marked so.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

const CODES_TOML: &str = include_str!("../../assets/codes.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Codes {
    pub schema: u32,
    pub urls: Urls,
    pub help_line: HelpLine,
    pub lifetime: Lifetime,
    pub windows: WindowsDefaults,
    pub oqs_issuers: OqsIssuers,
    /// Known OQS roots (none confirmed yet). Older files have none.
    #[serde(default)]
    pub oqs_roots: OqsRoots,
    #[serde(rename = "table")]
    pub tables: Vec<Table>,
    #[serde(rename = "institution_type")]
    pub institution_types: Vec<InstitutionType>,
    #[serde(rename = "prefecture")]
    pub prefectures: Vec<Prefecture>,
    /// Facts the help page does not state, by name (`[facts.NAME]`): the
    /// screens show each only as a guide. Older files have none.
    #[serde(default)]
    pub facts: BTreeMap<String, Fact>,
}

/// A fact from outside the help page, with where it comes from.
#[derive(Debug, Clone, Deserialize)]
pub struct Fact {
    /// What the screens say, in words (the numbers stay in their tables).
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub confirmed: bool,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Urls {
    pub portal: String,
    pub download: String,
    pub crl_host: String,
    pub mail_domain: String,
    pub typical_proxy: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct HelpLine {
    pub name_ja: String,
    pub name_en: String,
    pub phone: String,
    pub hours_ja: String,
    pub hours_en: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Lifetime {
    pub fee_yen: u32,
    pub validity_months: u32,
    pub renewal_window_days: u32,
    pub renewal_alert_days: Vec<u32>,
    pub download_deadline_days: u32,
    pub mail_expected_min_days: u32,
    pub mail_expected_max_days: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct WindowsDefaults {
    pub oqs_account: String,
}

/// Known issuers of OQS certificates (see codes.toml: none confirmed yet).
#[derive(Debug, Clone, Deserialize)]
pub struct OqsIssuers {
    pub names: Vec<String>,
    pub confirmed: bool,
    pub source: String,
}

/// Known OQS root certificates by SHA-1 thumbprint (codes.toml: empty
/// until a public source gives one).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OqsRoots {
    pub thumbprints: Vec<String>,
    pub confirmed: bool,
    #[serde(default)]
    pub source: String,
}

impl OqsRoots {
    /// Whether a root (thumbprint in any spacing or case) is a known one.
    /// A list no public source has confirmed knows nothing: an unproven
    /// thumbprint must not silence the warning before Root.
    pub fn knows(&self, thumbprint: &str) -> bool {
        if !self.confirmed {
            return false;
        }
        let t = super::pfx::normalize_thumbprint(thumbprint);
        self.thumbprints
            .iter()
            .any(|k| super::pfx::normalize_thumbprint(k) == t)
    }
}

/// 点数表番号 with its name and the portal drop-down value (if confirmed).
#[derive(Debug, Clone, Deserialize)]
pub struct Table {
    pub code: String,
    pub name_ja: String,
    pub name_en: String,
    pub form_value: String,
    pub confirmed: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InstitutionType {
    pub id: String,
    pub name_ja: String,
    pub name_en: String,
    pub table: String,
    pub bunrui: String,
    pub bunrui_confirmed: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Prefecture {
    pub code: String,
    pub name_ja: String,
    pub name_en: String,
    pub six_digit_rule: bool,
}

/// Parse reference data from TOML text (used for the embedded file and tests).
pub fn parse(text: &str) -> Result<Codes, toml::de::Error> {
    toml::from_str(text)
}

static CODES: LazyLock<Codes> = LazyLock::new(|| {
    // The file is embedded at build time and `tests::embedded_codes_parse`
    // proves it parses, so failure here is impossible in a tested build.
    #[allow(clippy::expect_used)]
    parse(CODES_TOML).expect("embedded assets/codes.toml must parse")
});

/// The embedded reference data.
pub fn codes() -> &'static Codes {
    &CODES
}

impl Codes {
    pub fn prefecture(&self, code: &str) -> Option<&Prefecture> {
        self.prefectures.iter().find(|p| p.code == code)
    }
    pub fn table(&self, code: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.code == code)
    }
    pub fn institution_type(&self, id: &str) -> Option<&InstitutionType> {
        self.institution_types.iter().find(|t| t.id == id)
    }
    /// Whether a named fact is confirmed; a fact not listed is not.
    pub fn confirmed(&self, fact: &str) -> bool {
        self.facts.get(fact).is_some_and(|f| f.confirmed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A thumbprint on the list counts only once a source confirmed it.
    #[test]
    fn an_unconfirmed_root_list_knows_no_root() {
        let mut roots = OqsRoots {
            thumbprints: vec!["AA".repeat(20)],
            confirmed: false,
            source: String::new(),
        };
        assert!(!roots.knows(&"aa".repeat(20)));
        roots.confirmed = true;
        assert!(roots.knows(&"aa ".repeat(20)));
        assert!(!roots.knows(&"AB".repeat(20)));
    }

    #[test]
    fn embedded_codes_parse() {
        let c = parse(CODES_TOML).unwrap();
        assert_eq!(c.schema, 1);
        assert_eq!(c.prefectures.len(), 47);
        for (i, p) in c.prefectures.iter().enumerate() {
            assert_eq!(p.code, format!("{:02}", i + 1), "JIS X 0401 order");
        }
        assert_eq!(c.prefecture("13").unwrap().name_ja, "東京都");
        assert_eq!(c.prefecture("47").unwrap().name_ja, "沖縄県");
        let six: Vec<_> = c
            .prefectures
            .iter()
            .filter(|p| p.six_digit_rule)
            .map(|p| p.code.as_str())
            .collect();
        assert_eq!(six, ["11", "12", "13", "14"]);
    }

    #[test]
    fn only_the_dental_values_are_confirmed() {
        let c = codes();
        let confirmed: Vec<_> = c.tables.iter().filter(|t| t.confirmed).collect();
        assert_eq!(confirmed.len(), 1);
        assert_eq!(confirmed[0].code, "3");
        assert_eq!(confirmed[0].form_value, "3:医療機関(歯科)");
        let bunrui: Vec<_> = c
            .institution_types
            .iter()
            .filter(|t| t.bunrui_confirmed)
            .collect();
        assert_eq!(bunrui.len(), 1);
        assert_eq!(bunrui[0].bunrui, "2:保険医療機関(歯科)");
        // Unconfirmed values must not be invented.
        for t in c.institution_types.iter().filter(|t| !t.bunrui_confirmed) {
            assert!(t.bunrui.is_empty(), "{} has an unconfirmed 分類", t.id);
        }
        for t in &c.institution_types {
            assert!(c.table(&t.table).is_some(), "{} names a known 点数表", t.id);
        }
    }

    #[test]
    fn urls_and_help_line_match_the_domain() {
        let c = codes();
        assert_eq!(
            c.urls.portal,
            "https://iryohokenjyoho.service-now.com/csm?id=oqs_csm_top"
        );
        assert_eq!(c.urls.download, "https://cert.obn.managedpki.ne.jp/p/rcd");
        assert_eq!(c.help_line.phone, "0800-080-4583");
        assert_eq!(c.lifetime.download_deadline_days, 180);
        assert_eq!(c.lifetime.renewal_alert_days, [90, 60, 30, 15, 7]);
        assert_eq!(
            c.help_line.hours_ja,
            "月〜金（祝日を除く）8:00〜18:00、土（祝日を除く）8:00〜16:00"
        );
        assert!(!c.help_line.hours_en.contains("JST"));
    }

    #[test]
    fn facts_not_on_the_help_page_are_unconfirmed_with_a_source() {
        let c = codes();
        for name in [
            "validity",
            "fee",
            "renewal_window",
            "renewal_alerts",
            "download_deadline",
            "one_per_terminal_and_code",
            "user_id_is_email",
            "mail_domain",
            "oqs_account",
            "crl_host",
            "six_digit_rule",
            "code_change_examples",
            "prefecture_display",
        ] {
            let f = c.facts.get(name);
            assert!(f.is_some(), "[facts.{name}] is missing");
            if let Some(f) = f {
                assert!(!f.confirmed, "{name} is not on the help page");
                assert!(!f.source.is_empty(), "{name} needs a source");
                assert!(!f.value.is_empty(), "{name} needs a value");
            }
            assert!(!c.confirmed(name));
        }
        assert!(!c.confirmed("no_such_fact"));
        // A file without [facts] still parses.
        let old = CODES_TOML.split("\n[facts.").next().unwrap_or_default();
        let rest = CODES_TOML
            .find("\n# 点数表番号")
            .map(|i| &CODES_TOML[i..])
            .unwrap_or_default();
        let without = format!("{old}{rest}");
        let parsed = parse(&without).unwrap();
        assert!(parsed.facts.is_empty());
    }
}
