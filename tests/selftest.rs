//! `oqscert selftest` through the real binary: every line has a verdict,
//! the store and the password vault are left as they were (an existing
//! certificate untouched, the throwaway one gone with its key, the test
//! entry gone), and the clock is judged against a server's `Date`.

use crate::common::fixtures::{Identity, IdentitySpec};
use crate::common::{json, oqscert};
use serde_json::Value;
use std::path::Path;

fn listing(h: &Path) -> Value {
    json(
        &oqscert(h)
            .args(["store", "list", "--all", "--json"])
            .output()
            .unwrap()
            .stdout,
    )
}

fn check<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {report}"))
}

#[test]
fn the_self_test_leaves_the_store_and_the_vault_as_it_found_them() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // A clinic's certificate already in the store.
    let id = Identity::new(&IdentitySpec::default());
    std::fs::write(h.join("c.p12"), id.pkcs12_modern("1234")).unwrap();
    oqscert(h)
        .args([
            "store",
            "install",
            "--password-stdin",
            "--yes",
            "--trust-root",
        ])
        .arg(h.join("c.p12"))
        .write_stdin("1234\n")
        .assert()
        .code(0);
    let before = listing(h);
    // And the clinic's IDs and password in the vault.
    use oqscert::cert::secret::{NoticeIds, SecretStore, Secrets};
    let clinic = SecretStore::new(h, "default").unwrap();
    clinic
        .save(&Secrets {
            ids: NoticeIds::new("REQ7Q2X9K4", "REF3M8P1Z6").unwrap(),
            password: oqscert::cert::Password::new("0427"),
        })
        .unwrap();
    let out = oqscert(h)
        .args(["selftest", "--json", "--no-network"])
        .output()
        .unwrap();
    let r = json(&out.stdout);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{r}");
    // Which PC, which user, which oqscert: the vendor's record.
    assert_eq!(r["version"], env!("CARGO_PKG_VERSION"));
    assert!(!r["computer"].as_str().unwrap().is_empty(), "{r}");
    // The user as the environment names it (none in some CI shells).
    assert!(r["user"].is_string(), "{r}");
    let ids: Vec<&str> = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "store",
            "vault",
            "downloads",
            "drives",
            "browser",
            "network",
            "clock",
            "console",
            "data_folder",
            "programs"
        ]
    );
    // The store: the throwaway certificate went in, signed, came out and
    // went away with its key; the clinic's certificate is untouched.
    let store = check(&r, "store");
    assert_eq!(store["verdict"], "ok", "{store}");
    assert_eq!(store["values"]["key"], "file");
    assert_eq!(listing(h), before);
    let leftovers: Vec<_> = std::fs::read_dir(h.join("store/MY"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        leftovers.len(),
        3,
        "the clinic's .cer, .key, .toml only: {leftovers:?}"
    );
    // The vault: its test entry is gone.
    let vault = check(&r, "vault");
    assert_eq!(vault["verdict"], "ok", "{vault}");
    let account = vault["values"]["account"].as_str().unwrap();
    assert!(account.starts_with("selftest-"));
    assert!(
        oqscert::cert::secret::SecretStore::with_account(account)
            .load()
            .unwrap()
            .is_none()
    );
    // Without the network: said, not guessed.
    assert_eq!(check(&r, "network")["verdict"], "not_here");
    assert_eq!(check(&r, "clock")["verdict"], "not_here");
    // No terminal to ask: the console was not measured.
    assert_eq!(check(&r, "console")["verdict"], "not_here");
    let data = check(&r, "data_folder");
    assert_eq!(data["values"]["why"], "env");
    // In words too, in both languages, one line a check.
    for lang in ["ja", "en"] {
        let out = oqscert(h)
            .args(["--lang", lang, "selftest", "--no-network"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.lines().filter(|l| l.starts_with('[')).count() >= 10,
            "{text}"
        );
        assert!(!text.contains("selftest."), "{text}");
    }
    assert_eq!(listing(h), before);
    // The clinic's entry is there, unchanged; then removed (nothing left).
    let kept = clinic.load().unwrap().expect("the clinic's entry stays");
    assert_eq!(kept.ids.request_id(), "REQ7Q2X9K4");
    assert_eq!(kept.ids.reference_id(), "REF3M8P1Z6");
    assert_eq!(kept.password.expose(), "0427");
    assert!(clinic.delete().unwrap());
}

/// A store that cannot work here (its folder is a file) is the
/// environment: exit 5, the store line NG with what to do, nothing left.
#[test]
fn a_store_that_cannot_work_is_exit_five() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    std::fs::write(h.join("store"), b"not a folder").unwrap();
    let out = oqscert(h)
        .args(["selftest", "--json", "--no-network"])
        .output()
        .unwrap();
    let r = json(&out.stdout);
    assert_eq!(out.status.code(), Some(5), "{r}");
    assert_eq!(check(&r, "store")["verdict"], "ng", "{r}");
    let text = oqscert(h)
        .args(["selftest", "--no-network"])
        .output()
        .unwrap();
    assert_eq!(text.status.code(), Some(5));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("[NG] 証明書ストア"), "{text}");
    assert!(text.contains("担当のベンダー"), "{text}");
    assert_eq!(std::fs::read(h.join("store")).unwrap(), b"not a folder");
}

/// A clock more than five minutes off is said, with the difference.
#[test]
fn a_clock_that_is_off_is_said() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let two_hours_ahead = time::OffsetDateTime::now_utc() + time::Duration::hours(2);
    let f = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let date = two_hours_ahead.format(f).unwrap();
    let tls = rt.block_on(crate::net::tls_server_dated(Some(date)));
    let home = tempfile::tempdir().unwrap();
    let ca = home.path().join("ca.der");
    std::fs::write(&ca, &tls.ca_der).unwrap();
    let run = || {
        let out = oqscert(home.path())
            .args(["selftest", "--json", "--no-proxy", "--ca-file"])
            .arg(&ca)
            .args(["--url", &format!("https://127.0.0.1:{}/p/rcd", tls.port)])
            .output()
            .unwrap();
        (out.status.code(), json(&out.stdout))
    };
    let (code, r) = run();
    assert_eq!(code, Some(1), "{r}");
    assert_eq!(check(&r, "network")["verdict"], "ok", "{r}");
    let clock = check(&r, "clock");
    assert_eq!(clock["verdict"], "ng", "{clock}");
    let off: i64 = clock["values"]["offset_minutes"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((-121..=-119).contains(&off), "{clock}");
    drop(rt);
}
