# No data is lost: the process is killed between the SQLite commit and the git commit
# (and once between the git commit and recording its id); the next command completes
# the history and `audit verify` passes. Uses the test-hooks build (BANGFU_FAULT).
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
count() { git --git-dir=d/audit.git rev-list --count HEAD; }

expect_exit 0 "$BANGFU_TH" -d d init
expect_exit 0 "$BANGFU_TH" -d d import households "$data/good.csv"
[ "$(count)" -eq 3 ] || fail "setup"

expect_exit 86 env BANGFU_FAULT=after-sqlite-commit "$BANGFU_TH" -d d set 4418210001 hamlet 下围 --why 改
expect_grep "fault injected at after-sqlite-commit" err
[ "$(count)" -eq 3 ] || fail "git should not have the event yet"
sqlite3 d/bangfu.db "SELECT hamlet FROM households WHERE household_no = '4418210001'" > v
expect_grep "下围" v
# any next command flushes what the crash left behind
expect_exit 0 "$BANGFU_TH" -d d list
[ "$(count)" -eq 4 ] || fail "the next start did not complete the history"
git --git-dir=d/audit.git log -1 --format=%B > m
expect_grep "Bangfu-Event: 4" m
expect_exit 0 "$BANGFU_TH" -d d audit verify

# killed after the git commit, before its id is recorded in SQLite
expect_exit 86 env BANGFU_FAULT=after-git-commit "$BANGFU_TH" -d d set 4418210001 hamlet 中围 --why 改
[ "$(count)" -eq 5 ] || fail "git should have the event"
expect_exit 0 "$BANGFU_TH" -d d audit verify
expect_exit 0 "$BANGFU_TH" -d d audit log 4418210001
head -1 out | grep -q "event 5" || fail "commit id of event 5 not recovered"
head -1 out | grep -qv "pending" || fail "event 5 still pending"

# a crash inside the transaction (before COMMIT) leaves nothing half-written
expect_exit 86 env BANGFU_FAULT=after-sqlite-commit "$BANGFU_TH" -d d import households "$data/good.csv"
expect_exit 0 "$BANGFU_TH" -d d audit verify
