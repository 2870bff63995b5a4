//! The reader's bounds (no MAC, secret bags, scrypt, too much work,
//! cancel), chains linked only through signatures, and the proof of an
//! RSA key's private parts, on files and keys made here.

use super::craft::*;
use super::fixtures::{Identity, IdentitySpec, openssl_available};
use super::*;
use std::sync::atomic::AtomicBool;

fn pw(s: &str) -> Password {
    Password::new(s)
}

fn ident() -> Identity {
    Identity::new(&IdentitySpec::default())
}

#[test]
fn a_file_made_by_hand_opens_so_the_builder_is_sound() {
    let id = ident();
    let bytes = pfx(
        &[
            cert_bag(&id.leaf_der),
            cert_bag(&id.ca_der),
            shrouded_bag(&id.leaf_key_pkcs8, "1234", 2048),
        ],
        Some(("1234", 2048)),
    );
    let b = open(&bytes, &pw("1234")).unwrap();
    assert_eq!(b.key_match, KeyMatch::Matches);
    assert_eq!(b.chain.len(), 1);
    assert!(matches!(
        open(&bytes, &pw("1243")),
        Err(Error::WrongPassword)
    ));
}

#[test]
fn a_file_without_a_mac_is_refused() {
    let id = ident();
    let bytes = pfx(&[cert_bag(&id.leaf_der), key_bag(&id.leaf_key_pkcs8)], None);
    assert!(matches!(open(&bytes, &pw("1234")), Err(Error::NoMac)));
}

#[test]
fn secret_bags_beyond_a_few_are_refused_and_never_decrypted() {
    let id = ident();
    let with = |n: usize| {
        let mut bags = vec![cert_bag(&id.leaf_der), key_bag(&id.leaf_key_pkcs8)];
        bags.extend((0..n).map(|_| secret_bag()));
        pfx(&bags, Some(("1234", 2048)))
    };
    assert!(open(&with(MAX_SECRET_BAGS), &pw("1234")).is_ok());
    assert!(matches!(
        open(&with(MAX_SECRET_BAGS + 1), &pw("1234")),
        Err(Error::Corrupt(_))
    ));
}

#[test]
fn scrypt_is_refused() {
    let id = ident();
    let bytes = pfx(
        &[
            cert_bag(&id.leaf_der),
            scrypt_bag(&id.leaf_key_pkcs8, "1234"),
        ],
        Some(("1234", 2048)),
    );
    assert!(matches!(
        open(&bytes, &pw("1234")),
        Err(Error::Unsupported(_))
    ));
}

#[test]
fn the_work_of_a_whole_file_is_bounded_before_it_is_done() {
    let id = ident();
    // Many cheap derivations: more than any real file asks for.
    let mut bags = vec![cert_bag(&id.leaf_der)];
    bags.extend((0..MAX_DERIVATIONS).map(|_| shrouded_bag(&id.leaf_key_pkcs8, "1234", 1)));
    let many = pfx(&bags, Some(("1234", 1)));
    assert!(matches!(open(&many, &pw("1234")), Err(Error::TooMuchWork)));
    // Two expensive ones: the second is refused before it is derived,
    // whatever the first cost.
    let rounds = u32::try_from(MAX_TOTAL_ROUNDS / 2).unwrap();
    let heavy = pfx(
        &[
            cert_bag(&id.leaf_der),
            shrouded_bag(&id.leaf_key_pkcs8, "1234", 1),
            shrouded_bag(&id.leaf_key_pkcs8, "1234", rounds),
        ],
        Some(("1234", 1)),
    );
    assert!(matches!(open(&heavy, &pw("1234")), Err(Error::TooMuchWork)));
}

#[test]
fn a_cancelled_open_stops_before_its_next_derivation() {
    let id = ident();
    let bytes = id.pkcs12_modern("1234");
    let stop = AtomicBool::new(true);
    assert!(matches!(
        open_cancellable(&bytes, &pw("1234"), Some(&stop)),
        Err(Error::Cancelled)
    ));
    let go = AtomicBool::new(false);
    assert!(open_cancellable(&bytes, &pw("1234"), Some(&go)).is_ok());
}

/// A self-signed certificate that bears `dn_of`'s subject (the issuer's
/// name) but its own key: what a stranger can write in a minute.
fn impostor_of(id_spec: &IdentitySpec) -> Vec<u8> {
    use rcgen::{BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, KeyPair};
    let key = KeyPair::generate().unwrap();
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, id_spec.ca_cn.as_str());
    dn.push(DnType::OrganizationName, "テスト発行局");
    p.distinguished_name = dn;
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.self_signed(&key).unwrap().der().to_vec()
}

