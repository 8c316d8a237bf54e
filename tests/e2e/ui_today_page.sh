# The UI's tasks/today view on a long list (a province lists tens of thousands of items):
# it holds only the first items it draws, counts the list whole for its title, and reads
# further when the cursor goes past them — End shows the last item and the household
# flags after it, and the items around the first read's end are the list's. Checked
# against `bangfu today` into a file (every item).
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
export BANGFU_TODAY=2026-03-20
me=$(id -un)
tfmt='Today %s  %ld due or overdue, household flags last  %s start  %s done'   # with flag rows
overdue=$(Mre 'overdue %ldd' '[0-9]*')
soon=$(Mre 'in %ldd' '[0-9]*')
items() { grep -E "^($overdue|$soon|$(M 'due today')) " "$1"; }

expect_exit 0 as "$me" init
expect_exit 0 as "$me" demo --households 6000 --seed 5
expect_exit 0 as "$me" today                 # makes the rule tasks
expect_exit 0 as "$me" today
items out > all.txt
n=$(wc -l < all.txt)
[ "$n" -gt 300 ] || fail "the demo gives only $n items: not past the first read (256)"
# task ids in list order ("-" for an item not kept as a task: none here)
awk '{for (i = 1; i <= NF; i++) if ($i ~ /^T[0-9]+$/) {print $i; break}}' all.txt > ids.txt
[ "$(wc -l < ids.txt)" -eq "$n" ] || fail "an item without its task"

ui_exec 140 40 env BANGFU_UI_IDLE_MS=0 BANGFU_TEST_LOGIN="$me" "$BANGFU_TH" -d d
ui_wait "人均纯收入"
ui_keys a
ui_wait "$(Mf "$tfmt" 2026-03-20 "$n" S D)"   # counted whole
ui_wait_selected "$(sed -n 1p ids.txt)"
# End: the last line is the last flag row; up past the flags to the last item
ui_keys End
ui_wait_selected "$(M flag)"
nflags=$(grep -c "^$(M 'flag: %ld household %s:' | sed 's/%ld.*//')" out || true)
[ "$nflags" -gt 0 ] || fail "no household flags to check"
ui_keys -N "$nflags" Up
ui_wait_selected "$(sed -n "${n}p" ids.txt)"
# the items just after the first read, reached from the top
ui_keys Home
ui_wait_selected "$(sed -n 1p ids.txt)"
ui_keys -N 259 Down
ui_wait_selected "$(sed -n 260p ids.txt)"
ui_keys Down
ui_wait_selected "$(sed -n 261p ids.txt)"
ui_keys q
ui_done
echo ok
