//! Open and verify a PKCS#12 (.p12/.pfx) file: modern (PBES2/PBKDF2/AES,
//! SHA-256 MAC) and legacy (3DES key + RC2-40 certificates, SHA-1 MAC).
//!
//! What a user can act on is told apart: wrong password, not a PKCS#12 file
//! (PEM, bare certificate, ZIP, anything else), truncated, corrupt, no key,
//! no certificate, key not matching the certificate, too large.

use super::error::{Error, FileKind, Result};
use super::fsutil;
use super::password::Password;
use p12_keystore::Pkcs12Archive;
use p12_keystore::error::Error as P12Error;
use ring::rand::SystemRandom;
use ring::signature;
use serde::Serialize;
use sha1::Digest as _;
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
pub fn sha1_thumbprint(der: &[u8]) -> String {
    hex_upper(&sha1::Sha1::digest(der))
}

/// SHA-256 of arbitrary bytes, upper-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex_upper(&sha2::Sha256::digest(bytes))
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
                    a.as_str().ok().map(str::to_string)
                })
        };
        let client_auth = matches!(
            x.extended_key_usage(),
            Ok(Some(eku)) if eku.value.client_auth
        );
        let is_ca = matches!(x.basic_constraints(), Ok(Some(bc)) if bc.value.ca);
        CertInfo {
            subject: x.subject().to_string(),
            subject_cn: first_str(Box::new(x.subject().iter_common_name())),
            subject_o: first_str(Box::new(x.subject().iter_organization())),
            issuer: x.issuer().to_string(),
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
        super::health::whole_days(now, self.not_after)
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
    /// Proven: a challenge signed with the key verifies with the
    /// certificate's public key (and, for RSA, the public numbers are equal).
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
        out
    }
}

/// Read and open a PKCS#12 file, refusing files over [`MAX_PFX_SIZE`]
/// before reading them.
pub fn open_file(path: &Path, password: &Password) -> Result<Bundle> {
    let bytes = Zeroizing::new(fsutil::read_limited(path, MAX_PFX_SIZE)?);
    open(&bytes, password)
}

/// Tell what a byte string is before handing it to the PKCS#12 parser, so
/// that the user hears "this is a PEM file" rather than "DER error".
pub fn sniff(bytes: &[u8]) -> Result<()> {
    if bytes.is_empty() {
        return Err(Error::EmptyFile);
    }
    if bytes.len() as u64 > MAX_PFX_SIZE {
        return Err(Error::FileTooLarge {
            size: bytes.len() as u64,
            max: MAX_PFX_SIZE,
        });
    }
    let text_start: &[u8] = {
        let t = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let skip = t.iter().take_while(|b| b.is_ascii_whitespace()).count();
        &t[skip..]
    };
    if text_start.starts_with(b"-----BEGIN") {
        return Err(Error::NotPkcs12(FileKind::Pem));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Err(Error::NotPkcs12(FileKind::Zip));
    }
    if bytes[0] != 0x30 {
        return Err(Error::NotPkcs12(FileKind::Unknown));
    }
    // Outer DER SEQUENCE header: a declared length beyond the data means
    // the download or copy was cut short.
    if let Some(declared) = der_declared_len(bytes)
        && declared > bytes.len()
    {
        return Err(Error::Truncated);
    }
    if bytes.len() < 2 {
        return Err(Error::Truncated);
    }
    Ok(())
}

/// Total length (header + content) that a definite-length DER header at the
/// start of `bytes` declares, if it is readable.
fn der_declared_len(bytes: &[u8]) -> Option<usize> {
    let first = *bytes.get(1)?;
    if first < 0x80 {
        return Some(2 + usize::from(first));
    }
    let n = usize::from(first & 0x7F);
    if n == 0 || n > 4 {
        return None; // indefinite or absurd: let the parser judge
    }
    let mut len = 0usize;
    for i in 0..n {
        len = (len << 8) | usize::from(*bytes.get(2 + i)?);
    }
    Some(2 + n + len)
}

fn map_p12_error(e: P12Error, bytes: &[u8]) -> Error {
    match e {
        // With a MAC the password is checked first; without one, a wrong
        // password shows up as failed decryption or bad padding.
        P12Error::MacError(_) | P12Error::Pkcs5Error(_) | P12Error::UnpadError => {
            Error::WrongPassword
        }
        P12Error::DerError(d) => {
            if X509Certificate::from_der(bytes).is_ok() {
                Error::NotPkcs12(FileKind::Certificate)
            } else if matches!(d.kind(), der::ErrorKind::Incomplete { .. }) {
                Error::Truncated
            } else {
                Error::Corrupt(d.to_string())
            }
        }
        P12Error::X509Error(x) => Error::BadCertificate(x.to_string()),
        other => Error::Corrupt(other.to_string()),
    }
}