#[test]
fn a_root_bearing_the_issuers_name_without_its_key_never_joins_the_chain() {
    let spec = IdentitySpec::default();
    let id = Identity::new(&spec);
    let fake = impostor_of(&spec);
    let bytes = pfx(
        &[
            cert_bag(&id.leaf_der),
            cert_bag(&fake),
            key_bag(&id.leaf_key_pkcs8),
        ],
        Some(("1234", 2048)),
    );
    let b = open(&bytes, &pw("1234")).unwrap();
    assert!(b.chain.is_empty(), "linked by name only: {:?}", b.chain);
    assert_eq!(b.rejected.len(), 1);
    assert_eq!(b.rejected[0].der, fake);
    // Nothing goes to Root, and the report names it.
    let plan = crate::cert::store::plan_placement(&b);
    assert!(
        plan.iter()
            .all(|(_, s)| *s != crate::cert::store::StoreName::Root)
    );
    assert!(crate::cert::install::roots_to_add(&b).is_empty());
    // With the real CA beside the fake one, the real one is the chain.
    let both = pfx(
        &[
            cert_bag(&id.leaf_der),
            cert_bag(&fake),
            cert_bag(&id.ca_der),
            key_bag(&id.leaf_key_pkcs8),
        ],
        Some(("1234", 2048)),
    );
    let b = open(&both, &pw("1234")).unwrap();
    assert_eq!(b.chain.len(), 1);
    assert_eq!(b.chain[0].der, id.ca_der);
    assert_eq!(b.rejected.len(), 1);
}

/// An RSA key and a self-signed certificate for it, made by OpenSSL:
/// `genpkey` options (bits, exponent).
fn openssl_rsa(opts: &[&str]) -> Option<(Vec<u8>, Vec<u8>)> {
    if !openssl_available() {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let ok = std::process::Command::new("openssl")
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            ok.status.success(),
            "{}",
            String::from_utf8_lossy(&ok.stderr)
        );
    };
    let mut genpkey = vec!["genpkey", "-algorithm", "RSA", "-out", "k.pem"];
    for o in opts {
        genpkey.extend(["-pkeyopt", o]);
    }
    run(&genpkey);
    run(&[
        "pkcs8", "-topk8", "-nocrypt", "-in", "k.pem", "-outform", "DER", "-out", "k.der",
    ]);
    run(&[
        "req",
        "-new",
        "-x509",
        "-key",
        "k.pem",
        "-subj",
        "/CN=rsa test",
        "-days",
        "30",
        "-outform",
        "DER",
        "-out",
        "c.der",
    ]);
    Some((
        std::fs::read(dir.path().join("k.der")).unwrap(),
        std::fs::read(dir.path().join("c.der")).unwrap(),
    ))
}

#[test]
fn rsa_keys_ring_will_not_load_are_proven_by_their_private_parts() {
    // 1024 bits and e = 3: ring refuses both; their parts agree.
    for opts in [
        vec!["rsa_keygen_bits:1024"],
        vec!["rsa_keygen_bits:2048", "rsa_keygen_pubexp:3"],
    ] {
        let Some((key, cert)) = openssl_rsa(&opts) else {
            eprintln!("openssl not found: skipped");
            return;
        };
        assert!(
            ring::signature::RsaKeyPair::from_pkcs8(&key).is_err(),
            "{opts:?}"
        );
        assert_eq!(key_matches_cert(&key, &cert), KeyMatch::Matches, "{opts:?}");
    }
}

#[test]
fn an_rsa_key_with_a_wrong_private_exponent_does_not_match() {
    let Some((key, cert)) = openssl_rsa(&["rsa_keygen_bits:1024"]) else {
        eprintln!("openssl not found: skipped");
        return;
    };
    let mut fields = keymatch::rsa_private_fields_for_test(&key).unwrap();
    // d + 2: still odd-sized, the public numbers unchanged.
    let d = num_bigint::BigUint::from_bytes_be(&fields[3]) + 2u32;
    fields[3] = d.to_bytes_be();
    let broken = rsa_pkcs8(&fields);
    assert_eq!(key_matches_cert(&broken, &cert), KeyMatch::Mismatch);
    // The same key with its own d back: a match (the test's key is sound).
    let fields = keymatch::rsa_private_fields_for_test(&key).unwrap();
    assert_eq!(
        key_matches_cert(&rsa_pkcs8(&fields), &cert),
        KeyMatch::Matches
    );
    // Public numbers right, p and q not n's factors: a mismatch too.
    let mut fields = keymatch::rsa_private_fields_for_test(&key).unwrap();
    fields[4] = vec![3];
    assert_eq!(
        key_matches_cert(&rsa_pkcs8(&fields), &cert),
        KeyMatch::Mismatch
    );
}
