#!/usr/bin/env python3
# check-translations.py: a check and its exports in German and in Dutch hold
# no English message that the language's catalog translates.
#
#   check-translations.py SRCDIR BUILDDIR CLI
#
# For each language (de, nl) whose catalog meson built (BUILDDIR/po/LANG/
# LC_MESSAGES/starttls-inspector.mo; a language without one is skipped), the
# CLI runs demo-lab checks as text, Markdown, HTML and PDF (read back with
# pdftotext when it is installed), `explain`, `glossary` and `--help`, with
# the catalogs of the build tree (STI_LOCALEDIR). Once with LANGUAGE=LANG,
# as a user's environment chooses, once with --lang LANG.
#
# The needles: every message of the .mo whose translation differs from it,
# cut at its placeholders (%s, %1$d, {host}); the pieces of at least
# MIN_NEEDLE characters that hold three words and occur in no translation.
# Command lines of the registry (four leading spaces) are never translated
# and are left out. An English needle in the output is a message that some
# code path shows without asking gettext.
#
# Also: the JSON a saved report renders to is the same bytes in every
# language (sti_i18n_enter_c()), also under LC_ALL=de_DE.UTF-8 where that
# locale exists (build-aux/install-deps.sh generates it).
#
# TAP output.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import gettext
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile

MIN_NEEDLE = 24
LANGUAGES = ['de', 'nl']
DOMAINS = ['expired.lab.test', 'greeting-421.lab.test', 'starttls-refused.lab.test',
           'mta-sts-mx-missing.lab.test', 'dane-stale.lab.test', 'sni.lab.test',
           'missing-intermediate.lab.test', 'untrusted-ca.lab.test']
# English that some code path once showed without asking gettext: the
# verifier's finding details, the trust store, raw severities and finding
# ids in the checks list, raw DNSSEC words. The catalog's needles cannot
# catch these, as they were never messages.
ENGLISH_SHOWN = ["The server's certificate", 'of the chain as sent', 'The chain does not lead',
                 'does not send the intermediate certificate', 'Verification failed:',
                 ') is self-signed', 'system store (', ' anchors)', 'demo lab CA']
RAW_WORDS = [re.compile(r'\((?:error|warning|info): [a-z0-9-]+(?:, [a-z0-9-]+)*\)'),
             re.compile(r'DNSSEC:? (?:secure|insecure|bogus|not-validated)\b'),
             re.compile(r'\((?:secure|insecure|bogus|not-validated)\)')]
PLACEHOLDER = re.compile(r'%(?:\d+\$)?[-+ #0\']*(?:\d+|\*)?(?:\.(?:\d+|\*))?'
                         r'(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp%]|\{[a-z_-]+\}')
WORD = re.compile(r'[A-Za-z]{2,}')

tests = 0
failed = 0


def tap(ok, name, diagnostics=(), skip=None):
    global tests, failed
    tests += 1
    if skip is not None:
        print(f'ok {tests} {name} # SKIP {skip}')
        return
    if not ok:
        failed += 1
    print(f'{"ok" if ok else "not ok"} {tests} {name}')
    for line in diagnostics:
        print(f'# {line}')


def catalog(mo_path):
    with open(mo_path, 'rb') as f:
        translations = gettext.GNUTranslations(f)
    pairs = []
    for key, value in translations._catalog.items():
        if isinstance(key, tuple):          # a plural form: (msgid, n)
            key = key[0]
        if not key:
            continue
        key = key.split('\x04', 1)[-1]      # drop a msgctxt
        pairs.append((key, value))
    return pairs


def needles(pairs):
    translations = '\n'.join(html.unescape(v) for _, v in pairs)
    found = {}
    for msgid, msgstr in pairs:
        if msgid == msgstr:
            continue
        text = html.unescape(msgid)         # the registry's msgids are escaped
        for line in text.split('\n'):
            if line.startswith('    '):
                continue
            for piece in PLACEHOLDER.split(line):
                piece = piece.strip(' .,:;()"“”')
                if (len(piece) >= MIN_NEEDLE and len(WORD.findall(piece)) >= 3 and
                        piece not in translations):
                    found.setdefault(piece, msgid)
    return found


def run(cli, args, env, cwd):
    result = subprocess.run([cli] + args, env=env, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=120)
    return result.stdout.decode('utf-8', 'replace') + result.stderr.decode('utf-8', 'replace')


def html_text(document):
    document = re.sub(r'<(script|style)\b.*?</\1>', ' ', document, flags=re.S)
    return html.unescape(re.sub(r'<[^>]+>', ' ', document))


def english_shown(name, text):
    """English that was never a catalog message (ENGLISH_SHOWN, RAW_WORDS)."""
    found = [f'{name}: “{phrase}”' for phrase in ENGLISH_SHOWN if phrase in text]
    for pattern in RAW_WORDS:
        found += [f'{name}: “{match}”' for match in sorted(set(pattern.findall(text)))]
    return found


