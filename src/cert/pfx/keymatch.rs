//! Proof that a private key belongs to a certificate. EC and Ed25519: ring
//! derives the public key from the private scalar (and refuses a PKCS#8
//! whose stored public key differs), and that derived key must equal the
//! certificate's. RSA: the public numbers are compared (every key size),
//! then a challenge signed with the key must verify with the certificate's
//! public key, which also exercises the private exponent.

use super::*;
use ring::signature::KeyPair as _;

/// Prove that a PKCS#8 key belongs to a certificate.
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
                // ring refuses keys under 2048 bits, e < 65537, and keys
                // whose private parts do not agree: check those parts
                // ourselves. Equal public numbers alone prove nothing.
                return match rsa_private_parts_agree(pkcs8) {
                    Some(true) => KeyMatch::Matches,
                    Some(false) => KeyMatch::Mismatch,
                    None => KeyMatch::Unverified,
                };
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
            let sign_alg: &'static signature::EcdsaSigningAlgorithm = match curve.as_deref() {
                Some(OID_P256) => &signature::ECDSA_P256_SHA256_ASN1_SIGNING,
                Some(OID_P384) => &signature::ECDSA_P384_SHA384_ASN1_SIGNING,
                _ => return KeyMatch::Unverified,
            };
            // The public point ring computes from the private scalar: equal
            // to the certificate's only if the key is the certificate's. A
            // signature and its check would prove no more and cost two more
            // scalar multiplications (docs/PERFORMANCE.md, "Session 5").
            let Ok(kp) = signature::EcdsaKeyPair::from_pkcs8(sign_alg, pkcs8, &rng) else {
                return KeyMatch::Mismatch;
            };
            verdict(kp.public_key().as_ref() == public)
        }
        OID_ED25519 => {
            // The public key is computed from the seed (a stored public
            // key, in a v2 file, is compared with it; "unchecked" means v1
            // files without one are taken too).
            let Ok(kp) = signature::Ed25519KeyPair::from_pkcs8_maybe_unchecked(pkcs8) else {
                return KeyMatch::Mismatch;
            };
            verdict(kp.public_key().as_ref() == public)
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

/// The RSAPrivateKey inside a PKCS#8 key: its nine integers (version, n,
/// e, d, p, q, d mod (p-1), d mod (q-1), q^-1 mod p), big-endian.
fn rsa_private_fields(pkcs8: &[u8]) -> Option<Vec<Vec<u8>>> {
    // PrivateKeyInfo ::= SEQUENCE { version, algorithm, privateKey OCTET STRING }
    let (_, pki) = parse_der(pkcs8).ok()?;
    let items = pki.as_sequence().ok()?;
    let inner = items.get(2)?.as_slice().ok()?;
    let (_, rsa) = parse_der(inner).ok()?;
    let fields = rsa.as_sequence().ok()?;
    if fields.len() < 9 {
        return None;
    }
    fields
        .iter()
        .take(9)
        .map(|f| f.as_slice().ok().map(<[u8]>::to_vec))
        .collect()
}

#[cfg(test)]
pub(crate) fn rsa_private_fields_for_test(pkcs8: &[u8]) -> Option<Vec<Vec<u8>>> {
    rsa_private_fields(pkcs8)
}

/// Whether an RSA key's private parts belong together: p·q = n,
/// e·d ≡ 1 (mod λ(n)), the CRT values agree, and a number raised to d
/// and back to e comes back (a signature round trip). `None`: not a
/// readable RSA key, or one too large to check here.
pub(super) fn rsa_private_parts_agree(pkcs8: &[u8]) -> Option<bool> {
    use num_bigint::BigUint;
    use num_integer::Integer;
    let f = rsa_private_fields(pkcs8)?;
    let int = |i: usize| BigUint::from_bytes_be(&f[i]);
    let (n, e, d, p, q, dp, dq, qinv) = (
        int(1),
        int(2),
        int(3),
        int(4),
        int(5),
        int(6),
        int(7),
        int(8),
    );
    let one = BigUint::from(1u32);
    // 16,384 bits is far past any real key; larger would only cost time.
    if n.bits() > 16_384 || n.bits() < 64 {
        return None;
    }
    if p <= one || q <= one || e <= one || &p * &q != n {
        return Some(false);
    }
    let (p1, q1) = (&p - &one, &q - &one);
    let lambda = p1.lcm(&q1);
    let agree =
        (&e * &d) % &lambda == one && &d % &p1 == dp && &d % &q1 == dq && (&qinv * &q) % &p == one;
    if !agree {
        return Some(false);
    }
    // The round trip with the whole key, as a signature would use it.
    let m = BigUint::from_bytes_be(b"oqscert key-match challenge") % &n;
    Some(m.modpow(&d, &n).modpow(&e, &n) == m)
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
