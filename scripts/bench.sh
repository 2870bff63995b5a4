#!/usr/bin/env bash
# Whole-process timings of the release binary, next to OpenSSL on the same
# file, plus the criterion benches. Prints the figures recorded in
# docs/PERFORMANCE.md. Usage: scripts/bench.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."

runs=200
[ "${1:-}" = "--quick" ] && runs=30

if ! command -v hyperfine >/dev/null; then
  echo "installing hyperfine (Debian package)" >&2
  apt-get install -y --no-install-recommends hyperfine >/dev/null
fi

cargo build --release --quiet
bin=$PWD/target/release/oqscert
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A legacy file as OpenSSL's -legacy writes it (RC2-40 certs, 3DES key,
# SHA-1 MAC, 2048 iterations), from a fresh EC key and self-signed cert.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -subj "/CN=bench/O=oqscert" -days 30 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
openssl pkcs12 -export -legacy -inkey "$work/key.pem" -in "$work/cert.pem" \
  -passout pass:1234 -out "$work/legacy.p12"
printf '1234\n' > "$work/pw"

# The same source as a static binary (musl): no dynamic loader and no
# glibc start-up. glibc probes the CPU's caches with CPUID at every process
# start, and under this hypervisor one CPUID costs several microseconds
# (measured below), so every glibc process pays about 0.5 ms before main,
# /bin/true and openssl included. Needs the musl target and Debian's
# musl-tools (ring and the vendored libdbus are C); skipped, with a note,
# where they cannot be installed.
static=""
if ! rustup target list --installed 2>/dev/null | grep -qx x86_64-unknown-linux-musl; then
  rustup target add x86_64-unknown-linux-musl >/dev/null 2>&1 || true
fi
if ! command -v musl-gcc >/dev/null; then
  apt-get install -y --no-install-recommends musl-tools >/dev/null 2>&1 || true
fi
if ! rustup target list --installed 2>/dev/null | grep -qx x86_64-unknown-linux-musl \
   || ! command -v musl-gcc >/dev/null; then
  echo "(no static build: the musl target or musl-tools could not be installed)" >&2
elif cargo build --release --quiet --target x86_64-unknown-linux-musl --target-dir target/musl; then
  static=$PWD/target/musl/x86_64-unknown-linux-musl/release/oqscert
else
  echo "(no static build: cargo could not build it; its errors are above)" >&2
fi

echo "== process start: the floor every process pays here =="
cat > "$work/cpuid.rs" <<'RS'
// One CPUID instruction, timed: under a hypervisor it traps to the host.
// (`__cpuid_count` is safe on newer Rust, unsafe on older.)
#[allow(unused_unsafe)]
fn main() {
    let n = 2000u32;
    let t = std::time::Instant::now();
    let mut s = 0u32;
    for i in 0..n {
        // SAFETY: CPUID exists on every x86_64 CPU.
        s = s.wrapping_add(unsafe { std::arch::x86_64::__cpuid_count(1, i % 2) }.eax);
    }
    let us = t.elapsed().as_secs_f64() * 1e6 / f64::from(n);
    println!("one CPUID instruction: {us:.2} us ({s:x})");
}
RS
rustc -O -o "$work/cpuid" "$work/cpuid.rs" && "$work/cpuid"
hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/v.json" \
  -n true /bin/true \
  -n version "$bin --version" \
  ${static:+-n static-version "$static --version"} >/dev/null
python3 - "$work/v.json" <<'PY'
import json, sys
for x in json.load(open(sys.argv[1]))["results"]:
    print(f"{x['command']:>15}: mean {x['mean']*1000:.2f} ms")
PY

echo "== whole process: inspect a legacy PKCS#12 ($runs runs each) =="
# hyperfine 1.15 (Debian 12) has no --input: the shell redirects stdin, and
# hyperfine subtracts the shell's own start-up from every command.
hyperfine --warmup 10 --runs "$runs" --export-json "$work/h.json" \
  -n oqscert "$bin pfx inspect --password-stdin --json $work/legacy.p12 < $work/pw" \
  ${static:+-n oqscert-static "$static pfx inspect --password-stdin --json $work/legacy.p12 < $work/pw"} \
  -n openssl "openssl pkcs12 -info -noout -legacy -passin pass:1234 -in $work/legacy.p12"
python3 - "$work/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
s = r["openssl"]["mean"]
for name, label in (("oqscert", "glibc build (cargo build --release)"),
                    ("oqscert-static", "static build (musl)")):
    if name in r:
        o = r[name]["mean"]
        print(f"{label}: {o*1000:.2f} ms, openssl {s*1000:.2f} ms, ratio {o/s:.2f} (target <= 0.50)")
PY

echo "== peak RSS of one inspect =="
/usr/bin/time -f "max RSS %M KiB" "$bin" pfx inspect --password-stdin --json "$work/legacy.p12" < "$work/pw" >/dev/null

echo "== release binary size =="
ls -l "$bin" | awk '{print $5 " bytes"}'

if [ "${1:-}" != "--quick" ]; then
  echo "== criterion =="
  cargo bench --bench core -- --noplot 2>/dev/null | grep -E "^[a-z_0-9]+ +time:|time:" || true
  echo "== backup against its baseline, interleaved (target ratio <= 1.20) =="
  cargo bench --bench backup_ratio 2>/dev/null | tail -n 1
fi

echo "== wizard in a pseudo-terminal (80x24) =="
python3 scripts/bench-tui.py "$bin" "$([ "${1:-}" = "--quick" ] && echo 5 || echo 30)"
if [ "${1:-}" != "--quick" ]; then
  cargo bench --bench wizard -- --noplot 2>/dev/null | grep -E "time:" -B1 | grep -vE "^--$" || true
fi
