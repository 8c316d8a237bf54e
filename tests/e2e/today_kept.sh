# `today` reads the rule items and household flags kept per case and household as dates
# (store/today_keep.c, kept by every save in its transaction): the list is exactly what
# deriving everything again gives (`today --derive`), after an edit, after a task is
# closed, on another day, after a settings change, for an auditor, after the rows are
# built again (as a migration does) and after `rebuild`.
# both locales
. "$TESTS/lib.sh"
export BANGFU_TODAY=2026-03-20
me=$(id -un)
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" -d d "$@"; }
# the messages: an overdue item's "overdue 12d" (a pattern), the rule tasks line, a flag line
overdue=$(Mre 'overdue %ldd' '[0-9]*')
rule_tasks() { Mre 'rule tasks: %d made, %d resolved (one audit event)\n' "$@"; }
# norm FILE: today's lines with the overdue words as one field ("overdue N"), so that
# the columns after it are the same in every language
# and the visit rule's label as its code (one field)
norm() { sed -e "s/^$overdue  */overdue N /" -e "s/ $(M 走访到期)  */ visit_due /" "$1"; }
# the kept list (a writer's second run: nothing left to make) equals the derived one
same() {
	as "$@" today > kept.txt || fail "today failed"
	expect_no_grep "$(rule_tasks)" kept.txt
	as "$@" today --derive > derived.txt || fail "today --derive failed"
	cmp kept.txt derived.txt || { diff kept.txt derived.txt; fail "kept and derived lists differ ($*)"; }
	# a first page counts the rest from the counts kept with the rows: the list's number
	n=$(as "$@" today --all --format tsv | grep -c '^[0-9]' || true)
	as "$@" today --limit 1 > page.txt || fail "today --limit 1 failed"
	[ "$n" -le 1 ] || [ "$(sed -n "s/^$more/\1/p" page.txt)" = "$n" ] ||
		{ cat page.txt; fail "a first page counts $(sed -n "s/^$more/\1/p" page.txt) items, the list has $n ($*)"; }
}
more=$(Mre '... %ld more of %d: bangfu today --all (or --limit N)\n' '[0-9]*' '\([0-9]*\)')
rows() { sqlite3 d/bangfu.db "SELECT * FROM today_rules ORDER BY key; SELECT * FROM today_flags ORDER BY flag, household; SELECT * FROM today_flag_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6; SELECT * FROM today_rule_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8"; }

expect_exit 0 as "$me" init
expect_exit 0 as "$me" demo --households 300 --seed 7
expect_exit 0 as "$me" user add auditor1 --name 审计 --role auditor --scope 44
# a bulk write keeps the rule items of the households it adds in a temporary table until
# its end, and writes their flags and counters at its end (store/today_keep.c
# today_keep_after): the rows are those built from scratch, after the demo and after an
# import of its export into an empty register
from_scratch() {
	rows > b1.txt
	sqlite3 d/bangfu.db "DELETE FROM today_rules; DELETE FROM today_flags; DELETE FROM today_flag_counts; UPDATE today_kept SET built = 0"
	expect_exit 0 as auditor1 today
	rows > b2.txt
	[ -s b1.txt ] || fail "no today rows after $1"
	cmp b1.txt b2.txt || fail "the rows kept by $1 differ from those built from scratch"
}
from_scratch demo
expect_exit 0 as "$me" export households --reveal --why test --output reg.csv
mv d d_demo
expect_exit 0 as "$me" init
expect_exit 0 as "$me" user add auditor1 --name 审计 --role auditor --scope 44
expect_exit 0 as "$me" import households reg.csv
from_scratch import
rm -rf d && mv d_demo d
expect_exit 0 as "$me" today
grep -q "^$overdue" out || fail "the demo gives no overdue rule item"
[ "$LANGUAGE" != zh_CN ] || expect_grep "^逾期 [0-9]* 天" out
expect_grep "$(rule_tasks)" out
expect_grep "^$(M 'flag: %s:' | sed 's/%s.*//')" out
same "$me"
[ "$(sqlite3 d/bangfu.db 'SELECT built FROM today_kept')" = 1 ] || fail "not built"

