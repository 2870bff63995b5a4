//! Open and verify a PKCS#12 (.p12/.pfx) file: modern (PBES2/PBKDF2/AES,
//! SHA-256 MAC) and legacy (3DES key + RC2-40 certificates, SHA-1 MAC).
//!
//! What a user can act on is told apart: wrong password, not a PKCS#12 file
//! (PEM, bare certificate, ZIP, anything else), truncated, corrupt, no key,
//! no certificate, key not matching the certificate, too large.

use super::error::{Error, FileKind, Result};
use super::fsutil;
use super::password::Password;
use super::sanitize::printable;
use ring::rand::SystemRandom;
use ring::signature;
use serde::Serialize;
use std::fmt;
use std::path::Path;
use time::OffsetDateTime;
use x509_parser::der_parser::der::parse_der;
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::PublicKey;
use zeroize::Zeroizing;

/// A certificate file is a few KiB; refuse anything over 1 MiB before
/// reading it all.
pub const MAX_PFX_SIZE: u64 = 1024 * 1024;

const OID_RSA: &str = "1.2.840.113549.1.1.1";
const OID_EC: &str = "1.2.840.10045.2.1";
const OID_ED25519: &str = "1.3.101.112";
const OID_P256: &str = "1.2.840.10045.3.1.7";
const OID_P384: &str = "1.3.132.0.34";

/// What a certificate says, in the terms the wizard and Windows show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertInfo {
    /// Full subject, RFC 4514 style, UTF-8 names decoded.
    pub subject: String,
    pub subject_cn: Option<String>,
    pub subject_o: Option<String>,
    pub issuer: String,
    pub issuer_cn: Option<String>,
    /// Serial number in upper-case hex without separators, as Windows shows it.
    pub serial: String,
    #[serde(with = "time::serde::rfc3339")]
    pub not_before: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    /// SHA-1 of the DER, upper-case hex without separators (Windows 「拇印」).
    pub sha1_thumbprint: String,
    /// SHA-256 of the DER, upper-case hex.
    pub sha256: String,
    /// Extended key usage includes TLS client authentication.
    pub client_auth: bool,
    /// Basic constraints say this is a CA.
    pub is_ca: bool,
    /// Subject and issuer are the same (a root).
    pub self_signed: bool,
    /// e.g. "RSA 2048", "EC P-256".
    pub key_algorithm: String,
}

fn hex_upper(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02X}");
            s
        })
}

/// SHA-1 thumbprint of a DER certificate as Windows shows it.
///
/// ring's digests, not the `sha1`/`sha2` crates: ring is already loaded
/// (TLS, the key proof) and has probed the CPU once; each RustCrypto hash
/// crate probes it again on first use, and a CPUID instruction costs
/// about 7 us under a hypervisor (docs/PERFORMANCE.md, "Session 5").
pub fn sha1_thumbprint(der: &[u8]) -> String {
    hex_upper(ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, der).as_ref())
}

/// SHA-256 of arbitrary bytes, upper-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex_upper(ring::digest::digest(&ring::digest::SHA256, bytes).as_ref())
}

