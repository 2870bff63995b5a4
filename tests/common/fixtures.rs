//! Test fixtures generated at test time: a CA and a client certificate with
//! Japanese names (rcgen), written as PKCS#12 in the modern (AES/PBKDF2)
//! and 3DES forms by p12-keystore, and in OpenSSL's `-legacy` RC2/3DES mix
//! by the `openssl` CLI. Nothing here is committed key material.
//!
//! Shared by unit tests (`#[path]`), integration tests and benches.

use p12_keystore::{
    Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry, MacAlgorithm, PrivateKey,
    PrivateKeyChain,
};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose,
};
use std::path::{Path, PathBuf};
use std::process::Command;
use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone)]
pub struct IdentitySpec {
    pub cn: String,
    pub org: String,
    pub ca_cn: String,
    pub expired: bool,
    /// Days until the leaf expires (ignored when `expired`).
    pub days_valid: i64,
    /// Valid only from ten days from now (ignored when `expired`).
    pub not_yet_valid: bool,
}

impl Default for IdentitySpec {
    fn default() -> Self {
        IdentitySpec {
            cn: "テスト歯科医院 受付1号機".into(),
            org: "医療法人テスト会".into(),
            ca_cn: "テスト認証局 CA".into(),
            expired: false,
            days_valid: 3 * 365 + 90,
            not_yet_valid: false,
        }
    }
}

/// A CA and a client certificate with its key.
pub struct Identity {
    pub ca_der: Vec<u8>,
    pub leaf_der: Vec<u8>,
    pub leaf_key_pkcs8: Vec<u8>,
}

impl Identity {
    pub fn new(spec: &IdentitySpec) -> Self {
        let now = OffsetDateTime::now_utc();
        let ca_key = KeyPair::generate().unwrap();
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, spec.ca_cn.as_str());
        dn.push(DnType::OrganizationName, "テスト発行局");
        ca.distinguished_name = dn;
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        ca.not_before = now - Duration::days(4000);
        ca.not_after = now + Duration::days(4000);
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let issuer = Issuer::new(ca, ca_key);

        let leaf_key = KeyPair::generate().unwrap();
        let mut leaf = CertificateParams::new(Vec::<String>::new()).unwrap();
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, spec.cn.as_str());
        dn.push(DnType::OrganizationName, spec.org.as_str());
        leaf.distinguished_name = dn;
        leaf.is_ca = IsCa::ExplicitNoCa;
        leaf.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        if spec.expired {
            leaf.not_before = now - Duration::days(1200);
            leaf.not_after = now - Duration::days(2);
        } else if spec.not_yet_valid {
            leaf.not_before = now + Duration::days(10);
            leaf.not_after = now + Duration::days(spec.days_valid);
        } else {
            leaf.not_before = now - Duration::days(1);
            leaf.not_after = now + Duration::days(spec.days_valid);
        }
        let leaf_cert = leaf.signed_by(&leaf_key, &issuer).unwrap();
        Identity {
            ca_der: ca_cert.der().to_vec(),
            leaf_der: leaf_cert.der().to_vec(),
            leaf_key_pkcs8: leaf_key.serialize_der(),
        }
    }

    fn keystore_with_key(&self, key_pkcs8: &[u8]) -> KeyStore {
        let mut ks = KeyStore::new();
        let chain = PrivateKeyChain::new(
            sha1_of(&self.leaf_der),
            PrivateKey::from_der(key_pkcs8).unwrap(),
            [
                Certificate::from_der(&self.leaf_der).unwrap(),
                Certificate::from_der(&self.ca_der).unwrap(),
            ],
        );
        ks.add_entry("受付1号機の証明書", KeyStoreEntry::PrivateKeyChain(chain));
        ks
    }

    /// PBES2 / PBKDF2 / AES-256-CBC with an HMAC-SHA256 MAC, 2048 iterations.
    pub fn pkcs12_modern(&self, password: &str) -> Vec<u8> {
        self.keystore_with_key(&self.leaf_key_pkcs8)
            .writer(password)
            .encryption_iterations(2048)
            .mac_iterations(2048)
            .write()
            .unwrap()
    }

    /// pbeWithSHAAnd3-KeyTripleDES-CBC for every bag with an HMAC-SHA1 MAC.
    pub fn pkcs12_3des(&self, password: &str) -> Vec<u8> {
        self.keystore_with_key(&self.leaf_key_pkcs8)
            .writer(password)
            .encryption_algorithm(EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc)
            .mac_algorithm(MacAlgorithm::HmacSha1)
            .encryption_iterations(2048)
            .mac_iterations(2048)
            .write()
            .unwrap()
    }

    /// The certificates only, no key bag.
    pub fn pkcs12_certs_only(&self, password: &str) -> Vec<u8> {
        let mut ks = KeyStore::new();
        ks.add_entry(
            "leaf",
            KeyStoreEntry::Certificate(Certificate::from_der(&self.leaf_der).unwrap()),
        );
        ks.add_entry(
            "ca",
            KeyStoreEntry::Certificate(Certificate::from_der(&self.ca_der).unwrap()),
        );
        ks.writer(password).write().unwrap()
    }

    /// Our file plus a self-signed certificate bearing the CA's name
    /// (`ca_cn`, as `IdentitySpec` had it) under its own key: what a
    /// stranger can add in a minute. Returns the file and the impostor.
    pub fn pkcs12_with_impostor(&self, ca_cn: &str, password: &str) -> (Vec<u8>, Vec<u8>) {
        let key = KeyPair::generate().unwrap();
        let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, ca_cn);
        dn.push(DnType::OrganizationName, "テスト発行局");
        p.distinguished_name = dn;
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let fake = p.self_signed(&key).unwrap().der().to_vec();
        let mut ks = self.keystore_with_key(&self.leaf_key_pkcs8);
        ks.add_entry(
            "impostor",
            KeyStoreEntry::Certificate(Certificate::from_der(&fake).unwrap()),
        );
        (ks.writer(password).write().unwrap(), fake)
    }

    /// Our certificates with another identity's key.
    pub fn pkcs12_with_foreign_key(&self, password: &str, other: &Identity) -> Vec<u8> {
        self.keystore_with_key(&other.leaf_key_pkcs8)
            .writer(password)
            .write()
            .unwrap()
    }

    /// Write leaf, CA and key as PEM into `dir` (for the openssl CLI).
    pub fn write_pems(&self, dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
        let leaf = dir.join("leaf.pem");
        let ca = dir.join("ca.pem");
        let key = dir.join("key.pem");
        std::fs::write(&leaf, pem("CERTIFICATE", &self.leaf_der)).unwrap();
        std::fs::write(&ca, pem("CERTIFICATE", &self.ca_der)).unwrap();
        std::fs::write(&key, pem("PRIVATE KEY", &self.leaf_key_pkcs8)).unwrap();
        (leaf, ca, key)
    }

    /// OpenSSL's `-legacy` mix: RC2-40 for certificates, 3DES for the key,
    /// SHA-1 MAC. `None` only where no openssl CLI exists (Windows runs).
    pub fn pkcs12_openssl_legacy(&self, password: &str) -> Option<Vec<u8>> {
        self.openssl_export(password, true, &["-legacy"])
    }

    /// OpenSSL 3's own default: AES-256-CBC with PBKDF2 (HMAC-SHA256) for
    /// key and certificates, a SHA-256 MAC. Written by another library than
    /// the one that parses it, so a parser bug cannot hide behind its own
    /// writer. `None` only where no openssl CLI exists (Windows runs).
    pub fn pkcs12_openssl_default(&self, password: &str) -> Option<Vec<u8>> {
        self.openssl_export(password, true, &[])
    }

    /// A file with the key and no certificate (`-nocerts`).
    pub fn pkcs12_openssl_key_only(&self, password: &str) -> Option<Vec<u8>> {
        self.openssl_export(password, false, &["-nocerts"])
    }

    fn openssl_export(&self, password: &str, with_ca: bool, extra: &[&str]) -> Option<Vec<u8>> {
        if !openssl_available() {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let (leaf, ca, key) = self.write_pems(dir.path());
        let out = dir.path().join("out.p12");
        let mut cmd = Command::new("openssl");
        cmd.args(["pkcs12", "-export", "-inkey"])
            .arg(&key)
            .arg("-in")
            .arg(&leaf);
        if with_ca {
            cmd.arg("-certfile").arg(&ca);
        }
        cmd.args(["-name", "oqscert test", "-passout"])
            .arg(format!("pass:{password}"))
            .arg("-out")
            .arg(&out)
            .args(extra);
        let st = cmd.output().unwrap();
        assert!(
            st.status.success(),
            "openssl pkcs12 failed: {}",
            String::from_utf8_lossy(&st.stderr)
        );
        Some(std::fs::read(&out).unwrap())
    }
}

