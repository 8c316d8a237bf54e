# `today` on a terminal shows a first page (100 items) and then how many more there are,
# by kind; into a pipe or a file every item, and --all or --limit 0 every item on a
# terminal too; --limit N the first N; --format is paged the same way (the rest said on
# standard error). The counts by kind add up to every item, and the items shown are the
# first ones of the whole list. Under `head` the list ends with the pipe.
# both locales
. "$TESTS/lib.sh"
command -v script >/dev/null || { echo "needs script(1) (bsdutils)"; exit 77; }
export BANGFU_TODAY=2026-03-20
me=$(id -un)
tab=$(printf '\t')
# tty FILE ARGS...: `today ARGS` with a terminal for standard output (script(1)), into FILE
tty() {
	f=$1; shift
	BANGFU_TEST_LOGIN=$me script -qfec "'$BANGFU_TH' -d d today $*" /dev/null > "$f.raw" 2>&1 ||
		{ cat -v "$f.raw"; fail "today $* on a terminal failed"; }
	tr -d '\r' < "$f.raw" > "$f"
}
overdue=$(Mre 'overdue %ldd' '[0-9]*')
soon=$(Mre 'in %ldd' '[0-9]*')
due=$(M 'due today')
items() { grep -E "^($overdue|$soon|$due) " "$1"; }
more=$(Mre '... %ld more of %d: bangfu today --all (or --limit N)\n' '\([0-9]*\)' '\([0-9]*\)')

expect_exit 0 as "$me" init
expect_exit 0 as "$me" demo --households 4000 --seed 3
expect_exit 0 as "$me" today                 # makes the rule tasks
expect_exit 0 as "$me" today
cp out all.txt
n=$(items all.txt | wc -l)
[ "$n" -gt 150 ] || fail "the demo gives only $n items: the page cannot be tested"
expect_no_grep "$more" all.txt               # into a file: every item, no page

# on a terminal: the first 100, then how many more, then each kind with its count
tty page.txt
[ "$(items page.txt | wc -l)" -eq 100 ] || { cat page.txt; fail "the page is not 100 items"; }
items all.txt | head -100 > first.txt
items page.txt | cmp - first.txt || fail "the page is not the first 100 items of the list"
grep -q "$more" page.txt || { cat page.txt; fail "no 'more' line after the page"; }
[ "$(sed -n "s/$more/\1 \2/p" page.txt)" = "$((n - 100)) $n" ] || fail "the 'more' line's counts are wrong"
# the counts by kind (the line after 'more' up to the flags) add up to every item,
# each kind as often as the full list shows it, its overdue ones too
sed -n "/$more/,\$p" page.txt | sed 1d | grep '^  ' > kinds.txt
[ -s kinds.txt ] || fail "no counts by kind"
# a kind's label (shown as in the list's kind column, which follows the due date; English
# labels have blanks), then its count
sed -E 's/^  ([^0-9]*[^ 0-9]) +([0-9]+).*/\1|\2/' kinds.txt > counts.txt   # labels have no digits
while IFS='|' read -r what count; do
	got=$(items all.txt | grep -cE "[0-9]{4}-[0-9]{2}-[0-9]{2} $what ")
	[ "$got" -eq "$count" ] || { cat kinds.txt; fail "$what: $count counted, $got listed"; }
done < counts.txt
[ "$(awk -F'|' '{s += $2} END {print s}' counts.txt)" -eq "$n" ] || { cat kinds.txt; fail "the counts do not add up to $n"; }
[ "$LANGUAGE" != zh_CN ] || expect_grep "^  走访到期 " kinds.txt   # the kinds by their labels
ov=$(items all.txt | grep -c "^$overdue ")
[ "$(sed 's/[^0-9 ]//g' kinds.txt | awk '{s += $NF} END {print s}')" -eq "$ov" ] ||
	{ cat kinds.txt; fail "the overdue counts do not add up to $ov"; }

# --all and --limit 0 on a terminal: every item, as into a file
for opt in --all "--limit 0"; do
	tty allt.txt $opt
	items allt.txt > a1.txt; items all.txt > a2.txt
	cmp a1.txt a2.txt || fail "today $opt on a terminal is not every item"
	expect_no_grep "$more" allt.txt
done
# --limit N, on a terminal or not: the first N, then the counts
expect_exit 0 as "$me" today --limit 7
[ "$(items out | wc -l)" -eq 7 ] || fail "--limit 7 shows $(items out | wc -l) items"
expect_grep "$(Mre '... %ld more of %d: bangfu today --all (or --limit N)\n' $((n - 7)) "$n")" out

# --format: every row into a file, the first 100 on a terminal, --limit N; the rest said
# on standard error
expect_exit 0 as "$me" today --format tsv
[ "$(grep -c "^20[0-9-]*$tab" out)" -eq "$n" ] || fail "today --format tsv into a file is not every item"
expect_no_grep "$more" err
tty sheet.txt --format tsv
[ "$(grep -c "^20[0-9-]*$tab" sheet.txt)" -eq 100 ] || fail "today --format tsv on a terminal: not 100 rows"
expect_grep "$more" sheet.txt
expect_exit 0 as "$me" today --format json --limit 3
expect_grep "$(Mre '... %ld more of %d: bangfu today --all (or --limit N)\n' $((n - 3)) "$n")" err

# under head the list ends with the pipe (and the command ends)
BANGFU_TEST_LOGIN=$me "$BANGFU_TH" -d d today | head -2 > head.txt
[ "$(wc -l < head.txt)" -eq 2 ] || fail "today | head -2"
echo ok
