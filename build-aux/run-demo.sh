#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# README command (a): install what is missing, build, and open the app on
# the built-in demo lab. Runs from the build tree; nothing is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh
./build-aux/build.sh -Ddevelopment=true

export GSETTINGS_SCHEMA_DIR="$PWD/build/resources"

# Outside a desktop session (a bare X server, a container) give the app a
# session bus of its own, as GApplication expects one.
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null; then
  exec dbus-run-session -- ./build/app/starttls-inspector --demo "$@"
fi
exec ./build/app/starttls-inspector --demo "$@"
