//! The secret audit: a whole flow through the CLI with a known password
//! and IDs, then every file under the data folder, the temp folder (TMPDIR
//! of every command) and the backup target (except the PKCS#12 files
//! themselves: the copies, the store's and the quarantine's), and all
//! captured stdout/stderr, searched for the password and both IDs, in
//! UTF-8 and UTF-16LE. Text is searched with hex runs of 8 or more removed
//! (thumbprints, hashes and serials may hold any 4 digits by chance; see
//! tests/chapter3_cli.rs `without_hex_runs`); the IDs hold letters that
//! are not hex digits, so they cannot hide in a hash.

use crate::common::fixtures::{Identity, IdentitySpec};
use crate::common::oqscert;
use std::path::Path;

const REQ: &str = "RQZ7W2XK9M";
const REF: &str = "RFT8JN02MZ";
const PW: &str = "8461";

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn without_hex_runs(s: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for c in s.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
        } else {
            if run.len() < 8 {
                out.push_str(&run);
            }
            run.clear();
            out.push(c);
        }
    }
    if run.len() < 8 {
        out.push_str(&run);
    }
    out
}

/// Where a secret was found in `bytes`, if anywhere.
fn leak(bytes: &[u8]) -> Option<&'static str> {
    let text = std::str::from_utf8(bytes).ok().map(without_hex_runs);
    for secret in [REQ, REF, PW] {
        let hit = match &text {
            Some(t) => t.contains(secret),
            None => contains(bytes, secret.as_bytes()),
        };
        if hit || contains(bytes, &utf16(secret)) {
            return Some(secret);
        }
    }
    None
}

#[test]
fn a_whole_flow_leaves_no_secret_anywhere() {
    let home = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let h = home.path();
    let profile = format!("secretaudit{}", std::process::id());
    let id = Identity::new(&IdentitySpec::default());
    let file = h.join("download.p12");
    std::fs::write(&file, id.pkcs12_modern(PW)).unwrap();
    let mut captured: Vec<(String, Vec<u8>)> = Vec::new();
    let mut run = |args: &[&str], extra: Option<&Path>, stdin: String, ok: &[i32]| {
        let mut c = oqscert(h);
        c.env("TMPDIR", tmp.path()).arg("--profile").arg(&profile);
        c.args(args);
        if let Some(p) = extra {
            c.arg(p);
        }
        let out = c.write_stdin(stdin).output().unwrap();
        let code = out.status.code().unwrap_or(-1);
        assert!(
            ok.contains(&code),
            "{args:?}: {code} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        captured.push((format!("{args:?} stdout"), out.stdout));
        captured.push((format!("{args:?} stderr"), out.stderr));
        code
    };
    let required = std::env::var_os("OQSCERT_REQUIRE_KEYRING").is_some();
    let keyring = run(
        &["secret", "set", "--stdin"],
        None,
        format!("{REQ}\n{REF}\n{PW}\n"),
        if required { &[0][..] } else { &[0, 5][..] },
    ) == 0;
    let pw = || format!("{PW}\n");
    run(
        &["pfx", "inspect", "--password-stdin", "--json"],
        Some(&file),
        pw(),
        &[0],
    );
    run(
        &["pfx", "inspect", "--password-stdin"],
        Some(&file),
        pw(),
        &[0],
    );
    run(
        &[
            "store",
            "install",
            "--password-stdin",
            "--yes",
            "--trust-root",
            "--json",
        ],
        Some(&file),
        pw(),
        &[0],
    );
    let usb_dir = usb.path().to_string_lossy().into_owned();
    let to = ["backup", "--password-stdin", "--to", usb_dir.as_str()];
    run(&to, Some(&file), pw(), &[0]);
    run(
        &["store", "cleanup", "--yes", "--password-stdin"],
        None,
        pw(),
        &[0],
    );
    run(&["status"], None, String::new(), &[0, 1]);
    run(&["status", "--json"], None, String::new(), &[0, 1]);
    run(&["report"], None, String::new(), &[0]);
    if keyring {
        run(&["secret", "status"], None, String::new(), &[0]);
        run(&["secret", "delete", "--yes"], None, String::new(), &[0]);
    }

    for (what, bytes) in &captured {
        assert_eq!(
            leak(bytes),
            None,
            "in {what}: {}",
            String::from_utf8_lossy(bytes)
        );
    }
    let mut files = crate::common::walk(h);
    files.extend(crate::common::walk(tmp.path()));
    files.extend(crate::common::walk(usb.path()));
    assert!(files.len() >= 4, "{files:?}");
    for f in files {
        let ext = f.extension().map(|e| e.to_string_lossy().to_lowercase());
        if matches!(ext.as_deref(), Some("p12" | "pfx")) {
            continue; // PKCS#12: encrypted with the password itself
        }
        let bytes = std::fs::read(&f).unwrap();
        assert_eq!(leak(&bytes), None, "in {f:?}");
    }
}
