//! The facts about this machine the wizard shows (who runs it, which
//! store, where the records are, what the console said): read once at
//! start-up, injected into every screen through `Ctx`, so tests and
//! snapshots do not depend on who runs them.

use crate::cert::store::StoreKind;

/// The facts about this machine the chapter shows (injected, so tests and
/// snapshots do not depend on who runs them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    pub current_user: String,
    pub store_kind: StoreKind,
    /// This computer's name: the 端末名称 when this is the PC the
    /// certificate goes on.
    pub computer_name: String,
    /// Where the records are kept, in words (「記録の保存先: USBメモリ
    /// (E:) の oqscert-data」); empty when not known.
    pub records: String,
    /// Where the records are, as another Windows user would find them.
    pub records_at: RecordsAt,
    /// What the console said of itself at start-up (the self-test).
    pub console: crate::ops::selftest::ConsoleFacts,
}

/// Where the records are kept, for what 画面 2-2 tells a person who must
/// sign in as another Windows user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordsAt {
    /// On the stick with the program (portable): the same stick carries
    /// them to the other user.
    Travelling,
    /// The platform's per-user folder: another user does not see them.
    PerUser,
    /// A folder chosen with `--home` or `OQSCERT_HOME`: the other user
    /// starts oqscert with the same folder, if that user can open it.
    Folder(String),
}

impl Machine {
    /// The user running this and the store of this platform.
    pub fn this_machine() -> Machine {
        Machine {
            current_user: crate::cert::install::current_user(),
            store_kind: if cfg!(windows) {
                StoreKind::WindowsCurrentUser
            } else {
                StoreKind::Folder
            },
            computer_name: crate::cert::install::computer_name(),
            records: String::new(),
            records_at: RecordsAt::Travelling,
            console: crate::ops::selftest::ConsoleFacts::default(),
        }
    }
}
