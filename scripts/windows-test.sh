#!/usr/bin/env bash
# Build oqscert for Windows (x86_64-pc-windows-gnu) on this Linux machine and
# test the real Windows code under wine: the unit tests (with the
# CryptoAPI certificate store contract) and the release oqscert.exe end to
# end. See ../shared/WINDOWS-ON-LINUX.md for the recipe and wine's quirks.
#
# The toolchain, packages, wine prefix and fixtures are shared with
# release.sh and release-smoke.sh in scripts/windows-env.sh (Debian's
# packages only). Everything it makes stays under target/windows/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
start=$(date +%s)
say() { echo "[windows-test $(( $(date +%s) - start ))s] $*"; }

# The shared recipe: packages, toolchain, wine prefix template, fixtures.
source scripts/windows-env.sh
wine_template
fx=$work/fixtures
make_fixtures "$fx"

# Each end-to-end case that finishes is counted for the last line.
e2e_passed=0
case_ok() { e2e_passed=$((e2e_passed + 1)); say "e2e ($1): ok"; }

# --- the release exe ------------------------------------------------------------
build_release_exe
size=$(stat -c %s "$exe")
say "oqscert.exe: $size bytes (stripped, LTO)"
echo "$size" > "$work/exe-size"

# --- unit tests under wine (includes the WindowsStore contract) ---------------
# Built in the release profile, with panic=abort, as the exe ships: the
# code under test is the code in the zip. The standard library the exe
# build made is reused; most dependencies are built again (the
# dev-dependencies turn on other features of serde and friends), so this
# costs about what a dev-profile build did (297 s against 295 s cold in
# CI). With panic=abort each test runs in its own process
# (-Zpanic-abort-tests).
say "building and running the unit tests for $target under wine"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
export WINEPREFIX
WINEPREFIX=$(fresh_prefix unit)
# A folder as drive R: of wine's removable kind ("floppy"), for the
# removable-drive listing the backup screen uses.
map_removable "$work/usb-unit"
export OQSCERT_TEST_REMOVABLE='R:\'
unit_log=$work/unit-tests.log
OQSCERT_TEST_FIXTURES=$(winpath "$fx") \
  cargo test --locked --release -Zpanic-abort-tests -Zbuild-std=std,panic_abort \
    --target $target --lib 2>&1 | tee "$unit_log"
