#!/usr/bin/env bash
# The project's test command (the README's). Installs the Debian packages the
# tests need on a fresh machine, then runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

# openssl: writes OpenSSL's -legacy PKCS#12 fixtures and RSA keys at test time.
need=()
command -v openssl >/dev/null || need+=(openssl)
# tmux: a real terminal emulator with a PTY for the end-to-end wizard tests.
command -v tmux >/dev/null || need+=(tmux)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

cargo test --locked "$@"
