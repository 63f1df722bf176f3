#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# README command (a): install what is missing, build, and open the app on
# the built-in demo lab. Runs from the build tree; nothing is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh
./build-aux/build.sh -Ddevelopment=true

export GSETTINGS_SCHEMA_DIR="$PWD/build/resources"
exec ./build/app/starttls-inspector --demo "$@"
