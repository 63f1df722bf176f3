#!/usr/bin/env python3
# check-json-schema.py: docs/json-schema.md and the JSON the CLI writes agree,
# both ways.
#
#   check-json-schema.py SRCDIR CLI            checks every demo-lab domain
#   check-json-schema.py SRCDIR --reports DIR  checks the *.json in DIR
#
# The reports: one `--demo --old-tls check DOMAIN --format json` per domain of
# `--demo list` (every scenario of the lab), written to a temporary folder.
#
# The document: every section that describes a JSON object has a line
#   Path: `report.hosts[].endpoints[]`
# (several paths separated by commas; `report` is the top level, `[]` any
# array element) and a table whose first column is `member`: the backticked
# names in that column are the object's members. A further Path line in the
# same section applies to the tables after it. The parameters of findings
# are tables whose columns are `key | type | in | meaning`: "in" names the
# finding ids in backticks (`cert-*` matches a family), and the ids must be
# registry ids (resources/findings/*.findings.xml).
#
# Checked:
#  1. every member of every object in the reports is documented in the
#     section of its path, and every finding param in a row that names its id;
#  2. every documented member and param row occurs in at least one report,
#     unless its row says *(rare)*.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import fnmatch
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

DOC = os.path.join('docs', 'json-schema.md')
RARE = '*(rare)*'
HEADING = re.compile(r'^(#{1,6})\s+(.*)$')
PATH_LINE = re.compile(r'^Path:\s*(.*)$')
TICKED = re.compile(r'`([^`]+)`')
ENTRY = re.compile(r'<finding\s+id="([^"]+)"')
COMMENT = re.compile(r'<!--.*?-->', re.DOTALL)


class Section:
    def __init__(self, title, line):
        self.title = title
        self.line = line
        self.paths = []
        self.members = {}   # name -> (rare, line)
        self.params = []    # (key, [id patterns], rare, line)

    def where(self):
        return f'{DOC}:{self.line} (section "{self.title}")'


def split_row(line):
    cells = line.strip().strip('|').split('|')
    return [c.strip() for c in cells]


def parse_doc(srcdir):
    sections = []
    current = None
    header = None
    in_code = False
    with open(os.path.join(srcdir, DOC), encoding='utf-8') as f:
        lines = f.read().split('\n')
    for number, line in enumerate(lines, 1):
        if line.startswith('```'):
            in_code = not in_code
            continue
        if in_code:
            continue
        m = HEADING.match(line)
        if m:
            current = Section(m.group(2), number)
            sections.append(current)
            header = None
            continue
        if current is None:
            continue
        m = PATH_LINE.match(line)
        if m:
            # A second Path line in one section starts the next object's
            # tables (the domain and the endpoint verdict under one heading).
            if current.paths:
                current = Section(current.title, number)
                sections.append(current)
            current.paths += TICKED.findall(m.group(1))
            continue
        if not line.startswith('|'):
            header = None
            continue
        cells = split_row(line)
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if all(set(c) <= set('-: ') for c in cells):
            continue
        rare = RARE in line
        if header[0] == 'member':
            for name in TICKED.findall(cells[0]):
                current.members[name] = (rare, number)
        elif header[:3] == ['key', 'type', 'in']:
            ids = TICKED.findall(cells[2]) if len(cells) > 2 else []
            for key in TICKED.findall(cells[0]):
                current.params.append((key, ids, rare, number))
    return sections


def registry_ids(srcdir):
    ids = set()
    for path in glob.glob(os.path.join(srcdir, 'resources', 'findings', '*.findings.xml')):
        with open(path, encoding='utf-8') as f:
            ids.update(ENTRY.findall(COMMENT.sub('', f.read())))
    return ids


def make_reports(cli, folder):
    listing = subprocess.run([cli, '--demo', 'list'], check=True, capture_output=True,
                             text=True).stdout
    domains = [w for w in listing.split() if w.endswith('.lab.test')]
    if not domains:
        sys.exit(f'{cli} --demo list named no domain')
    for domain in domains:
        out = os.path.join(folder, domain + '.json')
        # The exit status says how the domain fares; the file is what counts.
        subprocess.run([cli, '--demo', '--old-tls', 'check', domain, '--format', 'json',
                        '-o', out], capture_output=True, timeout=120)
        if not os.path.exists(out):
            sys.exit(f'{cli} --demo check {domain} --format json wrote no report')
    return sorted(glob.glob(os.path.join(folder, '*.json')))


