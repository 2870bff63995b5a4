//! Our own reader of a PKCS#12 file's layers (RFC 7292), so that the work a
//! file can cause is bounded, counted and cancellable before any of it is
//! done. A file is a few KiB; what it costs to open is its key derivations
//! (thousands of hash rounds each), and a damaged or hostile file could ask
//! for thousands of them. So, unlike a general-purpose reader:
//! - a file without a MAC is refused (every real export has one, and the
//!   MAC is what makes a wrong password cost one derivation, not many);
//! - every derivation is counted against one budget for the whole file
//!   ([`MAX_TOTAL_ROUNDS`], [`MAX_DERIVATIONS`]), and the cancel flag is
//!   looked at before each one;
//! - scrypt is refused (memory-hard by design), secret bags are never
//!   decrypted and more than [`MAX_SECRET_BAGS`] are refused.
//!
//! Decrypted key material lives in `Zeroizing` buffers only.

use super::super::error::{Error, Result};
use der::asn1::{BmpString, ObjectIdentifier as Oid, OctetString};
use der::{Decode, Encode};
use pkcs12::kdf::{Pkcs12KeyType, derive_key_utf8};
use pkcs12::pbe_params::EncryptedPrivateKeyInfo;
use pkcs12::safe_bag::{SafeBag, SafeContents};
use pkcs12::{AuthenticatedSafe, CertBag, MacData, pfx::Pfx, pfx::Version};
use std::sync::atomic::{AtomicBool, Ordering};
use zeroize::Zeroizing;

/// Hash rounds one file may ask for in all (a PKCS#12 KDF round is one
/// hash; a PBKDF2 round two). Real files ask for about 10,000 (five
/// derivations of 2,048 at most); three million is about a second here.
pub const MAX_TOTAL_ROUNDS: u64 = 3_000_000;
/// Hash rounds one derivation may ask for: the cancel flag is looked at
/// between derivations, so this bounds how long a quit waits (about half
/// a second here). Real files: 2,048 (OpenSSL), 2,000 (Windows), up to
/// some hundred thousand.
pub const MAX_ROUNDS_PER_DERIVATION: u64 = 1_500_000;
/// Key derivations one file may ask for. Real files: 3 to 5 (MAC, the
/// certificates' layer, the key, each IV).
pub const MAX_DERIVATIONS: u32 = 16;
/// Secret bags are never decrypted; a file with more than this many is
/// not a certificate file.
pub const MAX_SECRET_BAGS: usize = 4;

const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
const ENCRYPTED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.6");
const KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.1");
const SHROUDED_KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.2");
const CERT_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.3");
const SECRET_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.5");
const X509_CERT: Oid = Oid::new_unwrap("1.2.840.113549.1.9.22.1");
const FRIENDLY_NAME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.20");
const LOCAL_KEY_ID: Oid = Oid::new_unwrap("1.2.840.113549.1.9.21");
const PBES2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.13");
const PBE_SHA_3DES: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.3");
const PBE_SHA_RC2_128: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.5");
const PBE_SHA_RC2_40: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.6");
const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");

/// A private key found in the file, as PKCS#8 DER.
pub(super) struct RawKey {
    pub pkcs8: Zeroizing<Vec<u8>>,
    pub local_key_id: Option<Vec<u8>>,
    pub friendly_name: Option<String>,
}

/// A certificate found in the file, as DER.
pub(super) struct RawCert {
    pub der: Vec<u8>,
    pub local_key_id: Option<Vec<u8>>,
}

/// What the file holds, in the order found.
#[derive(Default)]
pub(super) struct Contents {
    pub keys: Vec<RawKey>,
    pub certs: Vec<RawCert>,
}

/// The work a file may still cause, and the flag that stops it.
pub(super) struct Budget<'a> {
    rounds_left: u64,
    derivations_left: u32,
    cancel: Option<&'a AtomicBool>,
}

