#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# README command (b): install what is missing, build with warnings as
# errors, run every test suite (UI tests on a virtual X display, then once
# more under a D-Bus session bus, as on a desktop), build once more with
# AddressSanitizer and UBSan into ./build-asan and run the core and fuzz
# suites there (RUN_SANITIZERS=0 leaves that stage out, for a quick local
# run), and end with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh || exit 1
./build-aux/build.sh -Dwerror=true -Ddevelopment=true -Dtests=true || exit 1

xvfb-run -a -s "-screen 0 1280x1024x24" \
  meson test -C build --print-errorlogs --num-processes 2 "$@"
status=$?
logs=(build/meson-logs/testlog.json)

# The UI suite once more with a session bus, as on a desktop: a
# GApplication registers on it, and two in one process must not clash.
# Only on a full run (arguments pick what to run).
if [ $# -eq 0 ]; then
  rm -f build/meson-logs/testlog-dbus.json
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1024x24" \
    meson test -C build --print-errorlogs --num-processes 2 --suite ui --logbase testlog-dbus
  [ $? -eq 0 ] || status=1
  logs+=(build/meson-logs/testlog-dbus.json)
fi

# The core suite (and the fuzz corpus replay, where the tree has one) once
# more under AddressSanitizer, LeakSanitizer and UBSan. Any report fails the
# test (G_SLICE=always-malloc: GSlice would hide leaked blocks from it);
# build-aux/lsan.supp names the one known library cache. Only on a full
# run.
if [ $# -eq 0 ] && [ "${RUN_SANITIZERS:-1}" = 1 ]; then
  if [ -d build-asan/meson-private ]; then
    asan_setup=(meson setup --reconfigure build-asan)
  else
    asan_setup=(meson setup build-asan)
  fi
  "${asan_setup[@]}" -Dwerror=true -Ddevelopment=true -Dtests=true \
    -Db_sanitize=address,undefined -Db_lundef=false >/dev/null \
    && meson compile -C build-asan
  [ $? -eq 0 ] || status=1
  suites=(--suite core)
  # Read the whole list: grep -q would stop early, and under pipefail the
  # writer's SIGPIPE made the fuzz suite drop out at random.
  if meson test -C build-asan --no-rebuild --list 2>/dev/null | grep ':fuzz / ' >/dev/null; then
    suites+=(--suite fuzz)
  fi
  rm -f build-asan/meson-logs/testlog-asan.json
  G_SLICE=always-malloc \
  ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  LSAN_OPTIONS=suppressions="$PWD/build-aux/lsan.supp" \
    meson test -C build-asan --no-rebuild --print-errorlogs --num-processes 2 \
      --timeout-multiplier 3 "${suites[@]}" --logbase testlog-asan
  [ $? -eq 0 ] || status=1
  logs+=(build-asan/meson-logs/testlog-asan.json)
fi

python3 - "${logs[@]}" <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    counts = [0, 0]
    try:
        f = open(path)
    except OSError:
        failed += 1
        counts[1] += 1
        f = None
    if f:
        with f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                result = json.loads(line).get("result", "")
                if result in ("OK", "EXPECTEDFAIL"):
                    counts[0] += 1
                elif result == "SKIP":
                    skipped += 1
                else:
                    counts[1] += 1
        passed += counts[0]
        failed += counts[1]
    if "testlog-asan" in path:
        print(f"(sanitizers: {counts[0]} passed, {counts[1]} failed)")
if skipped:
    print(f"({skipped} skipped)")
print(f"{passed} passed, {failed} failed")
PY
exit $status
