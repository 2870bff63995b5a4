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
