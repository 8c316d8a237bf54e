# The reviewer's day, lists (issue 13): `row N of M` in the title at once (from the
# counters, or a count of the limit), `''` back to the row before a search or jump, the
# member a search matched shown after the head's name, `w` writing the list, the queue
# and the tasks to a .csv or .xlsx file the user names (never through a symlink, an
# existing file only after y), the history's "what" naming the field or the step, the
# recent changes in the user's scope (`c`), and a value too long for its column ending
# in ">" with Enter showing it whole; at 80x24 and 120x35, Chinese text intact after a
# resize.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
on() { who=$1; shift; BANGFU_TEST_LOGIN=$who "$BANGFU_TH" -d d "$@"; }
on_day() { day=$1; shift; BANGFU_TODAY=$day on "$@"; }
ui_as() { ui_exec "$1" "$2" env BANGFU_UI_IDLE_MS=0 BANGFU_TEST_LOGIN="$3" "$BANGFU_TH" -d d; }
# the messages' parts this test waits for
row() { Mf '  row %ld of %s' "$1" "$2" | sed 's/^ *//'; }
wrote() { Mnf 'wrote %ld row to %s' 'wrote %ld rows to %s' "$1" "$1" "$2"; }
# wrote_any PATH: the end of the message common to every count (the tasks' count is not
# known here)
wrote_any() {
	python3 -c 'import os, sys; print(os.path.commonprefix([a[::-1] for a in sys.argv[1:]])[::-1].split("987654 ")[-1].lstrip())' \
		"$(Mnf 'wrote %ld row to %s' 'wrote %ld rows to %s' 1 987654 "$1")" \
		"$(Mnf 'wrote %ld row to %s' 'wrote %ld rows to %s' 2 987654 "$1")"
}
# write_to WHAT: the w prompt up to its parenthesis
write_to() { Mf 'write %s to (name.csv or name.xlsx): ' "$1" | sed 's/ *[(（].*//'; }
history() { Mnf 'History of %s  (%ld change, %s; %s diff, %s all new)' \
	'History of %s  (%ld changes, %s; %s diff, %s all new)' 2 "$1" | sed 's/ *[(（].*//'; }
recent=$(M 'Recent changes in your scope  (%ld today, %ld in %d days%s; Enter diff)' | sed 's/ *[(（].*//')
# the title bar names the role by its code in English, by its label otherwise (ui_role)
role=admin; [ "$LANGUAGE" = en ] || role=系统管理

expect_exit 0 on "$me" init
expect_exit 0 on "$me" demo --households 3000 --seed 1
expect_exit 0 on "$me" import households "$data/good.csv"
on "$me" list | awk '/^H/ {print $1}' > all
total=$(wc -l < all)
[ "$total" -gt 3000 ] || fail "expected over 3000 households, got $total"
hh=$(on "$me" show 4418210001 | sed -n 's/^household: //p')
expect_exit 0 on "$me" user add cw --role caseworker --scope 441821107202 --name 村干部小陈
expect_exit 0 on "$me" user add tr --role township --scope 441821107 --name 镇审核老李
# the changes the history and recent views name
long="入户核实后更正地址，原地址为旧村上围十二号，按户主本人口述和村委会登记簿核对后改为现址并已拍照存档"
expect_exit 0 on cw set "$hh" address 青竹村上围十二号 --why "$long"
expect_exit 0 on cw set "$hh" phone 13800138111 --member 2 --why 换号
other=$(sed -n 1p all)                   # a demo household outside cw's village
expect_exit 0 on "$me" set "$other" hamlet 外村 --why 县里核对
mine=$(on cw list | grep -c '^H')
# a case of the other fixture household in the township's queue
h2=$(on "$me" show 4418210002 | sed -n 's/^household: //p')
expect_exit 0 on_day 2026-01-05 cw case open $h2 --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why 排查发现
c2=$(on "$me" case show $h2 | grep -o 'C[0-9]\{7\}' | head -1)
expect_exit 0 on_day 2026-01-06 cw case move "$c2" visit --consent 2026-01-06 --why 入户核实
expect_exit 0 on_day 2026-01-07 cw case move "$c2" check --why 数据比对
expect_exit 0 on_day 2026-01-08 cw case move "$c2" village_review --notice-start 2026-01-08 --notice-end 2026-01-12 --why 村级评议
expect_exit 0 on_day 2026-01-14 cw case move "$c2" to_township --why 公示期满

