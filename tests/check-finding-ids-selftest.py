#!/usr/bin/env python3
# Shows that check-finding-ids.py fails when it should: on a copy of the
# tree it must pass untouched, then fail when code emits an id the registry
# lacks, and when a registry entry is neither emitted nor named by a test.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile

SRCDIR = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                         os.path.join(os.path.dirname(__file__), '..'))
CHECKER = os.path.join(SRCDIR, 'tests', 'check-finding-ids.py')

UNKNOWN_EMITTER = '''
static StiFinding *
selftest_unknown (void)
{
  return sti_finding_new ("selftest-not-in-registry", NULL, NULL);
}
'''

UNREACHABLE_ENTRY = '''
<findings>
  <finding id="selftest-nobody-emits-this" severity="info">
    <title>Nobody emits this</title>
  </finding>
</findings>
'''


def expect(tree, code, needle):
    result = subprocess.run([sys.executable, CHECKER, tree],
                            capture_output=True, text=True, check=False)
    if result.returncode != code or needle not in result.stdout:
        sys.exit(f'expected exit {code} and "{needle}", got exit {result.returncode}:\n'
                 f'{result.stdout}')


def fresh_copy(tmp):
    tree = os.path.join(tmp, 'src')
    shutil.rmtree(tree, ignore_errors=True)
    for folder in ('app', 'tests', os.path.join('resources', 'findings')):
        shutil.copytree(os.path.join(SRCDIR, folder), os.path.join(tree, folder))
    return tree


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tree = fresh_copy(tmp)
        expect(tree, 0, 'finding ids, all known')

        with open(os.path.join(tree, 'app', 'core', 'base', 'sti-finding.c'), 'a',
                  encoding='utf-8') as f:
            f.write(UNKNOWN_EMITTER)
        expect(tree, 1, 'emits "selftest-not-in-registry", which resources/findings/ lacks')

        tree = fresh_copy(tmp)
        with open(os.path.join(tree, 'resources', 'findings', 'selftest.findings.xml'), 'w',
                  encoding='utf-8') as f:
            f.write(UNREACHABLE_ENTRY)
        expect(tree, 1, '"selftest-nobody-emits-this" is in the registry, but no code')

    print('check-finding-ids fails on an unknown id and on an unreachable entry')
    return 0


if __name__ == '__main__':
    sys.exit(main())
