# Concurrency torture: 8 writers at once for DURATION seconds (10 in `make check`, 60 in
# `make torture`), on shared records (one household, one task, one monitored household's
# measures) and on records of their own. A save without --version applies to the record
# as it is when written, so none may be refused; no raw SQL error may reach anyone; every
# save reported done must be in the database and the history must agree at the end.
# both locales
. "$TESTS/lib.sh"
DURATION=${DURATION:-10}
WRITERS=${WRITERS:-8}
B=$BANGFU
expect_exit 0 "$B" -d d init
expect_exit 0 "$B" -d d demo --households 12 --seed 3
sqlite3 d/bangfu.db "SELECT household_no FROM households ORDER BY id" > households
shared=$(sed -n 1p households)
monitored=$(sqlite3 d/bangfu.db "SELECT h.household_no FROM households h JOIN cases c ON c.household_id = h.id LIMIT 1")
[ -n "$monitored" ] || fail "the demo data has no monitored household"
expect_exit 0 "$B" -d d task add 共同任务 --kind visit --household "$shared" --why 共享
task=$(sqlite3 d/bangfu.db "SELECT id FROM tasks LIMIT 1")

# writer W: one save after another until the time is up; "TAG RC" per save in w$W.log
writer() {
	set +e; w=$1; own=$(sed -n "$((w + 2))p" households); n=0
	end=$(($(date +%s) + DURATION))
	while [ "$(date +%s)" -lt "$end" ]; do
		n=$((n + 1)); tag="w$w-$n"
		case $((n % 5)) in
		0) "$B" -d d set "$shared" hamlet "共$tag" --why "$tag" ;;
		1) "$B" -d d task comment "$task" "$tag" ;;
		2) "$B" -d d set "$own" address "自$tag" --why "$tag" ;;
		3) "$B" -d d measure add "$monitored" --group 产业 --detail "$tag" --why "$tag" ;;
		4) "$B" -d d set "$shared" --member 1 phone "1380000$(printf %04d $((w * 1000 + n % 1000)))" --why "$tag" ;;
		esac >/dev/null 2>>"w$w.err"
		echo "$tag $?" >> "w$w.log"
	done
}
w=1
while [ "$w" -le "$WRITERS" ]; do writer "$w" & w=$((w + 1)); done
wait

cat w*.log > all.log; cat w*.err > all.err 2>/dev/null || : > all.err
total=$(wc -l < all.log)
refused=$(awk '$2 != 0' all.log | wc -l)
raw=$(grep -c -e 'constraint failed' -e 'SQLITE' -e 'database is locked' -e 'runtime error' -e 'Sanitizer' all.err || true)
lost=0
for tag in $(awk '$2 == 0 { print $1 }' all.log); do
	n=$(sqlite3 d/bangfu.db "SELECT count(*) FROM events WHERE reason = '$tag'")
	[ "$n" -eq 1 ] || { lost=$((lost + 1)); echo "lost: $tag reported saved, $n events"; }
done
echo "concurrent: $WRITERS writers for ${DURATION} s: $total saves, $refused refused, $lost lost," \
     "$raw raw errors"
[ "$refused" -eq 0 ] || { cat all.err; fail "$refused unversioned saves refused"; }
[ "$raw" -eq 0 ] || fail "raw SQL errors reached a user"
[ "$lost" -eq 0 ] || fail "$lost saves lost"
[ "$total" -ge "$WRITERS" ] || fail "the writers saved nothing"
expect_exit 0 "$B" -d d audit verify

# with --version a stale save is still refused, naming who saved first
v=$(sqlite3 d/bangfu.db "SELECT version FROM households WHERE household_no = '$shared'")
expect_exit 0 "$B" -d d set "$shared" hamlet 新值一 --version "$v" --why 一
expect_exit 1 "$B" -d d set "$shared" hamlet 新值二 --version "$v" --why 二
expect_grep "$(Mre 'household %s was changed since you read it (your version %ld) by %s; `bangfu audit log %s` shows what changed: reload and apply your change again' '.*' "$v")" err
[ "$LANGUAGE" != zh_CN ] || expect_no_grep "changed since" err
tv=$(sqlite3 d/bangfu.db "SELECT version FROM tasks WHERE id = '$task'")
expect_exit 0 "$B" -d d task comment "$task" 版本一 --version "$tv"
expect_exit 1 "$B" -d d task comment "$task" 版本二 --version "$tv"
expect_grep "$(Mre '%s %s was changed since you read it (your version %ld) by %s: reload it and apply your change again' '.*' "$task" "$tv")" err
[ "$LANGUAGE" != zh_CN ] || expect_no_grep "changed since" err
