//! docs/GLOSSARY.md is enforced: no Japanese text the person reads uses a
//! word its "not used" column lists.

fn repo(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// (concept, rejected variant) from the glossary's table.
fn rejected() -> Vec<(String, String)> {
    let doc = repo("docs/GLOSSARY.md");
    let mut out = Vec::new();
    for line in doc.lines().filter(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | concept | used | not used | source |
        if cells.len() < 5 || cells[1] == "Concept" || cells[1].starts_with("---") {
            continue;
        }
        for v in cells[3]
            .split('、')
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            out.push((cells[1].to_string(), v.to_string()));
        }
    }
    out
}

/// Text outside backticks (commands and paths are not words).
fn prose(text: &str) -> String {
    text.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

#[test]
fn no_text_uses_a_rejected_word() {
    let words = rejected();
    assert!(
        words.len() >= 15,
        "the glossary's table was not read: {words:?}"
    );
    let readme = repo("README.md");
    let ja_readme = readme.split("## English").next().unwrap_or("").to_string();
    let mut texts = vec![
        (
            "assets/locales/ja.toml".to_string(),
            repo("assets/locales/ja.toml"),
        ),
        ("README.md (Japanese)".to_string(), prose(&ja_readme)),
    ];
    let dir = format!("{}/assets/release", env!("CARGO_MANIFEST_DIR"));
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with("-ja.txt") {
            texts.push((name, std::fs::read_to_string(e.path()).unwrap()));
        }
    }
    // Japanese written by the code itself (the note beside clean-up's
    // copies): every source line outside comments and tests. The line
    // breaker's list of words is a list, not prose.
    for path in rust_sources(&format!("{}/src", env!("CARGO_MANIFEST_DIR"))) {
        let name = path.to_string_lossy().into_owned();
        if name.ends_with("tests.rs") || name.ends_with("components/paragraph.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code: Vec<&str> = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or("")
            .lines()
            .map(|l| {
                if l.trim_start().starts_with("//") {
                    ""
                } else {
                    l
                }
            })
            .collect();
        texts.push((name, code.join("\n")));
    }
    let mut found = Vec::new();
    for (name, text) in &texts {
        for (concept, word) in &words {
            for (n, line) in text.lines().enumerate() {
                if line.contains(word.as_str()) {
                    found.push(format!("{name}:{}: {word:?} ({concept}): {line}", n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

fn rust_sources(dir: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(rust_sources(&p.to_string_lossy()));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}