# an auditor: the same list, nothing written for her
events=$(sqlite3 d/bangfu.db "SELECT max(id) FROM events")
as auditor1 today > a1.txt
as auditor1 today --derive > a2.txt
cmp a1.txt a2.txt || fail "the auditor's kept and derived lists differ"
[ "$(sqlite3 d/bangfu.db "SELECT max(id) FROM events")" = "$events" ] || fail "an auditor's today wrote"

# narrower scopes: a county's, a town's and a village's users count their flags from
# the counters and list their own rows, as derived
county=$(sqlite3 d/bangfu.db "SELECT county_code FROM today_flags GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
town=$(sqlite3 d/bangfu.db "SELECT town_code FROM today_flags GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
village=$(sqlite3 d/bangfu.db "SELECT village_code FROM today_rules GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
expect_exit 0 as "$me" user add county1 --name 县 --role county --scope "$county"
expect_exit 0 as "$me" user add town1 --name 镇 --role township --scope "$town"
expect_exit 0 as "$me" user add village1 --name 村 --role caseworker --scope "$village"
for who in county1 town1 village1; do
	same "$who"
	expect_grep "$(Mre 'today %s — %s (%s %s, scope %s): overdue and due soon, most urgent first\n')" kept.txt
done
same "$me"

# an edit: a visit recorded moves its household's visit due date; the kept task of the
# old date is resolved by the next writer's today, and the list is the derived one
hh=$(norm kept.txt | sed -n 's/^overdue .* visit_due .* \(H[0-9]*\) .*/\1/p' | head -1)
old=$(norm kept.txt | awk -v h="$hh" '$1 == "overdue" && $4 == "visit_due" && $7 == h {print $5; exit}')
[ -n "$old" ] || fail "no kept visit task"
expect_exit 0 as "$me" visit add "$hh" --date 2026-03-19 --visitor 张三 --method home --findings ok --why 走访
[ "$(sqlite3 d/bangfu.db "SELECT count(*) FROM today_rules WHERE household = '$hh' AND until = '0000-00-00'")" = 1 ] ||
	fail "the old visit's rule task is not marked gone in the visit's transaction"
expect_exit 0 as "$me" today
expect_grep "$(rule_tasks 0 1)" out
[ "$(sqlite3 d/bangfu.db "SELECT status FROM tasks WHERE id = '$old'")" = done ] || fail "$old not resolved"
same "$me"

# a cancelled rule task is no longer listed
task=$(norm kept.txt | sed -n 's/^overdue .* \(T[0-9][0-9]*\) .*/\1/p' | head -1)
owner=$(norm kept.txt | awk -v t="$task" '$5 == t {print $6; exit}')
expect_exit 0 as "$owner" task cancel "$task" --why 不适用
same "$me"
expect_no_grep " $task " kept.txt

# another day: no recomputation, the spans say what holds
export BANGFU_TODAY=2026-05-20
expect_exit 0 as "$me" today
same "$me"
same auditor1

# a settings change the rules read marks the rows to be built again
expect_exit 0 as "$me" setting set visit_interval.default 60 --why 试行
[ "$(sqlite3 d/bangfu.db 'SELECT built FROM today_kept')" = 0 ] || fail "a rule setting left the rows current"
expect_exit 0 as "$me" today
[ "$(sqlite3 d/bangfu.db 'SELECT built FROM today_kept')" = 1 ] || fail "today did not build the rows"
same "$me"

# built from scratch (what the migration makes an existing register do) gives the same rows
rows > r1.txt
sqlite3 d/bangfu.db "DELETE FROM today_rules; DELETE FROM today_flags; UPDATE today_kept SET built = 0"
expect_exit 0 as auditor1 today
rows > r2.txt
cmp r1.txt r2.txt || fail "rows built from scratch differ from those kept by the saves"

# rebuild fills them too
mv d/bangfu.db saved.db; rm -f d/bangfu.db-wal d/bangfu.db-shm
expect_exit 0 as "$me" rebuild
rows > r3.txt
cmp r1.txt r3.txt || fail "rows after rebuild differ"
same "$me"
exit 0
