//! The self-test's throwaway identity: an RSA key made here and a
//! self-signed client certificate named so nobody mistakes it
//! (「oqscert selftest 2026-12-03」), as a PKCS#12 file. RSA, because the
//! legacy CryptoAPI providers (and wine) hold RSA keys; self-signed and not
//! a CA, so installing it adds nothing to a Root store.

use super::der_write::{
    bits, boolean, explicit, int, int_bytes, null, octets, oid, seq, set, utc_time, utf8,
};
use super::error::{Error, Result};
use super::password::Password;
use num_bigint::BigUint;
use num_integer::Integer;
use ring::rand::{SecureRandom, SystemRandom};
use time::{Duration, OffsetDateTime};
use zeroize::Zeroizing;

const RSA: &str = "1.2.840.113549.1.1.1";
const SHA256_WITH_RSA: &str = "1.2.840.113549.1.1.11";
const COMMON_NAME: &str = "2.5.4.3";

/// A made identity: the certificate (DER), its key (PKCS#8 DER) and the
/// PKCS#12 file holding both under `password`.
pub struct Identity {
    pub cert_der: Vec<u8>,
    pub key_pkcs8: Zeroizing<Vec<u8>>,
    pub pkcs12: Zeroizing<Vec<u8>>,
}

fn random(rng: &SystemRandom, n: usize) -> Result<Vec<u8>> {
    let mut b = vec![0u8; n];
    rng.fill(&mut b)
        .map_err(|_| Error::Usage("no random numbers from the system".into()))?;
    Ok(b)
}

/// Small primes for trial division before Miller-Rabin.
fn small_primes() -> Vec<u32> {
    let mut out = Vec::new();
    let mut n = 3u32;
    while out.len() < 300 {
        if out
            .iter()
            .take_while(|p| *p * *p <= n)
            .all(|p| !n.is_multiple_of(*p))
        {
            out.push(n);
        }
        n += 2;
    }
    out
}

