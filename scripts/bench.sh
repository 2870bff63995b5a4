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

echo "== whole process: inspect a legacy PKCS#12 ($runs runs each) =="
# hyperfine 1.15 (Debian 12) has no --input: the shell redirects stdin, and
# hyperfine subtracts the shell's own start-up from both commands.
hyperfine --warmup 10 --runs "$runs" --export-json "$work/h.json" \
  -n oqscert "$bin pfx inspect --password-stdin --json $work/legacy.p12 < $work/pw" \
  -n openssl "openssl pkcs12 -info -noout -legacy -passin pass:1234 -in $work/legacy.p12"
python3 - "$work/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
o, s = r["oqscert"]["mean"], r["openssl"]["mean"]
print(f"oqscert mean {o*1000:.2f} ms, openssl mean {s*1000:.2f} ms, ratio {o/s:.2f} (target <= 0.50)")
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
