//! `oqscert selftest`: on any PC, in a minute, whether oqscert works there,
//! without touching the clinic's certificates. For a vendor before the
//! clinic's day, or on the phone with a receptionist. Each check is one
//! line (OK / 注意 / NG, or "cannot check here" where the platform gives
//! no answer) with what to do, put into words by `present::selftest`.
//!
//! Read-mostly and reversible: the certificate store gets one throwaway
//! certificate (made here, self-signed, no CA: nothing for a Root store),
//! which is removed with its key before the check ends; the password vault
//! gets one test entry, removed again. The store's listing before and
//! after is compared, and said.

use crate::cert::backup::removable_drives;
use crate::cert::home::{Home, HomeKind};
use crate::cert::net::{CheckResult, Clock, Diagnosis};
use crate::cert::password::Password;
use crate::cert::store::{CertStore, InstallOptions, KeyKind, StoreName};
use crate::cert::{Error, pfx, selfsigned};
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

pub use crate::present::selftest::{Check, ConsoleFacts, Report, Verdict};

/// What the self-test looks at: the store, the data folder, the network
/// results (run by the caller, as `net check` does), the console.
pub struct Inputs<'a> {
    pub store: &'a dyn CertStore,
    pub home: &'a Home,
    pub net: &'a [CheckResult],
    pub console: &'a ConsoleFacts,
    /// The test entry's account in the password vault (random per run).
    pub vault_account: String,
    pub downloads: Option<PathBuf>,
    pub now: OffsetDateTime,
}

/// A fresh account name for the vault's test entry
/// (`selftest-<random>`, never a profile's).
pub fn vault_account() -> String {
    let mut b = [0u8; 6];
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut b);
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("selftest-{hex}")
}

pub use crate::cert::net::CLOCK_TOLERANCE_SECS;

pub fn run(i: &Inputs<'_>) -> Report {
    let mut checks = vec![
        store(i.store, i.now),
        vault(&i.vault_account),
        downloads(i.downloads.as_deref()),
        drives(),
        browser(),
        network(i.net),
        clock(i.net, i.now),
        console(i.console),
        data_folder(i.home),
        programs(),
    ];
    checks.retain(|c| !c.id.is_empty());
    Report { checks, at: i.now }
}

/// The store's listing as compared before and after.
fn snapshot(store: &dyn CertStore) -> Option<Vec<(String, StoreName, bool)>> {
    let mut v: Vec<_> = store
        .list(&StoreName::ALL)
        .ok()?
        .into_iter()
        .map(|c| (c.info.sha1_thumbprint, c.store, c.has_private_key))
        .collect();
    v.sort();
    Some(v)
}

/// A random 4-digit password for the throwaway file.
fn random_password() -> Password {
    let mut b = [0u8; 2];
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut b);
    Password::new(&format!("{:04}", u16::from_be_bytes(b) % 10_000))
}

/// The current user's store: a throwaway client certificate imported into
/// MY with the help page's options, its key found (and which kind), a
/// signature made with it, exported and proven, then removed with its key;
/// the listing compared before and after.
fn store(store: &dyn CertStore, now: OffsetDateTime) -> Check {
    let before = snapshot(store);
    let pw = random_password();
    let mut thumb = String::new();
    let steps = (|| -> Result<(KeyKind, bool), (&'static str, Error)> {
        let id = selfsigned::identity(&pw, now).map_err(|e| ("make", e))?;
        thumb = pfx::sha1_thumbprint(&id.cert_der);
        let r = store
            .install(&id.pkcs12, &pw, &InstallOptions::default())
            .map_err(|e| ("install", e))?;
        if r.root_added || r.placements.iter().any(|p| p.store != StoreName::My) {
            return Err(("install", Error::Store("placed outside MY".into())));
        }
        let kind = store
            .key_kind(&thumb)
            .map_err(|e| ("key", e))?
            .ok_or(("key", Error::NoPrivateKey))?;
        let v = store.verify(&thumb).map_err(|e| ("sign", e))?;
        if v.key_signs != pfx::KeyMatch::Matches {
            return Err(("sign", Error::KeyMismatch));
        }
        let dir = tempfile_dir().map_err(|e| ("export", e))?;
        let exported = store
            .export(&thumb, dir.path(), &pw)
            .map_err(|e| ("export", e))?;
        let proven = exported
            .pkcs12
            .as_ref()
            .and_then(|p| std::fs::read(p).ok())
            .is_some_and(|b| {
                pfx::open(&b, &pw).is_ok_and(|b| {
                    b.key_match == pfx::KeyMatch::Matches && b.leaf.info.sha1_thumbprint == thumb
                })
            });
        store.remove(&thumb, true).map_err(|e| ("remove", e))?;
        let gone = !store.verify(&thumb).map_err(|e| ("remove", e))?.in_my;
        Ok((kind, proven && gone))
    })();
    // Whatever stopped it, the throwaway certificate does not stay.
    if !thumb.is_empty() && store.verify(&thumb).is_ok_and(|v| v.in_my) {
        let _ = store.remove(&thumb, true);
    }
    let unchanged = before.is_some() && before == snapshot(store);
    match steps {
        Ok((kind, proven)) => {
            let verdict = if proven && unchanged {
                Verdict::Ok
            } else {
                Verdict::Ng
            };
            let step = match (proven, unchanged) {
                (true, true) => "",
                (false, _) => "export",
                (true, false) => "unchanged",
            };
            Check::new("store", verdict)
                .value("key", key_kind_id(kind))
                .value("step", step)
        }
        Err((step, e)) => Check::new("store", Verdict::Ng)
            .value("step", step)
            .detail(e.to_string()),
    }
}