# The counts the harness printed (the last line reports them).
unit_passed=$(sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' "$unit_log" | tail -1)
[ -n "$unit_passed" ] || fail "no test result line from the unit tests"

wineserver -k 2>/dev/null || true

# --- end to end: the exe against the real (wine) Windows store ------------------
# (fail, json_get and run_exe come from windows-env.sh)
for kind in modern legacy; do
  WINEPREFIX=$(fresh_prefix e2e-$kind)
  file=$(winpath "$fx/rsa-$kind.p12")
  say "e2e ($kind): exe in a fresh prefix"

  out=$(run_exe code check 3410712362 --json) || fail "code check"
  [ "$(json_get 'd["valid"]' <<<"$out")" = True ] || fail "code check json: $out"

  out=$(printf '1234\n' | run_exe pfx inspect --password-stdin --json "$file") || fail "pfx inspect"
  [ "$(json_get 'd["key_matches"]' <<<"$out")" = True ] || fail "inspect: $out"
  thumb=$(json_get 'd["sha1_thumbprint"]' <<<"$out")

  before=$(run_exe store list --all --json)
  set +e
  printf '9999\n' | run_exe store install --password-stdin --yes --trust-root --json "$file" >/dev/null 2>&1
  rc=$?
  set -e
  [ $rc -eq 3 ] || fail "wrong password exit $rc (expected 3)"
  after=$(run_exe store list --all --json)
  [ "$before" = "$after" ] || fail "wrong password changed the store"

  out=$(printf '1234\n' | run_exe store install --password-stdin --yes --trust-root --json "$file") \
    || fail "install: $out"
  [ "$(json_get 'd["ok"]' <<<"$out")" = True ] || fail "install not verified: $out"
  [ "$(json_get 'd["verification"]["key_signs"]' <<<"$out")" = matches ] || fail "key does not sign: $out"
  # The issuing CA itself, by its own thumbprint (from OpenSSL, not from
  # what oqscert reported), is in the user's Root store.
  ca_thumb=$(openssl x509 -in "$fx/ca.pem" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g')
  roots=$(run_exe store list --all --json | json_get "[c['store'] for c in d if c['sha1_thumbprint'].upper()=='$ca_thumb']")
  [ "$roots" = "['Root']" ] || fail "the CA $ca_thumb is not (only) in Root: $roots"

  out=$(run_exe store list --json)
  [ "$(json_get "[c for c in d if c['sha1_thumbprint']=='$thumb'][0]['store']" <<<"$out")" = MY ] \
    || fail "not in MY: $out"
  [ "$(json_get "[c for c in d if c['sha1_thumbprint']=='$thumb'][0]['has_private_key']" <<<"$out")" = True ] \
    || fail "no key: $out"

  # Re-install: idempotent, and re-verified from the reopened store.
  out=$(printf '1234\n' | run_exe store install --password-stdin --yes --trust-root --json "$file")
  [ "$(json_get 'd["already_installed"]' <<<"$out")" = True ] || fail "re-install: $out"
  [ "$(json_get 'd["ok"]' <<<"$out")" = True ] || fail "re-verify: $out"
  n=$(run_exe store list --json | json_get "len([c for c in d if c['sha1_thumbprint']=='$thumb'])")
  [ "$n" = 1 ] || fail "duplicates after re-install: $n"

  run_exe store remove --yes "$thumb" >/dev/null || fail "remove"
  n=$(run_exe store list --json | json_get "len([c for c in d if c['sha1_thumbprint']=='$thumb'])")
  [ "$n" = 0 ] || fail "still there after remove"
  wineserver -k 2>/dev/null || true
  rm -rf "$WINEPREFIX"
  case_ok "$kind"
done

# --- Chapter 3 with the exe: renewal, clean-up (export first), status, report --
WINEPREFIX=$(fresh_prefix e2e-chapter3)
say "e2e (chapter 3): install last term's and the new certificate, clean up, status, report"
old_file=$(winpath "$fx/rsa-old.p12")
new_file=$(winpath "$fx/rsa-renewed.p12")
printf '1234\n' | run_exe --profile lastterm store install --password-stdin --yes --trust-root --json "$old_file" >/dev/null \
  || fail "install old"
out=$(printf '1234\n' | run_exe store install --password-stdin --yes --trust-root --json "$new_file") || fail "install new: $out"
new_thumb=$(json_get 'd["sha1_thumbprint"]' <<<"$out")
# --include-valid: last term's is replaced but still valid, kept otherwise.
out=$(printf '1234\n' | run_exe store cleanup --yes --include-valid --password-stdin --json) || fail "cleanup: $out"
[ "$(json_get 'd["password_proof"]["kind"]' <<<"$out")" = opens_file ] || fail "cleanup proof: $out"
[ "$(json_get 'd["found"][0]["reason"]' <<<"$out")" = superseded ] || fail "cleanup reason: $out"
# wine keeps every imported key in one container: last term's certificate
# now points at the new key, so its key's export never proves and it is
# kept, key and all (never removed on an unproven export). Real Windows
# gives each import its own container; there it is removed (the FileStore
# and the contract show that path).
[ "$(json_get 'len(d["removed"])' <<<"$out")" = 0 ] || fail "cleanup removed: $out"
[ "$(json_get 'd["kept"][0]["why"]' <<<"$out")" = export_not_proven ] || fail "cleanup kept: $out"
cer=$(json_get 'd["quarantine"]' <<<"$out")
[ -d "$(winepath -u "$cer" 2>/dev/null)" ] || fail "no quarantine folder at $cer"
out=$(run_exe store list --json)
[ "$(json_get "len(d)" <<<"$out")" = 2 ] || fail "after cleanup: $out"
[ "$(json_get "'$new_thumb' in [c['sha1_thumbprint'] for c in d]" <<<"$out")" = True ] || fail "new gone: $out"
set +e
out=$(run_exe status --json); rc=$?
set -e
# Installed and in the store, no backup yet: needs attention (exit 1).
[ $rc -eq 1 ] || fail "status exit $rc: $out"
[ "$(json_get 'd["certificate"]["in_store"]' <<<"$out")" = True ] || fail "status in_store: $out"
[ "$(json_get 'd["store_kind"]' <<<"$out")" = windows_current_user ] || fail "status kind: $out"
[ "$(json_get '[a["kind"] for a in d["alerts"]]' <<<"$out")" = "['no_backup']" ] || fail "status alerts: $out"
out=$(run_exe report --json) || fail "report: $out"
html=$(winepath -u "$(json_get 'd["html"]' <<<"$out")" 2>/dev/null)
grep -q "$new_thumb" "$html" || fail "report lacks the thumbprint"
wineserver -k 2>/dev/null || true
rm -rf "$WINEPREFIX"
case_ok "chapter 3"

# --- the expiry monitor: the schtasks round trip ------------------------------
# wine's schtasks keeps /Create /XML (a file under system32\tasks, made from
# the XML it parsed: the description survives, the triggers and the command
# do not) and /Delete; its /Query is a stub that prints nothing and
# succeeds, so `monitor status` cannot be judged here (ARCHITECTURE.md).
WINEPREFIX=$(fresh_prefix e2e-monitor)
say "e2e (monitor): install registers the task, remove takes it away"
run_exe --home 'C:\oqsdata' --profile clinic monitor install >/dev/null || fail "monitor install"
# The data folder's id is in the task's name; the task runs a copy of the
# program in the user's own program folder, never the one on a stick.
home_id=$(tr -d '\r\n' < "$WINEPREFIX/drive_c/oqsdata/home-id")
task="$WINEPREFIX/drive_c/windows/system32/tasks/oqscert clinic $home_id"
[ -f "$task" ] || fail "no task registered at $task"
copy=$(find "$WINEPREFIX/drive_c/users" -path '*/AppData/Local/oqscert/bin/oqscert.exe' | head -n 1)
[ -n "$copy" ] && cmp -s "$copy" "$exe" || fail "the program was not copied to LOCALAPPDATA"
grep -q "プロファイル clinic" "$task" || fail "the task XML was not read: $(cat "$task")"
run_exe --home 'C:\oqsdata' --profile clinic monitor remove >/dev/null || fail "monitor remove"
[ ! -e "$task" ] || fail "task still registered after remove"
wineserver -k 2>/dev/null || true
rm -rf "$WINEPREFIX"
case_ok "monitor"

# --- the self-test: the exe leaves the store and the vault as it found them ---
WINEPREFIX=$(fresh_prefix e2e-selftest)
say "e2e (selftest): a clinic's certificate and secret in place, both untouched"
# A stick in R: for the drives line.
map_removable "$work/usb-selftest"
file=$(winpath "$fx/rsa-modern.p12")
printf '1234\n' | run_exe store install --password-stdin --yes --trust-root --json "$file" >/dev/null \
  || fail "selftest: install the clinic's certificate"
printf 'REQ1\nREF1\n1234\n' | run_exe --home 'C:\oqsdata' secret set --stdin >/dev/null \
  || fail "selftest: save the clinic's secret"
vault() { wine reg query 'HKCU\Software\Wine\Credential Manager' /s 2>/dev/null | tr -d '\r'; }
store_before=$(run_exe store list --all --json)
vault_before=$(vault)
set +e
out=$(run_exe --home 'C:\oqsdata' selftest --json --no-network)
rc=$?
set -e
[ $rc -le 1 ] || fail "selftest exit $rc: $out"
check() { json_get "[c for c in d['checks'] if c['id']=='$1'][0]$2" <<<"$out"; }
[ "$(json_get 'len(d["checks"])' <<<"$out")" = 10 ] || fail "selftest checks: $out"
[ "$(check store "['verdict']")" = ok ] || fail "selftest store: $out"
[ "$(check store "['values']['key']")" = cryptoapi ] || fail "selftest key kind: $out"
[ "$(check vault "['verdict']")" = ok ] || fail "selftest vault: $out"
[ "$(check vault "['values']['backend']")" = os ] || fail "selftest vault backend: $out"
[ "$(check programs "['verdict']")" = ok ] || fail "selftest programs: $out"
[ "$(check downloads "['verdict']")" = ok ] || fail "selftest downloads: $out"
[ "$(check drives "['values']['count']")" -ge 1 ] && check drives "['values']['list']" | grep -q 'R:' \
  || fail "selftest drives (R: mapped removable): $out"
case "$(check vault "['values']['roams']")" in
  this_pc|with_profile|unknown) ;;
  *) fail "selftest roams: $out" ;;
