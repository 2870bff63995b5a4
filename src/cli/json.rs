//! Every `--json` output of the command line, as serde structs in one
//! place. The field names are the documented interface (README, "JSON
//! output"): change them only with the README. Every date and time is an
//! ISO 8601 string (RFC 3339 for instants, `YYYY-MM-DD` for dates).

use crate::cert::backup::Drive;
use crate::cert::cleanup::{Kept, KeyPlan, OldCert, OldReason, PasswordProof, Removed};
use crate::cert::codes::{Prefecture, Table};
use crate::cert::health::Health;
use crate::cert::institution::Rule;
use crate::cert::net::CheckResult;
use crate::cert::pfx::{Bundle, KeyMatch, Problem as PfxProblem};
use crate::cert::profile_file::Problem;
use crate::cert::progress::Progress;
use crate::cert::store::{
    InstallReport, Placement, StoreKind, StoreName, StoredCert, Verification,
};
use serde::Serialize;
use std::path::PathBuf;
use time::OffsetDateTime;

/// Print one JSON document on its own line.
pub fn print<T: Serialize>(value: &T) {
    match serde_json::to_string(value) {
        Ok(s) => println!("{s}"),
        // Our structs always serialize; say so if one ever does not.
        Err(e) => println!(
            "{{\"error\":{{\"kind\":\"json\",\"message\":{:?}}}}}",
            e.to_string()
        ),
    }
}

pub fn rfc3339(dt: OffsetDateTime) -> String {
    dt.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[derive(Serialize)]
pub struct ErrorOut<'a> {
    pub error: ErrorBody<'a>,
}

#[derive(Serialize)]
pub struct ErrorBody<'a> {
    pub kind: &'a str,
    pub message: &'a str,
    pub exit_code: i32,
}

#[derive(Serialize)]
pub struct CodePrefecture<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub name_ja: &'a str,
}

#[derive(Serialize)]
pub struct CodeTable<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub name_ja: &'a str,
    pub form_value: &'a str,
    pub confirmed: bool,
}

#[derive(Serialize)]
pub struct CodeCheck<'a> {
    pub code10: String,
    pub code7: String,
    pub prefecture: CodePrefecture<'a>,
    pub table: CodeTable<'a>,
    pub check_digit: u8,
    pub valid: bool,
    pub rule: Option<Rule>,
    /// The rule that matched is the prefecture's usual one (false: only
    /// the other rule matched, or none).
    pub rule_is_usual: bool,
    pub expected_nine: u8,
    pub expected_six: u8,
}

impl<'a> CodePrefecture<'a> {
    pub fn new(p: &'a Prefecture, name: &'a str) -> Self {
        CodePrefecture {
            code: &p.code,
            name,
            name_ja: &p.name_ja,
        }
    }
}

impl<'a> CodeTable<'a> {
    pub fn new(t: &'a Table, name: &'a str) -> Self {
        CodeTable {
            code: &t.code,
            name,
            name_ja: &t.name_ja,
            form_value: &t.form_value,
            confirmed: t.confirmed,
        }
    }
}

#[derive(Serialize)]
pub struct PfxInspect<'a> {
    pub file: String,
    pub subject: &'a str,
    pub subject_cn: &'a Option<String>,
    pub subject_o: &'a Option<String>,
    pub issuer: &'a str,
    pub serial: &'a str,
    pub not_before: String,
    pub not_after: String,
    pub days_left: i64,
    pub sha1_thumbprint: &'a str,
    pub sha256: &'a str,
    pub client_auth: bool,
    pub key_algorithm: &'a str,
    pub key_matches: Option<bool>,
    pub chain_len: usize,
    pub expired: bool,
    pub not_yet_valid: bool,
    pub problems: &'a [PfxProblem],
}

impl<'a> PfxInspect<'a> {
    pub fn new(
        file: String,
        b: &'a Bundle,
        problems: &'a [PfxProblem],
        now: OffsetDateTime,
    ) -> Self {
        let info = &b.leaf.info;
        PfxInspect {
            file,
            subject: &info.subject,
            subject_cn: &info.subject_cn,
            subject_o: &info.subject_o,
            issuer: &info.issuer,
            serial: &info.serial,
            not_before: rfc3339(info.not_before),
            not_after: rfc3339(info.not_after),
            days_left: info.days_left(now),
            sha1_thumbprint: &info.sha1_thumbprint,
            sha256: &info.sha256,
            client_auth: info.client_auth,
            key_algorithm: &info.key_algorithm,
            key_matches: match b.key_match {
                KeyMatch::Matches => Some(true),
                KeyMatch::Mismatch => Some(false),
                KeyMatch::Unverified => None,
            },
            chain_len: b.chain.len(),
            expired: info.is_expired(now),
            not_yet_valid: info.is_not_yet_valid(now),
            problems,
        }
    }
}