pub fn sha1_of(der: &[u8]) -> Vec<u8> {
    ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, der)
        .as_ref()
        .to_vec()
}

pub fn pem(label: &str, der: &[u8]) -> String {
    let b64 = base64_encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

fn base64_encode(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in data.chunks(3) {
        let b = [c[0], *c.get(1).unwrap_or(&0), *c.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if c.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if c.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// Whether the `openssl` CLI runs. On Unix it must: the tests that need it
/// would otherwise silently check less, so its absence fails loudly.
pub fn openssl_available() -> bool {
    let ok = Command::new("openssl")
        .arg("version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if cfg!(unix) && !ok {
        panic!("the openssl CLI is required for these tests (Debian package: openssl)");
    }
    ok
}

/// (key1 PKCS#8, cert1, key2 PKCS#8, cert2), all DER.
pub type RsaPairs = (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>);

/// Two RSA-2048 key/certificate pairs from the openssl CLI (rcgen with
/// ring cannot generate RSA keys): (key1, cert1, key2, cert2), DER.
pub fn rsa_pairs() -> Option<RsaPairs> {
    if !openssl_available() {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let pair = |n: u8| -> (Vec<u8>, Vec<u8>) {
        let key = dir.path().join(format!("k{n}.der"));
        let crt = dir.path().join(format!("c{n}.der"));
        let pem_key = dir.path().join(format!("k{n}.pem"));
        let run = |args: &[&std::ffi::OsStr]| {
            let o = Command::new("openssl").args(args).output().unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        };
        run(&[
            "req".as_ref(),
            "-x509".as_ref(),
            "-newkey".as_ref(),
            "rsa:2048".as_ref(),
            "-nodes".as_ref(),
            "-subj".as_ref(),
            "/CN=rsa test".as_ref(),
            "-days".as_ref(),
            "2".as_ref(),
            "-keyout".as_ref(),
            pem_key.as_os_str(),
            "-outform".as_ref(),
            "DER".as_ref(),
            "-out".as_ref(),
            crt.as_os_str(),
        ]);
        run(&[
            "pkcs8".as_ref(),
            "-topk8".as_ref(),
            "-nocrypt".as_ref(),
            "-in".as_ref(),
            pem_key.as_os_str(),
            "-outform".as_ref(),
            "DER".as_ref(),
            "-out".as_ref(),
            key.as_os_str(),
        ]);
        (std::fs::read(key).unwrap(), std::fs::read(crt).unwrap())
    };
    let (k1, c1) = pair(1);
    let (k2, c2) = pair(2);
    Some((k1, c1, k2, c2))
}
