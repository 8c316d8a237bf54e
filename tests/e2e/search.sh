# Search through the index and the dashboard's counters (issue "One million households",
# read side): a name by one, two or three Chinese characters finds exactly the households
# a plain scan finds, within the caller's scope; ID digits find a household by their
# end; an edit is searchable at once and the old name no longer is; `list | head` ends;
# the counters always equal a count over the households, after edits and case steps.
# both locales
. "$TESTS/lib.sh"
me=$(id -un)
as() { who=$1; shift; BANGFU_TEST_LOGIN=$who "$BANGFU_TH" -d d "$@"; }
sq() { sqlite3 d/bangfu.db "$@"; }
expect_exit 0 "$BANGFU" -d d init
expect_exit 0 "$BANGFU" -d d demo --households 300

# households whose members' names contain $1 (in scope $2: a village code, or all)
scan() { sq "SELECT count(DISTINCT m.household_id) FROM members m JOIN households h ON h.id = m.household_id
             WHERE instr(m.name, '$1') ${2:+AND h.village_code = '$2'}"; }
found() { grep -c '^H' out || true; }
name=$(sq "SELECT name FROM members WHERE length(name) >= 3 ORDER BY rowid LIMIT 1")
one=$(printf '%s' "$name" | cut -c1-3)
two=$(printf '%s' "$name" | cut -c4-9)
[ -n "$one" ] && [ -n "$two" ] || fail "no name of three characters in the demo"
for q in "$one" "$two" "$name"; do
	expect_exit 0 "$BANGFU" -d d list "$q"
	[ "$(found)" = "$(scan "$q")" ] || fail "list $q: $(found) households, a scan finds $(scan "$q")"
	[ "$(found)" -gt 0 ] || fail "list $q found nothing"
done
# the same search within a village caseworker's scope: only her village's households
H=$(sq "SELECT household_id FROM members WHERE instr(name, '$one') ORDER BY rowid LIMIT 1")
V=$(sq "SELECT village_code FROM households WHERE id = '$H'")
expect_exit 0 "$BANGFU" -d d user add vc --role caseworker --scope "$V" --name 村干部
expect_exit 0 as vc list "$one"
[ "$(found)" = "$(scan "$one" "$V")" ] || fail "scoped list $one: $(found), scan $(scan "$one" "$V")"
# a name that is no substring finds nothing: two names' characters do not join
last=$(sq "SELECT name FROM members WHERE household_id = '$H' ORDER BY seq DESC LIMIT 1")
expect_exit 0 "$BANGFU" -d d list "${name}${last}"
[ "$(found)" = "$(scan "${name}${last}")" ] || fail "a joined name matched across members"

# ID digits by their end; the list shows no ID number
idn=$(sq "SELECT id_number FROM members WHERE household_id = '$H' AND seq = 1")
tail6=$(printf '%s' "$idn" | cut -c13-18)
expect_exit 0 "$BANGFU" -d d list "$tail6"
expect_grep "^$H " out
expect_no_grep "$idn" out
expect_exit 0 "$BANGFU" -d d list "$(printf '%s' "$idn" | tr X x)"
expect_grep "^$H " out

# a renamed member is found by the new name at once, no longer by the old
expect_exit 0 "$BANGFU" -d d set "$H" name 欧阳翠翠 --member 1 --why "更正姓名"
expect_exit 0 "$BANGFU" -d d list 阳翠
expect_grep "^$H " out
old=$(sq "SELECT count(*) FROM members WHERE instr(name, '$name')")
expect_exit 0 "$BANGFU" -d d list "$name"
[ "$(found)" = "$(scan "$name")" ] || fail "the old name still found after the rename"

# village names through their own index (region_search, one row per region): a part of
# a village's name finds the households of every village whose name holds it, as a scan
# finds them, also in a database made again by rebuild; a value that is not all Chinese
# characters still scans the names
vscan() { sq "SELECT count(*) FROM households WHERE village_code IN (SELECT code FROM regions
             WHERE level = 4 AND instr(name, '$1')) OR id IN (SELECT household_id FROM members
             WHERE instr(name, '$1'))"; }
indexed() { sq "SELECT count(*) FROM regions r JOIN region_search_content c ON c.id = r.rowid
                AND c.c0 = r.name"; }
vname=$(sq "SELECT name FROM regions WHERE level = 4 AND length(name) >= 3 ORDER BY rowid LIMIT 1")
vpart=$(printf '%s' "$vname" | cut -c4-9)
for dir in d rebuilt; do
	if [ "$dir" = rebuilt ]; then
		mkdir rebuilt && cp -a d/audit.git rebuilt/ && chmod 770 rebuilt
		expect_exit 0 "$BANGFU" -d rebuilt rebuild
	fi
	[ "$(indexed)" = "$(sq "SELECT count(*) FROM regions")" ] || fail "$dir: region_search misses regions"
	for q in "$vpart" "$vname" 村; do
		expect_exit 0 "$BANGFU" -d "$dir" list "$q" --limit 0
		[ "$(found)" = "$(vscan "$q")" ] || fail "$dir: list $q: $(found) households, a scan finds $(vscan "$q")"
		[ "$(found)" -gt 0 ] || fail "$dir: list $q found nothing"
	done
	expect_exit 0 "$BANGFU" -d "$dir" list "village:$vpart" --limit 0
	[ "$(found)" = "$(sq "SELECT count(*) FROM households WHERE village_code IN (SELECT code
	   FROM regions WHERE level = 4 AND instr(name, '$vpart'))")" ] || fail "$dir: list village:$vpart"
	sq() { sqlite3 rebuilt/bangfu.db "$@"; }
done
sq() { sqlite3 d/bangfu.db "$@"; }
expect_exit 0 "$BANGFU" -d d list "${vpart}x" --limit 0
[ "$(found)" = "$(vscan "${vpart}x")" ] || fail "list ${vpart}x: $(found), a scan $(vscan "${vpart}x")"

# list streams: under head it stops, and prints the first row
"$BANGFU" -d d list 2>/dev/null | head -1 > first
[ "$(wc -l < first)" = 1 ] || fail "list | head -1 printed $(wc -l < first) lines"

# --limit N gives the list's first N rows, whether they are read in one chunk (N up to
# a chunk) or several, for a dense term (村: the village names, the walk in register
# order) and a sparse one (the commonest first character of a name: fetched and sorted)
common=$(sq "SELECT substr(name, 1, 1) FROM members GROUP BY 1 ORDER BY count(DISTINCT household_id) DESC, 1 LIMIT 1")
[ "$(sq "SELECT count(*) FROM households WHERE village_code IN (SELECT code FROM regions WHERE instr(name, '村'))")" -ge 100 ] ||
	fail "村 is not a dense term in this demo: the test would not take the dense shape"
for q in 村 "$common"; do
	expect_exit 0 "$BANGFU" -d d list "$q" --limit 0
	grep '^H' out > all
	for n in 1 32 33 40 257; do
		expect_exit 0 "$BANGFU" -d d list "$q" --limit "$n"
		grep '^H' out > page
		head -n "$n" all | cmp -s - page || fail "list $q --limit $n: not the first $n rows of the whole list"
	done
done

# the dashboard's counters equal a count over the households, after edits and steps
check_counts() {
	bad=$(sq "
	SELECT 'state', k, n FROM (SELECT coalesce(c.state, '') k, count(*) n FROM households h
	  LEFT JOIN cases c ON c.household_id = h.id AND c.seq = (SELECT max(seq) FROM cases
	  WHERE household_id = h.id) GROUP BY 1)
	EXCEPT SELECT 'state', k, sum(n) FROM household_counts WHERE dim = 'county.state' GROUP BY k HAVING sum(n) > 0;
	SELECT 'type', village_code, coalesce(household_type, ''), count(*) FROM households GROUP BY 2, 3
	EXCEPT SELECT 'type', region, k, n FROM household_counts WHERE dim = 'village.type' AND n > 0;
	SELECT 'cat', county_code, k, count(*) FROM (SELECT h.county_code, coalesce(c.category, '') k
	  FROM households h LEFT JOIN cases c ON c.household_id = h.id AND c.seq = (SELECT max(seq)
	  FROM cases WHERE household_id = h.id)) GROUP BY 2, 3
	EXCEPT SELECT 'cat', region, k, n FROM household_counts WHERE dim = 'county.category' AND n > 0;")
	[ -z "$bad" ] || fail "$1: counters differ from the households: $bad"
}
check_counts "after demo"
if [ "$(sq "SELECT household_type FROM households WHERE id = '$H'")" = ordinary ]; then
	new=脱贫户; else new=一般农户; fi
expect_exit 0 "$BANGFU" -d d set "$H" household_type "$new" --why "户类型核实"
H2=$(sq "SELECT id FROM households WHERE id NOT IN (SELECT household_id FROM cases) ORDER BY id LIMIT 1")
expect_exit 0 "$BANGFU" -d d case open "$H2" --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why 排查
check_counts "after a case was opened"
C=$(sq "SELECT id FROM cases WHERE household_id = '$H2' ORDER BY seq DESC LIMIT 1")
expect_exit 0 "$BANGFU" -d d case move "$C" visit --consent "$(date +%F)" --why "入户核实"
[ "$(sq "SELECT state FROM cases WHERE id = '$C'")" = visited ] || fail "the case did not move"
check_counts "after edits"
expect_exit 0 "$BANGFU" -d d today
expect_grep "^$(Mre 'today %s — %s (%s %s, scope %s): overdue and due soon, most urgent first\n' "$(date +%F)" "$(id -un)")" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "^今天 $(date +%F) — " out
