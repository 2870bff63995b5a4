use super::*;

/// A PRIVATEKEYBLOB header: bType 7, bVersion 2, aiKeyAlg CALG_RSA_KEYX,
/// then RSAPUBKEY "RSA2", bit length, public exponent.
fn header(bits: u32, e: u32) -> Vec<u8> {
    let mut b = vec![7, 2, 0, 0];
    b.extend_from_slice(&0xa400u32.to_le_bytes());
    b.extend_from_slice(b"RSA2");
    b.extend_from_slice(&bits.to_le_bytes());
    b.extend_from_slice(&e.to_le_bytes());
    b
}

fn hex(parts: &[&str]) -> Vec<u8> {
    let s = parts.concat();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// A 32-bit toy key: n and d 4 bytes, the five CRT numbers 2 bytes each,
/// all little-endian. n = 0xc4030201 needs a sign byte, q = 0x0007 a
/// leading zero stripped, dp is zero.
fn toy_blob() -> Vec<u8> {
    let mut blob = header(32, 65537);
    blob.extend_from_slice(&[
        0x01, 0x02, 0x03, 0xc4, // n
        0x05, 0x86, // p
        0x07, 0x00, // q
        0x00, 0x00, // dp
        0x0b, 0x0c, // dq
        0x0d, 0x0e, // qinv
        0x0f, 0x10, 0x11, 0x12, // d
    ]);
    blob
}

// The expected DER in these two tests was computed by the hand-written
// encoder this module replaced (checked against `openssl asn1parse`).
#[test]
fn a_toy_blob_gives_the_expected_der() {
    let expected = hex(&[
        "303e020100300d06092a864886f70d0101010500042a3028020100020500c403",
        "0201020301000102041211100f020300860502010702010002020c0b02020e0d",
    ]);
    let ours = rsa_blob_to_pkcs8(&toy_blob()).unwrap();
    assert_eq!(ours.as_slice(), expected.as_slice());
}

#[test]
fn a_zero_bit_blob_gives_zero_integers() {
    let expected = hex(&[
        "3031020100300d06092a864886f70d0101010500041d301b0201000201000201",
        "03020100020100020100020100020100020100",
    ]);
    let ours = rsa_blob_to_pkcs8(&header(0, 3)).unwrap();
    assert_eq!(ours.as_slice(), expected.as_slice());
}

#[test]
fn bytes_after_d_are_ignored() {
    let mut longer = toy_blob();
    longer.extend_from_slice(&[0xff; 7]);
    assert_eq!(
        rsa_blob_to_pkcs8(&longer).unwrap().as_slice(),
        rsa_blob_to_pkcs8(&toy_blob()).unwrap().as_slice()
    );
}

#[test]
fn other_blobs_are_refused() {
    let good = toy_blob();
    assert!(rsa_blob_to_pkcs8(&good).is_some());
    let mut public = good.clone();
    public[0] = 6; // PUBLICKEYBLOB
    let mut rsa1 = good.clone();
    rsa1[8..12].copy_from_slice(b"RSA1"); // a public key's magic
    let mut dss = good.clone();
    dss[8..12].copy_from_slice(b"DSS2");
    for blob in [public, rsa1, dss] {
        assert!(rsa_blob_to_pkcs8(&blob).is_none());
    }
}

#[test]
fn truncated_blobs_are_refused() {
    let blob = toy_blob();
    for len in 0..blob.len() {
        assert!(rsa_blob_to_pkcs8(&blob[..len]).is_none(), "{len} bytes");
    }
}

#[test]
fn a_bit_length_beyond_the_blob_is_refused() {
    let mut blob = header(u32::MAX, 65537);
    blob.extend_from_slice(&[0; 64]);
    assert!(rsa_blob_to_pkcs8(&blob).is_none());
}

// Real keys: OpenSSL writes the same PRIVATEKEYBLOB (`-outform MSBLOB`) and
// the PKCS#8 we must produce, byte for byte. Unix only: the Windows unit
// tests run under wine, without an openssl command.

#[cfg(unix)]
fn openssl(dir: &std::path::Path, args: &[&str]) {
    let out = std::process::Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl runs (scripts/test.sh installs it)");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A fresh key as CryptoAPI exports it and as OpenSSL writes it in PKCS#8.
#[cfg(unix)]
fn openssl_key(bits: u32) -> (Vec<u8>, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bits = bits.to_string();
    openssl(d, &["genrsa", "-out", "k.pem", bits.as_str()]);
    openssl(
        d,
        &[
            "rsa", "-in", "k.pem", "-outform", "MSBLOB", "-out", "k.blob",
        ],
    );
    openssl(
        d,
        &[
            "pkcs8", "-topk8", "-nocrypt", "-in", "k.pem", "-outform", "DER", "-out", "k.p8",
        ],
    );
    (
        std::fs::read(d.join("k.blob")).unwrap(),
        std::fs::read(d.join("k.p8")).unwrap(),
    )
}

#[cfg(unix)]
fn same_as_openssl(bits: u32) {
    let (blob, pkcs8) = openssl_key(bits);
    assert_eq!(
        (blob[0], &blob[8..12]),
        (7, &b"RSA2"[..]),
        "a PRIVATEKEYBLOB"
    );
    let ours = rsa_blob_to_pkcs8(&blob).unwrap();
    assert_eq!(ours.as_slice(), pkcs8.as_slice(), "{bits}-bit key");
    for len in [0, 19, 20, blob.len() / 2, blob.len() - 1] {
        assert!(rsa_blob_to_pkcs8(&blob[..len]).is_none(), "{len} bytes");
    }
    let mut wrong = blob.clone();
    wrong[8..12].copy_from_slice(b"RSA1");
    assert!(rsa_blob_to_pkcs8(&wrong).is_none());
}

#[cfg(unix)]
#[test]
fn same_as_openssl_1024() {
    same_as_openssl(1024);
}

#[cfg(unix)]
#[test]
fn same_as_openssl_2048() {
    same_as_openssl(2048);
}

#[cfg(unix)]
#[test]
fn same_as_openssl_3072() {
    same_as_openssl(3072);
}

/// Not a multiple of 16: the CRT numbers' length rounds up.
#[cfg(unix)]
#[test]
fn same_as_openssl_2050() {
    same_as_openssl(2050);
}

/// The textbook key p = 61, q = 53 (n = 3233, e = 17) as a 12-bit blob
/// with the private exponent `d` (two bytes, little-endian).
fn textbook_blob(d: u16) -> Vec<u8> {
    let mut blob = header(12, 17);
    // n (2 bytes), p, q, dp, dq, qinv (1 byte each), d (2 bytes).
    blob.extend_from_slice(&3233u16.to_le_bytes());
    blob.extend_from_slice(&[61, 53, (2753 % 60) as u8, (2753 % 52) as u8, 38]);
    blob.extend_from_slice(&d.to_le_bytes());
    blob
}

/// The private exponent the PKCS#8 carries (the fourth INTEGER of the
/// inner RSAPrivateKey; small test keys only).
fn d_of(pkcs8: &[u8]) -> u32 {
    use der::Decode;
    let info = PrivateKeyInfo::from_der(pkcs8).unwrap();
    let rsa = RsaPrivateKey::from_der(info.private_key.as_bytes()).unwrap();
    rsa.private_exponent
        .as_bytes()
        .iter()
        .fold(0u32, |a, b| (a << 8) | u32::from(*b))
}

/// A private exponent that does not belong to the key (wine exported one
/// for a key whose d is a byte shorter than the modulus) is derived again
/// from p, q and e; a right one is kept as it is.
#[test]
fn a_private_exponent_that_does_not_fit_is_derived_again() {
    assert_eq!(
        d_of(&rsa_blob_to_pkcs8(&textbook_blob(2753)).unwrap()),
        2753
    );
    // λ(n) = lcm(60, 52) = 780; 17 · 413 = 7021 = 9 · 780 + 1.
    assert_eq!(d_of(&rsa_blob_to_pkcs8(&textbook_blob(5)).unwrap()), 413);
}
