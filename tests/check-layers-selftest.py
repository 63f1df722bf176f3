#!/usr/bin/env python3
# Shows that check-layers.py fails when it should: on a copy of app/, it must
# pass untouched, then fail on an include of a higher layer and on an
# include cycle between two units of one layer.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile

SRCDIR = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                         os.path.join(os.path.dirname(__file__), '..'))
CHECKER = os.path.join(SRCDIR, 'tests', 'check-layers.py')


def run(tree):
    result = subprocess.run([sys.executable, CHECKER, tree],
                            capture_output=True, text=True, check=False)
    return result.returncode, result.stdout


def append(path, text):
    with open(path, 'a', encoding='utf-8') as f:
        f.write(text)


def expect(tree, code, needle):
    got, out = run(tree)
    if got != code or needle not in out:
        sys.exit(f'expected exit {code} and "{needle}", got exit {got}:\n{out}')


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tree = os.path.join(tmp, 'src')
        shutil.copytree(os.path.join(SRCDIR, 'app'), os.path.join(tree, 'app'))
        expect(tree, 0, '0 violations')

        # base may include nothing above it; the report model is above it
        text = os.path.join(tree, 'app', 'core', 'base', 'sti-text.c')
        append(text, '\n#include "sti-domain-report.h"\n')
        expect(tree, 1, 'core/base/sti-text.c: includes core/report/sti-domain-report.h, '
                        'a layer above core/base')
        shutil.copy(os.path.join(SRCDIR, 'app', 'core', 'base', 'sti-text.c'), text)
        expect(tree, 0, '0 violations')

        # two units of one layer that include each other
        append(os.path.join(tree, 'app', 'core', 'dns', 'sti-dns-rdata.c'),
               '\n#include "sti-resolver.h"\n')
        append(os.path.join(tree, 'app', 'core', 'dns', 'sti-resolver.c'),
               '\n#include "sti-dns-rdata.h"\n')
        got, out = run(tree)
        if got != 1 or 'include cycle between units:' not in out or 'sti-dns-rdata' not in out:
            sys.exit(f'the cycle was not reported (exit {got}):\n{out}')

    print('check-layers fails on an upward include and on a cycle')
    return 0


if __name__ == '__main__':
    sys.exit(main())
