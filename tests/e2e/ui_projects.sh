# Projects in the terminal UI, as a town's 专班 clerk would: `P` lists the projects in his
# scope (another town's are not there) with money and the overdue milestones; the
# generic paging and search work on it; `l` limits it to the projects holding a text;
# Enter shows a project with its milestones (the overdue one marked) and its money per
# year; q comes back. At 80x24 ^T opens it too. Dates pinned with BANGFU_TODAY, staff
# simulated with BANGFU_TEST_LOGIN (test-hooks).
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
export BANGFU_TODAY=2026-03-20
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" -d d "$@"; }
ui_as() { ui_exec "$1" "$2" env BANGFU_UI_IDLE_MS=0 BANGFU_TEST_LOGIN="$3" "$BANGFU_TH" -d d; }
body() { sed '1,2d;$d' screen.txt; }
# ptitle N MATCHING OVERDUE: the projects list's title in the test's language
ptitle() { Mf 'Projects  %ld in your scope%s  %ld with a milestone overdue  %s limit' "$1" "$2" "$3" l; }
plim=$(M 'limit to projects holding (empty: all): '); plim=${plim%%（*}; plim=${plim%% (*}
# the status column is 6 cells wide, the kind 12 at 110 columns: a longer label is cut,
# ending in '>'
planned=$(M 谋划 | awk '{ print length($0) > 6 ? substr($0, 1, 5) ">" : $0 }')
sewage=$(M 污水处理 | awk '{ print length($0) > 12 ? substr($0, 1, 11) ">" : $0 }')
# a line of the project view: FORMAT ARGS... as the view shows it (the milestone's name,
# padded to the widest, left out: ms_wait NAME FORMAT ARGS... waits for the rest of the
# line, then finds the name in front of it)
ms_wait() {
	_n=$(M "$1"); _f=$2; shift 2
	_rest=$(Mf "$_f" "" "$@" | sed 's/^ *//')
	ui_wait "$_rest"
	grep -q "^ *$(lit "$_n") *$(lit "$_rest")" screen.txt || { ui_dump; fail "$_n: $_rest"; }
}
ms_late() {
	_n=$(M "$1")
	_rest=$(Mnf '  %s planned %s  actual -  OVERDUE %ld day\n' '  %s planned %s  actual -  OVERDUE %ld days\n' \
		"$3" "" "$2" "$3" | sed 's/^ *//')
	ui_wait "$_rest"
	grep -q "^ *$(lit "$_n") *$(lit "$_rest")" screen.txt || { ui_dump; fail "$_n: $_rest"; }
}

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
expect_exit 0 as "$me" user add zhao --name 赵迳头镇 --role township --scope 441821107
expect_exit 0 as zhao project add "迳头镇污水处理设施" --place 441821107 --kind 污水处理 --group 城镇建设 \
	--year 2026 --planned 120万 --allocated 800000 --approval 2026-01-10 --start 2026-03-01 --why 专班立项
expect_exit 0 as zhao project milestone PJ0000001 立项 --actual 2026-01-12 --why 已批复
expect_exit 0 as zhao project money PJ0000001 --year 2025 --planned 1000 --spent 999.99 --why 前期
expect_exit 0 as "$me" project add "石角镇垃圾转运站" --place 441821100 --kind 垃圾处理 --group 城镇建设 --why 另一镇
# enough projects to page: 30 village road projects in the clerk's town
i=1
while [ $i -le 30 ]; do
	expect_exit 0 as zhao project add "迳头镇道路硬化$i" --place 441821107 --kind 交通 --group rural --why 批量
	i=$((i + 1))
done

ui_as 110 30 zhao
ui_wait "人均纯收入"
ui_keys P
ui_wait "$(ptitle 31 "" 1)"
[ "$LANGUAGE" != zh_CN ] || ui_wait "项目  辖区内 31 个  1 个有逾期节点"
ui_wait_selected "PJ0000001"
ui_wait_selected "迳头镇污水处理设施"
ui_wait_selected "1201000.00"
ui_wait_selected "999.99"
ui_wait_gone "石角镇垃圾转运站"       # another town's project is not listed
ui_screen; body > body.txt   # a fresh look, the rows drawn
grep PJ0000001 body.txt | grep -q "$(lit "$planned") *迳头镇 *$(lit "$sewage")" || { cat body.txt; fail "row columns"; }
# paging: the last project is one page away
ui_wait_gone "道路硬化30"
ui_keys PgDn; ui_keys G
ui_wait_selected "迳头镇道路硬化30"
ui_keys g; ui_wait_selected "PJ0000001"
# search: the cursor moves to the match
ui_keys /; ui_type "道路硬化17"; ui_keys Enter
ui_wait_selected "迳头镇道路硬化17"
# limit: only the projects holding a text
ui_keys l; ui_wait "$plim"
ui_type "污水"; ui_keys Enter
ui_wait "$(ptitle 1 "$(Mf ' matching "%s"' 污水)" 1)"
ui_wait_selected "PJ0000001"
ui_wait_gone "道路硬化"
# Enter: the project with its milestones and money
ui_keys Enter
ui_wait "$(Mf 'project %s' PJ0000001)"
ui_wait "$(Mf 'working group: %s\n' "$(M 城镇建设/住房城乡建设厅)")"
ui_wait "$(Mf 'status: %s\n' "$(M 谋划)")"
ms_wait 立项 '  %s planned %s  actual %s\n' 2026-01-10 2026-01-12
ms_late 开工 2026-03-01 19
ui_wait "2026         1200000.00        800000.00"
grep -q "$(M total) *1201000.00        800000.00           999.99" screen.txt || { ui_dump; fail "total"; }
if [ "$LANGUAGE" = zh_CN ]; then   # as staff read it, no English word on the page
	ui_wait "工作专班：城镇建设/住房城乡建设厅"
	ui_wait "  开工     计划 2026-03-01  实际 -  已逾期 19 天"
	sed '1d;$d' screen.txt >page.txt
	expect_no_grep '[A-Za-z]\{3,\}' page.txt
fi
ui_keys q
ui_wait_selected "PJ0000001"
# an empty limit shows all again
ui_keys l; ui_wait "$plim"
ui_keys C-u; ui_keys Enter
ui_wait "$(ptitle 31 "" 1)"
ui_keys Q
ui_done

# --- today lists the overdue milestone; Enter shows its project -----------------------
ui_as 110 30 zhao
ui_wait "人均纯收入"
ui_keys a
ui_wait "PJ0000001 开工 迳头镇污水处理设施"
ui_keys /; ui_type "PJ0000001"; ui_keys Enter
ui_wait_selected "milestone"
ui_keys Enter
ui_wait "$(Mf 'project %s' PJ0000001)"
ms_late 开工 2026-03-01 19
ui_keys Q
ui_done

# --- 80x24: ^T opens it; a milestone recorded meanwhile is read on reload ----------------
ui_as 80 24 zhao
ui_wait "人均纯收入"
ui_keys C-t
ui_wait "$(ptitle 31 "" 1)"
expect_exit 0 as zhao project milestone PJ0000001 开工 --actual 2026-03-05 --why 已开工
ui_keys C-r
ui_wait "$(ptitle 31 "" 0)"
# the project at 80 columns: every line whole, the money's columns under their headers
ui_wait_selected "PJ0000001"
ui_keys Enter
ui_wait "$(Mf 'project %s' PJ0000001)"
ms_wait 开工 '  %s planned %s  actual %s\n' 2026-03-01 2026-03-05
ui_wait "$(Mf 'working group: %s\n' "$(M 城镇建设/住房城乡建设厅)")"
grep -q "^ *$(M year) *$(M planned) *$(M allocated) *$(M spent)$" screen.txt || { ui_dump; fail "money header"; }
ui_keys q
ui_keys Q
ui_done