impl<'a> Budget<'a> {
    pub fn new(cancel: Option<&'a AtomicBool>) -> Self {
        Budget {
            rounds_left: MAX_TOTAL_ROUNDS,
            derivations_left: MAX_DERIVATIONS,
            cancel,
        }
    }

    /// Account for one derivation of `rounds` hash rounds, before doing it.
    fn spend(&mut self, rounds: u64) -> Result<()> {
        if self.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(Error::Cancelled);
        }
        if self.derivations_left == 0
            || rounds > self.rounds_left
            || rounds > MAX_ROUNDS_PER_DERIVATION
        {
            return Err(Error::TooMuchWork);
        }
        self.derivations_left -= 1;
        self.rounds_left -= rounds;
        Ok(())
    }
}

fn corrupt(what: &str) -> Error {
    Error::Corrupt(what.to_string())
}

/// Read every certificate and key of a PKCS#12 file. The MAC is checked
/// first (a wrong password costs one derivation); the file must have one.
pub(super) fn read(bytes: &[u8], password: &str, budget: &mut Budget<'_>) -> Result<Contents> {
    let pfx = Pfx::from_der(bytes).map_err(DerFailure)?;
    if pfx.version != Version::V3 {
        return Err(corrupt("PFX version is not 3"));
    }
    if pfx.auth_safe.content_type != DATA {
        return Err(Error::Unsupported("public-key integrity mode".into()));
    }
    let Some(mac) = &pfx.mac_data else {
        return Err(Error::NoMac);
    };
    let signed = pfx.auth_safe.content.value();
    verify_mac(mac, password, signed, budget)?;
    let data = OctetString::from_der(&pfx.auth_safe.content.to_der().map_err(DerFailure)?)
        .map_err(DerFailure)?;
    let safes = AuthenticatedSafe::from_der(data.as_bytes()).map_err(DerFailure)?;
    let mut out = Contents::default();
    let mut secret_bags = 0usize;
    for safe in safes {
        let plain: Zeroizing<Vec<u8>> = if safe.content_type == DATA {
            let os = OctetString::from_der(&safe.content.to_der().map_err(DerFailure)?)
                .map_err(DerFailure)?;
            Zeroizing::new(os.into_bytes().into_vec())
        } else if safe.content_type == ENCRYPTED_DATA {
            let enc = cms::encrypted_data::EncryptedData::from_der(
                &safe.content.to_der().map_err(DerFailure)?,
            )
            .map_err(DerFailure)?;
            let info = &enc.enc_content_info;
            match info.encrypted_content.as_ref() {
                Some(ct) => decrypt(
                    &info.content_enc_alg.oid,
                    info.content_enc_alg.parameters.as_ref(),
                    ct.as_bytes(),
                    password,
                    budget,
                )?,
                None => continue,
            }
        } else {
            return Err(Error::Unsupported(format!(
                "content type {}",
                safe.content_type
            )));
        };
        let bags = SafeContents::from_der(&plain).map_err(DerFailure)?;
        for bag in bags {
            read_bag(&bag, password, budget, &mut out, &mut secret_bags)?;
        }
    }
    Ok(out)
}