/// Open a PKCS#12 file held in memory and verify it: the certificate is
/// parsed, the chain rebuilt, and the key proven to belong to the leaf.
pub fn open(bytes: &[u8], password: &Password) -> Result<Bundle> {
    sniff(bytes)?;
    let archive = Pkcs12Archive::from_pkcs12(bytes, password.expose())
        .map_err(|e| map_p12_error(e, bytes))?;
    let Pkcs12Archive { keys, certs, .. } = archive;
    if certs.is_empty() {
        return Err(Error::NoCertificate);
    }
    let Some(key_bag) = keys.into_iter().next() else {
        return Err(Error::NoPrivateKey);
    };
    let key_pkcs8 = Zeroizing::new(key_bag.key.as_der().to_vec());
    drop(key_bag.key);

    let mut parsed: Vec<Cert> = Vec::with_capacity(certs.len());
    let mut local_ids: Vec<Option<Vec<u8>>> = Vec::with_capacity(certs.len());
    for bag in &certs {
        let der = bag.cert.as_der().to_vec();
        let info = CertInfo::from_der(&der)?;
        if parsed.iter().any(|c| c.der == der) {
            continue; // duplicate bags add nothing
        }
        parsed.push(Cert { info, der });
        local_ids.push(bag.local_key_id.clone());
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
            let id = key_bag.local_key_id.as_ref()?;
            local_ids
                .iter()
                .position(|l| l.as_deref() == Some(id.0.as_slice()))
        })
        .or_else(|| parsed.iter().position(|c| !c.info.is_ca))
        .unwrap_or(0);

    let leaf = parsed.remove(leaf_idx);
    let (chain, extra) = build_chain(&leaf, parsed);
    Ok(Bundle {
        leaf,
        chain,
        extra,
        key_match,
        friendly_name: key_bag.friendly_name,
        key_pkcs8,
    })
}

/// Walk issuer links from the leaf through the other certificates.
fn build_chain(leaf: &Cert, mut rest: Vec<Cert>) -> (Vec<Cert>, Vec<Cert>) {
    let mut chain: Vec<Cert> = Vec::new();
    let mut current_issuer = issuer_raw(&leaf.der);
    let mut current_self_signed = leaf.info.self_signed;
    while !current_self_signed {
        let Some(issuer) = current_issuer.as_deref() else {
            break;
        };
        let Some(pos) = rest
            .iter()
            .position(|c| subject_raw(&c.der).as_deref() == Some(issuer))
        else {
            break;
        };
        let next = rest.remove(pos);
        current_issuer = issuer_raw(&next.der);
        current_self_signed = next.info.self_signed;
        chain.push(next);
    }
    (chain, rest)
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

/// Prove that a PKCS#8 key belongs to a certificate: sign a challenge with
/// the key and verify it with the certificate's public key.
pub fn key_matches_cert(pkcs8: &[u8], cert_der: &[u8]) -> KeyMatch {
    let Ok((_, x)) = X509Certificate::from_der(cert_der) else {
        return KeyMatch::Mismatch;
    };
    let spki = x.public_key();
    let public = spki.subject_public_key.data.as_ref();
    let rng = SystemRandom::new();
    match spki.algorithm.algorithm.to_id_string().as_str() {
        OID_RSA => {
            // Compare the public numbers first: this works for every key
            // size, including those ring refuses to sign with.
            match rsa_public_numbers_equal(pkcs8, &x) {
                Some(true) => {}
                Some(false) => return KeyMatch::Mismatch,
                None => return KeyMatch::Unverified,
            }
            let Ok(kp) = signature::RsaKeyPair::from_pkcs8(pkcs8) else {
                return KeyMatch::Matches; // equal numbers; too small for ring
            };
            let mut sig = vec![0u8; kp.public().modulus_len()];
            if kp
                .sign(&signature::RSA_PKCS1_SHA256, &rng, CHALLENGE, &mut sig)
                .is_err()
            {
                return KeyMatch::Unverified;
            }
            let v =
                signature::UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, public);
            verdict(v.verify(CHALLENGE, &sig).is_ok())
        }
        OID_EC => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string());
            let (sign_alg, verify_alg): (
                &'static signature::EcdsaSigningAlgorithm,
                &'static signature::EcdsaVerificationAlgorithm,
            ) = match curve.as_deref() {
                Some(OID_P256) => (
                    &signature::ECDSA_P256_SHA256_ASN1_SIGNING,
                    &signature::ECDSA_P256_SHA256_ASN1,
                ),
                Some(OID_P384) => (
                    &signature::ECDSA_P384_SHA384_ASN1_SIGNING,
                    &signature::ECDSA_P384_SHA384_ASN1,
                ),
                _ => return KeyMatch::Unverified,
            };
            let Ok(kp) = signature::EcdsaKeyPair::from_pkcs8(sign_alg, pkcs8, &rng) else {
                return KeyMatch::Mismatch;
            };
            let Ok(sig) = kp.sign(&rng, CHALLENGE) else {
                return KeyMatch::Unverified;
            };
            let v = signature::UnparsedPublicKey::new(verify_alg, public);
            verdict(v.verify(CHALLENGE, sig.as_ref()).is_ok())
        }
        OID_ED25519 => {
            let Ok(kp) = signature::Ed25519KeyPair::from_pkcs8_maybe_unchecked(pkcs8) else {
                return KeyMatch::Mismatch;
            };
            let sig = kp.sign(CHALLENGE);
            let v = signature::UnparsedPublicKey::new(&signature::ED25519, public);
            verdict(v.verify(CHALLENGE, sig.as_ref()).is_ok())
        }
        _ => KeyMatch::Unverified,
    }
}

