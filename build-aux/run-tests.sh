#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# README command (b): install what is missing, build with warnings as
# errors, run every test suite (UI tests on a virtual X display), and end
# with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh || exit 1
./build-aux/build.sh -Dwerror=true -Ddevelopment=true -Dtests=true || exit 1

xvfb-run -a -s "-screen 0 1280x1024x24" \
  meson test -C build --print-errorlogs --num-processes 2 "$@"
status=$?

python3 - build/meson-logs/testlog.json <<'PY'
import json, sys
passed = failed = skipped = 0
with open(sys.argv[1]) as f:
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