def walk(node, path, visit):
    if isinstance(node, dict):
        visit(path, node)
        for key, value in node.items():
            walk(value, f'{path}.{key}', visit)
    elif isinstance(node, list):
        for item in node:
            walk(item, path + '[]', visit)


def main():
    if len(sys.argv) != 3 and not (len(sys.argv) == 4 and sys.argv[2] == '--reports'):
        sys.exit('usage: check-json-schema.py SRCDIR CLI | SRCDIR --reports DIR')
    srcdir = sys.argv[1]
    sections = parse_doc(srcdir)
    known_ids = registry_ids(srcdir)
    errors = []

    by_path = {}
    params = []
    for section in sections:
        for path in section.paths:
            if path in by_path:
                errors.append(f'{section.where()}: Path `{path}` is also declared by '
                              f'{by_path[path].where()}')
            by_path[path] = section
        for key, ids, rare, line in section.params:
            if not ids:
                errors.append(f'{DOC}:{line}: the param row of `{key}` names no finding id '
                              'in backticks in its "in" column')
            for pattern in ids:
                if not any(fnmatch.fnmatchcase(i, pattern) for i in known_ids):
                    errors.append(f'{DOC}:{line}: the param row of `{key}` names `{pattern}`, '
                                  'which is no finding id of resources/findings/')
            params.append((key, ids, rare, line))

    with tempfile.TemporaryDirectory(prefix='sti-schema-') as tmp:
        if len(sys.argv) == 4:
            files = sorted(glob.glob(os.path.join(sys.argv[3], '*.json')))
        else:
            files = make_reports(sys.argv[2], tmp)
        seen_members = set()
        seen_params = set()
        undocumented = {}

        for name in files:
            with open(name, encoding='utf-8') as f:
                report = json.load(f)
            shown = os.path.basename(name)

            def visit(path, obj):
                if path.endswith('findings[].params'):
                    finding_id = visit.finding_id
                    for key in obj:
                        rows = [r for r in params if r[0] == key and
                                any(fnmatch.fnmatchcase(finding_id, p) for p in r[1])]
                        if not rows:
                            undocumented.setdefault(
                                f'param `{key}` of finding `{finding_id}`',
                                f'{shown} ({path}); add a row to a `key | type | in | meaning` '
                                f'table of {DOC} whose "in" column names `{finding_id}`')
                        for row in rows:
                            seen_params.add(row[3])
                    return
                if path.endswith('findings[]') and isinstance(obj.get('id'), str):
                    visit.finding_id = obj['id']
                section = by_path.get(path)
                if section is None:
                    undocumented.setdefault(
                        f'object `{path}`',
                        f'{shown}; add a section to {DOC} with the line "Path: `{path}`" '
                        'and a `member` table')
                    return
                for key in obj:
                    if key not in section.members:
                        undocumented.setdefault(
                            f'member `{path}.{key}`',
                            f'{shown}; add it to the member table of {section.where()}')
                    else:
                        seen_members.add((path, key))
            visit.finding_id = ''
            walk(report, 'report', visit)

        for what, where in sorted(undocumented.items()):
            errors.append(f'undocumented: {what} occurs in {where}')

        for section in sections:
            for name, (rare, line) in section.members.items():
                if rare or not section.paths:
                    continue
                if not any((path, name) in seen_members for path in section.paths):
                    errors.append(f'{DOC}:{line}: `{name}` ({section.title}) occurs in none of '
                                  f'the {len(files)} demo-lab reports; mark its row {RARE} if '
                                  'only some reports have it')
        for key, ids, rare, line in params:
            if not rare and line not in seen_params:
                errors.append(f'{DOC}:{line}: param `{key}` of {", ".join(ids)} occurs in none '
                              f'of the {len(files)} demo-lab reports; mark its row {RARE} if '
                              'only some reports have it')

    for error in errors:
        print(error)
    print(f'{len(files)} reports, {len(by_path)} documented objects, {len(params)} param rows, '
          f'{len(errors)} problems')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