esac
[ -n "$(check browser "['values']['default_browser']")" ] || fail "selftest default browser: $out"
[ -n "$(json_get 'd["computer"]' <<<"$out")" ] || fail "selftest computer: $out"
[ "$(run_exe store list --all --json)" = "$store_before" ] || fail "selftest changed the store"
[ "$(vault)" = "$vault_before" ] || fail "selftest changed the Credential Manager"
grep -q 'Generic: default@' <<<"$vault_before" || fail "the clinic's secret was not there to keep"
# wine's console (in a real terminal, tmux) answers the width question:
# one cell for each, as wine draws them.
sock=oqscert-wine-$$
tmux -L $sock new-session -d -x 200 -y 50 \
  "wine '$exe' --lang en --home 'C:\oqsdata' selftest --no-network; echo EXITED:\$?; sleep 60"
for _ in $(seq 600); do
  screen=$(tmux -L $sock capture-pane -p -J)
  grep -q EXITED: <<<"$screen" && break
  sleep 0.1
done
tmux -L $sock kill-server 2>/dev/null || true
grep -q "Console: Measured: a line-drawing character takes 1 cell(s), a circled number 1" <<<"$screen" \
  || fail "wine's console was not measured: $screen"
wineserver -k 2>/dev/null || true
rm -rf "$WINEPREFIX"
case_ok "selftest"

