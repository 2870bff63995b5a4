#!/usr/bin/env python3
"""Write THIRD-PARTY-LICENSES.txt: the licence of every crate built into
oqscert.exe, with the licence texts the crates themselves ship.

Reads `cargo metadata --format-version 1 --filter-platform <target>` (from
a file or stdin) and walks the resolved graph from the root package's
normal dependencies, following only normal dependencies: dev- and
build-dependencies never reach the binary. Proc-macro crates are listed
too (their generated code is in the binary) and marked as such, but not
their own dependencies (syn, quote...), which run only inside the compiler.

MIT and Apache-2.0 require their notices to ship, so texts are copied
verbatim from the crate's directory (LICENSE*, LICENCE*, COPYING*,
NOTICE*, and `license-file`). A crate without such a file gets its SPDX
expression and a line saying so: no text is ever made up. A text that is
byte-identical to one printed earlier is printed once and referenced.

Only the standard library; output is deterministic (sorted by name and
version) so the release zip is reproducible.

Usage: licenses.py [--metadata FILE] [--also LABEL FILE]... [-o OUT]
"""

import argparse
import hashlib
import json
import os
import sys

PREFIXES = ("LICENSE", "LICENCE", "COPYING", "NOTICE")
RULE = "=" * 78


def license_files(pkg):
    """The licence files shipped in the crate's directory, sorted."""
    root = os.path.dirname(pkg["manifest_path"])
    found = set()
    try:
        for name in os.listdir(root):
            path = os.path.join(root, name)
            if name.upper().startswith(PREFIXES) and os.path.isfile(path):
                found.add(path)
    except OSError:
        pass
    # `license-file = "..."` may point elsewhere in the crate.
    if pkg.get("license_file"):
        path = os.path.normpath(os.path.join(root, pkg["license_file"]))
        if os.path.isfile(path):
            found.add(path)
    return sorted(found, key=lambda p: os.path.relpath(p, root))


def is_proc_macro(pkg):
    return any("proc-macro" in t["kind"] for t in pkg.get("targets", []))


def bundled_packages(meta):
    """Packages reachable from the root through normal dependencies only."""
    resolve = meta.get("resolve")
    if not resolve or not resolve.get("root"):
        sys.exit("licenses.py: cargo metadata has no resolved root package")
    nodes = {n["id"]: n for n in resolve["nodes"]}
    by_id = {p["id"]: p for p in meta["packages"]}
    root = resolve["root"]
    seen, todo = set(), [root]
    while todo:
        node = nodes[todo.pop()]
        if node["id"] != root and is_proc_macro(by_id[node["id"]]):
            continue
        for dep in node["deps"]:
            normal = any(k.get("kind") is None for k in dep["dep_kinds"])
            if normal and dep["pkg"] not in seen:
                seen.add(dep["pkg"])
                todo.append(dep["pkg"])
    seen.discard(root)
    pkgs = [by_id[i] for i in seen]
    return sorted(pkgs, key=lambda p: (p["name"], p["version"], p["id"]))


def read_text(path):
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return text.rstrip("\n") + "\n", hashlib.sha256(data).hexdigest()


def render(meta, also):
    pkgs = bundled_packages(meta)
    out = []
    w = out.append
    w("Third-party licences of oqscert.exe / oqscert.exe に含まれる他者のソフトウェアのライセンス\n")
    w("\n")
    w(f"oqscert.exe is built from the crates below ({len(pkgs)} crates), each\n")
    w("under its own licence. For every crate: name, version, the licence it\n")
    w("declares (SPDX expression) and the licence files it ships, verbatim.\n")
    w("A text identical to one printed earlier is not repeated.\n")
    printed = {}

    def emit_file(label, path):
        text, digest = read_text(path)
        w(f"--- {label} ---\n")
        if digest in printed:
            w(f"(identical to the text printed above for {printed[digest]})\n")
        else:
            printed[digest] = label
            w(text)

    for label, path in also:
        w("\n" + RULE + "\n")
        w(f"{label}\n")
        w(RULE + "\n")
        if os.path.isfile(path):
            emit_file(os.path.basename(path), path)
        else:
            w(f"(licence file {path} not found on the build machine)\n")

    for p in pkgs:
        w("\n" + RULE + "\n")
        kind = ""
        if is_proc_macro(p):
            kind = " (proc-macro: runs at build time; its generated code is in the binary)"
        w(f"{p['name']} {p['version']}{kind}\n")
        w(f"License: {p.get('license') or '(no SPDX expression declared)'}\n")
        if p.get("repository"):
            w(f"Source: {p['repository']}\n")
        w(RULE + "\n")
        files = license_files(p)
        if not files:
            w("No licence file was shipped in this crate; see the SPDX expression above.\n")
        root = os.path.dirname(p["manifest_path"])
        for path in files:
            rel = os.path.relpath(path, root)
            emit_file(f"{p['name']} {p['version']}: {rel}", path)
    return "".join(out), len(pkgs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--metadata", help="cargo metadata JSON file (default: stdin)")
    ap.add_argument(
        "--also",
        nargs=2,
        action="append",
        default=[],
        metavar=("LABEL", "FILE"),
        help="also ship FILE under LABEL (e.g. the Rust standard library's COPYRIGHT)",
    )
    ap.add_argument("-o", "--output", help="output file (default: stdout)")
    args = ap.parse_args()
    if args.metadata:
        with open(args.metadata, encoding="utf-8") as f:
            meta = json.load(f)
    else:
        meta = json.load(sys.stdin)
    text, count = render(meta, args.also)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print(f"licenses.py: {count} crates -> {args.output} ({len(text.encode())} bytes)", file=sys.stderr)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