/// Normalise a thumbprint typed or pasted by a user (spaces, colons,
/// lower case, the invisible mark Windows' dialog copies) to our form.
pub fn normalize_thumbprint(input: &str) -> String {
    input
        .chars()
        .filter(|c| c.is_ascii_hexdigit())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A thumbprint as Windows' security warning for a new root shows it
/// ("Thumbprint (sha1): XXXXXXXX XXXXXXXX ..."): upper-case hex in groups
/// of eight, so a person can compare the two line by line.
pub fn thumbprint_grouped(thumb: &str) -> String {
    let t = normalize_thumbprint(thumb);
    let groups: Vec<&str> = t
        .as_bytes()
        .chunks(8)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    groups.join(" ")
}

impl CertInfo {
    pub fn from_der(der: &[u8]) -> Result<Self> {
        let (_, x) =
            X509Certificate::from_der(der).map_err(|e| Error::BadCertificate(e.to_string()))?;
        Ok(Self::from_parsed(&x, der))
    }

    fn from_parsed(x: &X509Certificate<'_>, der: &[u8]) -> Self {
        let first_str = |mut it: Box<dyn Iterator<Item = _> + '_>| -> Option<String> {
            it.next()
                .and_then(|a: &x509_parser::x509::AttributeTypeAndValue<'_>| {
                    a.as_str().ok().map(|s| printable(s).into_owned())
                })
        };
        let client_auth = matches!(
            x.extended_key_usage(),
            Ok(Some(eku)) if eku.value.client_auth
        );
        let is_ca = matches!(x.basic_constraints(), Ok(Some(bc)) if bc.value.ca);
        CertInfo {
            subject: printable(&x.subject().to_string()).into_owned(),
            subject_cn: first_str(Box::new(x.subject().iter_common_name())),
            subject_o: first_str(Box::new(x.subject().iter_organization())),
            issuer: printable(&x.issuer().to_string()).into_owned(),
            issuer_cn: first_str(Box::new(x.issuer().iter_common_name())),
            serial: hex_upper(x.raw_serial()),
            not_before: x.validity().not_before.to_datetime(),
            not_after: x.validity().not_after.to_datetime(),
            sha1_thumbprint: sha1_thumbprint(der),
            sha256: sha256_hex(der),
            client_auth,
            is_ca,
            self_signed: x.subject().as_raw() == x.issuer().as_raw(),
            key_algorithm: key_algorithm_name(x),
        }
    }

    pub fn is_expired(&self, now: OffsetDateTime) -> bool {
        now > self.not_after
    }

    pub fn is_not_yet_valid(&self, now: OffsetDateTime) -> bool {
        now < self.not_before
    }

    /// Whole days from `now` until expiry (negative once expired).
    pub fn days_left(&self, now: OffsetDateTime) -> i64 {
        super::jst::whole_days(now, self.not_after)
    }
}

fn key_algorithm_name(x: &X509Certificate<'_>) -> String {
    let spki = x.public_key();
    let oid = spki.algorithm.algorithm.to_id_string();
    match oid.as_str() {
        OID_RSA => match spki.parsed() {
            Ok(PublicKey::RSA(r)) => {
                let n = r.modulus.iter().skip_while(|b| **b == 0).count();
                format!("RSA {}", n * 8)
            }
            _ => "RSA".into(),
        },
        OID_EC => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string());
            match curve.as_deref() {
                Some(OID_P256) => "EC P-256".into(),
                Some(OID_P384) => "EC P-384".into(),
                Some(other) => format!("EC {other}"),
                None => "EC".into(),
            }
        }
        OID_ED25519 => "Ed25519".into(),
        other => other.to_string(),
    }
}

/// Whether the private key belongs to the leaf certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyMatch {
    /// Proven: for EC and Ed25519 the public key computed from the private
    /// key is the certificate's; for RSA the public numbers are equal and a
    /// challenge signed with the key verifies with the certificate's key.
    Matches,
    /// The key is not the certificate's.
    Mismatch,
    /// The key type is one we cannot sign with here; not proven either way.
    Unverified,
}

/// One certificate of the file, parsed, with its DER.
#[derive(Clone)]
pub struct Cert {
    pub info: CertInfo,
    pub der: Vec<u8>,
}

impl fmt::Debug for Cert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cert")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

