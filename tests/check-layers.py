#!/usr/bin/env python3
# check-layers.py: the include graph of app/ follows the layer order of
# DESIGN.md ("Layout"), and no two units include each other.
#
# A unit is a file pair sti-foo.c/sti-foo.h with its sti-foo-private.h.
# A unit may include units of its own layer and of the layers it is built
# on (LAYERS below), never a layer above; and the unit graph has no cycle.
# Run with the source root as argument; prints the graph's summary and
# every violation, and exits 1 when there is one.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

# Layer -> the layers it may include, besides itself. Keep it transitive.
LAYERS = {
    'core/base': [],
    'core/dns': ['core/base'],
    'core/tls': ['core/base'],
    'core/x509': ['core/base', 'core/tls'],
    'core/smtp': ['core/base', 'core/tls'],
    'core/policy': ['core/base', 'core/dns', 'core/tls', 'core/x509'],
    'core/report': ['core/base', 'core/dns', 'core/tls', 'core/x509', 'core/smtp'],
    'core/explain': ['core/base', 'core/dns', 'core/tls', 'core/x509', 'core/smtp',
                     'core/policy', 'core/report'],
    'core/assist': ['core/base', 'core/dns', 'core/tls', 'core/x509', 'core/smtp',
                    'core/policy', 'core/report', 'core/explain'],
    'core/survey': ['core/base', 'core/dns', 'core/tls', 'core/x509', 'core/smtp',
                    'core/policy', 'core/report', 'core/explain'],
    'core/check': ['core/base', 'core/dns', 'core/tls', 'core/x509', 'core/smtp',
                   'core/policy', 'core/report', 'core/explain'],
    'lab': ['core/base', 'core/dns', 'core/tls', 'core/x509', 'core/smtp', 'core/policy',
            'core/report', 'core/explain', 'core/check'],
    'export': ['core/base', 'core/dns', 'core/tls', 'core/x509', 'core/smtp', 'core/policy',
               'core/report', 'core/explain', 'core/assist', 'core/survey', 'core/check'],
    'session': ['core/base', 'core/dns', 'core/tls', 'core/x509', 'core/smtp',
                'core/policy', 'core/report', 'core/explain', 'core/assist', 'core/survey',
                'core/check', 'lab'],
    'gui': ['core/base', 'core/dns', 'core/tls', 'core/x509', 'core/smtp', 'core/policy',
            'core/report', 'core/explain', 'core/assist', 'core/survey', 'core/check', 'lab',
            'export', 'session'],
    'cli': ['core/base', 'core/dns', 'core/tls', 'core/x509', 'core/smtp', 'core/policy',
            'core/report', 'core/explain', 'core/assist', 'core/survey', 'core/check', 'lab',
            'export', 'session'],
}

# Generated headers and the layer whose folder generates them.
GENERATED = {
    'sti-base-enums.h': 'core/base',
    'sti-dns-enums.h': 'core/dns',
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def unit_of(filename):
    name = os.path.basename(filename)
    name = re.sub(r'\.[ch]$', '', name)
    return re.sub(r'-private$', '', name)


def scan(appdir):
    """Returns {file name: (layer, [included file names])}."""
    files = {}
    for root, _dirs, names in os.walk(appdir):
        layer = os.path.relpath(root, appdir)
        for name in names:
            if not name.endswith(('.c', '.h')) or name == 'main.c':
                continue
            if layer not in LAYERS:
                raise SystemExit(f'{os.path.join(root, name)}: folder {layer} has no layer in '
                                 'tests/check-layers.py')
            if name in files:
                raise SystemExit(f'{name} exists twice: {files[name][0]} and {layer}')
            with open(os.path.join(root, name), encoding='utf-8') as f:
                includes = INCLUDE.findall(f.read())
            files[name] = (layer, [i for i in includes if i != 'config.h'])
    return files


def find_cycles(graph):
    """Every elementary cycle would be too many; report one per strongly
    connected component, which is enough to point at the problem."""
    index = {}
    low = {}
    stack = []
    on_stack = set()
    components = []
    counter = [0]

    def strongconnect(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    return components


def main():
    srcdir = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                             os.path.join(os.path.dirname(__file__), '..'))
    files = scan(os.path.join(srcdir, 'app'))
    errors = []
    graph = {}
    unit_layer = {}

    for name, (layer, includes) in sorted(files.items()):
        unit = unit_of(name)
        unit_layer[unit] = layer
        for inc in includes:
            if inc in files:
                target_layer = files[inc][0]
            elif inc in GENERATED:
                target_layer = GENERATED[inc]
            else:
                errors.append(f'{layer}/{name}: includes "{inc}", which is not in app/')
                continue
            if target_layer != layer and target_layer not in LAYERS[layer]:
                errors.append(f'{layer}/{name}: includes {target_layer}/{inc}, '
                              f'a layer above {layer}')
            target = unit_of(inc)
            if target != unit and inc not in GENERATED:
                graph.setdefault(unit, set()).add(target)

    for component in find_cycles(graph):
        errors.append('include cycle between units: ' + ' <-> '.join(component))

    n_edges = sum(len(v) for v in graph.values())
    print(f'{len(files)} files, {len(unit_layer)} units in {len(LAYERS)} layers, '
          f'{n_edges} unit dependencies')
    for error in errors:
        print(error)
    print(f'{len(errors)} violations')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
