#!/usr/bin/env python3
# The CLI loads cairo and pango only to write a PDF: a plain check must
# not load them (they are linked by the PDF module alone), and a PDF
# report must load the module and come out as a PDF.
#
# Usage: check-pdf-module.py CLI
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import tempfile

HEAVY = ('libcairo', 'libpango')


def run(cli, *args):
    env = dict(os.environ, LD_DEBUG='files')
    result = subprocess.run([cli, '--demo', 'check', 'valid.lab.test', *args],
                            capture_output=True, text=True, env=env, timeout=120,
                            check=False)
    loaded = [line for line in result.stderr.splitlines() if 'file=' in line]
    return result, loaded


def main():
    cli = sys.argv[1]

    linked = subprocess.run(['ldd', cli], capture_output=True, text=True, check=True).stdout
    for lib in HEAVY:
        if lib in linked:
            sys.exit(f'{cli} links {lib}:\n{linked}')

    result, loaded = run(cli)
    if result.returncode != 0:
        sys.exit(f'the check failed ({result.returncode}):\n{result.stdout}\n{result.stderr}')
    heavy = [line for line in loaded if any(lib in line for lib in HEAVY)]
    if heavy:
        sys.exit('a plain check loaded:\n' + '\n'.join(heavy))

    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, 'report.pdf')
        result, loaded = run(cli, '--format', 'pdf', '-o', pdf)
        if result.returncode != 0:
            sys.exit(f'the PDF report failed ({result.returncode}):\n{result.stderr[-2000:]}')
        with open(pdf, 'rb') as f:
            if f.read(5) != b'%PDF-':
                sys.exit('the PDF report is not a PDF')
        for name in ('sti-pdf.so', 'libcairo', 'libpango'):
            if not any(name in line for line in loaded):
                sys.exit(f'writing a PDF did not load {name}; is LD_DEBUG ignored?')

    print('a plain check loads neither cairo nor pango; a PDF loads the module')
    return 0


if __name__ == '__main__':
    sys.exit(main())
