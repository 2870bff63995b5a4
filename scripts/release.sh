#!/usr/bin/env bash
# Build the Windows release: dist/oqscert-<version>-windows-x64.zip with
# oqscert.exe, はじめにお読みください.txt, LICENSE, THIRD-PARTY-LICENSES.txt,
# answers-example.toml and SHA256SUMS (see docs/ARCHITECTURE.md).
#
#   scripts/release.sh                  build the zip
#   scripts/release.sh --check          build it, pack it a second time from
#                                       the same exe, compare the SHA-256s
#   scripts/release.sh --check-ours     also rebuild this crate (its build
#                                       script, library and program, and the
#                                       link) in place and compare the exe's
#                                       bytes: what changes day to day (CI)
#   scripts/release.sh --check-rebuild  also rebuild the exe from scratch in a
#                                       second target dir and compare its bytes
#                                       (slow: a full cold release build; run it
#                                       before publishing a release)
#
# The exe comes from the recipe shared with windows-test.sh
# (scripts/windows-env.sh, same target dir): when windows-test.sh has just
# built it, cargo finds it up to date and this builds nothing.
# Reproducible: every date is SOURCE_DATE_EPOCH (the last commit's time),
# the zip is packed by scripts/release-zip.py with sorted entries and fixed
# permissions.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
say() { echo "[release $(( $(date +%s) - start ))s] $*"; }

mode=${1:-build}
case "$mode" in
  build | --check | --check-ours | --check-rebuild) ;;
  *) echo "usage: scripts/release.sh [--check | --check-ours | --check-rebuild]" >&2; exit 2 ;;
esac

# --- toolchain and packages (shared with windows-test.sh) ---------------------
source scripts/windows-env.sh

version=$(python3 -c 'import tomllib; print(tomllib.load(open("Cargo.toml", "rb"))["package"]["version"])')
name=oqscert-$version-windows-x64
say "oqscert $version, SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH"

# --- the exe ------------------------------------------------------------------
build_release_exe
[ -f "$exe" ] || { echo "no exe at $exe" >&2; exit 1; }

# --- THIRD-PARTY-LICENSES.txt: every crate the Windows exe is built from ------
# Plus the two runtimes linked in that are not crates from Cargo.lock: the
# Rust standard library (built here by -Zbuild-std) and mingw-w64's.
say "collecting the licences of the bundled crates"
meta=$work/release-metadata.json
cargo metadata --format-version 1 --locked --filter-platform $target > "$meta"
sysroot=$("$RUSTC" --print sysroot)
third_party=$work/THIRD-PARTY-LICENSES.txt
python3 scripts/licenses.py --metadata "$meta" -o "$third_party" \
  --also "Rust standard library (MIT OR Apache-2.0)" "$sysroot/lib/rustlib/src/rust/COPYRIGHT" \
  --also "mingw-w64 runtime (Debian's copyright file for mingw-w64-x86-64-dev)" \
    /usr/share/doc/mingw-w64-x86-64-dev/copyright

# --- the zip --------------------------------------------------------------------
pack() { # pack OUT.zip EXE
  python3 scripts/release-zip.py --root . --exe "$2" --third-party "$third_party" \
    --version "$version" --epoch "$SOURCE_DATE_EPOCH" --out "$1"
}
mkdir -p dist
zip_path=dist/$name.zip
say "packing $zip_path"
pack "$zip_path" "$exe"
sum=$(sha256sum "$zip_path" | cut -d' ' -f1)
say "$zip_path: $(stat -c %s "$zip_path") bytes, sha256 $sum"

[ "$mode" = build ] && exit 0

# --- reproducibility check --------------------------------------------------------
check_dir=$work/release-check
rm -rf "$check_dir"; mkdir -p "$check_dir"
second_exe=$exe
if [ "$mode" = --check-rebuild ]; then
  # A second, cold build in its own target dir: the exe must come out the
  # same bytes (same paths for the registry sources, same toolchain).
  say "rebuilding the exe from scratch in target/windows-repro (slow)"
  (export CARGO_TARGET_DIR=$root/target/windows-repro
   rm -rf "$CARGO_TARGET_DIR"
   cargo build --locked --release -Zbuild-std=std,panic_abort --target $target)
  second_exe=$root/target/windows-repro/$target/release/oqscert.exe
  a=$(sha256sum "$exe" | cut -d' ' -f1); b=$(sha256sum "$second_exe" | cut -d' ' -f1)
  if [ "$a" != "$b" ]; then
    echo "NOT REPRODUCIBLE: the rebuilt oqscert.exe differs ($a vs $b)" >&2
    exit 1
  fi
  say "rebuilt oqscert.exe is byte-identical ($a)"
elif [ "$mode" = --check-ours ]; then
  # This crate again from its sources, against the same dependencies: its
  # build script (the version resource, the manifest, the epoch), the
  # code and the final link must give the same bytes.
  first=$check_dir/first.exe
  cp "$exe" "$first"
  say "rebuilding this crate in place (dependencies as built)"
  (cd "$root" && cargo clean --locked --release --target $target -p oqscert)
  build_release_exe
  a=$(sha256sum "$first" | cut -d' ' -f1); b=$(sha256sum "$exe" | cut -d' ' -f1)
  if [ "$a" != "$b" ]; then
    echo "NOT REPRODUCIBLE: oqscert.exe rebuilt from the same sources differs ($a vs $b)" >&2
    exit 1
  fi
  say "rebuilt oqscert.exe is byte-identical ($a)"
else
  say "second pass: re-packing the same oqscert.exe (the exe is not rebuilt; --check-ours and --check-rebuild do that)"
fi
pack "$check_dir/$name.zip" "$second_exe"
sum2=$(sha256sum "$check_dir/$name.zip" | cut -d' ' -f1)
if [ "$sum" != "$sum2" ]; then
  echo "NOT REPRODUCIBLE: the second zip differs ($sum vs $sum2)" >&2
  exit 1
fi
say "reproducible: both zips have sha256 $sum"
