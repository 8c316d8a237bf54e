#!/bin/sh
# extract.sh — every message of the sources, as a gettext template on stdout:
#   sh tui/po/extract.sh VERSION FILE.c...
# xgettext reads _(), N_() and NC_() (with its context), ngettext, and the format argument of the functions every
# error and notice passes (text_errorf, store_fail, store_note, and the context of
# store_sqlfail and store_gitfail: they call gettext themselves).
# Used by `make pot` and by tests/e2e/catalogs.sh, so both see the same messages.
set -eu
version=$1; shift
xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: --sort-by-file \
	--package-name=bangfu --package-version="$version" --msgid-bugs-address=bangfu \
	-k_ -kN_ -kNC_:1c,2 -kngettext:1,2 -ktext_errorf:3 -kstore_fail:3 -kstore_note:2 -kstore_sqlfail:2 -kstore_gitfail:2 \
	--flag=text_errorf:3:c-format --flag=store_fail:3:c-format --flag=store_note:2:c-format \
	-o - "$@" | sed 's/charset=CHARSET/charset=UTF-8/'