fn verdict(ok: bool) -> KeyMatch {
    if ok {
        KeyMatch::Matches
    } else {
        KeyMatch::Mismatch
    }
}

/// Compare modulus and exponent of an RSA PKCS#8 key with the
/// certificate's. `None` when the key is not a readable RSA key.
fn rsa_public_numbers_equal(pkcs8: &[u8], x: &X509Certificate<'_>) -> Option<bool> {
    let Ok(PublicKey::RSA(public)) = x.public_key().parsed() else {
        return None;
    };
    // PrivateKeyInfo ::= SEQUENCE { version, algorithm, privateKey OCTET STRING }
    let (_, pki) = parse_der(pkcs8).ok()?;
    let items = pki.as_sequence().ok()?;
    let inner = items.get(2)?.as_slice().ok()?;
    // RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, ... }
    let (_, rsa) = parse_der(inner).ok()?;
    let fields = rsa.as_sequence().ok()?;
    let n = fields.get(1)?.as_slice().ok()?;
    let e = fields.get(2)?.as_slice().ok()?;
    let strip = |b: &[u8]| -> Vec<u8> { b.iter().copied().skip_while(|x| *x == 0).collect() };
    Some(strip(n) == strip(public.modulus) && strip(e) == strip(public.exponent))
}

#[cfg(test)]
#[path = "../../tests/common/fixtures.rs"]
#[allow(dead_code)]
pub(crate) mod fixtures;

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;

    fn pw(s: &str) -> Password {
        Password::new(s)
    }

    #[test]
    fn opens_modern_and_legacy_files() {
        let id = Identity::new(&IdentitySpec::default());
        for (name, bytes) in [
            ("modern", id.pkcs12_modern("1234")),
            ("3des", id.pkcs12_3des("1234")),
        ] {
            let b = open(&bytes, &pw("1234")).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(b.key_match, KeyMatch::Matches, "{name}");
            assert_eq!(b.leaf.der, id.leaf_der, "{name}");
            assert_eq!(b.chain.len(), 1, "{name}");
            assert!(b.chain[0].info.is_ca);
            assert_eq!(
                b.leaf.info.subject_cn.as_deref(),
                Some("テスト歯科医院 受付1号機")
            );
            assert_eq!(b.leaf.info.subject_o.as_deref(), Some("医療法人テスト会"));
            assert!(b.leaf.info.client_auth);
            assert_eq!(b.leaf.info.key_algorithm, "EC P-256");
            assert!(b.problems(OffsetDateTime::now_utc()).is_empty());
        }
    }

    #[test]
    fn openssl_legacy_rc2_file_opens_when_openssl_is_present() {
        let id = Identity::new(&IdentitySpec::default());
        let Some(bytes) = id.pkcs12_openssl_legacy("0427") else {
            eprintln!("openssl CLI not found: skipped (the CLI tests require it)");
            return;
        };
        let b = open(&bytes, &pw("０４２７")).unwrap();
        assert_eq!(b.key_match, KeyMatch::Matches);
        assert_eq!(b.leaf.info.sha1_thumbprint, sha1_thumbprint(&id.leaf_der));
        assert!(matches!(
            open(&bytes, &pw("0428")),
            Err(Error::WrongPassword)
        ));
    }

    #[test]
    fn wrong_password_is_told_apart() {
        let id = Identity::new(&IdentitySpec::default());
        for bytes in [id.pkcs12_modern("1234"), id.pkcs12_3des("1234")] {
            assert!(matches!(
                open(&bytes, &pw("4321")),
                Err(Error::WrongPassword)
            ));
        }
    }

    #[test]
    fn not_pkcs12_kinds() {
        let id = Identity::new(&IdentitySpec::default());
        assert!(matches!(open(b"", &pw("1")), Err(Error::EmptyFile)));
        assert!(matches!(
            open(b"-----BEGIN CERTIFICATE-----\nMII\n", &pw("1")),
            Err(Error::NotPkcs12(FileKind::Pem))
        ));
        assert!(matches!(
            open(b"PK\x03\x04rest-of-zip", &pw("1")),
            Err(Error::NotPkcs12(FileKind::Zip))
        ));
        assert!(matches!(
            open(&id.leaf_der, &pw("1")),
            Err(Error::NotPkcs12(FileKind::Certificate))
        ));
        assert!(matches!(
            open(b"\x89PNG\r\n\x1a\n....", &pw("1")),
            Err(Error::NotPkcs12(FileKind::Unknown))
        ));
    }

    #[test]
    fn truncated_and_corrupt() {
        let id = Identity::new(&IdentitySpec::default());
        let full = id.pkcs12_modern("1234");
        for cut in [1, 10, full.len() / 2, full.len() - 1] {
            let r = open(&full[..cut], &pw("1234"));
            assert!(matches!(r, Err(Error::Truncated)), "cut {cut}: {r:?}");
        }
        let mut flipped = full.clone();
        let mid = flipped.len() / 3;
        flipped[mid] ^= 0xFF;
        let r = open(&flipped, &pw("1234"));
        assert!(
            matches!(
                r,
                Err(Error::Corrupt(_) | Error::WrongPassword | Error::BadCertificate(_))
            ),
            "{r:?}"
        );
    }

    #[test]
    fn files_without_key_or_certificate() {
        let id = Identity::new(&IdentitySpec::default());
        let no_key = id.pkcs12_certs_only("1234");
        assert!(matches!(
            open(&no_key, &pw("1234")),
            Err(Error::NoPrivateKey)
        ));
        if let Some(key_only) = id.pkcs12_openssl_key_only("1234") {
            assert!(matches!(
                open(&key_only, &pw("1234")),
                Err(Error::NoCertificate)
            ));
        }
    }

    #[test]
    fn key_mismatch_is_detected_for_ec_and_rsa() {
        let a = Identity::new(&IdentitySpec::default());
        let b = Identity::new(&IdentitySpec::default());
        assert_eq!(
            key_matches_cert(&a.leaf_key_pkcs8, &b.leaf_der),
            KeyMatch::Mismatch
        );
        let bytes = a.pkcs12_with_foreign_key("1234", &b);
        let bundle = open(&bytes, &pw("1234")).unwrap();
        assert_eq!(bundle.key_match, KeyMatch::Mismatch);
        assert!(
            bundle
                .problems(OffsetDateTime::now_utc())
                .contains(&Problem::KeyMismatch)
        );
        if let Some((k1, c1, k2, c2)) = rsa_pairs() {
            assert_eq!(key_matches_cert(&k1, &c1), KeyMatch::Matches);
            assert_eq!(key_matches_cert(&k1, &c2), KeyMatch::Mismatch);
            assert_eq!(key_matches_cert(&k2, &c2), KeyMatch::Matches);
        }
    }

    #[test]
    fn expired_certificate_is_a_problem() {
        let id = Identity::new(&IdentitySpec {
            expired: true,
            ..Default::default()
        });
        let b = open(&id.pkcs12_modern("1234"), &pw("1234")).unwrap();
        let now = OffsetDateTime::now_utc();
        assert!(b.leaf.info.is_expired(now));
        assert!(b.leaf.info.days_left(now) < 0);
        assert_eq!(b.problems(now), vec![Problem::Expired]);
    }

    #[test]
    fn thumbprint_matches_windows_format() {
        let id = Identity::new(&IdentitySpec::default());
        let t = sha1_thumbprint(&id.leaf_der);
        assert_eq!(t.len(), 40);
        assert!(
            t.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        );
        assert_eq!(normalize_thumbprint(&t.to_lowercase().replace("", " ")), t);
    }

    #[test]
    fn debug_of_bundle_hides_the_key() {
        let id = Identity::new(&IdentitySpec::default());
        let b = open(&id.pkcs12_modern("1234"), &pw("1234")).unwrap();
        let dbg = format!("{b:?}");
        assert!(dbg.contains("<redacted>"));
        assert!(!dbg.contains(&format!("{:?}", &id.leaf_key_pkcs8[..8])));
    }

    #[test]
    fn garbage_never_panics() {
        use proptest::prelude::*;
        proptest!(|(bytes in proptest::collection::vec(any::<u8>(), 0..512))| {
            let _ = open(&bytes, &pw("1234"));
        });
        let id = Identity::new(&IdentitySpec::default());
        let full = id.pkcs12_3des("1234");
        proptest!(ProptestConfig::with_cases(64), |(pos in 0..full.len(), val in any::<u8>())| {
            let mut b = full.clone();
            b[pos] = val;
            let _ = open(&b, &pw("1234"));
        });
    }
}
