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
fn openssl_default_aes_file_opens_when_openssl_is_present() {
    let id = Identity::new(&IdentitySpec::default());
    let Some(bytes) = id.pkcs12_openssl_default("0427") else {
        eprintln!("openssl CLI not found: skipped (the CLI tests require it)");
        return;
    };
    // What OpenSSL wrote: PBES2 (1.2.840.113549.1.5.13) with AES-256-CBC
    // (2.16.840.1.101.3.4.1.42), not one of the legacy schemes.
    let has = |oid: &[u8]| bytes.windows(oid.len()).any(|w| w == oid);
    assert!(has(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d]));
    assert!(has(&[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a]));
    let b = open(&bytes, &pw("0427")).unwrap();
    assert_eq!(b.key_match, KeyMatch::Matches);
    assert_eq!(b.leaf.info.sha1_thumbprint, sha1_thumbprint(&id.leaf_der));
    assert_eq!(b.chain.len(), 1, "the CA came along");
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

/// A self-signed certificate and its key in PKCS#8, for one algorithm.
fn pair(alg: &'static rcgen::SignatureAlgorithm) -> (Vec<u8>, Vec<u8>) {
    let key = rcgen::KeyPair::generate_for(alg).unwrap();
    let cert = rcgen::CertificateParams::new(vec!["key-match.test".into()])
        .unwrap()
        .self_signed(&key)
        .unwrap();
    (key.serialize_der(), cert.der().to_vec())
}

#[test]
fn each_ec_and_ed25519_key_is_matched_by_its_derived_public_key() {
    for (name, alg) in [
        ("P-256", &rcgen::PKCS_ECDSA_P256_SHA256),
        ("P-384", &rcgen::PKCS_ECDSA_P384_SHA384),
        ("Ed25519", &rcgen::PKCS_ED25519),
    ] {
        let (k1, c1) = pair(alg);
        let (k2, c2) = pair(alg);
        assert_eq!(key_matches_cert(&k1, &c1), KeyMatch::Matches, "{name}");
        assert_eq!(key_matches_cert(&k2, &c2), KeyMatch::Matches, "{name}");
        assert_eq!(key_matches_cert(&k1, &c2), KeyMatch::Mismatch, "{name}");
        assert_eq!(key_matches_cert(&k2, &c1), KeyMatch::Mismatch, "{name}");
    }
}

#[test]
fn an_ec_key_carrying_another_keys_public_point_is_not_a_match() {
    // The PKCS#8 of key 1 with key 2's public point pasted in, and key 2's
    // certificate: a comparison of stored public keys alone would call this
    // a match. ring derives the point from the private scalar and refuses
    // the file, so it is a mismatch.
    let (k1, c1) = pair(&rcgen::PKCS_ECDSA_P256_SHA256);
    let (_, c2) = pair(&rcgen::PKCS_ECDSA_P256_SHA256);
    let point = |der: &[u8]| -> Vec<u8> {
        let (_, x) = X509Certificate::from_der(der).unwrap();
        x.public_key().subject_public_key.data.to_vec()
    };
    let (p1, p2) = (point(&c1), point(&c2));
    assert_eq!(p1.len(), 65);
    let at = k1.windows(65).position(|w| w == p1.as_slice()).unwrap();
    let mut forged = k1.clone();
    forged[at..at + 65].copy_from_slice(&p2);
    assert_eq!(key_matches_cert(&forged, &c2), KeyMatch::Mismatch);
    assert_eq!(key_matches_cert(&k1, &c1), KeyMatch::Matches);
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
fn thumbprint_grouped_as_the_root_warning_shows_it() {
    let t = "a1b2c3d4e5f60718293a4b5c6d7e8f9001122334";
    assert_eq!(
        thumbprint_grouped(t),
        "A1B2C3D4 E5F60718 293A4B5C 6D7E8F90 01122334"
    );
    // Separators in the input do not matter; the grouping is the same.
    assert_eq!(
        thumbprint_grouped("A1 B2 C3 D4 E5 F6 07 18 29 3A 4B 5C 6D 7E 8F 90 01 12 23 34"),
        "A1B2C3D4 E5F60718 293A4B5C 6D7E8F90 01122334"
    );
    assert_eq!(thumbprint_grouped(""), "");
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

/// Found by fuzz/pfx_open: a file declaring 2^31 KDF iterations kept the
/// program busy for many minutes. The count is found in real files (OpenSSL
/// writes 2,048), and a count over ten million is refused as damaged.
#[test]
fn a_huge_iteration_count_is_refused_before_any_key_derivation() {
    let id = Identity::new(&IdentitySpec::default());
    let full = id.pkcs12_modern("1234");
    assert!(
        declared_iterations_over(&full, 1_000).is_some(),
        "the shape finds the real counts"
    );
    assert_eq!(declared_iterations_over(&full, MAX_ITERATIONS), None);
    // SEQUENCE { OCTET STRING salt, INTEGER 0x7FFFFFFF }, as in MacData.
    let hostile = [
        0x30, 0x10, 0x04, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, 0x02, 0x04, 0x7F, 0xFF, 0xFF, 0xFF,
    ];
    // Refused by the sniff, before the parser or any key derivation.
    let r = sniff(&hostile);
    assert!(
        matches!(r, Err(Error::Corrupt(ref d)) if d.contains("2147483647")),
        "{r:?}"
    );
    let r = open(&hostile, &pw("1234"));
    assert!(matches!(r, Err(Error::Corrupt(_))), "{r:?}");
}

/// The scan reads counts only where PKCS#12 keeps them: bytes inside
/// encrypted data that happen to look like "salt, count" are not read (the
/// byte scan it replaced refused about one generated file in a hundred).
#[test]
fn real_files_are_never_taken_for_huge_iteration_counts() {
    // The OpenSSL -legacy layout (RC2 certificates, 3DES key), when
    // OpenSSL is here.
    let id = Identity::new(&IdentitySpec::default());
    if let Some(bytes) = id.pkcs12_openssl_legacy("1234") {
        assert_eq!(declared_iterations_over(&bytes, MAX_ITERATIONS), None);
        assert!(declared_iterations_over(&bytes, 1).is_some());
    }
    for i in 0..300 {
        let id = Identity::new(&IdentitySpec {
            cn: format!("テスト医院 {i}"),
            ..IdentitySpec::default()
        });
        for (kind, bytes) in [
            ("modern", id.pkcs12_modern("1234")),
            ("3des", id.pkcs12_3des("1234")),
        ] {
            assert_eq!(
                declared_iterations_over(&bytes, MAX_ITERATIONS),
                None,
                "{kind} file {i}"
            );
            // The real counts are found where they are.
            assert!(declared_iterations_over(&bytes, 1).is_some(), "{kind} {i}");
        }
    }
}

/// One DER value at the start of `d`: (tag, content, total length).
fn der_tlv(d: &[u8]) -> (u8, &[u8], usize) {
    let first = d[1];
    let (len, head) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7F);
        let len = d[2..2 + n]
            .iter()
            .fold(0usize, |a, b| (a << 8) | usize::from(*b));
        (len, 2 + n)
    };
    (d[0], &d[head..head + len], head + len)
}

