//! The module graph, read from the sources: no circle between files, and
//! no import from a lower layer to a higher one. The layers, lowest first
//! (docs/ARCHITECTURE.md): `cert` (the domain, no terminal), `i18n`,
//! `present` and `report` (words and documents), `ops` (one function per
//! task), `wizard` (pure screens), then `tui` and `cli` (the front ends).
//!
//! A file's module is its path; an edge is a `crate::…` or `super::…`
//! path that names another module (brace groups expanded). Edges between
//! a module and its own parent or children are the module's inside and
//! are not counted; test code (`tests.rs`, `#[cfg(test)] mod tests {…}`)
//! and comments are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rank(top: &str) -> Option<u8> {
    Some(match top {
        "cert" => 0,
        "i18n" => 1,
        "present" | "report" => 2,
        "ops" => 3,
        "wizard" => 4,
        "tui" | "cli" => 5,
        // lib.rs and main.rs: above everything.
        "" => 6,
        _ => return None,
    })
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The code without comments and without an inline `mod tests { … }`.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut out = String::new();
    for line in text.lines() {
        let line = match line.find("//") {
            // Not inside a string: good enough for `use` paths, which
            // never hold "//".
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        };
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Every `crate::a::b` and `super::a` path, with `x::{a, b::c}` expanded.
fn paths(code: &str) -> Vec<(bool, Vec<String>)> {
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        let start_ok = i == 0 || !ident(bytes[i - 1]);
        let (is_crate, skip) = if start_ok && rest.starts_with("crate::") {
            (true, 7)
        } else if start_ok && rest.starts_with("super::") {
            (false, 7)
        } else {
            i += 1;
            continue;
        };
        i += skip;
        let mut prefix: Vec<String> = Vec::new();
        loop {
            let s = i;
            while i < bytes.len() && ident(bytes[i]) {
                i += 1;
            }
            if i > s {
                prefix.push(bytes[s..i].iter().collect());
            }
            if i + 1 < bytes.len() && bytes[i] == ':' && bytes[i + 1] == ':' {
                i += 2;
                if i < bytes.len() && bytes[i] == '{' {
                    // One level of braces: each item a path of its own.
                    let close = bytes[i..].iter().position(|c| *c == '}').map(|p| i + p);
                    let Some(close) = close else { break };
                    let inner: String = bytes[i + 1..close].iter().collect();
                    for item in inner.split(',') {
                        let item = item.split(" as ").next().unwrap_or("").trim();
                        if item.is_empty() || item.contains('{') {
                            continue;
                        }
                        let mut p = prefix.clone();
                        p.extend(item.split("::").map(|s| s.trim().to_string()));
                        out.push((is_crate, p));
                    }
                    i = close + 1;
                    prefix.clear();
                    break;
                }
                continue;
            }
            break;
        }
        if !prefix.is_empty() {
            out.push((is_crate, prefix));
        }
    }
    out
}

struct Graph {
    edges: BTreeMap<String, BTreeSet<String>>,
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let modules: BTreeMap<String, (PathBuf, Vec<String>)> = all
        .iter()
        .map(|f| {
            let m = module_of(&src, f);
            (m.join("::"), (f.clone(), m))
        })
        .collect();
    let resolve = |parts: &[String]| -> Option<String> {
        (1..=parts.len())
            .rev()
            .map(|k| parts[..k].join("::"))
            .find(|m| modules.contains_key(m))
    };
    let related = |a: &str, b: &str| {
        a == b || a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"))
    };
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, (file, parts)) in &modules {
        let stem = file.file_stem().unwrap().to_string_lossy();
        if stem == "tests"
            || stem.ends_with("_tests")
            || file.components().any(|c| c.as_os_str() == "tests")
        {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        for (is_crate, p) in paths(&code(&text)) {
            let full: Vec<String> = if is_crate {
                p
            } else {
                // `super` of a.rs and of a/mod.rs is the parent of `a`.
                let mut base = parts[..parts.len().saturating_sub(1)].to_vec();
                let mut p = p;
                while p.first().map(String::as_str) == Some("super") {
                    p.remove(0);
                    base.pop();
                }
                base.extend(p);
                base
            };
            if let Some(target) = resolve(&full)
                && !related(name, &target)
            {
                edges.entry(name.clone()).or_default().insert(target);
            }
        }
    }
    Graph { edges }
}