def outputs(cli, env, lang_args, tmp):
    """Every text the CLI shows for the demo lab, by name."""
    out = {'--help': run(cli, lang_args + ['--help'], env, tmp),
           'explain': run(cli, lang_args + ['--explain', 'explain', 'cert-expired'], env, tmp),
           'glossary': run(cli, lang_args + ['glossary'], env, tmp),
           'list': run(cli, lang_args + ['--demo', 'list'], env, tmp)}
    for domain in DOMAINS:
        base = os.path.join(tmp, domain)
        out[f'{domain} text'] = run(cli, lang_args + ['--demo', '--explain', '--transcript',
                                                       'check', domain], env, tmp)
        run(cli, lang_args + ['--demo', '--format', 'md,html,pdf,json', '--output', base,
                              'check', domain], env, tmp)
        for ext in ('md', 'html'):
            if os.path.exists(f'{base}.{ext}'):
                with open(f'{base}.{ext}', encoding='utf-8') as f:
                    text = f.read()
                out[f'{domain} {ext}'] = html_text(text) if ext == 'html' else text
        if shutil.which('pdftotext') and os.path.exists(f'{base}.pdf'):
            out[f'{domain} pdf'] = subprocess.run(['pdftotext', '-layout', f'{base}.pdf', '-'],
                                                  stdout=subprocess.PIPE).stdout.decode()
    return out


def check_language(lang, srcdir, builddir, cli):
    mo = os.path.join(builddir, 'po', lang, 'LC_MESSAGES', 'starttls-inspector.mo')
    if not os.path.exists(mo):
        tap(True, f'{lang}: no English left', skip=f'{lang}.mo is not built (po/LINGUAS)')
        return
    pairs = catalog(mo)
    found = needles(pairs)
    base_env = dict(os.environ, STI_LOCALEDIR=os.path.join(builddir, 'po'), LC_ALL='C.UTF-8')
    base_env.pop('LANGUAGE', None)
    routes = [('LANGUAGE', dict(base_env, LANGUAGE=lang), []),
              ('--lang', base_env, ['--lang', lang])]
    for route, env, lang_args in routes:
        with tempfile.TemporaryDirectory() as tmp:
            texts = outputs(cli, env, lang_args, tmp)
        problems = []
        shown = []
        for name, text in sorted(texts.items()):
            for needle, msgid in found.items():
                if needle in text:
                    problems.append(f'{name}: “{needle}” (msgid “{msgid[:80]}”)')
            shown += english_shown(name, text)
        tap(len(texts) > 4 and not problems,
            f'{lang} via {route}: no translated message shows in English '
            f'({len(texts)} outputs, {len(found)} needles)', problems[:40])
        tap(len(texts) > 4 and not shown,
            f'{lang} via {route}: no finding detail, trust store, id or DNSSEC word in '
            f'English ({len(shown)} found)', shown[:40])
        help_line = dict(pairs).get('Start the built-in demo lab and resolve its domains')
        tap(help_line is not None and help_line in texts['--help'],
            f'{lang} via {route}: --help is translated', [] if help_line is None or
            help_line in texts['--help'] else [texts['--help'][:300]])
    # The needles do catch English: an untranslated run shows many of them.
    with tempfile.TemporaryDirectory() as tmp:
        english = run(cli, ['--demo', '--explain', 'check', DOMAINS[0]], base_env, tmp)
    caught = [needle for needle in found if needle in english]
    tap(len(caught) >= 10, f'{lang}: the needles find the English of an untranslated check '
        f'({len(caught)})')
    shown = english_shown('C', english)
    tap(len(shown) >= 3, f'{lang}: the known English is found in an untranslated check '
        f'({len(shown)})', [] if len(shown) >= 3 else [english[:300]])


def check_json(builddir, cli):
    """One saved report renders to the same JSON bytes in every language."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, STI_LOCALEDIR=os.path.join(builddir, 'po'), LC_ALL='C.UTF-8')
        env.pop('LANGUAGE', None)
        saved = os.path.join(tmp, 'saved.json')
        run(cli, ['--demo', '--format', 'json', '--output', saved, 'check', 'expired.lab.test'],
            env, tmp)
        if not os.path.exists(saved):
            tap(False, 'json: the demo check wrote a report')
            return
        locales = subprocess.run(['locale', '-a'], stdout=subprocess.PIPE).stdout.decode()
        variants = [('C', env), ('LANGUAGE=de', dict(env, LANGUAGE='de')),
                    ('--lang de', env), ('LANGUAGE=nl', dict(env, LANGUAGE='nl'))]
        if re.search(r'^de_DE\.utf-?8$', locales, re.M | re.I):
            variants.append(('LC_ALL=de_DE.UTF-8', dict(env, LC_ALL='de_DE.UTF-8',
                                                       LANGUAGE='de')))
        documents = {}
        for name, variant_env in variants:
            args = (['--lang', 'de'] if name == '--lang de' else []) + \
                ['--format', 'json', 'render', saved]
            documents[name] = subprocess.run([cli] + args, env=variant_env, cwd=tmp,
                                             stdout=subprocess.PIPE, timeout=60).stdout
        differing = [name for name, doc in documents.items() if doc != documents['C']]
        tap(len(documents['C']) > 1000 and not differing,
            f'json: the same bytes in {", ".join(documents)}',
            [f'differs: {name}' for name in differing])
        if 'LC_ALL=de_DE.UTF-8' not in documents:
            tap(True, 'json: under LC_ALL=de_DE.UTF-8',
                skip='the locale de_DE.UTF-8 is not generated (build-aux/install-deps.sh)')


def main():
    srcdir, builddir, cli = (os.path.abspath(p) for p in sys.argv[1:4])
    for lang in LANGUAGES:
        check_language(lang, srcdir, builddir, cli)
    check_json(builddir, cli)
    print(f'1..{tests}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