fn key_kind_id(k: KeyKind) -> &'static str {
    match k {
        KeyKind::CryptoApi => "cryptoapi",
        KeyKind::Cng => "cng",
        KeyKind::File => "file",
    }
}

/// A private temporary folder for the export (removed when dropped).
fn tempfile_dir() -> Result<TempDir, Error> {
    let mut b = [0u8; 8];
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut b);
    let name: String = b.iter().map(|x| format!("{x:02x}")).collect();
    let path = std::env::temp_dir().join(format!("oqscert-selftest-{name}"));
    crate::cert::fsutil::create_dir(&path, crate::cert::fsutil::Access::Private).map_err(
        |source| Error::Write {
            path: path.clone(),
            source,
        },
    )?;
    Ok(TempDir(path))
}

struct TempDir(PathBuf);

impl TempDir {
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The password vault: a test entry written, read back, deleted.
fn vault(account: &str) -> Check {
    use crate::cert::secret::{Backend, NoticeIds, SecretStore, Secrets};
    let s = SecretStore::with_account(account);
    let Ok(ids) = NoticeIds::new("SELFTEST", "SELFTEST") else {
        return Check::new("vault", Verdict::Ng);
    };
    let secrets = Secrets {
        ids,
        password: Password::new("0000"),
    };
    let saved = s.save(&secrets);
    let back = s.load();
    let deleted = s.delete();
    let left = s.load();
    match (saved, back, deleted, left) {
        (Ok(b), Ok(Some(r)), Ok(true), Ok(None)) if r.ids.request_id() == "SELFTEST" => {
            let backend = match b {
                Backend::OsStore => "os",
                Backend::KernelKeyring => "kernel",
            };
            let verdict = if b == Backend::OsStore {
                Verdict::Ok
            } else {
                Verdict::Attention
            };
            // keyring saves Windows credentials as CRED_PERSIST_ENTERPRISE:
            // they follow the profile when it roams, which Windows is asked.
            // The Secret Service and the kernel keyring stay on this machine.
            #[cfg(windows)]
            let roams = match crate::cert::platform::windows::profile_roams() {
                Some(true) => "with_profile",
                Some(false) => "this_pc",
                None => "unknown",
            };
            #[cfg(not(windows))]
            let roams = "this_pc";
            Check::new("vault", verdict)
                .value("backend", backend)
                .value("account", account)
                .value("roams", roams)
        }
        (Err(e), ..) | (_, Err(e), ..) | (_, _, Err(e), _) | (.., Err(e)) => {
            Check::new("vault", Verdict::Ng)
                .value("account", account)
                .detail(e.to_string())
        }
        _ => Check::new("vault", Verdict::Ng).value("account", account),
    }
}

/// The download folder Windows reports, and whether a file can be written
/// there.
fn downloads(dir: Option<&Path>) -> Check {
    let Some(dir) = dir else {
        return Check::new("downloads", Verdict::Attention);
    };
    let shown = crate::cert::sanitize::printable_path(dir);
    let probe = dir.join(format!(".oqscert-selftest-{}", std::process::id()));
    let writable = std::fs::write(&probe, b"x").is_ok();
    let _ = std::fs::remove_file(&probe);
    Check::new(
        "downloads",
        if writable {
            Verdict::Ok
        } else {
            Verdict::Attention
        },
    )
    .value("path", shown)
}

/// Removable drives seen, and the drive the program runs from.
fn drives() -> Check {
    let list = removable_drives();
    let names: Vec<String> = list
        .iter()
        .map(|d| crate::present::drives::line(crate::i18n::Lang::En, d))
        .collect();
    let exe = std::env::current_exe().ok();
    let from_stick = exe
        .as_deref()
        .and_then(Path::parent)
        .is_some_and(crate::cert::home::is_removable);
    Check::new("drives", Verdict::Ok)
        .value("count", list.len().to_string())
        .value("list", names.join(", "))
        .value(
            "running_from",
            exe.as_deref()
                .map(crate::cert::sanitize::printable_path)
                .unwrap_or_default(),
        )
        .value("from_stick", if from_stick { "yes" } else { "no" })
}

/// Edge's protocol handler and the default browser.
fn browser() -> Check {
    #[cfg(windows)]
    {
        use crate::cert::platform::windows::registry::url_protocol_registered;
        let edge = url_protocol_registered("microsoft-edge");
        let https = url_protocol_registered("https");
        let verdict = match (edge, https) {
            (true, _) => Verdict::Ok,
            (false, true) => Verdict::Attention,
            (false, false) => Verdict::Ng,
        };
        // The ProgId names the browser ("MSEdgeHTM", "ChromeHTML").
        let chosen = crate::cert::platform::windows::default_browser();
        Check::new("browser", verdict)
            .value("edge", if edge { "yes" } else { "no" })
            .value("default", if https { "yes" } else { "no" })
            .value("default_browser", chosen.unwrap_or_else(|| "-".into()))
    }
    #[cfg(not(windows))]
    {
        let display =
            std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some();
        let opener = on_path("xdg-open");
        Check::new(
            "browser",
            if display && opener {
                Verdict::NotHere
            } else {
                Verdict::Attention
            },
        )
        .value("edge", "-")
        .value("default", if display && opener { "yes" } else { "no" })
    }
}

#[cfg(not(windows))]
fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(name).is_file()))
}

