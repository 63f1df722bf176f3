#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# README command (b): install what is missing, build with warnings as
# errors, run every test suite (UI tests on a virtual X display, then once
# more under a D-Bus session bus, as on a desktop), and end
# with one line "N passed, N failed".
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

python3 - "${logs[@]}" <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        f = open(path)
    except OSError:
        failed += 1
        continue
    with f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            result = json.loads(line).get("result", "")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
if skipped:
    print(f"({skipped} skipped)")
print(f"{passed} passed, {failed} failed")
PY
exit $status
