# Whole-screen golden captures (as tig's tests compare whole screens): the list, a
# household, the review queue, a history and the dashboard at 80x24 and 120x35, on
# pinned data (BANGFU_TODAY, a seeded demo, a fixed user), each compared line by line
# with tests/e2e/golden/<view>-<W>x<H>.txt. Only what must vary is masked: the clock
# times of history events and the commit hashes made from them. When the screens change on purpose
# (new columns, other demo places), regenerate them with tests/e2e/golden/regen.sh
# (UPDATE_GOLDEN=1) and review the diff.
# The Chinese screens (the zh_CN run) are compared with tests/e2e/golden/zh_CN/.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
export BANGFU_TODAY=2026-03-20
golden_dir="$TESTS/e2e/golden"
[ "$LANGUAGE" = en ] || golden_dir="$golden_dir/$LANGUAGE"
as() { BANGFU_TEST_LOGIN=golden "$BANGFU_TH" -d d "$@"; }

expect_exit 0 "$BANGFU_TH" -d d init
expect_exit 0 "$BANGFU_TH" -d d user add golden --name 金样 --role admin --scope 44
expect_exit 0 as demo --households 60 --seed 1
first=$(as list | awk '/^H/ {print $1; exit}')
[ -n "$first" ] || fail "the demo made no household"
expect_exit 0 as set "$first" 自然村 新屋 --why 核对自然村
# a case in the review queue (a household of the test data, walked on pinned days)
expect_exit 0 as import households "$data/good.csv"
on() { day=$1; shift; BANGFU_TODAY=$day BANGFU_TEST_LOGIN=golden "$BANGFU_TH" -d d "$@"; }
expect_exit 0 on 2026-03-05 case open 4418210002 --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why 排查发现
expect_grep "$(Mre '%s: case opened as a lead (线索); the 15-day clock runs from %s\n' 'C[0-9]*' 2026-03-05)" out
case_id=$(sed -n 's/^\(C[0-9]*\)[:：].*/\1/p' out)
expect_exit 0 on 2026-03-06 case move "$case_id" visit --consent 2026-03-06 --why 入户核实
expect_exit 0 on 2026-03-07 case move "$case_id" check --why 数据比对
expect_exit 0 on 2026-03-08 case move "$case_id" village_review --notice-start 2026-03-08 --notice-end 2026-03-12 --why 村级评议
expect_exit 0 on 2026-03-13 case move "$case_id" to_township --why 公示期满

# mask what must vary: the real time of an event (date and clock) and the commit
# hashes made from it
mask() {
	sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?/YYYY-MM-DD hh:mm/g;
	        s/ [0-9a-f]{8}( *)$/ ########\1/'
}

# golden NAME: the whole screen now, against the expected file
golden() {
	_g="$golden_dir/$1-$UI_W.txt"
	ui_tmux capture-pane -p -t t | mask > "got-$1-$UI_W.txt"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		mkdir -p "$golden_dir"; cp "got-$1-$UI_W.txt" "$_g"
		return 0
	fi
	[ -f "$_g" ] || fail "no golden screen $_g (tests/e2e/golden/regen.sh makes it)"
	diff -u "$_g" "got-$1-$UI_W.txt" || fail "screen $1 at $UI_W differs from $_g"
}

for size in "80 24" "120 35"; do
	set -- $size
	UI_W="${1}x$2"
	ui_exec "$1" "$2" env BANGFU_UI_IDLE_MS=0 BANGFU_TODAY=$BANGFU_TODAY BANGFU_TEST_LOGIN=golden "$BANGFU_TH" -d d
	ui_wait "人均纯收入"; ui_wait_selected "$first"
	golden list
	ui_keys Enter; ui_wait "$(hh "$first")"
	golden household
	ui_keys h; ui_wait "$(hist "$first")"; ui_wait "核对自然村"
	golden history
	ui_keys q; ui_wait "$(hh "$first")"; ui_keys q; ui_wait_selected "$first"
	ui_keys r; ui_wait "$(Mf 'Review queue  %ld waiting%s  %s approve  %s send back' 1 "" A B | sed 's/  .*//')"
	golden queue
	ui_keys q; ui_keys d; ui_wait "$(M 'By county')"
	golden dashboard
	ui_keys Q
	ui_cleanup
done
ui_done
