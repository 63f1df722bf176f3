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
  # the locales the translation test runs reports in (tests/check-translations.py)
  locales
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The translations' locales, so that a report's numbers and the JSON are
# also tested under LC_ALL=de_DE.UTF-8 (decimal comma). LANGUAGE=de alone
# works without them: gettext needs only a locale that is not "C", and
# C.UTF-8 exists everywhere.
wanted=()
for l in de_DE.UTF-8 nl_NL.UTF-8; do
  if ! locale -a 2>/dev/null | grep -qix "${l/UTF-8/utf8}"; then
    wanted+=("$l")
  fi
done
if [ ${#wanted[@]} -gt 0 ]; then
  echo "Generating the locales: ${wanted[*]}"
  for l in "${wanted[@]}"; do
    $sudo sed -i "s/^# *\(${l} UTF-8\)$/\1/" /etc/locale.gen
    grep -qx "${l} UTF-8" /etc/locale.gen || echo "${l} UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
  done
  $sudo locale-gen >/dev/null
fi
