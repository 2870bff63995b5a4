# Sourced (not run) by scripts/windows-test.sh, release.sh and
# release-smoke.sh: the shared recipe for building oqscert for Windows on
# this Debian machine and running it under wine. See
# ../shared/WINDOWS-ON-LINUX.md for why each step is needed.
#
# Sourcing it: installs the Debian packages that are missing, sets the
# toolchain and wine environment, and defines
#   build_release_exe      the stripped release oqscert.exe -> $exe
#   wine_template          the ProcessPrng shim and the template prefix
#   fresh_prefix NAME      a fresh copy of the template prefix (prints path)
#   winpath PATH           a Linux path as wine's Z: path
#   make_fixtures DIR      RSA PKCS#12 fixtures made by OpenSSL
# The caller defines `say` for its log lines (a plain echo otherwise).
# Uses only Debian's packages: mingw-w64 (gcc, windres), wine, and Debian's
# Rust 1.96 with its standard-library sources (std is built for the target
# with -Zbuild-std). Everything it makes stays under target/windows/.

declare -F say >/dev/null || say() { echo "[windows-env] $*"; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# --- packages ---------------------------------------------------------------
# binutils-mingw-w64-x86-64 provides x86_64-w64-mingw32-windres, which
# build.rs needs for the exe's version resource and manifest.
pkgs=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 wine wine64 rustc-web cargo-web
  rust-web-src openssl python3 git tmux faketime)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- toolchain: Debian's cargo/rustc, not rustup's (its std sources match) ---
export PATH=/usr/bin:$PATH RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR=$root/target/windows
export CARGO_TERM_COLOR=never
target=x86_64-pc-windows-gnu
work=$CARGO_TARGET_DIR/wintest
exe=$CARGO_TARGET_DIR/$target/release/oqscert.exe
mkdir -p "$work"

# The linker stamps the PE header with SOURCE_DATE_EPOCH instead of "now",
# so the same commit links the same bytes (build.rs reruns when it
# changes). The last commit's time, unless the caller set one.
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)
fi
export SOURCE_DATE_EPOCH

# The release exe. Cargo's own freshness check makes this a no-op when
# the exe in this target dir is up to date (windows-test.sh built it).
build_release_exe() {
  say "building the release oqscert.exe (no-op when up to date)"
  (cd "$root" && cargo build --locked --release -Zbuild-std=std,panic_abort --target $target)
}

# --- wine, headless -----------------------------------------------------------
unset DISPLAY
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# Scripts never wait for a key: the exe's "Enter キーで閉じます" pause is
# for a console opened by a double-click only.
export OQSCERT_NO_PAUSE=1

# A template prefix made once; each test case gets a fresh copy, because
# wine keeps every imported key in one key container.
template=$work/prefix-template
wine_template() {
  # wine 8.0 lacks ProcessPrng, which Rust's std imports: build the shim.
  local shim=$work/bcryptprimitives.dll
  if [ ! -f "$shim" ] || [ "$root/scripts/wine-shim/processprng.c" -nt "$shim" ]; then
    say "building the ProcessPrng shim"
    x86_64-w64-mingw32-gcc -shared -O2 -o "$shim" \
      "$root/scripts/wine-shim/processprng.c" "$root/scripts/wine-shim/bcryptprimitives.def" -ladvapi32
  fi
  if [ ! -f "$template/.oqscert-ready" ]; then
    say "creating the wine prefix template"
    rm -rf "$template"
    WINEPREFIX=$template wineboot -i >/dev/null 2>&1 || true
    WINEPREFIX=$template wineserver -w
    cp "$shim" "$template/drive_c/windows/system32/bcryptprimitives.dll"
    touch "$template/.oqscert-ready"
  fi
}
fresh_prefix() {
  local p=$work/prefix-$1
  rm -rf "$p"
  cp -a "$template" "$p"
  echo "$p"
}
winpath() { echo "Z:${1//\//\\}"; }