# --- 80x24 as the administrator ---------------------------------------------------------
ui_as 80 24 "$me"
ui_wait "人均纯收入"
# the count at once, from the counters (both ends not yet seen)
ui_wait "$(row 1 "$total")"
[ "$LANGUAGE" != zh_CN ] || ui_wait "第 1 行，共 $total 行"
# '': a search moves far; '' comes back; '' again returns to the match
target=$(grep -n "^$hh\$" all | cut -d: -f1)
ui_keys /; ui_type "王建国"; ui_keys Enter
ui_wait_selected "$hh"
ui_wait "$(row "$target" "$total")"
# the match was the spouse, not the head: named after the head's name
ui_wait_selected "李秀英/王建国"
ui_keys "'" "'"; ui_wait_selected "$(sed -n 1p all)"
ui_wait "$(row 1 "$total")"
ui_keys "'" "'"; ui_wait_selected "$hh"
# G then '' as well
ui_keys G; ui_wait "$(row "$total" "$total")"
ui_keys C-o; ui_wait_selected "$hh"      # ^O: the same, one key (an input method's)
ui_wait "$(row "$target" "$total")"
# a limit: counted by the store, equal to what `list` gives
expect_exit 0 on "$me" list 李
n=$(grep -c '^H' out)
ui_keys l; ui_type "李"; ui_keys Enter
ui_wait "$(limited 李)"
ui_wait "$(row 1 "$n")"
# a limit of one state: from the counters
ui_keys l C-u; ui_type "state:镇级审核"; ui_keys Enter
ui_wait "$(limited state:镇级审核)$(Mf '  row %ld of %s' 1 1)"

# w: the list of the limit to CSV, to xlsx; a symlink, an unknown ending, an existing
# file without y are refused
ui_keys l C-u; ui_type "李"; ui_keys Enter; ui_wait "$(row 1 "$n")"
ui_keys w; ui_wait "$(write_to "$(Mf 'the %s%ld households of the limit' '' "$n")")"
ui_type "$PWD/li.csv"; ui_keys Enter
ui_wait "$(wrote "$n" "$PWD/li.csv")"
[ "$(head -c 3 li.csv)" = "$(printf '\357\273\277')" ] || fail "the csv has no BOM"
[ "$(($(wc -l < li.csv) - 1))" = "$n" ] || fail "li.csv has $(wc -l < li.csv) lines for $n households"
head -1 li.csv | grep -q "帮扶编号,户编号,户主" || fail "li.csv has not the columns of list --format"
ui_keys w; ui_type "$PWD/li.xlsx"; ui_keys Enter
ui_wait "$(wrote "$n" "$PWD/li.xlsx")"
[ "$(head -c 2 li.xlsx)" = "PK" ] || fail "li.xlsx is not a workbook"
ln -s "$PWD/elsewhere.csv" link.csv
ui_keys w; ui_type "$PWD/link.csv"; ui_keys Enter
ui_wait "$(M '%s is a symbolic link: not written through (name the file itself)' | sed 's/^%s //; s/ *[(（].*//')"
[ ! -e elsewhere.csv ] || fail "w wrote through a symbolic link"
ui_keys w; ui_type "$PWD/li.txt"; ui_keys Enter
ui_wait "$(M '%s: the name must end in .csv or .xlsx (that picks the format)' | sed 's/^%s[:：] *//; s/ *[(（].*//')"
[ ! -e li.txt ] || fail "w wrote li.txt"
: > keep.csv
ui_keys w; ui_type "$PWD/keep.csv"; ui_keys Enter
ui_wait "$(Mf '%s (y/n) ' "$(M '%s exists: overwrite it?' | sed 's/^%s/keep.csv/')" | sed 's/ *$//')"
ui_keys n; ui_wait "$(M 'nothing written')"
[ ! -s keep.csv ] || fail "keep.csv was overwritten after n"
ui_keys w; ui_type "$PWD/keep.csv"; ui_keys Enter
ui_wait "$(M '%s exists: overwrite it?' | sed 's/^%s[^:：]*[:：] *//')"; ui_keys y
ui_wait "$(wrote "$n" "$PWD/keep.csv")"
# W is the drafts now
ui_keys W; ui_wait "$(Mnf 'Drafts  (%ld unsaved edit: %s resumes, %s discards)' 'Drafts  (%ld unsaved edits: %s resumes, %s discards)' 0 | sed 's/ *[(（].*//')"; ui_keys q

