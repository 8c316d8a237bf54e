# The board view (issue 11, docs/ui.md, docs/baiqianwan.md "The board"), in tmux at 80x24
# and 120x35 with Chinese text: `o` opens the rows of `bangfu board` (the same store call:
# the figures on screen are those of `board --format tsv`), Tab regroups by county, track
# and programme, Enter on a county opens its county view, `/` searches, paging moves
# down; a county office sees its county only, the province all.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
export BANGFU_TODAY=2026-03-20
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" -d d "$@"; }
me=$(id -un)
# row ANCHOR REGEX: once ANCHOR is on screen, a line matches REGEX (the columns of a row)
row() { ui_wait "$1"; grep -Eq -- "$2" screen.txt || { ui_dump; fail "no line matching: $2"; }; }

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账
expect_exit 0 as "$me" user add xian --name 佛冈县专班 --role county --scope 441821 --why 新人
expect_exit 0 as "$me" project add "迳头镇污水处理设施" --place 441821107 --kind 污水处理 --group 城镇建设 \
	--year 2026 --planned 1200000 --spent 300000 --approval 2026-01-10 --start 2026-03-01 --why 立项
expect_exit 0 as "$me" project add "从化区预制菜产业园" --place 从化区 --kind 预制菜 --group 县域经济 \
	--year 2026 --planned 2000000 --why 省专班
expect_exit 0 as "$me" indicator set 佛冈县 sewage_capacity --year 2026 --target 12000 --actual 12500 --why 年度指标
expect_exit 0 as "$me" pair add county 广州市 佛冈县 --programme 营商环境 --start 2023 --end 2025 --why 营商环境帮扶
# more counties than a screen holds: one project in each of 30 counties of 广州 and 清远 ...
n=0
for c in 440103 440104 440105 440106 440111 440112 440113 440114 440115 440118 \
         441802 441803 441823 441825 441826 441881 441882 440203 440204 440205 \
         440222 440224 440229 440232 440233 440281 440282 440303 440304 440305; do
	n=$((n + 1))
	expect_exit 0 as "$me" project add "示范项目$n" --place "$c" --kind 预制菜 --group 县域经济 \
		--year 2026 --planned "$n" --why 批量
done
expect_exit 0 as "$me" board --format tsv
cp out board.tsv
rows=$(($(wc -l < board.tsv) - 1))
[ "$rows" -ge 32 ] || fail "the board has $rows rows"
grep -q "^佛冈县	未分类	1	2	1	帮扶中 1	1	谋划 1	1200000.00	0.00	300000.00	2	1/1	441821$" board.tsv ||
	{ cat board.tsv; fail "佛冈县's board row"; }
expect_exit 0 as "$me" board track 进位 --format tsv
expect_grep "^进位	进位	3	0	0		3	谋划 3	2000037.00	0.00	0.00	0		进位$" out
expect_exit 0 as "$me" board programme 营商环境 --format tsv
expect_grep "^营商环境		1	2	1	帮扶中 1	1	谋划 1	1200000.00	0.00	300000.00	2	1/1	business_env$" out

# --- 80x24, the province: every county; paging, search, Tab, Enter ------------------------
ui_exec 80 24 "$BANGFU_TH" -d d
ui_wait "$(M Households)"
ui_keys o
board() { Mnf "Board by %s  %ld row in scope %s  %s: by %s" "Board by %s  %ld rows in scope %s  %s: by %s" \
	"$2" "$(M "$1")" "$2" "$3" v "$(M "$4")"; }
ui_wait "$(board county "$rows" 44 track)"
[ "$LANGUAGE" != zh_CN ] || ui_wait "$(Mnf 'Board by %s  %ld row in scope %s  %s: by %s' \
	'Board by %s  %ld rows in scope %s  %s: by %s' "$rows" "$(M county)" "$rows" 44 v "$(M track)")"
ui_wait "县区"
ui_wait "计划投资(元)"
ui_wait "荔湾区"
grep -q "佛冈县" screen.txt && fail "the last rows are below the first screen"
ui_keys Space
ui_wait "佛冈县"
ui_screen
# the row as `board` gives it: 赛道, 户数, 监测中, 项目数, 计划投资, 逾期, 指标达标, 监测对象按状态
grep -Eq "佛冈县 +未分类 +2 +1 +1 +1200000.00 +2 +1/1 帮扶中 1" screen.txt || { ui_dump; fail "佛冈县's row"; }
ui_keys g
ui_wait_selected "荔湾区"
ui_keys /; ui_type "从化区"; ui_keys Enter
ui_wait_selected "从化区"
row 从化区 "从化区 +进位 +0 +0 +1 +2000000.00"
ui_keys Enter
ui_wait "$(Mf "County %s %s  百千万工程 %s  (read-only)" 440117 从化区 2026)"
ui_wait "$(Mf "Track 县域类型: %s" 进位)"
ui_keys q
ui_wait_selected "从化区"
ui_keys Tab
ui_wait "$(board track 4 44 programme)"
row 县数 "赛道 +县数"
row 进位 "进位 +3 +0 +0 +3 +2000037.00 +0 *$"
ui_keys Enter
ui_wait "$(Mf "a %s row sums counties: %s shows the board by county" "$(M track)" v)"
ui_keys Tab
ui_wait "$(board programme 1 44 county | sed "s/  .*//")"
row 营商环境 "营商环境 +1 +2 +1 +1 +1200000.00 +2 +1/1 帮扶中 1"
ui_wait "无结对"
ui_keys v
ui_wait "$(board county "$rows" 44 track)"
ui_keys q
ui_wait "$(M Households)"
ui_keys Q
ui_cleanup

# --- 120x35, a county office: its county only, with the spent column ---------------------
ui_exec 120 35 "BANGFU_TEST_LOGIN=xian" "$BANGFU_TH" -d d
ui_wait "李秀英"
ui_keys C-g
ui_wait "$(board county 1 441821 track)"
ui_wait "已支出(元)"
row 佛冈县 "佛冈县 +未分类 +2 +1 +1 +1200000.00 +300000.00 +2 +1/1 +帮扶中 1 *$"
ui_screen
grep -q "从化区\|越秀区" screen.txt && { ui_dump; fail "a county office sees other counties"; }
# the Chinese header and the row line up: 计划投资 ends where the row's amount ends
h=$(grep "计划投资(元)" screen.txt | sed 's/计划投资(元).*/计划投资(元)/' | wc -L)
r=$(grep "1200000.00" screen.txt | sed 's/1200000.00.*/1200000.00/' | wc -L)
[ "$h" -eq "$r" ] || { ui_dump; fail "计划投资 header ends at $h cells, the amount at $r"; }
ui_keys Enter
ui_wait "$(Mf "County %s %s  百千万工程 %s  (read-only)" 441821 佛冈县 2026)"
ui_keys q
ui_wait "$(board county 1 441821 track)"
ui_keys Q
ui_done