fn read_bag(
    bag: &SafeBag,
    password: &str,
    budget: &mut Budget<'_>,
    out: &mut Contents,
    secret_bags: &mut usize,
) -> Result<()> {
    let local_key_id = attribute(bag, &LOCAL_KEY_ID).and_then(|a| {
        OctetString::from_der(&a)
            .ok()
            .map(|o| o.into_bytes().into_vec())
    });
    let friendly_name = attribute(bag, &FRIENDLY_NAME)
        .and_then(|n| BmpString::from_der(&n).ok().map(|s| s.to_string()));
    // Every bag value is `[0] EXPLICIT`: its content is the inner DER.
    let inner = explicit_content(&bag.bag_value)?;
    if bag.bag_id == CERT_BAG {
        let cert = CertBag::from_der(inner).map_err(DerFailure)?;
        if cert.cert_id != X509_CERT {
            return Err(Error::Unsupported(
                "certificate type other than X.509".into(),
            ));
        }
        out.certs.push(RawCert {
            der: cert.cert_value.as_bytes().to_vec(),
            local_key_id,
        });
    } else if bag.bag_id == KEY_BAG {
        out.keys.push(RawKey {
            pkcs8: Zeroizing::new(inner.to_vec()),
            local_key_id,
            friendly_name,
        });
    } else if bag.bag_id == SHROUDED_KEY_BAG {
        let epki = EncryptedPrivateKeyInfo::from_der(inner).map_err(DerFailure)?;
        let alg = &epki.encryption_algorithm;
        let pkcs8 = decrypt(
            &alg.oid,
            alg.parameters.as_ref(),
            epki.encrypted_data.as_bytes(),
            password,
            budget,
        )?;
        out.keys.push(RawKey {
            pkcs8,
            local_key_id,
            friendly_name,
        });
    } else if bag.bag_id == SECRET_BAG {
        // Never decrypted: a certificate file has no use for one.
        *secret_bags += 1;
        if *secret_bags > MAX_SECRET_BAGS {
            return Err(corrupt("too many secret bags"));
        }
    }
    // CRL bags, nested safe contents and unknown bags: not ours to read.
    Ok(())
}

/// The content octets of a `[0] EXPLICIT` value (DER, definite length).
fn explicit_content(v: &[u8]) -> Result<&[u8]> {
    let bad = || corrupt("bag value");
    if v.first() != Some(&0xA0) {
        return Err(bad());
    }
    let first = *v.get(1).ok_or_else(bad)?;
    let (len, head) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7F);
        if n == 0 || n > 4 {
            return Err(bad());
        }
        let len = v
            .get(2..2 + n)
            .ok_or_else(bad)?
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, 2 + n)
    };
    v.get(head..head.checked_add(len).ok_or_else(bad)?)
        .ok_or_else(bad)
}

fn attribute(bag: &SafeBag, oid: &Oid) -> Option<Vec<u8>> {
    bag.bag_attributes.as_ref()?.iter().find_map(|a| {
        (a.oid == *oid)
            .then(|| a.values.iter().next().and_then(|v| v.to_der().ok()))
            .flatten()
    })
}

/// Rounds a PKCS#12 KDF of `iterations` costs for `len` output bytes of a
/// hash with `out`-byte output.
fn kdf_rounds(iterations: i32, len: usize, out: usize) -> Result<u64> {
    let it = u64::try_from(iterations).map_err(|_| corrupt("iteration count"))?;
    if it == 0 {
        return Err(corrupt("iteration count"));
    }
    Ok(it * len.div_ceil(out) as u64)
}

fn verify_mac(mac: &MacData, password: &str, data: &[u8], budget: &mut Budget<'_>) -> Result<()> {
    macro_rules! check {
        ($digest:ty, $ring:expr, $out:expr) => {{
            budget.spend(kdf_rounds(mac.iterations, $out, $out)?)?;
            let key = Zeroizing::new(
                derive_key_utf8::<$digest>(
                    password,
                    mac.mac_salt.as_bytes(),
                    Pkcs12KeyType::Mac,
                    mac.iterations,
                    $out,
                )
                .map_err(|_| Error::WrongPassword)?,
            );
            let key = ring::hmac::Key::new($ring, &key);
            ring::hmac::verify(&key, data, mac.mac.digest.as_bytes())
                .map_err(|_| Error::WrongPassword)
        }};
    }
    let alg = &mac.mac.algorithm.oid;
    if *alg == SHA1 {
        check!(sha1::Sha1, ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, 20)
    } else if *alg == SHA256 {
        check!(sha2::Sha256, ring::hmac::HMAC_SHA256, 32)
    } else if *alg == SHA384 {
        check!(sha2::Sha384, ring::hmac::HMAC_SHA384, 48)
    } else if *alg == SHA512 {
        check!(sha2::Sha512, ring::hmac::HMAC_SHA512, 64)
    } else {
        Err(Error::Unsupported(format!("MAC algorithm {alg}")))
    }
}

