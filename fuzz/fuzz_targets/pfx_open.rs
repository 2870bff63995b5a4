//! PKCS#12 open with a fixed password: no panic, no hang, whatever the
//! bytes. Inputs over 8 KiB are skipped (a real file is 2-6 KiB), and so
//! is any input that declares a PBKDF2 / PKCS#12-KDF / MAC iteration
//! count over 10,000 (found by the pattern every one of them has: an
//! OCTET STRING salt followed by the INTEGER count), so that a fuzzer's
//! "2^31 iterations" costs no time-out. oqscert itself refuses a file that
//! declares more than `pfx::MAX_ITERATIONS` (ten million), found the same
//! way, as damaged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oqscert::cert::Password;

const MAX_INPUT: usize = 8 * 1024;
const MAX_ITERATIONS: u64 = 10_000;

/// Some `OCTET STRING (short) ; INTEGER (1..=8 bytes)` with the integer
/// over `MAX_ITERATIONS`.
fn declares_many_iterations(d: &[u8]) -> bool {
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
                    if v > MAX_ITERATIONS {
                        return true;
                    }
                }
            }
        }
        i += 1;
    }
    false
}

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT || declares_many_iterations(data) {
        return;
    }
    let _ = oqscert::cert::pfx::sniff(data);
    let _ = oqscert::cert::pfx::open(data, &Password::new("1234"));
});