/// The opened file: the leaf certificate with its key, and the CA chain.
pub struct Bundle {
    pub leaf: Cert,
    /// CA certificates from the leaf's issuer upwards (as found in the file).
    pub chain: Vec<Cert>,
    /// Other certificates in the file that are not on the chain.
    pub extra: Vec<Cert>,
    /// Certificates that bear a name on the chain but whose signature the
    /// issuer's key does not verify (or a root whose own signature does
    /// not): never installed anywhere, reported.
    pub rejected: Vec<Cert>,
    pub key_match: KeyMatch,
    /// The key bag's friendly name, if any.
    pub friendly_name: Option<String>,
    /// PKCS#8 DER of the private key; wiped on drop.
    key_pkcs8: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for Bundle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Bundle")
            .field("leaf", &self.leaf)
            .field("chain", &self.chain)
            .field("extra", &self.extra)
            .field("rejected", &self.rejected)
            .field("key_match", &self.key_match)
            .field("friendly_name", &self.friendly_name)
            .field("key_pkcs8", &"<redacted>")
            .finish()
    }
}

/// Things found wrong with a file that opened fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Expired,
    NotYetValid,
    KeyMismatch,
    /// The profile's recorded certificate ends later than this one.
    OlderThanCurrent,
    /// The file carries a certificate bearing the issuer's name whose
    /// signature does not verify: never installed, and said, because
    /// the file did not come as the certificate site makes them.
    UnverifiedIssuer,
}

impl Bundle {
    /// The private key in PKCS#8 DER (for the file store and for TLS).
    pub fn key_pkcs8(&self) -> &[u8] {
        &self.key_pkcs8
    }

    /// What is wrong with this certificate at `now`; empty when usable.
    pub fn problems(&self, now: OffsetDateTime) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.leaf.info.is_expired(now) {
            out.push(Problem::Expired);
        }
        if self.leaf.info.is_not_yet_valid(now) {
            out.push(Problem::NotYetValid);
        }
        if self.key_match == KeyMatch::Mismatch {
            out.push(Problem::KeyMismatch);
        }
        if !self.rejected.is_empty() {
            out.push(Problem::UnverifiedIssuer);
        }
        out
    }
}

/// Read and open a PKCS#12 file, refusing files over [`MAX_PFX_SIZE`]
/// before reading them.
pub fn open_file(path: &Path, password: &Password) -> Result<Bundle> {
    let bytes = Zeroizing::new(fsutil::read_limited_quiet(path, MAX_PFX_SIZE)?);
    open(&bytes, password)
}

/// Open a PKCS#12 file held in memory and verify it: the certificate is
/// parsed, the chain rebuilt, and the key proven to belong to the leaf.
pub fn open(bytes: &[u8], password: &Password) -> Result<Bundle> {
    open_cancellable(bytes, password, None)
}

/// [`open`], stopping with `Error::Cancelled` before the next key
/// derivation once `cancel` is set (the wizard's quit: within a second).
pub fn open_cancellable(
    bytes: &[u8],
    password: &Password,
    cancel: Option<&std::sync::atomic::AtomicBool>,
) -> Result<Bundle> {
    sniff(bytes)?;
    let mut budget = read::Budget::new(cancel);
    let contents =
        read::read(bytes, password.expose(), &mut budget).map_err(|e| refine_error(e, bytes))?;
    let read::Contents { keys, certs } = contents;
    if certs.is_empty() {
        return Err(Error::NoCertificate);
    }
    let Some(key_bag) = keys.into_iter().next() else {
        return Err(Error::NoPrivateKey);
    };
    let key_pkcs8 = key_bag.pkcs8;

    let mut parsed: Vec<Cert> = Vec::with_capacity(certs.len());
    let mut local_ids: Vec<Option<Vec<u8>>> = Vec::with_capacity(certs.len());
    for bag in certs {
        let der = bag.der;
        let info = CertInfo::from_der(&der)?;
        if parsed.iter().any(|c| c.der == der) {
            continue; // duplicate bags add nothing
        }
        parsed.push(Cert { info, der });
        local_ids.push(bag.local_key_id);
    }

    // The leaf is the certificate the key proves to belong to; failing
    // that, the one the file links to the key, else the first non-CA.
    let mut key_match = KeyMatch::Mismatch;
    let mut leaf_idx = None;
    for (i, c) in parsed.iter().enumerate() {
        match key_matches_cert(&key_pkcs8, &c.der) {
            KeyMatch::Matches => {
                key_match = KeyMatch::Matches;
                leaf_idx = Some(i);
                break;
            }
            KeyMatch::Unverified => key_match = KeyMatch::Unverified,
            KeyMatch::Mismatch => {}
        }
    }
    let leaf_idx = leaf_idx
        .or_else(|| {
            let id = key_bag.local_key_id.as_deref()?;
            local_ids.iter().position(|l| l.as_deref() == Some(id))
        })
        .or_else(|| parsed.iter().position(|c| !c.info.is_ca))
        .unwrap_or(0);

    let leaf = parsed.remove(leaf_idx);
    let (chain, extra, rejected) = build_chain(&leaf, parsed);
    Ok(Bundle {
        leaf,
        chain,
        extra,
        rejected,
        key_match,
        friendly_name: key_bag.friendly_name,
        key_pkcs8,
    })
}