/// Decrypt one password-protected layer (PBES2 with PBKDF2, or the
/// PKCS#12 PBE of legacy files), counting its derivations first.
fn decrypt(
    alg: &Oid,
    params: Option<&der::Any>,
    data: &[u8],
    password: &str,
    budget: &mut Budget<'_>,
) -> Result<Zeroizing<Vec<u8>>> {
    let params = params
        .ok_or_else(|| corrupt("encryption parameters"))?
        .to_der()
        .map_err(DerFailure)?;
    if *alg == PBES2 {
        let p = pkcs5::pbes2::Parameters::from_der(&params).map_err(DerFailure)?;
        let Some(kdf) = p.kdf.pbkdf2() else {
            // scrypt is memory-hard by design: no certificate file uses it.
            return Err(Error::Unsupported("scrypt".into()));
        };
        use pkcs5::pbes2::Pbkdf2Prf as Prf;
        let out = match kdf.prf {
            Prf::HmacWithSha1 => 20,
            Prf::HmacWithSha224 => 28,
            Prf::HmacWithSha256 => 32,
            Prf::HmacWithSha384 => 48,
            Prf::HmacWithSha512 => 64,
            _ => return Err(Error::Unsupported("PBKDF2 pseudo-random function".into())),
        };
        let key_len = p.encryption.key_size();
        let it = u64::from(kdf.iteration_count);
        if it == 0 {
            return Err(corrupt("iteration count"));
        }
        // PBKDF2: two HMAC compressions per round, one pass per block.
        budget.spend(2 * it * key_len.div_ceil(out) as u64)?;
        return p
            .decrypt(password.as_bytes(), data)
            .map(Zeroizing::new)
            .map_err(|_| corrupt("decryption failed"));
    }
    let (key_len, rc2) = if *alg == PBE_SHA_3DES {
        (24, false)
    } else if *alg == PBE_SHA_RC2_40 {
        (5, true)
    } else if *alg == PBE_SHA_RC2_128 {
        (16, true)
    } else {
        return Err(Error::Unsupported(format!("encryption {alg}")));
    };
    let p = pkcs12::pbe_params::Pkcs12PbeParams::from_der(&params).map_err(DerFailure)?;
    let salt = p.salt.as_bytes();
    budget.spend(kdf_rounds(p.iterations, key_len, 20)?)?;
    let key = Zeroizing::new(
        derive_key_utf8::<sha1::Sha1>(
            password,
            salt,
            Pkcs12KeyType::EncryptionKey,
            p.iterations,
            key_len,
        )
        .map_err(|_| Error::WrongPassword)?,
    );
    budget.spend(kdf_rounds(p.iterations, 8, 20)?)?;
    let iv = derive_key_utf8::<sha1::Sha1>(password, salt, Pkcs12KeyType::Iv, p.iterations, 8)
        .map_err(|_| Error::WrongPassword)?;
    use cbc::cipher::{BlockModeDecrypt, KeyIvInit, block_padding::Pkcs7};
    let plain = if rc2 {
        cbc::Decryptor::<rc2::Rc2>::new_from_slices(&key, &iv)
            .map_err(|_| corrupt("RC2 key"))?
            .decrypt_padded_vec::<Pkcs7>(data)
    } else {
        cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
            .map_err(|_| corrupt("3DES key"))?
            .decrypt_padded_vec::<Pkcs7>(data)
    };
    // The MAC has proven the password: bad padding now is damage.
    plain
        .map(Zeroizing::new)
        .map_err(|_| corrupt("decryption failed"))
}

/// A DER error from the parser, told apart by the caller (truncated,
/// corrupt, or a bare certificate) with the whole file at hand.
#[derive(Debug)]
pub(super) struct DerFailure(pub der::Error);

impl From<DerFailure> for Error {
    fn from(e: DerFailure) -> Self {
        if matches!(e.0.kind(), der::ErrorKind::Incomplete { .. }) {
            Error::Truncated
        } else {
            Error::Corrupt(e.0.to_string())
        }
    }
}
