//! One presentation for the CLI, the wizard and the report: what a result
//! says, as neutral rows with a tone. The wizard styles the tone, the CLI
//! prints the text, the report renders it. No terminal code here.

pub mod checks;
pub mod document;
pub mod drives;
pub mod health;
pub mod home;
pub mod net;
pub mod profile;

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

/// Print rows to standard output (the CLI's rendering).
pub fn print(rows: &[Row]) {
    for r in rows {
        println!("{}", r.plain_text());
    }
}