fn top(m: &str) -> &str {
    m.split("::").next().unwrap_or("")
}

/// Strongly connected components with more than one member (Tarjan).
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        t.index.insert(v, t.next);
        t.low.insert(v, t.next);
        t.next += 1;
        t.stack.push(v);
        t.on.insert(v);
        if let Some(ws) = t.edges.get(v) {
            for w in ws {
                let w = w.as_str();
                if !t.index.contains_key(w) {
                    visit(t, w);
                    let lw = t.low[w];
                    let lv = t.low[v];
                    t.low.insert(v, lv.min(lw));
                } else if t.on.contains(w) {
                    let iw = t.index[w];
                    let lv = t.low[v];
                    t.low.insert(v, lv.min(iw));
                }
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    let nodes: BTreeSet<&str> = edges
        .iter()
        .flat_map(|(a, bs)| std::iter::once(a.as_str()).chain(bs.iter().map(String::as_str)))
        .collect();
    for v in nodes {
        if !t.index.contains_key(v) {
            visit(&mut t, v);
        }
    }
    t.out
}

#[test]
fn no_module_imports_in_a_circle() {
    let g = graph();
    assert!(
        g.edges.len() > 50,
        "the sources were not read: {:?}",
        g.edges.len()
    );
    let found = circles(&g.edges);
    let said: Vec<String> = found
        .iter()
        .map(|c| {
            let inside: Vec<String> = c
                .iter()
                .map(|m| {
                    let to: Vec<&str> = g.edges[m]
                        .iter()
                        .filter(|t| c.contains(t))
                        .map(String::as_str)
                        .collect();
                    format!("  {m} -> {}", to.join(", "))
                })
                .collect();
            inside.join("\n")
        })
        .collect();
    assert!(
        found.is_empty(),
        "modules in a circle:\n{}",
        said.join("\n--\n")
    );
}

#[test]
fn no_layer_imports_a_higher_one() {
    let g = graph();
    let mut wrong = Vec::new();
    for (from, tos) in &g.edges {
        for to in tos {
            let (a, b) = (top(from), top(to));
            let (Some(ra), Some(rb)) = (rank(a), rank(b)) else {
                wrong.push(format!(
                    "{from} -> {to}: a layer with no place ({a} or {b})"
                ));
                continue;
            };
            if rb > ra {
                wrong.push(format!("{from} -> {to}"));
            }
        }
    }
    // The same rank (present and report; tui and cli) may meet, never in
    // a circle.
    let mut tops: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, tos) in &g.edges {
        for to in tos {
            if top(from) != top(to) {
                tops.entry(top(from).to_string())
                    .or_default()
                    .insert(top(to).to_string());
            }
        }
    }
    for c in circles(&tops) {
        wrong.push(format!("layers in a circle: {}", c.join(", ")));
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

/// The reader itself: it finds the edges it is for.
#[test]
fn the_reader_finds_braced_super_and_crate_paths() {
    let p = paths(&code(
        "use crate::cert::{pfx::Bundle, store};\nuse super::x::Y; // crate::not::this\nlet a = crate::ops::run();",
    ));
    let p: Vec<String> = p
        .iter()
        .map(|(c, v)| format!("{c}:{}", v.join("::")))
        .collect();
    assert_eq!(
        p,
        [
            "true:cert::pfx::Bundle",
            "true:cert::store",
            "false:x::Y",
            "true:ops::run"
        ]
    );
}
