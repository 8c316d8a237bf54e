# I on a household records an income assessment (收入核算): each line is checked as it
# is typed (a bad amount or year is refused on the spot and asked again), the per-capita
# net income the lines give is shown before the reason, and the assessment is the same
# as `bangfu income add` records (one commit with the reason). A hang-up in the middle
# keeps what was typed as a draft, which the next start offers and resumes filled in.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
export BANGFU_TODAY=2026-03-20
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" -d d "$@"; }
expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
expect_exit 0 as "$me" user add wang --name 王村经办 --role caseworker --scope 441821107202
hh=H4418210000001
# the form's questions (the msgids), and what the screen shows of them: the words before a
# parenthesis or colon, or the whole question without its trailing blank
year='year counted (年度, YYYY): ' day='day assessed (empty = today): '
months='months counted (empty = 12): ' wage='wage income 工资性收入 (yuan, empty = 0): '
business='business income 经营性收入: ' property='property income 财产性收入: '
transfer='transfer income 转移性收入: ' costs='business costs 生产经营性支出: '
compliant='compliant out-of-pocket costs 合规自付支出: '
words() { M "$1" | sed 's/ *[(（:：].*//'; }
bare() { M "$1" | sed 's/ *$//'; }
net() { Mf 'per-capita net income %s (%d people) — reason: ' "$1" "$2" | sed 's/ *$//'; }

open_household() {
	ui_wait "人均纯收入"
	ui_keys /; ui_type "李秀英"; ui_keys Enter
	ui_wait_selected "$hh"
	ui_keys Enter; ui_wait "$(Mf 'Household %s  %s  [ID/phone %s]  %s%s' "$hh" | sed 's/ *\[.*//')"
}

ui_exec 110 30 env BANGFU_TEST_LOGIN=wang "$BANGFU_TH" -d d
open_household
ui_keys I; ui_wait "$(bare "$year")"
ui_type "2030"; ui_keys Enter
ui_wait "year: $(Mf '"%s" is not a year from 2000 to this one' 2030)"
[ "$LANGUAGE" != zh_CN ] || ui_wait "year: “2030”不是"
ui_keys C-u; ui_type "2025"; ui_keys Enter
ui_wait "$(bare "$day")"
ui_type "2026-03-32"; ui_keys Enter
ui_wait "$(Mf '"%s" is not a date (YYYY-MM-DD) up to today' 2026-03-32)"
ui_keys C-u; ui_type "2026-03-15"; ui_keys Enter
ui_wait "$(bare "$months")"; ui_keys Enter
ui_wait "$(words "$wage")"
ui_tmux send-keys -t t -l -- "-5"; ui_keys Enter
ui_wait "$(M 'an amount is not negative')"
ui_keys C-u; ui_type "30000"; ui_keys Enter
ui_wait "$(words "$business")"; ui_type "6000"; ui_keys Enter
ui_wait "$(words "$property")"; ui_keys Enter
ui_wait "$(words "$transfer")"; ui_type "1200"; ui_keys Enter
ui_wait "$(words "$costs")"; ui_type "3000"; ui_keys Enter
ui_wait "$(words "$compliant")"; ui_type "800"; ui_keys Enter
# (30000 + 6000 + 1200 - 3000) / 3 people = 11400
ui_wait "$(net 11400 3)"
ui_type "年度收入核算"; ui_keys Enter
ui_wait "$(Mf 'income assessment %s recorded: %s per person for %s' I0000001 11400 2025)"
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
ui_keys I; ui_wait "$(words "$year")"
ui_type "2026"; ui_keys Enter
ui_wait "$(words "$day")"; ui_keys Enter
ui_wait "$(words "$months")"; ui_type "6"; ui_keys Enter
ui_wait "$(words "$wage")"; ui_type "9000"; ui_keys Enter
ui_wait "$(words "$business")"
kill -HUP "$pid"
ui_gone "$pid" 5
grep -l "^form: income$" xdg-data/bangfu/drafts/*.draft > /dev/null || fail "no income draft after SIGHUP"
for a in "year: 2026" "months: 6" "wage: 9000"; do
	grep -q "^$a$" xdg-data/bangfu/drafts/*.draft || fail "the draft lacks the answer $a"
done
ui_cleanup
ui_exec 110 30 env BANGFU_TEST_LOGIN=wang "$BANGFU_TH" -d d
ui_wait "$(Mnf '%d unsaved draft from an earlier session: %s resumes, %s discards, %s goes to the list' \
	'%d unsaved drafts from an earlier session: %s resumes, %s discards, %s goes to the list' 1 1 | sed 's/[:：].*//')"
ui_wait " income: year=\"2026\""
ui_keys Enter
ui_wait "$(M "$year")2026"; ui_keys Enter
ui_wait "$(words "$day")"; ui_keys Enter
ui_wait "$(M "$months")6"; ui_keys Enter
ui_wait "$(M "$wage")9000"; ui_keys Enter
for q in "$business" "$property" "$transfer" "$costs" "$compliant"; do
	ui_wait "$(words "$q")"; ui_keys Enter
done
# 9000 over 6 months for 3 people: 9000 / 3 * 12 / 6 = 6000
ui_wait "$(net 6000 3)"
ui_type "半年核算"; ui_keys Enter
ui_wait "$(Mf 'income assessment %s recorded: %s per person for %s' I0000002 | sed 's/[:：].*//')"
ui_keys Q
ui_done
