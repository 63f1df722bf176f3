#!/usr/bin/env python3
# check-finding-ids.py: the finding registry and the code agree.
#
# Fails when code in app/ emits a finding id that resources/findings/ does
# not define, and when a registry entry is neither emitted in app/ nor
# named by a test in tests/ (an entry nobody can reach is dead words).
#
# An emission is a call of sti_finding_new(), sti_finding_new_printf(),
# sti_findings_add() or a private helper whose name ends in "finding" (add_finding, fetch_finding,
# …) with a string literal as first or second argument, or an `id = "…"`
# assignment in a file that makes findings.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import os
import re
import sys

ENTRY = re.compile(r'<finding\s+id="([^"]+)"')
COMMENT = re.compile(r'<!--.*?-->', re.DOTALL)
EMIT = re.compile(r'\b(?:sti_finding_new(?:_printf)?|sti_findings_add|\w*_finding)\s*\(\s*'
                  r'(?:[A-Za-z_][A-Za-z0-9_>.\-]*\s*,\s*)?"([a-z0-9-]+)"')
ASSIGN = re.compile(r'\bid\s*=\s*"([a-z0-9-]+)"')
LITERAL = re.compile(r'"([a-z0-9-]+)"')


def registry_ids(srcdir):
    ids = []
    for path in sorted(glob.glob(os.path.join(srcdir, 'resources', 'findings', '*.findings.xml'))):
        with open(path, encoding='utf-8') as f:
            ids += ENTRY.findall(COMMENT.sub('', f.read()))
    return ids


def emitted_ids(srcdir):
    emitted = {}
    for path in sorted(glob.glob(os.path.join(srcdir, 'app', '**', '*.c'), recursive=True)):
        with open(path, encoding='utf-8') as f:
            text = f.read()
        found = EMIT.findall(text)
        if found or 'sti_finding_new' in text:
            found += ASSIGN.findall(text)
        for finding_id in found:
            emitted.setdefault(finding_id, os.path.relpath(path, srcdir))
    return emitted


def tested_ids(srcdir):
    tested = set()
    for path in glob.glob(os.path.join(srcdir, 'tests', '**', '*.c'), recursive=True):
        with open(path, encoding='utf-8', errors='replace') as f:
            tested.update(LITERAL.findall(f.read()))
    return tested


def main():
    srcdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    srcdir = os.path.abspath(srcdir)
    registry = registry_ids(srcdir)
    emitted = emitted_ids(srcdir)
    tested = tested_ids(srcdir)
    problems = []

    if not registry:
        problems.append('resources/findings/ defines no finding')
    for finding_id, path in sorted(emitted.items()):
        if finding_id not in registry:
            problems.append(f'{path} emits "{finding_id}", which resources/findings/ lacks')
    for finding_id in registry:
        if finding_id not in emitted and finding_id not in tested:
            problems.append(f'"{finding_id}" is in the registry, but no code in app/ emits it '
                            'and no test names it')

    for problem in problems:
        print(problem)
    if problems:
        return 1

    only_tested = [i for i in registry if i not in emitted]
    print(f'{len(registry)} finding ids, all known; {len(registry) - len(only_tested)} emitted in '
          f'app/, {len(only_tested)} only named by tests')
    return 0


if __name__ == '__main__':
    sys.exit(main())
