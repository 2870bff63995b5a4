//! The pre-check questions and their stable ids.

/// A pre-check question (「画面 0-x」); its id is also the answer's key in
/// the progress file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Question {
    Expired,
    /// A replaced or reset PC, with a backup and the password: reinstall.
    Reinstall,
    PcLost,
    CodeChanged,
    FirstTime,
    RenewOrAdd,
}

impl Question {
    pub const ALL: [Question; 6] = [
        Question::Expired,
        Question::Reinstall,
        Question::PcLost,
        Question::CodeChanged,
        Question::FirstTime,
        Question::RenewOrAdd,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Question::Expired => "expired",
            Question::Reinstall => "reinstall",
            Question::PcLost => "pc_lost",
            Question::CodeChanged => "code_changed",
            Question::FirstTime => "first_time",
            Question::RenewOrAdd => "renew_or_add",
        }
    }

    pub fn from_id(id: &str) -> Option<Question> {
        Question::ALL.into_iter().find(|q| q.id() == id)
    }
}
