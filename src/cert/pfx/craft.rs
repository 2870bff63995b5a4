//! Test-only: PKCS#12 files built by hand, DER byte by byte, for the shapes
//! no ordinary writer makes (no MAC, secret bags, scrypt, many key
//! derivations) and keys whose parts disagree.

pub use crate::cert::der_write::{explicit, int, int_bytes, octets, oid, seq};

pub fn explicit0(content: &[u8]) -> Vec<u8> {
    explicit(0, content)
}

const DATA: &str = "1.2.840.113549.1.7.1";
const PBES2: &str = "1.2.840.113549.1.5.13";

pub fn cert_bag(der: &[u8]) -> Vec<u8> {
    seq(&[
        oid("1.2.840.113549.1.12.10.1.3"),
        explicit0(&seq(&[
            oid("1.2.840.113549.1.9.22.1"),
            explicit0(&octets(der)),
        ])),
    ])
}

pub fn key_bag(pkcs8: &[u8]) -> Vec<u8> {
    seq(&[oid("1.2.840.113549.1.12.10.1.1"), explicit0(pkcs8)])
}

/// A secret bag (its content is never decrypted by our reader).
pub fn secret_bag() -> Vec<u8> {
    seq(&[
        oid("1.2.840.113549.1.12.10.1.5"),
        explicit0(&seq(&[oid("1.2.3.4"), explicit0(&octets(b"secret"))])),
    ])
}

/// A PKCS#8 key encrypted with PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC
/// at `iterations`.
pub fn shrouded_bag(pkcs8: &[u8], password: &str, iterations: u32) -> Vec<u8> {
    let params = pkcs5::pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(
        iterations, &[7u8; 16], [9u8; 16],
    )
    .unwrap();
    shrouded_with(params, pkcs8, password)
}

/// The same with scrypt as the key derivation (small parameters).
pub fn scrypt_bag(pkcs8: &[u8], password: &str) -> Vec<u8> {
    let p = scrypt::Params::new(4, 1, 1).unwrap();
    let params =
        pkcs5::pbes2::Parameters::generate_scrypt_aes256cbc(p, &[7u8; 16], [9u8; 16]).unwrap();
    shrouded_with(params, pkcs8, password)
}

fn shrouded_with(params: pkcs5::pbes2::Parameters, pkcs8: &[u8], password: &str) -> Vec<u8> {
    let ct = params.encrypt(password.as_bytes(), pkcs8).unwrap();
    use der::Encode;
    let alg = seq(&[oid(PBES2), params.to_der().unwrap()]);
    seq(&[
        oid("1.2.840.113549.1.12.10.1.2"),
        explicit0(&seq(&[alg, octets(&ct)])),
    ])
}

/// A PFX holding `bags` in one plain safe; with a SHA-256 MAC of
/// `mac_iterations` under `password` when `Some`.
pub fn pfx(bags: &[Vec<u8>], mac: Option<(&str, i32)>) -> Vec<u8> {
    let safe_contents = seq(bags);
    let auth_safe = seq(&[seq(&[oid(DATA), explicit0(&octets(&safe_contents))])]);
    let content_info = seq(&[oid(DATA), explicit0(&octets(&auth_safe))]);
    let mut parts = vec![int(3), content_info];
    if let Some((password, iterations)) = mac {
        let salt = [5u8; 8];
        let key = pkcs12::kdf::derive_key_utf8::<sha2::Sha256>(
            password,
            &salt,
            pkcs12::kdf::Pkcs12KeyType::Mac,
            iterations,
            32,
        )
        .unwrap();
        let k = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &key);
        let tag = ring::hmac::sign(&k, &auth_safe);
        let digest_info = seq(&[
            seq(&[oid("2.16.840.1.101.3.4.2.1"), vec![0x05, 0x00]]),
            octets(tag.as_ref()),
        ]);
        parts.push(seq(&[digest_info, octets(&salt), int(iterations as u64)]));
    }
    seq(&parts)
}

/// A PKCS#8 RSA key from its nine integers (big-endian), for keys whose
/// parts are made to disagree.
pub fn rsa_pkcs8(fields: &[Vec<u8>]) -> Vec<u8> {
    let rsa = seq(&fields.iter().map(|f| int_bytes(f)).collect::<Vec<_>>());
    seq(&[
        int(0),
        seq(&[oid("1.2.840.113549.1.1.1"), vec![0x05, 0x00]]),
        octets(&rsa),
    ])
}
