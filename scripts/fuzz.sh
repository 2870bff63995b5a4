#!/usr/bin/env bash
# Run every fuzz target (fuzz/, cargo-fuzz layout) for SECONDS each
# (default 60) with the nightly toolchain, and print the executions per
# target. Not part of .ci/run: run it by hand or on a schedule.
#
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-60}

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal

targets=(pfx_open progress_load profile_import institution_code text_input paragraph)
summary=()
status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  log=$(mktemp)
  echo "== $t (${secs}s)" >&2
  # A private copy of the seeds: the committed corpus stays small.
  work=$(mktemp -d)
  cp -r "corpus/$t/." "$work/"
  if cargo +nightly fuzz run "$t" "$work" -- -max_total_time="$secs" \
      -artifact_prefix="artifacts/$t/" 2>&1 | tee "$log" >&2; then
    result=ok
  else
    result="FAILED (see fuzz/artifacts/$t/)"
    status=1
  fi
  # libFuzzer's last status line: "#123456 DONE ... exec/s: 2000 ..."
  execs=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  rate=$(grep -Eo 'exec/s: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
  summary+=("$(printf '%-18s %12s execs  %8s exec/s  %s' "$t" "${execs:-0}" "${rate:-?}" "$result")")
  rm -rf "$work" "$log"
done
echo
printf '%s\n' "${summary[@]}"
exit $status
