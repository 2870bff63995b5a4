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

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT
        || oqscert::cert::pfx::declared_iterations_over(data, MAX_ITERATIONS).is_some()
    {
        return;
    }
    let _ = oqscert::cert::pfx::sniff(data);
    let _ = oqscert::cert::pfx::open(data, &Password::new("1234"));
});
