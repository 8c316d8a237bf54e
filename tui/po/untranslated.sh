#!/bin/sh
# untranslated.sh — the messages of the given sources that a catalog does not translate:
#   sh tui/po/untranslated.sh zh_CN|en FILE.c...
# zh_CN must translate every message; en every message written in Chinese (the code
# tables' labels, the national form's headers): English ones are their own translation.
# Prints one msgid per line; exit status 1 if any. The catalog is tui/po/LANG.po.
set -eu
lang=$1; shift
dir=$(dirname "$0")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sh "$dir/extract.sh" check "$@" > "$tmp/pot"
msgmerge -q --no-fuzzy-matching -o "$tmp/merged.po" "$dir/$lang.po" "$tmp/pot"
# A fuzzy entry is not used by msgfmt: it counts as untranslated.
msgattrib --no-obsolete --clear-fuzzy --empty "$tmp/merged.po" |
	msgattrib --untranslated --no-wrap -o "$tmp/un.po"
python3 - "$lang" "$tmp/un.po" <<'PY'
import re, sys
lang, paths = sys.argv[1], sys.argv[2:]
cjk = re.compile('[\u3000-\u9fff\uff00-\uffef]')
bad = []
for p in paths:
    try:
        text = open(p, encoding='utf-8').read()
    except FileNotFoundError:
        continue
    # a msgid with a line break inside spans several lines even with --no-wrap
    for m in re.finditer(r'^msgid ((?:".*"\n)+)', text, re.M):
        mid = ''.join(re.findall(r'"(.*)"', m.group(1)))
        if not mid:
            continue
        if lang == 'en' and not cjk.search(mid):
            continue
        if lang != 'en' and not re.search('[A-Za-z]{2}', re.sub(r'%[-+ #0-9.*lzhjt]*[a-zA-Z]', '', mid)):
            continue
        bad.append(mid)
for b in sorted(set(bad)):
    print(b)
sys.exit(1 if bad else 0)
PY
