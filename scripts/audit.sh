#!/usr/bin/env bash
# Supply-chain audit, offline (CI has no network but crates.io):
# `cargo deny check` for advisories, licences, banned and duplicate crates
# and sources, with the RustSec advisory database taken from a dated
# snapshot instead of the network. The snapshot's date is printed first, so
# nobody reads "no advisories" as today's answer.
#
#   scripts/audit.sh                 run the checks (deny.toml)
#   OQSCERT_ADVISORY_DB=FILE.tar.gz  use another snapshot
#
# The snapshot is looked for in OQSCERT_ADVISORY_DB, then the workplace's
# shared folder (../shared beside the checkout, /work/shared), then the
# copy committed in scripts/audit/ (so a clean clone anywhere has one).
# cargo-deny is installed from crates.io (--locked) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
start=$(date +%s)
say() { echo "[audit $(( $(date +%s) - start ))s] $*"; }

deny_version=0.20.2
if ! cargo deny --version 2>/dev/null | grep -q "$deny_version"; then
  say "installing cargo-deny $deny_version from crates.io"
  cargo install --locked --quiet cargo-deny --version "$deny_version"
fi

snapshot=${OQSCERT_ADVISORY_DB:-}
if [ -z "$snapshot" ]; then
  for c in "$root"/../shared/advisory-db-*.tar.gz /work/shared/advisory-db-*.tar.gz \
           "$root"/scripts/audit/advisory-db-*.tar.gz; do
    [ -f "$c" ] && { snapshot=$c; break; }
  done
fi
[ -f "$snapshot" ] || { echo "audit: no advisory database snapshot found" >&2; exit 2; }
taken=$(basename "$snapshot" | sed -n 's/^advisory-db-\([0-9-]*\)\.tar\.gz$/\1/p')
say "RustSec advisory database: snapshot taken ${taken:-(date unknown)}, from $(basename "$snapshot")"
say "advisories published after ${taken:-that date} are NOT checked"

# The snapshot as the local git repository cargo-deny reads (with
# --offline it never fetches): under db-path, in the folder cargo-deny
# names after the default URL (pinned with its version), committed with
# the snapshot's date so the date cargo-deny reports is the snapshot's.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/db/advisory-db-3157b0e258782691
mkdir -p "$work/db"
tar -xzf "$snapshot" -C "$work"
mv "$work/advisory-db" "$db"
(
  cd "$db"
  export GIT_AUTHOR_NAME=audit GIT_AUTHOR_EMAIL=audit@localhost \
         GIT_COMMITTER_NAME=audit GIT_COMMITTER_EMAIL=audit@localhost \
         GIT_AUTHOR_DATE="${taken:-1970-01-01}T00:00:00Z" GIT_COMMITTER_DATE="${taken:-1970-01-01}T00:00:00Z"
  git init -q
  git add -A
  git commit -q -m "RustSec advisory database snapshot $taken"
)
config=$work/deny.toml
sed -e "s|@DB_PATH@|$work/db|" deny.toml > "$config"
# Every crate of every target in Cargo.lock, from crates.io (the one
# registry CI reaches), so cargo-deny's `cargo metadata` runs offline.
cargo fetch --locked --quiet
say "cargo deny check (advisories, licenses, bans, sources)"
cargo deny --offline --locked --config "$config" check --show-stats --hide-inclusion-graph
say "passed"
