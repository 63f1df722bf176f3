#!/usr/bin/env python3
# check-potfiles.py: every file with translatable strings is in
# po/POTFILES.in, and every line of po/POTFILES.in names an existing file.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

SCAN_DIRS = ('app', 'ui', 'resources')
SCAN_SUFFIXES = ('.c', '.h', '.ui', '.in', '.xml')

# _("…"), N_("…"), C_("ctx", "…"), NC_("ctx", "…"), not foo_(…)
C_MARKER = re.compile(r'(?<![A-Za-z0-9_])(?:N|C|NC)?_\s*\(')
# String literals come first so that "https://…" is not taken for a comment.
C_COMMENT_OR_STRING = re.compile(r'"(?:\\.|[^"\\\n])*"|/\*.*?\*/|//[^\n]*', re.DOTALL)
UI_MARKER = re.compile(r'translatable\s*=\s*"yes"')
# Files gettext extracts as a whole, without any marker (the finding registry
# through the ITS rules in po/its/).
ALWAYS_TRANSLATED = re.compile(
    r'\.(desktop\.in(\.in)?|metainfo\.xml\.in(\.in)?|gschema\.xml|findings\.xml)$')


def needs_translation(path):
    if ALWAYS_TRANSLATED.search(path):
        return True
    with open(path, encoding='utf-8', errors='replace') as f:
        text = f.read()
    if path.endswith(('.c', '.h')):
        # A marker mentioned in a comment is not a translatable string.
        text = C_COMMENT_OR_STRING.sub(
            lambda m: m.group(0) if m.group(0).startswith('"') else ' ', text)
        return C_MARKER.search(text) is not None
    return UI_MARKER.search(text) is not None


def main():
    srcdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    srcdir = os.path.abspath(srcdir)
    potfiles_in = os.path.join(srcdir, 'po', 'POTFILES.in')

    with open(potfiles_in, encoding='utf-8') as f:
        entries = [line.strip() for line in f]
    listed = [e for e in entries if e and not e.startswith('#')]

    problems = []

    for entry in listed:
        if not os.path.isfile(os.path.join(srcdir, entry)):
            problems.append(f'po/POTFILES.in lists {entry}, which does not exist')

    seen = set()
    for entry in listed:
        if entry in seen:
            problems.append(f'po/POTFILES.in lists {entry} twice')
        seen.add(entry)

    if listed != sorted(listed):
        problems.append('po/POTFILES.in is not sorted (LC_ALL=C sort po/POTFILES.in)')

    for top in SCAN_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(srcdir, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(SCAN_SUFFIXES):
                    continue
                path = os.path.join(dirpath, name)
                relpath = os.path.relpath(path, srcdir)
                if relpath not in seen and needs_translation(path):
                    problems.append(f'{relpath} has translatable strings but is missing '
                                    'from po/POTFILES.in')

    for problem in problems:
        print(problem)

    if problems:
        return 1

    print(f'po/POTFILES.in: {len(listed)} files, complete')
    return 0


if __name__ == '__main__':
    sys.exit(main())