/// A certificate in a store (`store list`, `store expired`, clean-up).
#[derive(Serialize)]
pub struct Stored<'a> {
    pub sha1_thumbprint: &'a str,
    pub store: StoreName,
    pub subject: &'a str,
    pub subject_cn: &'a Option<String>,
    pub issuer: &'a str,
    pub serial: &'a str,
    pub not_before: String,
    pub not_after: String,
    pub expired: bool,
    pub has_private_key: bool,
    pub exportable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<OldReason>,
    /// For clean-up: what happens to its key (`export`, `no_key`, `keep`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_plan: Option<KeyPlan>,
    /// For clean-up: whether this run removes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chosen: Option<bool>,
}

impl<'a> Stored<'a> {
    pub fn new(c: &'a StoredCert, now: OffsetDateTime) -> Self {
        Stored {
            sha1_thumbprint: &c.info.sha1_thumbprint,
            store: c.store,
            subject: &c.info.subject,
            subject_cn: &c.info.subject_cn,
            issuer: &c.info.issuer,
            serial: &c.info.serial,
            not_before: rfc3339(c.info.not_before),
            not_after: rfc3339(c.info.not_after),
            expired: c.info.is_expired(now),
            has_private_key: c.has_private_key,
            exportable: c.key_exportable,
            reason: None,
            key_plan: None,
            chosen: None,
        }
    }
}

#[derive(Serialize)]
pub struct StoreInstall<'a> {
    pub sha1_thumbprint: &'a str,
    pub subject: &'a str,
    pub already_installed: bool,
    pub root_added: bool,
    pub placements: &'a [Placement],
    /// Certificates bearing the issuer's name whose signature did not
    /// verify: left out of every store.
    pub rejected: Vec<Rejected<'a>>,
    pub verification: &'a Verification,
    pub ok: bool,
}

#[derive(Serialize)]
pub struct Rejected<'a> {
    pub subject: &'a str,
    pub sha1_thumbprint: &'a str,
}

impl<'a> StoreInstall<'a> {
    pub fn new(r: &'a InstallReport) -> Self {
        StoreInstall {
            sha1_thumbprint: &r.leaf.sha1_thumbprint,
            subject: &r.leaf.subject,
            already_installed: r.already_installed,
            root_added: r.root_added,
            placements: &r.placements,
            rejected: r
                .rejected
                .iter()
                .map(|c| Rejected {
                    subject: &c.subject,
                    sha1_thumbprint: &c.sha1_thumbprint,
                })
                .collect(),
            verification: &r.verification,
            ok: r.verification.all_ok(),
        }
    }
}

#[derive(Serialize)]
pub struct StoreRemove<'a> {
    pub sha1_thumbprint: &'a str,
    pub removed_from: &'a [StoreName],
}

#[derive(Serialize)]
pub struct Cleanup<'a> {
    /// Every old certificate found, each with `chosen`: whether this run
    /// removes it (a still-valid one only with `--include-valid`).
    pub found: Vec<Stored<'a>>,
    pub removed: &'a [Removed],
    /// Left in the store (a key that cannot be exported), with why.
    pub kept: &'a [Kept],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quarantine: Option<&'a PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed: Option<Option<&'a str>>,
    /// The export of the one whose removal failed (still in the store).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_export: Option<&'a Removed>,
    /// How the password protecting the `.pfx` copies was proven.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_proof: Option<&'a PasswordProof>,
}

impl<'a> Cleanup<'a> {
    fn found(old: &'a [OldCert], chosen: &[OldCert], now: OffsetDateTime) -> Vec<Stored<'a>> {
        old.iter()
            .map(|o| Stored {
                reason: Some(o.reason),
                key_plan: Some(o.key_plan()),
                chosen: Some(
                    chosen
                        .iter()
                        .any(|c| c.cert.info.sha1_thumbprint == o.cert.info.sha1_thumbprint),
                ),
                ..Stored::new(&o.cert, now)
            })
            .collect()
    }

    /// Nothing was removed: what was found, and what would be.
    pub fn found_only(old: &'a [OldCert], chosen: &[OldCert], now: OffsetDateTime) -> Self {
        Cleanup {
            found: Self::found(old, chosen, now),
            removed: &[],
            kept: &[],
            quarantine: None,
            failed: None,
            failed_export: None,
            password_proof: None,
        }
    }

    pub fn done(
        old: &'a [OldCert],
        chosen: &[OldCert],
        rep: &'a crate::ops::cleanup::CleanedUp,
        proof: &'a PasswordProof,
        now: OffsetDateTime,
    ) -> Self {
        Cleanup {
            found: Self::found(old, chosen, now),
            removed: &rep.removed,
            kept: &rep.kept,
            quarantine: Some(&rep.quarantine),
            failed: Some(rep.failed.as_ref().map(|(t, _)| t.as_str())),
            failed_export: rep.failed_export.as_ref(),
            password_proof: Some(proof),
        }
    }
}

/// Who the output is about, for a vendor collecting it from many
/// clinics (`oqscert fleet`).
#[derive(Serialize)]
pub struct Site<'a> {
    pub institution_name: &'a str,
    /// The 10-digit code, when prefecture, type and code are all set.
    pub institution_code: Option<String>,
    pub terminal_name: &'a str,
}

