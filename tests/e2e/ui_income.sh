# I on a household records an income assessment (收入核算): each line is checked as it
# is typed (a bad amount or year is refused on the spot and asked again), the per-capita
# net income the lines give is shown before the reason, and the assessment is the same
# as `bangfu income add` records (one commit with the reason). A hang-up in the middle
# keeps what was typed as a draft, which the next start offers and resumes filled in.
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
export BANGFU_TODAY=2026-03-20
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" -d d "$@"; }
expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
expect_exit 0 as "$me" user add wang --name 王村经办 --role caseworker --scope 441821107202
hh=H4418210000001

open_household() {
	ui_wait "人均纯收入"
	ui_keys /; ui_type "李秀英"; ui_keys Enter
	ui_wait_selected "$hh"
	ui_keys Enter; ui_wait "Household $hh"
}

ui_exec 110 30 env BANGFU_TEST_LOGIN=wang "$BANGFU_TH" -d d
open_household
ui_keys I; ui_wait "year counted (年度, YYYY):"
ui_type "2030"; ui_keys Enter
ui_wait "year: \"2030\" is not a year from 2000 to this one"
ui_keys C-u; ui_type "2025"; ui_keys Enter
ui_wait "day assessed (empty = today):"
ui_type "2026-03-32"; ui_keys Enter
ui_wait "is not a date (YYYY-MM-DD) up to today"
ui_keys C-u; ui_type "2026-03-15"; ui_keys Enter
ui_wait "months counted (empty = 12):"; ui_keys Enter
ui_wait "wage income 工资性收入"
ui_tmux send-keys -t t -l -- "-5"; ui_keys Enter
ui_wait "an amount is not negative"
ui_keys C-u; ui_type "30000"; ui_keys Enter
ui_wait "business income"; ui_type "6000"; ui_keys Enter
ui_wait "property income"; ui_keys Enter
ui_wait "transfer income"; ui_type "1200"; ui_keys Enter
ui_wait "business costs"; ui_type "3000"; ui_keys Enter
ui_wait "compliant out-of-pocket costs"; ui_type "800"; ui_keys Enter
# (30000 + 6000 + 1200 - 3000) / 3 people = 11400
ui_wait "per-capita net income 11400 (3 people) — reason:"
ui_type "年度收入核算"; ui_keys Enter
ui_wait "income assessment I0000001 recorded: 11400 per person for 2025"
ui_keys Q
ui_cleanup
expect_exit 0 as wang show $hh
expect_grep "^\[income I0000001\]" out
expect_grep "^assessed: 2026-03-15" out
expect_grep "^wage: 30000" out
expect_grep "^compliant_costs: 800" out
expect_grep "^per_capita: 11400" out
git --git-dir=d/audit.git log -1 --format='%ae|%s|%b' | grep -q "^wang@bangfu|income add $hh I0000001: 年度收入核算|年度收入核算" ||
	fail "no commit of the assessment by wang with its reason"

# a hang-up in the middle: what was typed is a draft, resumed at the next start
ui_exec 110 30 env BANGFU_TEST_LOGIN=wang "$BANGFU_TH" -d d
open_household
pid=$(ui_pid)
ui_keys I; ui_wait "year counted"
ui_type "2026"; ui_keys Enter
ui_wait "day assessed"; ui_keys Enter
ui_wait "months counted"; ui_type "6"; ui_keys Enter
ui_wait "wage income"; ui_type "9000"; ui_keys Enter
ui_wait "business income"
kill -HUP "$pid"
ui_gone "$pid" 5
grep -l "^form: income$" xdg-data/bangfu/drafts/*.draft > /dev/null || fail "no income draft after SIGHUP"
for a in "year: 2026" "months: 6" "wage: 9000"; do
	grep -q "^$a$" xdg-data/bangfu/drafts/*.draft || fail "the draft lacks the answer $a"
done
ui_cleanup
ui_exec 110 30 env BANGFU_TEST_LOGIN=wang "$BANGFU_TH" -d d
ui_wait "1 unsaved draft"
ui_wait " income: year=\"2026\""
ui_keys Enter
ui_wait "year counted (年度, YYYY): 2026"; ui_keys Enter
ui_wait "day assessed"; ui_keys Enter
ui_wait "months counted (empty = 12): 6"; ui_keys Enter
ui_wait "wage income 工资性收入 (yuan, empty = 0): 9000"; ui_keys Enter
for q in "business income" "property income" "transfer income" "business costs" "compliant out-of-pocket"; do
	ui_wait "$q"; ui_keys Enter
done
# 9000 over 6 months for 3 people: 9000 / 3 * 12 / 6 = 6000
ui_wait "per-capita net income 6000 (3 people) — reason:"
ui_type "半年核算"; ui_keys Enter
ui_wait "income assessment I0000002 recorded"
ui_keys Q
ui_done
