#!/bin/sh
# Prints DOC (docs/ui.md) with its table of default keys made anew from the binary's
# action table and default keymap (`bangfu --dump-keys`): the lines between the
# "<!-- keys:" and "<!-- /keys -->" markers are replaced, the rest is kept as it is.
# `make man` writes the result back; tests/e2e/keys_doc.sh checks the file is current.
#   sh docs/keys.sh BANGFU DOC > NEW
set -eu
bin=$1; doc=$2
tmp=$(mktemp "${TMPDIR:-/tmp}/bangfu-keys.XXXXXX")
trap 'rm -f "$tmp"' EXIT
# in English whatever the caller speaks: docs/ui.md must not depend on it
LANGUAGE=en "$bin" --dump-keys > "$tmp"
[ -s "$tmp" ] || { echo "keys.sh: $bin --dump-keys printed nothing" >&2; exit 1; }
grep -q '^<!-- keys:' "$doc" && grep -q '^<!-- /keys -->$' "$doc" ||
	{ echo "keys.sh: $doc has no <!-- keys: ... <!-- /keys --> markers" >&2; exit 1; }

# One row per action: its keys, the sections with the same keys named together
# ("list, household: `E` `<F4>`"; the generic ones bare), then its name and help.
awk -F'\t' '
function keys(s,   n, k, i, o) {
	n = split(s, k, " "); o = ""
	for (i = 1; i <= n; i++) { gsub(/\|/, "\\|", k[i]); o = o (i > 1 ? " " : "") "`" k[i] "`" }
	return o
}
function flush(   i, j, out, done, names) {
	if (act == "") return
	out = ""
	for (i = 1; i <= ns; i++) {
		if (i in done) continue
		names = sec[i] == "generic" ? "" : sec[i]
		for (j = i + 1; j <= ns; j++)
			if (!(j in done) && ks[j] == ks[i] && sec[i] != "generic" && sec[j] != "generic") {
				names = names ", " sec[j]; done[j] = 1
			}
		out = out (out == "" ? "" : "; ") (names == "" ? "" : names ": ") keys(ks[i])
	}
	printf "| %s | %s | %s |\n", out, act, help
	delete sec; delete ks; ns = 0
}
$1 != act { flush(); act = $1; help = $4 }
{ ns++; sec[ns] = $2; ks[ns] = $3 }
END { flush() }' "$tmp" > "$tmp.rows"

awk -v rows="$tmp.rows" '
/^<!-- keys:/ {
	print
	print ""
	print "| keys | action | what it does |"
	print "|---|---|---|"
	while ((getline l < rows) > 0) print l
	print ""
	skip = 1; next
}
/^<!-- \/keys -->$/ { skip = 0 }
!skip { print }' "$doc"
rm -f "$tmp.rows"
