//! Where the wizard stopped, typed: a chapter and one of its steps.
//!
//! Each step has a stable string id (written to the progress file) and a
//! fixed screen code (「画面 2-4」, quoted by clinics on the phone). Both are
//! written out per variant, never derived from the order of a list. The
//! codes run in the order a person meets the screens; they were renumbered
//! once, before the first release (0.1: 0-7, 1-17, 2-10, 3-7 and 3-8 had
//! been added at the end), and are frozen from the first release on: a
//! step added later takes the next free number of its chapter.

use serde::{Deserialize, Serialize};

mod question;
pub use question::Question;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrecheckStep {
    Ask(Question),
    Result,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplyStep {
    Intro,
    /// Is this the PC the certificate goes on?
    ThisPc,
    Profile,
    Sheet,
    /// A portal step, by the help page's own number (①..⑧, ⑪, ⑫).
    Portal(u8),
    Done,
}

/// The help page's Chapter 1 step numbers, in order. The page has no ⑨
/// and ⑩: that is the page, not a gap here.
pub const PORTAL_STEPS: [u8; 10] = [1, 2, 3, 4, 5, 6, 7, 8, 11, 12];

/// The portal step after `n`, if any.
pub fn next_portal(n: u8) -> Option<u8> {
    let i = PORTAL_STEPS.iter().position(|x| *x == n)?;
    PORTAL_STEPS.get(i + 1).copied()
}

/// The portal step before `n`, if any.
pub fn prev_portal(n: u8) -> Option<u8> {
    let i = PORTAL_STEPS.iter().position(|x| *x == n)?;
    i.checked_sub(1).and_then(|j| PORTAL_STEPS.get(j).copied())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DownloadStep {
    Intro,
    /// Which PC this is and the Windows user the OQS software runs as.
    Where,
    Ids,
    Password,
    /// No credential store: write it down.
    NoStore,
    Net,
    Fetch,
    Verified,
    Backup,
    Done,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstallStep {
    Owner,
    /// The file from a backup on a USB stick (reinstall on a replaced or
    /// reset PC).
    FromBackup,
    Options,
    Password,
    Checks,
    /// Check that OQS / online billing connects (the help page's order:
    /// before any old certificate is removed).
    Connect,
    Cleanup,
    Done,
}

/// The four chapters, in the order the help page has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChapterId {
    Precheck,
    Apply,
    Download,
    Install,
}

impl ChapterId {
    pub const ALL: [ChapterId; 4] = [
        ChapterId::Precheck,
        ChapterId::Apply,
        ChapterId::Download,
        ChapterId::Install,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ChapterId::Precheck => "precheck",
            ChapterId::Apply => "apply",
            ChapterId::Download => "download",
            ChapterId::Install => "install",
        }
    }

    pub fn from_id(id: &str) -> Option<ChapterId> {
        ChapterId::ALL.into_iter().find(|c| c.id() == id)
    }

    /// 0 for the pre-check, 1..3 for the chapters (the help page's numbers).
    pub fn number(self) -> usize {
        match self {
            ChapterId::Precheck => 0,
            ChapterId::Apply => 1,
            ChapterId::Download => 2,
            ChapterId::Install => 3,
        }
    }
}

impl PrecheckStep {
    pub fn id(self) -> String {
        match self {
            PrecheckStep::Ask(q) => format!("q:{}", q.id()),
            PrecheckStep::Result => "result".into(),
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        if id == "result" {
            return Some(PrecheckStep::Result);
        }
        id.strip_prefix("q:")
            .and_then(Question::from_id)
            .map(PrecheckStep::Ask)
    }

    pub fn code(self) -> String {
        let n = match self {
            PrecheckStep::Ask(Question::Expired) => 1,
            PrecheckStep::Ask(Question::Reinstall) => 2,
            PrecheckStep::Ask(Question::PcLost) => 3,
            PrecheckStep::Ask(Question::CodeChanged) => 4,
            PrecheckStep::Ask(Question::FirstTime) => 5,
            PrecheckStep::Ask(Question::RenewOrAdd) => 6,
            PrecheckStep::Result => 7,
        };
        format!("0-{n}")
    }
}

impl ApplyStep {
    pub fn id(self) -> String {
        match self {
            ApplyStep::Intro => "intro".into(),
            ApplyStep::ThisPc => "this_pc".into(),
            ApplyStep::Profile => "profile".into(),
            ApplyStep::Sheet => "sheet".into(),
            ApplyStep::Portal(n) => format!("portal-{n}"),
            ApplyStep::Done => "done".into(),
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Some(match id {
            "intro" => ApplyStep::Intro,
            "this_pc" => ApplyStep::ThisPc,
            "profile" => ApplyStep::Profile,
            "sheet" => ApplyStep::Sheet,
            "done" => ApplyStep::Done,
            _ => {
                let n: u8 = id.strip_prefix("portal-")?.parse().ok()?;
                // Files of versions with twelve own steps: their 9 was the
                // page's ⑧ (the OK dialog), their 10 its ⑪ (the check).
                let n = match n {
                    9 => 8,
                    10 => 11,
                    n => n,
                };
                if !PORTAL_STEPS.contains(&n) {
                    return None;
                }
                ApplyStep::Portal(n)
            }
        })
    }

    pub fn code(self) -> String {
        let n = match self {
            ApplyStep::Intro => 1,
            ApplyStep::ThisPc => 2,
            ApplyStep::Profile => 3,
            ApplyStep::Sheet => 4,
            // The portal's steps in the page's order: ① is 1-5, ⑫ is 1-14
            // (the page has no ⑨ and ⑩).
            ApplyStep::Portal(n) => {
                5 + PORTAL_STEPS.iter().position(|x| *x == n).unwrap_or(0) as u32
            }
            ApplyStep::Done => 15,
        };
        format!("1-{n}")
    }
}

impl DownloadStep {
    pub const ALL: [DownloadStep; 10] = [
        DownloadStep::Intro,
        DownloadStep::Where,
        DownloadStep::Ids,
        DownloadStep::Password,
        DownloadStep::NoStore,
        DownloadStep::Net,
        DownloadStep::Fetch,
        DownloadStep::Verified,
        DownloadStep::Backup,
        DownloadStep::Done,
    ];

    pub fn id(self) -> &'static str {
        match self {
            DownloadStep::Intro => "intro",
            DownloadStep::Where => "where",
            DownloadStep::Ids => "ids",
            DownloadStep::Password => "password",
            DownloadStep::NoStore => "nostore",
            DownloadStep::Net => "net",
            DownloadStep::Fetch => "fetch",
            DownloadStep::Verified => "verified",
            DownloadStep::Backup => "backup",
            DownloadStep::Done => "done",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        DownloadStep::ALL.into_iter().find(|s| s.id() == id)
    }

    pub fn code(self) -> &'static str {
        match self {
            DownloadStep::Intro => "2-1",
            DownloadStep::Where => "2-2",
            DownloadStep::Ids => "2-3",
            DownloadStep::Password => "2-4",
            DownloadStep::NoStore => "2-5",
            DownloadStep::Net => "2-6",
            DownloadStep::Fetch => "2-7",
            DownloadStep::Verified => "2-8",
            DownloadStep::Backup => "2-9",
            DownloadStep::Done => "2-10",
        }
    }
}

impl InstallStep {
    pub const ALL: [InstallStep; 8] = [
        InstallStep::Owner,
        InstallStep::FromBackup,
        InstallStep::Options,
        InstallStep::Password,
        InstallStep::Checks,
        InstallStep::Connect,
        InstallStep::Cleanup,
        InstallStep::Done,
    ];

    pub fn id(self) -> &'static str {
        match self {
            InstallStep::Owner => "owner",
            InstallStep::FromBackup => "from_backup",
            InstallStep::Options => "options",
            InstallStep::Password => "password",
            InstallStep::Checks => "checks",
            InstallStep::Connect => "connect",
            InstallStep::Cleanup => "cleanup",
            InstallStep::Done => "done",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        InstallStep::ALL.into_iter().find(|s| s.id() == id)
    }

    pub fn code(self) -> &'static str {
        match self {
            InstallStep::Owner => "3-1",
            InstallStep::FromBackup => "3-2",
            InstallStep::Options => "3-3",
            InstallStep::Password => "3-4",
            InstallStep::Checks => "3-5",
            InstallStep::Connect => "3-6",
            InstallStep::Cleanup => "3-7",
            InstallStep::Done => "3-8",
        }
    }
}

/// Where the wizard stopped. In the progress file it is written as two
/// strings (`chapter`, `step`), as every earlier version wrote it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RawPosition", into = "RawPosition")]
pub enum Position {
    #[default]
    Home,
    Precheck(PrecheckStep),
    Apply(ApplyStep),
    Download(DownloadStep),
    Install(InstallStep),
}

impl Position {
    pub fn chapter(self) -> Option<ChapterId> {
        match self {
            Position::Home => None,
            Position::Precheck(_) => Some(ChapterId::Precheck),
            Position::Apply(_) => Some(ChapterId::Apply),
            Position::Download(_) => Some(ChapterId::Download),
            Position::Install(_) => Some(ChapterId::Install),
        }
    }

    /// The step id as written to the progress file ("" at home).
    pub fn step_id(self) -> String {
        match self {
            Position::Home => String::new(),
            Position::Precheck(s) => s.id(),
            Position::Apply(s) => s.id(),
            Position::Download(s) => s.id().into(),
            Position::Install(s) => s.id().into(),
        }
    }

    /// The screen code ("2-4"); `None` at home.
    pub fn code(self) -> Option<String> {
        match self {
            Position::Home => None,
            Position::Precheck(s) => Some(s.code()),
            Position::Apply(s) => Some(s.code()),
            Position::Download(s) => Some(s.code().into()),
            Position::Install(s) => Some(s.code().into()),
        }
    }
}

/// Where a step is on the help page, so a screen can name it as the help
/// desk does (「ヘルプページ 2章③」).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpRef {
    /// Circled steps of a chapter, as the page numbers them.
    Steps { chapter: u8, steps: &'static [u8] },
    /// Chapter 2's backup, the page's 「手順1.」 to 「手順4.」.
    Backup,
}

impl Position {
    /// The help page's step(s) this screen does; `None` where the page has
    /// no step for it (oqscert's own: home, the pre-check, the records).
    pub fn help_ref(self) -> Option<HelpRef> {
        let steps = |chapter, steps| Some(HelpRef::Steps { chapter, steps });
        match self {
            Position::Home | Position::Precheck(_) => None,
            Position::Apply(ApplyStep::Portal(n)) => {
                let i = PORTAL_STEPS.iter().position(|x| *x == n)?;
                steps(1, &PORTAL_STEPS[i..=i])
            }
            Position::Apply(_) => None,
            Position::Download(s) => match s {
                // ① on the qualification (or billing) PC.
                DownloadStep::Intro | DownloadStep::Where => steps(2, &[1]),
                // ③ the IDs and the 4-digit password.
                DownloadStep::Ids | DownloadStep::Password | DownloadStep::NoStore => {
                    steps(2, &[3])
                }
                // ② the site's address (reached or not).
                DownloadStep::Net => steps(2, &[2]),
                // ②③④ in Edge, then ⑤ the file with the key icon.
                DownloadStep::Fetch => steps(2, &[2, 3, 4]),
                DownloadStep::Verified => steps(2, &[5]),
                DownloadStep::Backup => Some(HelpRef::Backup),
                DownloadStep::Done => None,
            },
            Position::Install(s) => match s {
                // ② 「現在のユーザー」.
                InstallStep::Owner => steps(3, &[2]),
                // ① the certificate file (here: from the backup).
                InstallStep::FromBackup => steps(3, &[1]),
                // ④ the import options, ⑤ the store chosen by type.
                InstallStep::Options => steps(3, &[4, 5]),
                // ④ the 4-digit password.
                InstallStep::Password => steps(3, &[4]),
                // ⑥ 完了 and ⑦ 「正しくインポートされました。」.
                InstallStep::Checks => steps(3, &[6, 7]),
                InstallStep::Connect | InstallStep::Cleanup | InstallStep::Done => None,
            },
        }
    }
}

/// The on-disk form. Unknown ids read as the chapter's start (or home),
/// so a file is never refused for its position alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RawPosition {
    pub chapter: String,
    pub step: String,
}

impl From<RawPosition> for Position {
    fn from(r: RawPosition) -> Self {
        let step = r.step.as_str();
        match ChapterId::from_id(&r.chapter) {
            None => Position::Home,
            Some(ChapterId::Precheck) => Position::Precheck(
                PrecheckStep::from_id(step).unwrap_or(PrecheckStep::Ask(Question::Expired)),
            ),
            Some(ChapterId::Apply) => {
                Position::Apply(ApplyStep::from_id(step).unwrap_or(ApplyStep::Intro))
            }
            Some(ChapterId::Download) => {
                Position::Download(DownloadStep::from_id(step).unwrap_or(DownloadStep::Intro))
            }
            Some(ChapterId::Install) => {
                Position::Install(InstallStep::from_id(step).unwrap_or(InstallStep::Owner))
            }
        }
    }
}

impl From<Position> for RawPosition {
    fn from(p: Position) -> Self {
        RawPosition {
            chapter: p.chapter().map(|c| c.id().to_string()).unwrap_or_default(),
            step: p.step_id(),
        }
    }
}

#[cfg(test)]
mod tests;
