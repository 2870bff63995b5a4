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

# OQSCERT_CLIPPY=1 (.ci/run): clippy's lints, -D warnings, on every target
# of this crate during the one build the tests need (clippy-driver as the
# workspace's compiler wrapper: `cargo clippy` is that wrapper over a
# check build), instead of a second, check-only build of everything.
if [ "${OQSCERT_CLIPPY:-}" = 1 ]; then
  driver=$(dirname "$(rustup which cargo 2>/dev/null || command -v cargo)")/clippy-driver
  [ -x "$driver" ] || driver=$(command -v clippy-driver)
  export RUSTC_WORKSPACE_WRAPPER=$driver CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
  cargo test --locked --no-run --all-targets
fi

dbus-run-session -- bash -c '
  printf "oqscert-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec cargo test --locked "$@"
' bash "$@" 2> >(grep -v "Failed to set fd limit" >&2)