# --- fixtures: RSA (CryptoAPI's legacy CSPs sign with RSA), made by OpenSSL -
# rsa-modern.p12 (AES/PBKDF2), rsa-legacy.p12 (-legacy RC2/3DES), a
# renewal pair rsa-old.p12 / rsa-renewed.p12 and rsa-expired.p12 (expired
# in 2024); every password is 1234.
# wine_key FILE: a new RSA-2048 key whose private parts are all full width.
# Wine 8's PFX import (dlls/crypt32/unixlib.c, import_store_key) copies
# each part only when it has exactly its full byte length and otherwise
# stops, leaving the rest of the key blob unwritten: about one key in
# eighty then signs wrongly under wine (never on Windows). The fixtures
# avoid such keys so a check fails only for a real reason.
wine_key() {
  while :; do
    openssl genrsa -out "$1" 2048 2>/dev/null
    openssl rsa -in "$1" -traditional -outform DER 2>/dev/null | python3 -c '
import sys
b = sys.stdin.buffer.read()
def tlv(i):
    n = b[i + 1]; i += 2
    if n & 0x80:
        k = n & 0x7F; n = int.from_bytes(b[i:i + k], "big"); i += k
    return i, n
i, _ = tlv(0)
sizes = []
while i < len(b):
    i, n = tlv(i); v = b[i:i + n].lstrip(b"\0"); sizes.append(len(v)); i += n
# version n e d p q dp dq qinv
sys.exit(0 if sizes[1] == 256 and sizes[3] == 256 and all(x == 128 for x in sizes[4:9]) else 1)
' && return 0
  done
}

make_fixtures() {
  local fx=$1
  rm -rf "$fx"; mkdir -p "$fx"
  say "generating RSA PKCS#12 fixtures (modern AES and -legacy RC2/3DES)"
  (
    cd "$fx"
    openssl req -x509 -newkey rsa:2048 -nodes -utf8 -subj "/CN=テスト認証局 CA/O=テスト発行局" \
      -days 3650 -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" -keyout ca.key -out ca.pem 2>/dev/null
    for n in modern legacy; do
      wine_key $n.key
      openssl req -new -key $n.key -utf8 -subj "/CN=テスト歯科医院 受付 $n/O=医療法人テスト会" \
        -out $n.csr 2>/dev/null
      printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' > ext.cnf
      openssl x509 -req -in $n.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1200 \
        -extfile ext.cnf -out $n.pem 2>/dev/null
    done
    # A renewal: the same subject twice, the older one ending sooner.
    for n in renewed old; do
      days=1200; [ $n = old ] && days=400
      wine_key $n.key
      openssl req -new -key $n.key -utf8 -subj "/CN=テスト歯科医院 受付 3/O=医療法人テスト会" \
        -out $n.csr 2>/dev/null
      openssl x509 -req -in $n.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days $days \
        -extfile ext.cnf -out $n.pem 2>/dev/null
      openssl pkcs12 -export -inkey $n.key -in $n.pem -certfile ca.pem \
        -name "oqscert $n" -passout pass:1234 -out rsa-$n.p12
    done
    # Expired since 2024 (signed with the clock set back: faketime).
    wine_key expired.key
    openssl req -new -key expired.key -utf8 -subj "/CN=テスト歯科医院 受付 expired/O=医療法人テスト会" \
      -out expired.csr 2>/dev/null
    faketime '2023-01-01 00:00:00' openssl x509 -req -in expired.csr -CA ca.pem -CAkey ca.key \
      -CAcreateserial -days 400 -extfile ext.cnf -out expired.pem 2>/dev/null
    openssl pkcs12 -export -inkey expired.key -in expired.pem -certfile ca.pem \
      -name "oqscert expired" -passout pass:1234 -out rsa-expired.p12
    openssl pkcs12 -export -inkey modern.key -in modern.pem -certfile ca.pem \
      -name "oqscert modern" -passout pass:1234 -out rsa-modern.p12
    openssl pkcs12 -export -legacy -inkey legacy.key -in legacy.pem -certfile ca.pem \
      -name "oqscert legacy" -passout pass:1234 -out rsa-legacy.p12
  )
}

# map_removable DIR: DIR as drive R: of wine's removable kind ("floppy")
# in $WINEPREFIX, standing in for a USB stick.
map_removable() {
  mkdir -p "$1"
  ln -sfn "$1" "$WINEPREFIX/dosdevices/r:"
  wine reg add 'HKLM\Software\Wine\Drives' /v 'r:' /t REG_SZ /d floppy /f >/dev/null 2>&1
  wineserver -w
}

# --- helpers for the end-to-end checks ----------------------------------------
fail() { echo "FAILED: $*" >&2; exit 1; }
json_get() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {"d": d}))' "$1"; }
run_exe() { wine "$exe" "$@"; }
