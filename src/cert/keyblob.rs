//! CryptoAPI's RSA private key blob to PKCS#8: what `CryptExportKey` gives
//! on Windows, turned into what a PKCS#12 file holds. Pure byte work, so it
//! lives outside the Windows code and is tested on every platform (against
//! OpenSSL, which writes the same blob format).

use der::asn1::{Null, ObjectIdentifier, OctetStringRef, UintRef};
use der::{Encode, Sequence};
use zeroize::Zeroizing;

/// BLOBHEADER.bType of a private key blob (PRIVATEKEYBLOB).
const PRIVATEKEYBLOB: u8 = 7;
/// RSAPUBKEY.magic of an RSA private key: "RSA2", little-endian.
const RSA2: u32 = 0x3241_5352;
/// rsaEncryption (RFC 8017, Appendix A.1).
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// PKCS#1 RSAPrivateKey (RFC 8017, Appendix A.1.2), two primes.
#[derive(Sequence)]
struct RsaPrivateKey<'a> {
    version: UintRef<'a>,
    modulus: UintRef<'a>,
    public_exponent: UintRef<'a>,
    private_exponent: UintRef<'a>,
    prime1: UintRef<'a>,
    prime2: UintRef<'a>,
    exponent1: UintRef<'a>,
    exponent2: UintRef<'a>,
    coefficient: UintRef<'a>,
}

/// AlgorithmIdentifier with NULL parameters, as rsaEncryption has them.
#[derive(Sequence)]
struct AlgorithmIdentifier {
    algorithm: ObjectIdentifier,
    parameters: Null,
}

/// PKCS#8 PrivateKeyInfo (RFC 5208), version 0, without attributes.
#[derive(Sequence)]
struct PrivateKeyInfo<'a> {
    version: UintRef<'a>,
    private_key_algorithm: AlgorithmIdentifier,
    private_key: &'a OctetStringRef,
}

/// A Microsoft PRIVATEKEYBLOB to PKCS#8 DER. The blob: BLOBHEADER (bType 7,
/// bVersion, reserved, aiKeyAlg), RSAPUBKEY ("RSA2", bit length, public
/// exponent), then little-endian modulus (bits/8 bytes), p, q, dp, dq, qinv
/// (bits/16 bytes each) and d (bits/8 bytes). `None` when it is not such a
/// blob or is shorter than its bit length says; bytes after `d` are ignored.
pub fn rsa_blob_to_pkcs8(blob: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let u32_at = |i: usize| -> Option<u32> {
        Some(u32::from_le_bytes(blob.get(i..i + 4)?.try_into().ok()?))
    };
    if blob.first() != Some(&PRIVATEKEYBLOB) || u32_at(8)? != RSA2 {
        return None;
    }
    let bits = u32_at(12)? as usize;
    let e = u32_at(16)?.to_be_bytes();
    let (n8, n16) = (bits.div_ceil(8), bits.div_ceil(16));
    let mut at: usize = 20;
    // Each number is copied into a wiped buffer and turned big-endian.
    let mut take = |len: usize| -> Option<Zeroizing<Vec<u8>>> {
        let mut v = Zeroizing::new(blob.get(at..at.checked_add(len)?)?.to_vec());
        at += len;
        v.reverse();
        Some(v)
    };
    let n = take(n8)?;
    let p = take(n16)?;
    let q = take(n16)?;
    let dp = take(n16)?;
    let dq = take(n16)?;
    let qinv = take(n16)?;
    let d = fitting_d(&n, &p, &q, &e, take(n8)?);
    let rsa = RsaPrivateKey {
        version: uint(ZERO)?,
        modulus: uint(&n)?,
        public_exponent: uint(&e)?,
        private_exponent: uint(&d)?,
        prime1: uint(&p)?,
        prime2: uint(&q)?,
        exponent1: uint(&dp)?,
        exponent2: uint(&dq)?,
        coefficient: uint(&qinv)?,
    };
    // Encoded straight into wiped buffers (one exact allocation each, so
    // no copy is left behind by growth; wiped on an error too).
    let rsa = to_der_wiped(&rsa)?;
    let info = PrivateKeyInfo {
        version: uint(ZERO)?,
        private_key_algorithm: AlgorithmIdentifier {
            algorithm: RSA_ENCRYPTION,
            parameters: Null,
        },
        private_key: OctetStringRef::new(&rsa).ok()?,
    };
    to_der_wiped(&info)
}

/// `d` when e·d ≡ 1 (mod λ(n)); otherwise, for a key whose p·q is n, d
/// derived again from p, q and e. wine's CryptoAPI exported a private exponent that did not belong to
/// its key (a key whose d is a byte shorter than n) while the CRT parts,
/// which sign, were right; the derived d makes the copy a whole key. The
/// export's proof still checks the result against the certificate.
fn fitting_d(n: &[u8], p: &[u8], q: &[u8], e: &[u8], d: Zeroizing<Vec<u8>>) -> Zeroizing<Vec<u8>> {
    use num_bigint::BigUint;
    use num_integer::Integer;
    let (p, q, e) = (
        BigUint::from_bytes_be(p),
        BigUint::from_bytes_be(q),
        BigUint::from_bytes_be(e),
    );
    let one = BigUint::from(1u32);
    // Only a real key (p·q = n) is repaired; anything else is copied as
    // it is and fails the proof.
    if p <= one || q <= one || &p * &q != BigUint::from_bytes_be(n) {
        return d;
    }
    let lambda = (&p - &one).lcm(&(&q - &one));
    if (&e * BigUint::from_bytes_be(&d)) % &lambda == one {
        return d;
    }
    match e.modinv(&lambda) {
        Some(derived) => Zeroizing::new(derived.to_bytes_be()),
        None => d,
    }
}

fn to_der_wiped(value: &impl Encode) -> Option<Zeroizing<Vec<u8>>> {
    let mut buf = Zeroizing::new(Vec::new());
    value.encode_to_vec(&mut buf).ok()?;
    Some(buf)
}

const ZERO: &[u8] = &[0];

/// An unsigned big-endian integer; no bytes at all is zero (as a 0-bit
/// blob would give), which DER cannot write as an empty INTEGER.
fn uint(be: &[u8]) -> Option<UintRef<'_>> {
    UintRef::new(if be.is_empty() { ZERO } else { be }).ok()
}

#[cfg(test)]
mod tests;