/// Walk issuer links from the leaf through the other certificates. A
/// link counts only when the issuer's public key verifies the child's
/// signature, and a root only when its own signature verifies: a
/// certificate that merely bears the issuer's name (anyone can write one)
/// is returned in the third list and never placed in a store.
fn build_chain(leaf: &Cert, mut rest: Vec<Cert>) -> (Vec<Cert>, Vec<Cert>, Vec<Cert>) {
    let mut chain: Vec<Cert> = Vec::new();
    let mut rejected: Vec<Cert> = Vec::new();
    let mut child = leaf.der.clone();
    let mut child_self_signed = leaf.info.self_signed;
    while !child_self_signed {
        let Some(issuer) = issuer_raw(&child) else {
            break;
        };
        // Every certificate bearing the issuer's name, until one verifies.
        let mut found = None;
        while let Some(pos) = rest
            .iter()
            .position(|c| subject_raw(&c.der).as_deref() == Some(issuer.as_slice()))
        {
            let candidate = rest.remove(pos);
            let verified = signed_by(&child, &candidate.der)
                && (!candidate.info.self_signed || signed_by(&candidate.der, &candidate.der));
            if verified {
                found = Some(candidate);
                break;
            }
            rejected.push(candidate);
        }
        let Some(next) = found else {
            break;
        };
        child = next.der.clone();
        child_self_signed = next.info.self_signed;
        chain.push(next);
    }
    (chain, rest, rejected)
}

/// `issuer_der`'s public key verifies `child_der`'s signature.
fn signed_by(child_der: &[u8], issuer_der: &[u8]) -> bool {
    let (Ok((_, child)), Ok((_, issuer))) = (
        X509Certificate::from_der(child_der),
        X509Certificate::from_der(issuer_der),
    ) else {
        return false;
    };
    child.verify_signature(Some(issuer.public_key())).is_ok()
}

fn subject_raw(der: &[u8]) -> Option<Vec<u8>> {
    X509Certificate::from_der(der)
        .ok()
        .map(|(_, x)| x.subject().as_raw().to_vec())
}

fn issuer_raw(der: &[u8]) -> Option<Vec<u8>> {
    X509Certificate::from_der(der)
        .ok()
        .map(|(_, x)| x.issuer().as_raw().to_vec())
}

const CHALLENGE: &[u8] = b"oqscert key-match challenge";

mod keymatch;
mod read;
mod sniff;

pub use keymatch::key_matches_cert;
#[cfg(test)]
pub(crate) use keymatch::rsa_private_fields_for_test;
pub use read::{MAX_DERIVATIONS, MAX_SECRET_BAGS, MAX_TOTAL_ROUNDS};
use sniff::refine_error;
pub use sniff::{MAX_ITERATIONS, declared_iterations_over, sniff};

#[cfg(test)]
#[path = "../../tests/common/fixtures.rs"]
#[allow(dead_code)]
pub(crate) mod fixtures;

#[cfg(test)]
pub(crate) mod craft;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod read_tests;