/// The network as 2-6 checks it.
fn network(net: &[CheckResult]) -> Check {
    if net.is_empty() {
        return Check::new("network", Verdict::NotHere);
    }
    let bad: Vec<&CheckResult> = net
        .iter()
        .filter(|r| r.diagnosis != Diagnosis::Reachable)
        .collect();
    let verdict = if bad.is_empty() {
        Verdict::Ok
    } else if bad.len() < net.len() {
        Verdict::Attention
    } else {
        Verdict::Ng
    };
    let detail: Vec<String> = net
        .iter()
        .map(|r| format!("{} {:?} {}", r.url, r.diagnosis, r.detail))
        .collect();
    let mut c = Check::new("network", verdict)
        .value(
            "diagnosis",
            bad.first()
                .map(|r| format!("{:?}", r.diagnosis).to_lowercase())
                .unwrap_or_else(|| "reachable".into()),
        )
        .detail(detail.join("; "));
    if let Some(p) = net.iter().find_map(|r| r.proxy.clone()) {
        c = c.value("proxy", p);
    }
    if let Some(auto) = net.iter().find_map(|r| r.auto_proxy.as_ref()) {
        use crate::cert::net::AutoProxy;
        let said = match auto {
            AutoProxy::Script { url } => format!("pac {url}"),
            AutoProxy::Detect => "wpad".to_string(),
        };
        c = c.value("auto_proxy", said);
    }
    c
}

/// The PC's clock against the `Date` of the certificate site's answer.
fn clock(net: &[CheckResult], now: OffsetDateTime) -> Check {
    match crate::cert::net::clock(net, now) {
        Clock::Unknown => Check::new("clock", Verdict::NotHere),
        Clock::TlsSuspect => Check::new("clock", Verdict::Attention),
        Clock::Fine { seconds } => {
            Check::new("clock", Verdict::Ok).value("offset_minutes", (seconds / 60).to_string())
        }
        Clock::Off { minutes, server } => Check::new("clock", Verdict::Ng)
            .value("offset_minutes", minutes.to_string())
            .value("minutes", minutes.abs().to_string())
            .value("direction", if minutes > 0 { "ahead" } else { "behind" })
            .value("server", crate::i18n::jst(server))
            .value("pc", crate::i18n::jst(now)),
    }
}

