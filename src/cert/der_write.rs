//! DER written by hand, byte by byte: the few shapes oqscert builds itself
//! (the self-test's throwaway certificate and its key; test files no
//! ordinary writer makes). Definite lengths only.

use der::Encode;
use der::asn1::ObjectIdentifier;

/// One value: tag, definite length, content.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

pub fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

pub fn set(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x31, &parts.concat())
}

/// An OBJECT IDENTIFIER from its dotted form. The callers' OIDs are
/// constants; an invalid one gives an empty value rather than a panic.
pub fn oid(s: &str) -> Vec<u8> {
    ObjectIdentifier::new(s)
        .ok()
        .and_then(|o| o.to_der().ok())
        .unwrap_or_default()
}

pub fn octets(b: &[u8]) -> Vec<u8> {
    tlv(0x04, b)
}

/// A BIT STRING with no unused bits.
pub fn bits(b: &[u8]) -> Vec<u8> {
    let mut v = vec![0u8];
    v.extend_from_slice(b);
    tlv(0x03, &v)
}

pub fn null() -> Vec<u8> {
    vec![0x05, 0x00]
}

pub fn utf8(s: &str) -> Vec<u8> {
    tlv(0x0C, s.as_bytes())
}

pub fn boolean(b: bool) -> Vec<u8> {
    vec![0x01, 0x01, if b { 0xFF } else { 0x00 }]
}

/// `[n] EXPLICIT`, constructed.
pub fn explicit(n: u8, content: &[u8]) -> Vec<u8> {
    tlv(0xA0 | n, content)
}

/// A non-negative INTEGER from big-endian bytes.
pub fn int_bytes(b: &[u8]) -> Vec<u8> {
    let mut v: Vec<u8> = b.iter().copied().skip_while(|x| *x == 0).collect();
    if v.first().is_none_or(|x| x & 0x80 != 0) {
        v.insert(0, 0);
    }
    tlv(0x02, &v)
}

pub fn int(n: u64) -> Vec<u8> {
    int_bytes(&n.to_be_bytes())
}

/// UTCTime `YYMMDDHHMMSSZ` (the years 1950 to 2049).
pub fn utc_time(t: time::OffsetDateTime) -> Vec<u8> {
    let t = t.to_offset(time::UtcOffset::UTC);
    let s = format!(
        "{:02}{:02}{:02}{:02}{:02}{:02}Z",
        t.year() % 100,
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    tlv(0x17, s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_integers_are_der() {
        assert_eq!(tlv(0x04, &[1, 2]), [0x04, 2, 1, 2]);
        let long = tlv(0x04, &[0u8; 300]);
        assert_eq!(&long[..4], [0x04, 0x82, 0x01, 0x2C]);
        assert_eq!(int(0), [0x02, 1, 0]);
        assert_eq!(int(128), [0x02, 2, 0, 0x80]);
        assert_eq!(int_bytes(&[0, 0, 5]), [0x02, 1, 5]);
        assert_eq!(oid("2.5.4.3"), [0x06, 3, 0x55, 4, 3]);
        let t = time::macros::datetime!(2026-12-03 09:30:05 UTC);
        assert_eq!(utc_time(t), [&[0x17, 13][..], b"261203093005Z"].concat());
    }
}