/// Miller-Rabin with `rounds` random bases.
fn probably_prime(n: &BigUint, rounds: usize, rng: &SystemRandom) -> Result<bool> {
    let one = BigUint::from(1u32);
    let two = BigUint::from(2u32);
    let n1 = n - &one;
    let s = n1.trailing_zeros().unwrap_or(0);
    let d = &n1 >> s;
    let bytes = (n.bits() as usize).div_ceil(8);
    for _ in 0..rounds {
        let a = BigUint::from_bytes_be(&random(rng, bytes)?) % (n - 3u32) + &two;
        let mut x = a.modpow(&d, n);
        if x == one || x == n1 {
            continue;
        }
        let mut composite = true;
        for _ in 1..s {
            x = x.modpow(&two, n);
            if x == n1 {
                composite = false;
                break;
            }
        }
        if composite {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A random prime of `bits` bits (the top two bits set, so p·q has
/// exactly twice as many), with p - 1 prime to 65537.
fn prime(bits: usize, rng: &SystemRandom, small: &[u32]) -> Result<BigUint> {
    let e = BigUint::from(65537u32);
    loop {
        let mut b = random(rng, bits / 8)?;
        b[0] |= 0xC0;
        if let Some(last) = b.last_mut() {
            *last |= 1;
        }
        let candidate = BigUint::from_bytes_be(&b);
        if small
            .iter()
            .any(|p| (&candidate % *p) == BigUint::from(0u32))
        {
            continue;
        }
        if (&candidate - 1u32).gcd(&e) != BigUint::from(1u32) {
            continue;
        }
        if probably_prime(&candidate, 24, rng)? {
            return Ok(candidate);
        }
    }
}

/// Whether every private part has its full width: d as many bytes as n,
/// and p, q, dp, dq, qinv half as many. Wine's PFX import
/// (dlls/crypt32/unixlib.c, `import_store_key`) copies a part only when
/// it has exactly that width and otherwise leaves the rest of the key blob
/// unwritten, so a key with a short part would sign wrongly there and the
/// self-test would blame the store. Windows takes any key; skipping about
/// one key in eighty costs nothing.
fn full_width(n_bytes: usize, d: &BigUint, halves: &[&BigUint]) -> bool {
    let bytes = |x: &BigUint| x.bits().div_ceil(8) as usize;
    bytes(d) == n_bytes && halves.iter().all(|x| bytes(x) == n_bytes / 2)
}

/// A 2048-bit RSA key (e = 65537) as PKCS#8 DER, every part full width.
pub fn rsa_key() -> Result<Zeroizing<Vec<u8>>> {
    let rng = SystemRandom::new();
    let small = small_primes();
    let one = BigUint::from(1u32);
    let e = BigUint::from(65537u32);
    loop {
        let p = prime(1024, &rng, &small)?;
        let q = prime(1024, &rng, &small)?;
        if p == q {
            continue;
        }
        // CRT convention: p > q.
        let (p, q) = if p > q { (p, q) } else { (q, p) };
        let n = &p * &q;
        let lambda = (&p - &one).lcm(&(&q - &one));
        let Some(d) = e.modinv(&lambda) else { continue };
        let Some(qinv) = q.modinv(&p) else { continue };
        let dp = &d % (&p - &one);
        let dq = &d % (&q - &one);
        if !full_width(256, &d, &[&p, &q, &dp, &dq, &qinv]) {
            continue;
        }
        let fields = [BigUint::from(0u32), n, e.clone(), d, p, q, dp, dq, qinv];
        let rsa = Zeroizing::new(seq(&fields
            .iter()
            .map(|f| int_bytes(&f.to_bytes_be()))
            .collect::<Vec<_>>()));
        return Ok(Zeroizing::new(seq(&[
            int(0),
            seq(&[oid(RSA), null()]),
            octets(&rsa),
        ])));
    }
}

/// The throwaway client certificate for `key`, self-signed, valid for a
/// day around `now`, named `oqscert selftest <date>`.
pub fn certificate(key_pkcs8: &[u8], now: OffsetDateTime) -> Result<Vec<u8>> {
    let rng = SystemRandom::new();
    let kp = ring::signature::RsaKeyPair::from_pkcs8(key_pkcs8)
        .map_err(|e| Error::Usage(format!("self-test key: {e}")))?;
    use ring::signature::KeyPair as _;
    let public = kp.public_key().as_ref().to_vec();
    let date = super::jst::iso_day(now);
    let name = seq(&[set(&[seq(&[
        oid(COMMON_NAME),
        utf8(&format!("oqscert selftest {date}")),
    ])])]);
    let mut serial = random(&rng, 16)?;
    serial[0] &= 0x7F;
    serial[0] |= 0x01;
    let extensions = seq(&[
        // Basic constraints: not a CA (critical).
        seq(&[oid("2.5.29.19"), boolean(true), octets(&seq(&[]))]),
        // Key usage: digital signature (critical).
        seq(&[
            oid("2.5.29.15"),
            boolean(true),
            octets(&crate::cert::der_write::tlv(0x03, &[0x07, 0x80])),
        ]),
        // Extended key usage: TLS client authentication.
        seq(&[oid("2.5.29.37"), octets(&seq(&[oid("1.3.6.1.5.5.7.3.2")]))]),
    ]);
    let tbs = seq(&[
        explicit(0, &int(2)),
        int_bytes(&serial),
        seq(&[oid(SHA256_WITH_RSA), null()]),
        name.clone(),
        seq(&[
            utc_time(now - Duration::hours(1)),
            utc_time(now + Duration::days(1)),
        ]),
        name,
        seq(&[seq(&[oid(RSA), null()]), bits(&public)]),
        explicit(3, &extensions),
    ]);
    let mut sig = vec![0u8; kp.public().modulus_len()];
    kp.sign(&ring::signature::RSA_PKCS1_SHA256, &rng, &tbs, &mut sig)
        .map_err(|_| Error::Usage("self-test signature failed".into()))?;
    Ok(seq(&[
        tbs,
        seq(&[oid(SHA256_WITH_RSA), null()]),
        bits(&sig),
    ]))
}

/// A made key, its certificate and a PKCS#12 of both under `password`.
pub fn identity(password: &Password, now: OffsetDateTime) -> Result<Identity> {
    let key_pkcs8 = rsa_key()?;
    let cert_der = certificate(&key_pkcs8, now)?;
    let pkcs12 = super::store::file::write_pkcs12(&cert_der, &key_pkcs8, password)
        .map_err(|e| Error::Usage(format!("self-test PKCS#12: {e}")))?;
    Ok(Identity {
        cert_der,
        key_pkcs8,
        pkcs12: Zeroizing::new(pkcs12),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_made_identity_opens_proves_its_key_and_is_a_plain_client_certificate() {
        let now = time::macros::datetime!(2026-12-03 00:00 UTC);
        let pw = Password::new("4821");
        let id = identity(&pw, now).unwrap();
        let b = crate::cert::pfx::open(&id.pkcs12, &pw).unwrap();
        assert_eq!(b.key_match, crate::cert::pfx::KeyMatch::Matches);
        let info = &b.leaf.info;
        assert_eq!(
            info.subject_cn.as_deref(),
            Some("oqscert selftest 2026-12-03")
        );
        assert!(info.client_auth && !info.is_ca && info.self_signed);
        assert_eq!(info.key_algorithm, "RSA 2048");
        // Self-signed but no CA, no chain: nothing for the Root store.
        assert!(b.chain.is_empty());
        let plan = crate::cert::store::plan_placement(&b);
        assert_eq!(plan.len(), 1);
        assert_eq!(plan[0].1, crate::cert::store::StoreName::My);
        // Its signature is its own.
        let (_, x) = <x509_parser::prelude::X509Certificate as x509_parser::prelude::FromDer<
            '_,
            x509_parser::error::X509Error,
        >>::from_der(&id.cert_der)
        .unwrap();
        assert!(x.verify_signature(None).is_ok());
        assert!(!info.is_expired(now) && !info.is_not_yet_valid(now));
    }

    #[test]
    fn a_key_with_a_short_part_is_drawn_again() {
        let big = |bytes: usize| BigUint::from(1u32) << (bytes * 8 - 1);
        let (d, half) = (big(256), big(128));
        assert!(full_width(256, &d, &[&half, &half]));
        // One byte short: a leading zero byte in DER's fixed-width view.
        let short = BigUint::from(1u32) << (127 * 8 - 1);
        assert!(!full_width(256, &d, &[&half, &short]));
        assert!(!full_width(
            256,
            &(BigUint::from(1u32) << 2039u32),
            &[&half]
        ));
        // And the keys made here have none.
        let key = rsa_key().unwrap();
        let f = crate::cert::pfx::rsa_private_fields_for_test(&key).unwrap();
        let width = |i: usize| f[i].iter().skip_while(|b| **b == 0).count();
        assert_eq!(width(3), 256, "d");
        assert!((4..9).all(|i| width(i) == 128), "p q dp dq qinv");
    }

    #[test]
    fn miller_rabin_tells_primes_from_composites() {
        let rng = SystemRandom::new();
        // 2^127 - 1 is prime; a Carmichael number is not.
        let m127 = (BigUint::from(1u32) << 127u32) - 1u32;
        assert!(probably_prime(&m127, 16, &rng).unwrap());
        assert!(!probably_prime(&BigUint::from(561u32), 16, &rng).unwrap());
        assert!(!probably_prime(&(&m127 * &m127), 16, &rng).unwrap());
    }
}
