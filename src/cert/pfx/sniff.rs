//! What a file holds before it is opened: PKCS#12, or something else
//! (PEM, a bare certificate, a ZIP, truncated), and the crate's errors in
//! our words.

use super::*;

/// Tell what a byte string is before handing it to the PKCS#12 parser, so
/// that the user hears "this is a PEM file" rather than "DER error".
pub fn sniff(bytes: &[u8]) -> Result<()> {
    if bytes.is_empty() {
        return Err(Error::EmptyFile);
    }
    if bytes.len() as u64 > MAX_PFX_SIZE {
        return Err(Error::FileTooLarge {
            size: bytes.len() as u64,
            max: MAX_PFX_SIZE,
        });
    }
    let text_start: &[u8] = {
        let t = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let skip = t.iter().take_while(|b| b.is_ascii_whitespace()).count();
        &t[skip..]
    };
    if text_start.starts_with(b"-----BEGIN") {
        return Err(Error::NotPkcs12(FileKind::Pem));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Err(Error::NotPkcs12(FileKind::Zip));
    }
    if bytes[0] != 0x30 {
        return Err(Error::NotPkcs12(FileKind::Unknown));
    }
    // Outer DER SEQUENCE header: a declared length beyond the data means
    // the download or copy was cut short.
    if let Some(declared) = der_declared_len(bytes)
        && declared > bytes.len()
    {
        return Err(Error::Truncated);
    }
    if bytes.len() < 2 {
        return Err(Error::Truncated);
    }
    if let Some(n) = declared_iterations_over(bytes, MAX_ITERATIONS) {
        return Err(Error::Corrupt(format!(
            "iteration count {n} > {MAX_ITERATIONS}"
        )));
    }
    Ok(())
}

/// The most KDF / MAC iterations a file may declare. Real files use 2,000
/// (Windows), 2,048 (OpenSSL) up to some hundred thousand; ten million is
/// about 10 s per key derivation here, and a damaged or hostile file that
/// declares 2^31 would otherwise keep the program busy for many minutes.
pub const MAX_ITERATIONS: u64 = 10_000_000;

/// The first iteration count over `max` the file declares, found by the
/// shape every PKCS#12 KDF and MAC parameter has: a short OCTET STRING
/// (the salt) followed by an INTEGER (the count). Found by fuzz/pfx_open.
pub fn declared_iterations_over(d: &[u8], max: u64) -> Option<u64> {
    let mut i = 0;
    while i + 1 < d.len() {
        if d[i] == 0x04 && d[i + 1] < 0x80 {
            let j = i + 2 + usize::from(d[i + 1]);
            if j + 1 < d.len() && d[j] == 0x02 {
                let n = usize::from(d[j + 1]);
                if (1..=8).contains(&n) && j + 2 + n <= d.len() {
                    let v = d[j + 2..j + 2 + n]
                        .iter()
                        .fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
                    if v > max {
                        return Some(v);
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// Total length (header + content) that a definite-length DER header at the
/// start of `bytes` declares, if it is readable.
fn der_declared_len(bytes: &[u8]) -> Option<usize> {
    let first = *bytes.get(1)?;
    if first < 0x80 {
        return Some(2 + usize::from(first));
    }
    let n = usize::from(first & 0x7F);
    if n == 0 || n > 4 {
        return None; // indefinite or absurd: let the parser judge
    }
    let mut len = 0usize;
    for i in 0..n {
        len = (len << 8) | usize::from(*bytes.get(2 + i)?);
    }
    Some(2 + n + len)
}

pub(super) fn map_p12_error(e: P12Error, bytes: &[u8]) -> Error {
    match e {
        // With a MAC the password is checked first; without one, a wrong
        // password shows up as failed decryption or bad padding.
        P12Error::MacError(_) | P12Error::Pkcs5Error(_) | P12Error::UnpadError => {
            Error::WrongPassword
        }
        P12Error::DerError(d) => {
            if X509Certificate::from_der(bytes).is_ok() {
                Error::NotPkcs12(FileKind::Certificate)
            } else if matches!(d.kind(), der::ErrorKind::Incomplete { .. }) {
                Error::Truncated
            } else {
                Error::Corrupt(d.to_string())
            }
        }
        P12Error::X509Error(x) => Error::BadCertificate(x.to_string()),
        other => Error::Corrupt(other.to_string()),
    }
}
