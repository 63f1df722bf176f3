#!/bin/sh
# check-manifest.sh MANIFEST: parse a Flatpak manifest offline and fail on
# any warning. flatpak-builder exits 0 on unknown keys and only warns.
# Exit 77 (skip) where flatpak-builder is not installed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

manifest=${1:?usage: check-manifest.sh MANIFEST}

if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "flatpak-builder is not installed; skipping"
  exit 77
fi

case $manifest in
  /*) ;;
  *) manifest=$(pwd)/$manifest ;;
esac

# --show-manifest leaves a .flatpak-builder state directory in the current
# directory: keep that out of the source and build trees.
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
errors=$workdir/stderr
cd "$workdir" || exit 1

if ! flatpak-builder --show-manifest "$manifest" >/dev/null 2>"$errors"; then
  cat "$errors" >&2
  echo "flatpak-builder could not parse $manifest" >&2
  exit 1
fi

cat "$errors" >&2
if grep -q WARNING "$errors"; then
  echo "flatpak-builder warned about $manifest" >&2
  exit 1
fi

echo "$manifest: OK"