impl<'a> Site<'a> {
    pub fn new(p: &'a Progress) -> Self {
        Site {
            institution_name: &p.institution.name,
            institution_code: p.institution.code10(),
            terminal_name: &p.institution.terminal_name,
        }
    }
}

#[derive(Serialize)]
pub struct Status<'a> {
    #[serde(flatten)]
    pub health: &'a Health,
    #[serde(flatten)]
    pub site: Site<'a>,
    pub store_kind: StoreKind,
    /// With `--notify`: the reasons told this time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notified: Option<Vec<String>>,
}

/// The report's files, and the health as the record alone shows it (the
/// store and the backups not checked).
#[derive(Serialize)]
pub struct Report<'a> {
    pub html: &'a PathBuf,
    pub text: &'a PathBuf,
    pub complete: bool,
    #[serde(flatten)]
    pub site: Site<'a>,
    #[serde(flatten)]
    pub health: &'a Health,
}

#[derive(Serialize)]
pub struct Drives<'a> {
    pub drives: &'a [Drive],
}

#[derive(Serialize)]
pub struct SecretSaved<'a> {
    pub saved: bool,
    pub profile: &'a str,
    pub store: &'a str,
}

#[derive(Serialize)]
pub struct SecretStatus<'a> {
    pub stored: bool,
    pub profile: &'a str,
}

#[derive(Serialize)]
pub struct SecretDeleted {
    pub deleted: bool,
}

#[derive(Serialize)]
pub struct NetCheck<'a> {
    pub ok: bool,
    pub results: &'a [CheckResult],
}

#[derive(Serialize)]
pub struct ProfileList {
    pub profiles: Vec<ProfileEntry>,
}

#[derive(Serialize)]
pub struct ProfileEntry {
    pub name: String,
    pub institution: String,
    pub institution_code: Option<String>,
    pub not_after: Option<String>,
    pub unreadable: bool,
}

#[derive(Serialize)]
pub struct ProfileExport<'a> {
    pub file: String,
    pub profile: &'a str,
}

/// `profile import`: `ok` false means nothing was merged; `errors` lists
/// every problem, `notes` what was merged but deserves a look.
#[derive(Serialize)]
pub struct ProfileImport<'a> {
    pub ok: bool,
    pub profile: &'a str,
    pub errors: Vec<ProfileIssue>,
    pub notes: Vec<ProfileIssue>,
}

/// One problem: its line and dotted key, `kind` (syntax, unknown, secret,
/// not_text, not_table, not_integer, missing, too_new, invalid, note) with
/// its details, and the sentence shown. Never a secret's value.
#[derive(Serialize)]
pub struct ProfileIssue {
    pub line: usize,
    pub key: String,
    #[serde(flatten)]
    pub problem: Problem,
    pub message: String,
}

/// `selftest --json`: every check with its verdict, the values its
/// sentence names and the technical detail; `ok` when all are OK (or
/// cannot be checked here).
#[derive(Serialize)]
pub struct Selftest<'a> {
    pub ok: bool,
    pub at: String,
    /// Which PC and which oqscert, for the vendor's records.
    pub computer: String,
    pub user: String,
    pub version: &'static str,
    pub checks: Vec<SelftestCheck<'a>>,
}

#[derive(Serialize)]
pub struct SelftestCheck<'a> {
    pub id: &'a str,
    pub verdict: crate::ops::selftest::Verdict,
    pub values: std::collections::BTreeMap<&'a str, &'a str>,
    pub detail: &'a str,
}

impl<'a> Selftest<'a> {
    pub fn new(r: &'a crate::ops::selftest::Report) -> Self {
        Selftest {
            ok: r.all_ok(),
            at: rfc3339(r.at),
            computer: crate::cert::sanitize::printable(&crate::cert::install::computer_name())
                .into_owned(),
            user: crate::cert::sanitize::printable(&crate::cert::install::current_user())
                .into_owned(),
            version: env!("CARGO_PKG_VERSION"),
            checks: r
                .checks
                .iter()
                .map(|c| SelftestCheck {
                    id: c.id,
                    verdict: c.verdict,
                    values: c.values.iter().map(|(k, v)| (*k, v.as_str())).collect(),
                    detail: &c.detail,
                })
                .collect(),
        }
    }
}