# --- clean-up removes under wine: an expired certificate, its copy proven -----
# The renewed certificate first, then an expired one (so wine's single key
# container holds the expired one's key and its export proves). Clean-up
# exports it to quarantine, the copy opens with the password and its key
# matches, the certificate leaves MY; the key container stays, because the
# renewed certificate points at the same one (the shared-key guard: wine
# keeps every key in one container; real Windows gives each its own, and
# there the container goes, as the contract tests show).
export WINEPREFIX; WINEPREFIX=$(fresh_prefix e2e-removal)
say "e2e (clean-up removes): an expired certificate exported, proven and removed"
printf '1234\n' | run_exe store install --password-stdin --yes --trust-root --json "$(winpath "$fx/rsa-renewed.p12")" >/dev/null \
  || fail "install renewed"
# Installed on request, and reported not OK (exit 1): it is not valid now.
set +e
out=$(printf '1234\n' | run_exe --profile lastterm store install --allow-expired --password-stdin --yes --trust-root --json "$(winpath "$fx/rsa-expired.p12")")
rc=$?
set -e
[ $rc -eq 1 ] || fail "install expired exit $rc: $out"
[ "$(json_get 'd["verification"]["in_my"]' <<<"$out")" = True ] || fail "expired not installed: $out"
old_thumb=$(json_get 'd["sha1_thumbprint"]' <<<"$out")
out=$(printf '1234\n' | run_exe store cleanup --yes --password-stdin --json) || fail "cleanup: $out"
[ "$(json_get '[(r["sha1_thumbprint"], r["reason"], r["removed_from"]) for r in d["removed"]]' <<<"$out")" \
  = "[('$old_thumb', 'expired', ['MY'])]" ] || fail "cleanup did not remove the expired one: $out"
copy=$(json_get 'd["removed"][0]["export"]["pkcs12"]' <<<"$out")
# It opens with the password (exit 1 only says it is expired).
set +e
got=$(printf '1234\n' | run_exe pfx inspect --password-stdin --json "$copy")
rc=$?
set -e
[ $rc -eq 1 ] && [ "$(json_get 'd["problems"]' <<<"$got")" = "['expired']" ] \
  || fail "the quarantine copy (exit $rc): $got"
[ "$(json_get 'd["sha1_thumbprint"]' <<<"$got")" = "$old_thumb" ] || fail "quarantine copy: $got"
[ "$(json_get 'd["key_matches"]' <<<"$got")" = True ] || fail "quarantine copy key: $got"
n=$(run_exe store list --json | json_get "len([c for c in d if c['sha1_thumbprint']=='$old_thumb'])")
[ "$n" = 0 ] || fail "the expired certificate is still in MY"
wine reg query 'HKCU\Software\Wine\Crypto\RSA' 2>/dev/null | grep -q 'RSA\\' \
  || fail "the shared key container was deleted"
wineserver -k 2>/dev/null || true
rm -rf "$WINEPREFIX"
case_ok "clean-up removes"

# --- the wizard itself on the Windows store, keys typed into wine's console --
# The receptionist's reinstall route (0-1 "not expired", 0-2 "reinstall
# from the backup", 3-2 the file found on the stick, the password, the
# help page's import options, the checks, the connection, the clean-up)
# driven through tmux. wine's console draws the screen out of order in a
# terminal, so each step is awaited in the profile file the wizard saves
# (its [position]), not read off the screen; --lang en keeps the keys
# ASCII. The store is read back with the CLI afterwards.
export WINEPREFIX; WINEPREFIX=$(fresh_prefix e2e-wizard)
say "e2e (wizard): Chapter 3 from a backup on a removable drive, typed keys"
stick=$work/usb-wizard
rm -rf "$stick"
map_removable "$stick"
cp "$fx/rsa-modern.p12" "$stick/oqscert-backup.p12"
saved=$WINEPREFIX/drive_c/oqsdata/profiles/default.toml
wsock=oqscert-wizard-$$
tmux -L $wsock new-session -d -x 80 -y 24 \
  "wine '$exe' --lang en --home 'C:\oqsdata'; echo EXITED:\$?; sleep 60"
