# core/width_table.c is what core/data/gen_width.sh makes from Unicode's data (Debian's
# unicode-data), so the checked-in table cannot drift from its generator.
. "$TESTS/lib.sh"
ucd=/usr/share/unicode
[ -r "$ucd/EastAsianWidth.txt" ] || { echo "needs unicode-data (apt-get install unicode-data)"; exit 77; }
sh "$TESTS/../core/data/gen_width.sh" "$ucd" > width_table.c
if ! grep -q "from Unicode $(sed -n '1s/^# EastAsianWidth-\(.*\)\.txt.*/\1/p' "$ucd/EastAsianWidth.txt")" "$TESTS/../core/width_table.c"; then
	echo "this machine's unicode-data is another Unicode version than the table's"; exit 77
fi
cmp -s width_table.c "$TESTS/../core/width_table.c" ||
	{ diff width_table.c "$TESTS/../core/width_table.c" | head; fail "core/width_table.c differs from its generator's output"; }
echo "width_table: ok"