/// Tag, definite length, content (the writer the self-test uses).
use crate::cert::der_write::tlv as der;

/// BER (indefinite lengths), which the iteration scan does not read, is
/// refused by the parser itself before any key derivation: a file in BER
/// whose MAC declares 2^31 - 1 iterations is turned away at once.
#[test]
fn a_ber_file_is_refused_before_any_key_derivation() {
    let id = Identity::new(&IdentitySpec::default());
    let full = id.pkcs12_modern("1234");
    let (_, pfx, _) = der_tlv(&full);
    // PFX ::= SEQUENCE { version, authSafe, macData }.
    let mut rest = pfx;
    let mut parts = Vec::new();
    while !rest.is_empty() {
        let (tag, content, total) = der_tlv(rest);
        parts.push((tag, content, &rest[..total]));
        rest = &rest[total..];
    }
    assert_eq!(parts.len(), 3);
    // macData ::= SEQUENCE { mac DigestInfo, macSalt, iterations }.
    let (_, mac, _) = parts[2];
    let (_, _, digest_len) = der_tlv(mac);
    let (_, _, salt_len) = der_tlv(&mac[digest_len..]);
    let mut hostile_mac = mac[..digest_len + salt_len].to_vec();
    hostile_mac.extend(der(0x02, &[0x7F, 0xFF, 0xFF, 0xFF]));
    let mut ber = vec![0x30, 0x80];
    ber.extend_from_slice(parts[0].2);
    ber.extend_from_slice(parts[1].2);
    ber.extend(der(0x30, &hostile_mac));
    ber.extend([0, 0]);
    // Not judged by the scan (not whole DER) ...
    assert_eq!(declared_iterations_over(&ber, MAX_ITERATIONS), None);
    // ... and refused by the parser for its encoding, at the outer
    // header: no key derivation ran (2^31 rounds would take minutes).
    let r = open(&ber, &pw("1234"));
    assert!(
        matches!(r, Err(Error::Corrupt(ref d)) if d.contains("indefinite length")),
        "{r:?}"
    );
    // The same MAC in DER is caught by the scan.
    let mut der_file = Vec::new();
    der_file.extend_from_slice(parts[0].2);
    der_file.extend_from_slice(parts[1].2);
    der_file.extend(der(0x30, &hostile_mac));
    let der_file = der(0x30, &der_file);
    assert_eq!(
        declared_iterations_over(&der_file, MAX_ITERATIONS),
        Some(0x7FFF_FFFF)
    );
}
