#!/usr/bin/env python3
"""fill_own.py — gives a catalog's entries that need no translator their own text:
in en, the messages written in English; in zh_CN, those written in Chinese alone (the
code tables' labels, the national form's headers). What is left empty is work for a
translator, and tui/po/untranslated.sh lists it. Run by `make pot` after msgmerge:
    python3 tui/po/fill_own.py zh_CN|en FILE.po
"""
import re
import sys

CJK = re.compile('[\u3000-\u9fff\uff00-\uffef]')
LATIN_WORD = re.compile('[A-Za-z]{2}')
CONVERSION = re.compile(r'%[-+ #0-9.*]*[hljzt]*[a-zA-Z]')


def strings(text):
    return ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', text))


def needs_no_translator(lang, msgid):
    if lang == 'en':
        return not CJK.search(msgid)
    return not LATIN_WORD.search(CONVERSION.sub('', msgid))


def fill(lang, entry):
    if '#, fuzzy' in entry or 'msgid_plural' in entry:
        return entry
    m = re.search(r'^msgid ((?:".*"\n)+)msgstr ""\n?\Z', entry, re.M)
    if not m or not strings(m.group(1)) or not needs_no_translator(lang, strings(m.group(1))):
        return entry
    return entry[:m.start()] + 'msgid ' + m.group(1) + 'msgstr ' + m.group(1).rstrip('\n') \
        + entry[m.end():]


lang, path = sys.argv[1], sys.argv[2]
with open(path, encoding='utf-8') as f:
    entries = f.read().split('\n\n')
with open(path, 'w', encoding='utf-8') as f:
    f.write('\n\n'.join(fill(lang, e + ('\n' if not e.endswith('\n') else '')).rstrip('\n')
                        for e in entries) + '\n')