# is_at CHAPTER STEP: the wizard has saved that position.
is_at() {
  [ -f "$saved" ] && python3 - "$saved" "$1" "$2" <<'PY'
import sys, tomllib
try:
    p = tomllib.load(open(sys.argv[1], "rb")).get("position", {})
except Exception:
    sys.exit(1)
sys.exit(0 if (p.get("chapter"), p.get("step")) == (sys.argv[2], sys.argv[3]) else 1)
PY
}
# at CHAPTER STEP: wait for it (60 s).
at() {
  for _ in $(seq 600); do
    is_at "$1" "$2" && return 0
    sleep 0.1
  done
  tmux -L $wsock capture-pane -p >&2 || true
  fail "the wizard never reached $1 $2"
}
keys() { tmux -L $wsock send-keys "$@"; }
# shows TEXT: wait up to 60 s for ASCII text on wine's screen (whole words
# survive its out-of-order drawing); 1 if it never came.
shows() {
  # 60 s: a loaded machine (CI builds beside it) slows wine a lot.
  for _ in $(seq 600); do
    tmux -L $wsock capture-pane -p | grep -q "$1" && return 0
    sleep 0.1
  done
  echo "--- screen while waiting for '$1':" >&2
  tmux -L $wsock capture-pane -p >&2 || true
  return 1
}
# Home first (nothing saved yet): wait for it to be drawn, then 0-1.
shows 'Pre-check' || fail "the home screen never appeared"
keys Enter;            at precheck q:expired
keys n;                at precheck q:reinstall
keys y;                at precheck result
keys Enter;            at install from_backup
# The stick's file is listed (found on R:, a removable drive): choose it.
# wine draws a long row in pieces ("R:\oqscert-backu" ... "p.p12"): the
# drive's prefix is the piece that is always whole; Enter then proves the
# file was the one chosen (the password step follows).
shows 'R:\\oqscert' || fail "the backup on R: was not listed"
keys Enter;            at install password
keys -l 1234; keys Enter
at install owner
keys Enter;            at install options
# 3-5 opens when the import and its checks are done.
keys Enter;            at install checks
keys Enter;            at install connect
keys y;                at install cleanup
# The search for old certificates runs on opening (Enter while it
# searches does nothing): wait for its answer, then Enter to 3-8.
shows 'No old certificates' || fail "the search for old certificates never ended"
keys Enter;            at install done
# Quit from 3-8: the dialog is awaited before its answer.
keys q
shows 'Quit?' || fail "the quit dialog never appeared"
keys y
shows 'EXITED:0' || {
  tmux -L $wsock capture-pane -p >&2; fail "the wizard did not end with 0"; }
tmux -L $wsock kill-server 2>/dev/null || true
# What the store holds now, read by the CLI: the certificate with its key
# in MY, the CA in Root; the profile says Chapter 3 is done.
thumb=$(printf '1234\n' | run_exe pfx inspect --password-stdin --json "$(winpath "$fx/rsa-modern.p12")" \
  | json_get 'd["sha1_thumbprint"]')
out=$(run_exe --home 'C:\oqsdata' store list --all --json)
[ "$(json_get "[(c['store'], c['has_private_key']) for c in d if c['sha1_thumbprint']=='$thumb']" <<<"$out")" \
  = "[('MY', True)]" ] || fail "wizard install not in MY with its key: $out"
[ "$(json_get "[c['store'] for c in d if c['sha1_thumbprint'].upper()=='$ca_thumb']" <<<"$out")" = "['Root']" ] \
  || fail "wizard install: the CA is not in Root: $out"
python3 - "$saved" "$thumb" <<'PY' || fail "the profile does not record the install: $(cat "$saved")"
import sys, tomllib
d = tomllib.load(open(sys.argv[1], "rb"))
assert d["chapters"]["install"] == "done", d["chapters"]
assert d["install"]["sha1_thumbprint"] == sys.argv[2], d.get("install")
PY
wineserver -k 2>/dev/null || true
rm -rf "$WINEPREFIX"
case_ok "wizard"

say "all Windows tests passed"
# Reached only when nothing failed (fail exits): the counts were measured.
echo "windows: $unit_passed unit tests passed under wine, $e2e_passed end-to-end cases passed, none failed"
