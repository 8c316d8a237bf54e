# `today` keeps the rule items it derived per scope (store/today_cache.c), stamped with
# the date and the last event: a second run with nothing changed reads them back and
# lists exactly what deriving again gives; any change (an edit, a task closed, another
# day) makes the next run derive again; each user sees her own scope's items.
. "$TESTS/lib.sh"
export BANGFU_TODAY=2026-03-20
me=$(id -un)
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" -d d "$@"; }
marks() { sqlite3 d/bangfu.db "SELECT key || ' ' || stamp FROM today_cache_mark ORDER BY key"; }
last_event() { sqlite3 d/bangfu.db "SELECT max(id) FROM events"; }
# cold: the same command with the kept items removed first
cold() { sqlite3 d/bangfu.db "DELETE FROM today_cache; DELETE FROM today_cache_mark"; as "$@" > cold.txt; }

expect_exit 0 as "$me" init
expect_exit 0 as "$me" demo --households 300 --seed 7
expect_exit 0 as "$me" user add auditor1 --name 审计 --role auditor --scope 44
expect_exit 0 as "$me" today
grep -q '^overdue' out || fail "the demo gives no overdue rule item"
expect_grep "rule tasks: .* made" out
# kept, stamped with the day and the event the run made
marks > m1.txt
expect_grep "^rules:44:1 2026-03-20 $(last_event)$" m1.txt
expect_grep "^flags:44:1 2026-03-20 $(last_event)$" m1.txt
expect_exit 0 as "$me" today
cp out warm.txt
cold "$me" today
cmp warm.txt cold.txt || fail "the kept items differ from those derived again"
expect_no_grep "rule tasks:" warm.txt

# an auditor's items are kept apart (nothing is written for her) and are the same rows
expect_exit 0 as auditor1 today
cp out a1.txt
expect_exit 0 as auditor1 today
cmp a1.txt out || fail "the auditor's second today lists differently"
marks > m2.txt
expect_grep "^rules:44:0 2026-03-20 " m2.txt

# a cancelled rule task: the next run derives again and no longer lists it
task=$(sed -n 's/^overdue .* \(T[0-9][0-9]*\) .*/\1/p' warm.txt | head -1)
[ -n "$task" ] || fail "no kept rule task in today's list"
owner=$(awk -v t="$task" '$5 == t {print $6; exit}' warm.txt)
expect_exit 0 as "$owner" task cancel "$task" --why 不适用
expect_exit 0 as "$me" today
expect_no_grep " $task " out
cp out after.txt
cold "$me" today
cmp after.txt cold.txt || fail "after a change the list differs from one derived again"

# another day: derived again for that day
BANGFU_TODAY=2026-04-20 as "$me" today > day2.txt
marks > m3.txt
expect_grep "^rules:44:1 2026-04-20 " m3.txt
cmp -s day2.txt after.txt && fail "another day's list is the previous day's"
BANGFU_TODAY=2026-04-20 cold "$me" today
grep -v '^rule tasks:' day2.txt | cmp - cold.txt || fail "another day's kept list differs"
exit 0
