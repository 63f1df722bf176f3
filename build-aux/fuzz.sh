#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one libFuzzer harness of tests/fuzz for longer than the replay of
# the suite "fuzz" does (README, Fuzzing):
#
#   build-aux/fuzz.sh TARGET [SECONDS]     (default 60 s; a target is a
#                                           folder of tests/fuzz/corpus)
#
# Configures a clang build of its own (build-fuzz/, or $FUZZ_BUILDDIR) with
# -Dfuzzing=true and ASan + UBSan, installs clang with apt when it is
# missing (as build-aux/install-deps.sh does), and fuzzes a copy of the
# seed corpus, so the committed corpus stays small. An input that crashes,
# leaks or hangs is written to tests/fuzz/crashes/TARGET/: fix the defect,
# then commit the file, and the suite "fuzz" replays it on every build.
# Extra libFuzzer flags go in $FUZZ_ARGS (e.g. FUZZ_ARGS=-max_len=70000).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:-}
seconds=${2:-60}
builddir=${FUZZ_BUILDDIR:-$root/build-fuzz}

if [ -z "$target" ] || [ ! -d "$root/tests/fuzz/corpus/$target" ]; then
  echo "usage: $0 TARGET [SECONDS]; targets:" $(ls "$root/tests/fuzz/corpus") >&2
  exit 2
fi

if ! command -v clang >/dev/null; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing: clang"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends clang >/dev/null
fi

if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" "$root" -Dfuzzing=true -Dtests=true \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized
fi
meson compile -C "$builddir" "tests/fuzz/fuzz-$target"

crashes="$root/tests/fuzz/crashes/$target"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$crashes" "$work/corpus"
cp -r "$root/tests/fuzz/corpus/$target/." "$work/corpus/"

# The same environment as the tests (tests/meson.build); every sanitizer
# report stops the run, and the PDF stays out of the loop (slow).
export G_DEBUG=gc-friendly GSETTINGS_BACKEND=memory GIO_USE_VFS=local LC_ALL=C.UTF-8
export G_TEST_SRCDIR="$root/tests"
export GSETTINGS_SCHEMA_DIR="$builddir/resources"
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1

# shellcheck disable=SC2086
"$builddir/tests/fuzz/fuzz-$target" -max_total_time="$seconds" -timeout=10 \
  -print_final_stats=1 -artifact_prefix="$crashes/" ${FUZZ_ARGS:-} \
  "$work/corpus" "$crashes"
