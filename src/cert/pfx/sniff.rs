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

/// The first iteration count over `max` the file declares. Every PKCS#12
/// KDF and MAC parameter holds its salt (an OCTET STRING) and then its
/// count (an INTEGER) side by side in one SEQUENCE (MacData,
/// pkcs-12PbeParams, PBKDF2-params). The file is walked as DER: into
/// every constructed value, and into an OCTET STRING only when its content
/// is itself whole DER (the authenticated safe is; ciphertext almost never
/// is), so bytes inside encrypted data are not read as a count. A level
/// that is not whole DER (BER's indefinite lengths, say) is not judged.
pub fn declared_iterations_over(d: &[u8], max: u64) -> Option<u64> {
    walk(d, max, 0)
}

/// One level: its values, or `None` when the bytes are not whole DER.
fn children(mut d: &[u8]) -> Option<Vec<(u8, &[u8])>> {
    let mut out = Vec::new();
    while !d.is_empty() {
        let tag = *d.first()?;
        if tag & 0x1F == 0x1F {
            return None; // multi-byte tags do not occur in PKCS#12
        }
        let first = *d.get(1)?;
        let (len, head) = if first < 0x80 {
            (usize::from(first), 2)
        } else {
            let n = usize::from(first & 0x7F);
            if n == 0 || n > 4 {
                return None;
            }
            let mut len = 0usize;
            for i in 0..n {
                len = (len << 8) | usize::from(*d.get(2 + i)?);
            }
            (len, 2 + n)
        };
        let end = head.checked_add(len)?;
        out.push((tag, d.get(head..end)?));
        d = &d[end..];
    }
    Some(out)
}

fn walk(d: &[u8], max: u64, depth: u8) -> Option<u64> {
    if depth > 24 {
        return None;
    }
    let kids = children(d)?;
    for pair in kids.windows(2) {
        let ((t1, salt), (t2, count)) = (pair[0], pair[1]);
        if t1 == 0x04 && salt.len() <= 64 && t2 == 0x02 && (1..=8).contains(&count.len()) {
            let v = count.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
            if v > max {
                return Some(v);
            }
        }
    }
    kids.iter()
        .filter(|(tag, _)| tag & 0x20 != 0 || *tag == 0x04)
        .find_map(|(_, content)| walk(content, max, depth + 1))
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

/// A parser error in the user's terms, told apart with the whole file at
/// hand: a bare certificate is not "corrupt", it is the wrong kind of file.
pub(super) fn refine_error(e: Error, bytes: &[u8]) -> Error {
    match e {
        Error::Corrupt(_) | Error::Truncated if X509Certificate::from_der(bytes).is_ok() => {
            Error::NotPkcs12(FileKind::Certificate)
        }
        other => other,
    }
}
