#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Configures and builds into ./build (reused when it exists). Extra arguments
# go to `meson setup`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -d build/meson-private ]; then
  meson setup --reconfigure build "$@" >/dev/null
else
  meson setup build "$@" >/dev/null
fi
meson compile -C build
