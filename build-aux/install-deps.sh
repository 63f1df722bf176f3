#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs every Debian/Ubuntu package the build, the tests and the app need.
# Idempotent: prints nothing and changes nothing when all are present.
set -euo pipefail

packages=(
  # toolchain and build
  gcc meson ninja-build pkg-config gettext python3
  # libraries (libevent-dev: libunbound's pkg-config file requires it)
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libgtk-4-bin libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libgnutls28-dev libunbound-dev libevent-dev
  libcairo2-dev libpango1.0-dev
  # run time: TLS for libsoup, the DNSSEC root trust anchor, icons
  glib-networking dns-root-data adwaita-icon-theme
  # tests: headless display, validators, certificate and PDF tools
  xvfb xauth dbus appstream desktop-file-utils gnutls-bin poppler-utils cmark-gfm
  fonts-dejavu-core
  flatpak-builder
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