# history: what names the field, the member's field, the step; the cut reason ends in >
ui_keys l C-u; ui_keys Enter; ui_wait "$(row 1 "$total")"
ui_keys /; ui_type "$hh"; ui_keys Enter; ui_wait_selected "$hh"
ui_keys h; ui_wait "$(history "$hh")"
ui_wait "家庭住址"
ui_wait "王建国 联系电话"
grep -q "set  *入户核实后" screen.txt && { ui_dump; fail "the history still shows verbs"; }
grep "家庭住址" screen.txt | grep -q '> ' || { ui_dump; fail "the cut reason has no > marker"; }
ui_keys G; ui_wait_selected "新建户档案"
ui_keys "/"; ui_type "家庭住址"; ui_keys Enter; ui_wait_selected "家庭住址"
ui_keys Enter; ui_wait "$(M 'What:   ')家庭住址"
ui_wait "入户核实后更正地址"              # the whole reason, wrapped at the width
ui_wait "对后改为现址并已拍照存档"
ui_keys q q

# recent changes: every change in scope, newest first, the household and what
ui_keys c; ui_wait "$recent"
ui_wait "$other 自然村"
ui_wait "$h2 报镇级审核"
ui_wait "$h2 入户核实"
ui_wait "$hh 家庭住址"
sed -n 3p screen.txt | grep -q "$h2 报镇级审核" || { ui_dump; fail "the newest change is not first"; }
ui_keys /; ui_type "王建国"; ui_keys Enter; ui_wait_selected "王建国 联系电话"
ui_keys Enter; ui_wait "$(M 'Change %.10s to %s' | sed 's/%.*//')"
ui_wait "phone: 138****8111"                 # the diff, masked
ui_keys q
ui_keys h; ui_wait "$(history "$hh")"; ui_keys q   # h: that household's history
ui_wait "$recent"
# resize to 120x35 in the recent view: Chinese text whole
ui_tmux resize-window -t t -x 120 -y 35
ui_wait "$role 44"   # the user label: the role by its label (in brackets of the language)
ui_wait "$hh 王建国 联系电话"
ui_wait "县里核对"
ui_keys Q
ui_cleanup

# --- the village caseworker at 120x35: recent changes are scoped -------------------------
ui_as 120 35 cw
ui_wait "人均纯收入"
ui_wait "$(row 1 "$mine")"                 # the households of her village
ui_keys c; ui_wait "$recent"
ui_wait "$h2 登记线索"
grep -q "$other\|县里核对" screen.txt && { ui_dump; fail "cw sees a change outside her scope"; }
ui_keys q
ui_keys a; ui_wait "$(M 'Today %s  %ld due or overdue  %s start  %s done' | sed 's/ *%s.*//')"
ui_keys w; ui_wait "$(M 'write %s to (name.csv or name.xlsx): ' | sed 's/ *%s.*//')"
ui_type "$PWD/tasks.xlsx"; ui_keys Enter
ui_wait "$(wrote_any "$PWD/tasks.xlsx")"
[ "$(head -c 2 tasks.xlsx)" = "PK" ] || fail "tasks.xlsx is not a workbook"
ui_keys Q
ui_cleanup

# --- the township reviewer: w on the queue; the list at 80x24 after a resize ------------
ui_exec 120 35 env BANGFU_UI_IDLE_MS=0 BANGFU_TODAY=2026-01-15 BANGFU_TEST_LOGIN=tr "$BANGFU_TH" -d d
ui_wait "人均纯收入"
ui_keys r; ui_wait "$(M 'Review queue  %ld waiting%s  %s approve  %s send back' | sed 's/%s.*//; s/%ld/1/')"
ui_keys w; ui_wait "$(write_to "$(Mnf 'the %ld case of the queue' 'the %ld cases of the queue' 1 1)")"
ui_type "$PWD/queue.csv"; ui_keys Enter
ui_wait "$(wrote 1 "$PWD/queue.csv")"
head -1 queue.csv | grep -q "案例编号,帮扶编号,户主,状态" || fail "queue.csv has not the queue's columns"
grep -q "^$c2,$h2,阿依古丽·买买提,镇级审核" queue.csv || { cat queue.csv; fail "queue.csv has not the case"; }
# the case's history names its steps, not "case mov"
ui_keys h; ui_wait "$(history "$h2")"
for step in 登记线索 入户核实 数据比对 村级评议公示 报镇级审核; do ui_wait "$step"; done
grep -q "case mov" screen.txt && { ui_dump; fail "the history shows case mov"; }
ui_keys q
ui_keys q
ui_tmux resize-window -t t -x 80 -y 24
ui_wait "户主"
ui_keys /; ui_type "王建国"; ui_keys Enter
ui_wait_selected "李秀英/王建国"
ui_keys Q
ui_done
