# The audit history: one commit per change by the real Unix user, a `set` touching
# exactly one file, `audit verify` passing (and failing precisely when the database is
# tampered with), `audit log` per household, and `rebuild` from history alone giving a
# byte-identical export.
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
me=$(id -un)
git_log() { git --git-dir=d/audit.git "$@"; }
# an `audit log` entry, line N (LINE=N), as a pattern
entry() { Mre '%.10s  event %lld  %s  %s (%s)\n    %s %s\n    why: %s\n' "$@"; }
why() { LINE=3 entry "$1"; }

expect_exit 0 "$BANGFU" -d d init
expect_exit 0 "$BANGFU" -d d import households "$data/good.csv" --why "季度台账导入"
expect_exit 0 "$BANGFU" -d d set 4418210001 家庭人均纯收入 7200 --why "2026年收入核实"
expect_exit 0 "$BANGFU" -d d set 441821198005051013 phone 13900139000 --member 1 --why "电话变更"
[ "$(git_log rev-list --count HEAD)" -eq 5 ] || fail "expected 5 commits (init: user and settings, import, 2 sets)"
git_log log --format='%an <%ae>|%s' > log.txt
[ "$(grep -c "^$me <$me@bangfu>|" log.txt)" -eq 5 ] || { cat log.txt; fail "author is not the real user"; }
expect_grep "|set 家庭人均纯收入 H4418210000001: 2026年收入核实$" log.txt
expect_grep "|set 成员1 联系电话 H4418210000002: 电话变更$" log.txt
git_log log -1 --format=%B HEAD~1 > msg.txt
expect_grep "2026年收入核实" msg.txt
expect_grep "^Bangfu-Event: 4$" msg.txt
expect_grep "^Bangfu-Verb: set$" msg.txt
expect_grep "^Bangfu-Subject: 家庭人均纯收入 H4418210000001$" msg.txt
# the set touched exactly one file, one line
git_log show --stat --format= HEAD~1 > stat.txt
[ "$(grep -c '|' stat.txt)" -eq 1 ] || { cat stat.txt; fail "set touched more than one file"; }
git_log show HEAD~1 > diff.txt
expect_grep "^-income_per_capita: 6800$" diff.txt
expect_grep "^+income_per_capita: 7200$" diff.txt
# paths and messages carry no names or ID numbers
git_log log --format=%B > bodies.txt
expect_no_grep "李秀英" bodies.txt
git_log ls-tree -r --name-only HEAD > paths.txt
expect_no_grep "441821197501011008" paths.txt
expect_grep "^households/441821/441821107/441821107202/H4418210000001.txt$" paths.txt

expect_exit 0 "$BANGFU" -d d audit verify
expect_grep "$(Mre 'audit verify: the database and the audit history agree\n')" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "数据库与审计历史一致" out

# history of one household, newest first, with who and why
expect_exit 0 "$BANGFU" -d d audit log 4418210001
expect_grep "$(LINE=2 entry 'set' '家庭人均纯收入 H4418210000001')$" out
expect_grep "$(why 2026年收入核实)" out
expect_grep "$(why 季度台账导入)" out
expect_no_grep "电话变更" out
[ "$(grep -c "^$(LINE=1 entry '[0-9a-f]*' '[0-9]*')" out)" -eq 2 ] || fail "household 1 has 2 events"

# rebuild from history alone: byte-identical export, verify passes, log intact
"$BANGFU" -d d export households > before.csv
mv d/bangfu.db saved.db; rm -f d/bangfu.db-wal d/bangfu.db-shm
expect_exit 1 "$BANGFU" -d d list
expect_exit 0 "$BANGFU" -d d rebuild
expect_grep "$(Mre 'rebuilt %s: %ld records, %ld events\n' '.*' 4 5)" err
"$BANGFU" -d d export households > after.csv
cmp before.csv after.csv || fail "export after rebuild differs"
expect_exit 0 "$BANGFU" -d d audit verify
expect_exit 0 "$BANGFU" -d d audit log 4418210001
expect_grep "$(why 2026年收入核实)" out
expect_exit 1 "$BANGFU" -d d rebuild
expect_grep "$(Mre 'bangfu: %s exists: rebuild makes a database only where there is none (move it away first)\n')" err
# new changes go on from event 6
expect_exit 0 "$BANGFU" -d d set 4418210002 hamlet 下围 --why "补录自然村"
git_log log -1 --format=%B > msg.txt
expect_grep "^Bangfu-Event: 6$" msg.txt
expect_exit 0 "$BANGFU" -d d audit verify

# tampering with the database behind bangfu's back is found and named
sqlite3 d/bangfu.db "UPDATE households SET income_per_capita = '99999' WHERE household_no = '4418210002'"
expect_exit 1 "$BANGFU" -d d audit verify
expect_grep "$(Mre 'differs: %s (the database'"'"'s text is not HEAD'"'"'s%s)\n' households/441821/441821107/441821107202/H4418210000002.txt)" out
sqlite3 d/bangfu.db "UPDATE households SET income_per_capita = '12500' WHERE household_no = '4418210002'"
expect_exit 0 "$BANGFU" -d d audit verify
# an event removed from the database is missed
sqlite3 d/bangfu.db "DELETE FROM event_files WHERE event_id = 3; DELETE FROM events WHERE id = 3"
expect_exit 1 "$BANGFU" -d d audit verify
expect_grep "$(Mre 'the database and the history part at event %ld (commit %.12s):\n' 3)" out
expect_grep "$(Mre '  event %ld: ' 3)$(Mre 'the database has no such event (a row deleted?)')" out
expect_exit 1 "$BANGFU" -d d audit verify --quick
expect_grep "$(Mre "the database's events are not 1..%ld: %ld of them\n" 6 5)" out
expect_grep "$(Mre 'commit %s carries event %ld, which the database lacks\n' '[0-9a-f]*' 3)" out
