#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The headless CLI must not link GTK or libadwaita (DESIGN.md, Layout).
cli="$1"
if ldd "$cli" | grep -E 'libgtk|libadwaita|libgdk'; then
  echo "starttls-inspector-cli links a toolkit library" >&2
  exit 1
fi
exit 0
