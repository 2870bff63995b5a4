#!/usr/bin/env bash
# The project's test command (the README's). Installs the Debian packages the
# tests need on a fresh machine, then runs the whole suite inside a private
# D-Bus session with an unlocked gnome-keyring, so the credential-store tests
# talk to a real Secret Service.
set -euo pipefail
cd "$(dirname "$0")/.."

# openssl: OpenSSL's -legacy PKCS#12 fixtures and RSA keys at test time.
# tmux: a real terminal emulator (PTY) for the end-to-end wizard tests.
# gnome-keyring + dbus: a real Secret Service for the keyring tests.
# keyutils: keyctl, for the kernel-keyring fallback test (no Secret Service).
need=()
command -v openssl >/dev/null || need+=(openssl)
command -v tmux >/dev/null || need+=(tmux)
command -v gnome-keyring-daemon >/dev/null || need+=(gnome-keyring)
command -v dbus-run-session >/dev/null || need+=(dbus)
command -v keyctl >/dev/null || need+=(keyutils)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The keyring's files go to a throwaway folder, not the user's own.
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME=$keyring_home OQSCERT_REQUIRE_KEYRING=1

dbus-run-session -- bash -c '
  printf "oqscert-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec cargo test --locked "$@"
' bash "$@" 2> >(grep -v "Failed to set fd limit" >&2)
