#!/usr/bin/env bash
# Smoke test of the release zip as a clinic gets it: unpack it, check its
# files (SHA256SUMS, the readme's BOM and CRLF, the exe's version resource
# and manifest), then run the zipped oqscert.exe under wine in a fresh
# prefix: --version, code check, pfx inspect and store install on an
# OpenSSL-made modern (AES) PKCS#12.
#
#   scripts/release-smoke.sh [ZIP]   (default: dist/oqscert-<version>-windows-x64.zip)
#
# Run scripts/release.sh first. Shares the recipe (packages, wine prefix
# template, fixtures) with windows-test.sh through scripts/windows-env.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
say() { echo "[release-smoke $(( $(date +%s) - start ))s] $*"; }

source scripts/windows-env.sh

version=$(python3 -c 'import tomllib; print(tomllib.load(open("Cargo.toml", "rb"))["package"]["version"])')
zip_path=${1:-dist/oqscert-$version-windows-x64.zip}
[ -f "$zip_path" ] || fail "no $zip_path (run scripts/release.sh first)"

# --- unpack and check the files -------------------------------------------------
dir=$work/release-smoke
rm -rf "$dir"; mkdir -p "$dir"
say "unpacking $zip_path"
python3 -m zipfile -e "$zip_path" "$dir"
readme=はじめにお読みください.txt
for f in oqscert.exe "$readme" ベンダー向け点検.txt LICENSE THIRD-PARTY-LICENSES.txt answers-example.toml SHA256SUMS; do
  [ -f "$dir/$f" ] || fail "the zip lacks $f"
done
(cd "$dir" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match"

say "checking the readme (BOM, CRLF, help line) and the exe's resources"
python3 - "$dir" "$readme" <<'EOF' || fail "release file checks"
import sys, tomllib
d, readme = sys.argv[1], sys.argv[2]
text = open(f"{d}/{readme}", "rb").read()
assert text.startswith(b"\xef\xbb\xbf"), "readme: no UTF-8 BOM"
assert text.count(b"\n") == text.count(b"\r\n"), "readme: not CRLF throughout"
codes = tomllib.load(open("assets/codes.toml", "rb"))
body = text.decode("utf-8-sig")
for key in ("phone", "hours_ja", "name_ja"):
    assert codes["help_line"][key] in body, f"readme: help line {key} missing"
assert "ベンダー向け点検.txt" in body, "readme: no pointer to the vendor's checklist"
# The vendor's checklist: BOM, CRLF, every placeholder filled.
check = open(f"{d}/ベンダー向け点検.txt", "rb").read()
assert check.startswith(b"\xef\xbb\xbf"), "checklist: no UTF-8 BOM"
assert check.count(b"\n") == check.count(b"\r\n"), "checklist: not CRLF throughout"
import re
assert not re.search(rb"@[A-Z_]+@", check), "checklist: a placeholder left"
assert "selftest" in check.decode("utf-8-sig"), "checklist: no selftest"
exe = open(f"{d}/oqscert.exe", "rb").read()
# The version resource keeps its strings in UTF-16LE; the manifest is text.
for s in ("電子証明書の手続きを案内するツール", "ProductName", "oqscert"):
    assert s.encode("utf-16-le") in exe, f"exe: version resource lacks {s!r}"
for s in (b"asInvoker", b"<activeCodePage", b"<longPathAware"):
    assert s in exe, f"exe: manifest lacks {s!r}"
print("release files ok")
EOF

# --- run the zipped exe under wine ------------------------------------------------
wine_template
fx=$work/smoke-fixtures
make_fixtures "$fx"
exe=$dir/oqscert.exe   # run_exe (windows-env.sh) runs $exe
export WINEPREFIX
WINEPREFIX=$(fresh_prefix release-smoke)

say "oqscert.exe --version"
out=$(run_exe --version) || fail "--version"
grep -q "$version" <<<"$out" || fail "--version printed: $out"

say "oqscert.exe code check 3410712362"
out=$(run_exe code check 3410712362 --json) || fail "code check"
[ "$(json_get 'd["valid"]' <<<"$out")" = True ] || fail "code check json: $out"

file=$(winpath "$fx/rsa-modern.p12")
say "oqscert.exe pfx inspect (modern AES PKCS#12)"
out=$(printf '1234\n' | run_exe pfx inspect --password-stdin --json "$file") || fail "pfx inspect: $out"
[ "$(json_get 'd["key_matches"]' <<<"$out")" = True ] || fail "inspect: $out"

say "oqscert.exe store install"
out=$(printf '1234\n' | run_exe store install --password-stdin --yes --trust-root --json "$file") || fail "install: $out"
[ "$(json_get 'd["ok"]' <<<"$out")" = True ] || fail "install not verified: $out"

wineserver -k 2>/dev/null || true
rm -rf "$WINEPREFIX"
say "release zip smoke test passed"