/// The console: code page, Windows Terminal or the classic console, and
/// the widths it reported.
fn console(f: &ConsoleFacts) -> Check {
    let measured = f.box_cells.is_some();
    // Measured is OK whatever the widths: the borders and step marks
    // follow them. Not measured: the guess stands, said as such.
    let verdict = if measured {
        Verdict::Ok
    } else {
        Verdict::NotHere
    };
    let cell = |n: Option<u16>| n.map(|n| n.to_string()).unwrap_or_else(|| "-".into());
    Check::new("console", verdict)
        .value(
            "code_page",
            f.code_page
                .map(|c| c.to_string())
                .unwrap_or_else(|| "-".into()),
        )
        .value(
            "terminal",
            if f.windows_terminal {
                "windows_terminal"
            } else if cfg!(windows) {
                "classic"
            } else {
                "terminal"
            },
        )
        .value("box_cells", cell(f.box_cells))
        .value("circled_cells", cell(f.circled_cells))
        .value("borders", if f.ascii_borders { "ascii" } else { "lines" })
        .value(
            "numbers",
            if f.ascii_numbers { "parens" } else { "circled" },
        )
}

/// The data folder: where, why, free space, whether it is private.
fn data_folder(home: &Home) -> Check {
    let why = match home.kind {
        HomeKind::Cli => "cli",
        HomeKind::Env => "env",
        HomeKind::Portable { .. } => "portable",
        HomeKind::Platform => "platform",
    };
    let existing =
        std::iter::successors(Some(home.path.as_path()), |p| p.parent()).find(|p| p.is_dir());
    let free = existing.and_then(crate::cert::fsutil::free_space);
    let private = home.path.is_dir().then(|| private(&home.path)).flatten();
    let low = free.is_some_and(|b| b < 50 * 1024 * 1024);
    let verdict = match (private, low) {
        (_, true) => Verdict::Attention,
        (Some(false), _) if !matches!(home.kind, HomeKind::Portable { .. }) => Verdict::Attention,
        _ => Verdict::Ok,
    };
    Check::new("data_folder", verdict)
        .value("path", crate::cert::sanitize::printable_path(&home.path))
        .value("why", why)
        .value(
            "free_mb",
            free.map(|b| (b / (1024 * 1024)).to_string())
                .unwrap_or_else(|| "-".into()),
        )
        .value(
            "private",
            match private {
                Some(true) => "yes",
                Some(false) => "no",
                None => "-",
            },
        )
}

/// Only the user can open the folder (Unix: no group or other bits;
/// Windows: a protected DACL for the user alone; FAT: never).
fn private(path: &Path) -> Option<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o077 == 0)
    }
    #[cfg(windows)]
    {
        crate::cert::platform::windows::is_owner_only(path).ok()
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = path;
        None
    }
}

/// The system programs oqscert starts, found where it starts them.
fn programs() -> Check {
    #[cfg(windows)]
    let wanted: Vec<(&str, PathBuf)> = ["explorer.exe", "schtasks.exe"]
        .into_iter()
        .map(|n| (n, crate::cert::fsutil::system_program(n)))
        .collect();
    #[cfg(not(windows))]
    let wanted: Vec<(&str, PathBuf)> = ["xdg-open", "systemctl", "notify-send"]
        .into_iter()
        .map(|n| {
            let found = std::env::var_os("PATH")
                .and_then(|p| {
                    std::env::split_paths(&p)
                        .map(|d| d.join(n))
                        .find(|p| p.is_file())
                })
                .unwrap_or_default();
            (n, found)
        })
        .collect();
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(_, p)| !p.is_file())
        .map(|(n, _)| *n)
        .collect();
    let verdict = if missing.is_empty() {
        Verdict::Ok
    } else if cfg!(windows) {
        Verdict::Ng
    } else {
        Verdict::Attention
    };
    Check::new("programs", verdict)
        .value("missing", missing.join(", "))
        .detail(
            wanted
                .iter()
                .map(|(n, p)| format!("{n}: {}", p.display()))
                .collect::<Vec<_>>()
                .join("; "),
        )
}
