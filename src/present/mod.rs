//! One presentation for the CLI, the wizard and the report: what a result
//! says, as neutral rows with a tone. The wizard styles the tone, the CLI
//! prints the text, the report renders it. No terminal code here.

pub mod checks;
pub mod cleanup;
pub mod document;
pub mod drives;
pub mod health;
pub mod home;
pub mod net;
pub mod profile;
pub mod selftest;

/// The help line (codes.toml `[help_line]`) in one sentence: whom to call,
/// the number, the hours.
/// Where renewal is done and whom to call: the help page links a page of
/// its own for it (「電子証明書の更新方法」), and the help line answers.
pub fn renewal_where(lang: crate::i18n::Lang) -> String {
    let hl = &crate::cert::codes::codes().help_line;
    let name = match lang {
        crate::i18n::Lang::Ja => &hl.name_ja,
        crate::i18n::Lang::En => &hl.name_en,
    };
    crate::i18n::tf(
        lang,
        "wizard.renewal_where",
        &[("name", name), ("phone", &hl.phone)],
    )
}

pub fn help_line(lang: crate::i18n::Lang) -> String {
    let hl = &crate::cert::codes::codes().help_line;
    let (name, hours) = match lang {
        crate::i18n::Lang::Ja => (&hl.name_ja, &hl.hours_ja),
        crate::i18n::Lang::En => (&hl.name_en, &hl.hours_en),
    };
    crate::i18n::tf(
        lang,
        "wizard.help_line",
        &[("name", name), ("phone", &hl.phone), ("hours", hours)],
    )
}

/// The sentence for what is wrong with a certificate file (`pfx inspect`,
/// 画面 2-8 and 3-2): the locale key; `older_than_current` takes `{date}`.
pub fn problem_key(p: crate::cert::pfx::Problem) -> &'static str {
    use crate::cert::pfx::Problem;
    match p {
        Problem::Expired => "pfx.verdict_expired",
        Problem::NotYetValid => "pfx.verdict_not_yet_valid",
        Problem::KeyMismatch => "pfx.verdict_key_mismatch",
        Problem::OlderThanCurrent => "pfx.verdict_older_than_current",
        Problem::UnverifiedIssuer => "pfx.verdict_unverified_issuer",
    }
}

/// How a row should look; each front end decides what that means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    /// A section heading.
    Heading,
    Ok,
    Warn,
    Error,
    /// Secondary detail.
    Dim,
}

/// One line of a presentation: text, tone, indent level (0 or 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub text: String,
    pub tone: Tone,
    pub indent: u8,
}

impl Row {
    pub fn new(tone: Tone, indent: u8, text: impl Into<String>) -> Row {
        Row {
            text: text.into(),
            tone,
            indent,
        }
    }

    pub fn heading(text: impl Into<String>) -> Row {
        Row::new(Tone::Heading, 0, text)
    }

    pub fn item(tone: Tone, text: impl Into<String>) -> Row {
        Row::new(tone, 1, text)
    }

    /// As the CLI prints it: two spaces per indent level; headings end
    /// with a colon.
    pub fn plain_text(&self) -> String {
        let pad = "  ".repeat(usize::from(self.indent));
        match self.tone {
            Tone::Heading => format!("{pad}{}:", self.text),
            _ => format!("{pad}{}", self.text),
        }
    }
}

/// Print rows to standard output (the CLI's rendering). Rows carry text
/// from outside (subjects, paths): the one printable filter first.
pub fn print(rows: &[Row]) {
    for r in rows {
        println!("{}", crate::cert::sanitize::printable(&r.plain_text()));
    }
}
