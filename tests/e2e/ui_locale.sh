# The terminal UI in the staff's language and in English (docs/language.md): every view
# reachable from the list (list, household, history, a change's diff, review queue,
# today's tasks, dashboard, board, county, projects, drafts, help, the `:` command line and
# a form's prompt) at 80x24, then again after a resize to 160x50. In each: the view's
# title and frame text as the catalog gives it (M/Mf), the Chinese data (names, places)
# on screen; in zh_CN no English word of the frame left on the title, header or status
# line, and no line of the help in untranslated English sentences.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
export BANGFU_TODAY=2026-03-20
zh=0; [ "$LANGUAGE" = zh_CN ] && zh=1
if [ $zh = 1 ]; then     # the catalog is there: otherwise M would pass on English alike
	[ "$(M Households)" = 农户 ] || fail "the zh_CN catalog does not translate Households"
fi
# Mpre FORMAT ARGS...: the translated FORMAT up to its first number (%d, %ld), filled in.
Mpre() { _f=$(M "$1" | sed 's/%l*d.*//'); shift; printf -- "$_f" "$@"; }
# Mp PROMPT: a prompt's label as the screen shows it (without its trailing blank).
Mp() { M "$1" | sed 's/ *$//'; }
# english VIEW [header]: in zh_CN, the title, the column header (with `header`) and the
# status line hold no English word of the frame (logins, role codes, ids, verb names and
# key names are not translated).
english() {
	[ $zh = 1 ] || return 0
	ui_screen
	{ sed -n 1p screen.txt; [ "${2:-}" != header ] || sed -n 2p screen.txt; tail -1 screen.txt; } | grep -E '(^|[^A-Za-z])(Households?|Member|Case|History|Change|Review|queue|waiting|Today|due|Dashboard|Board|County|Track|Projects|Drafts|Help|Keys|help|back|quit|rows?|lines?|scope|limit|reason|cancelled|when|who|what|why|commit|status|title|planned|checks)([^A-Za-z]|$)' \
		> eng.txt && { ui_dump; cat eng.txt; fail "English frame words on the screen in zh_CN ($1)"; }
	return 0
}
# screen_changes: until the screen differs from last.txt (after a key that pages).
screen_changes() {
	_n=0
	while ui_screen; cmp -s screen.txt last.txt; do
		_n=$((_n + 1)); [ $_n -ge 200 ] && { ui_dump; fail "the screen did not change"; }
		sleep 0.05
	done
}

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
expect_exit 0 as "$me" project add "迳头镇污水处理设施" --place 441821107 --kind 污水处理 --group 城镇建设 \
	--year 2026 --planned 1200000 --why 立项
hh=$(as "$me" show 4418210001 | sed -n 's/^household: //p')
[ -n "$hh" ] || fail "no id for 4418210001"
total=$("$BANGFU" -d d list --format tsv | sed 1d | wc -l)
change=$(git --git-dir=d/audit.git log -1 --format=%H -- households/)

# walk: every view from the list, the terminal at its current size.
walk() {
	# the list
	ui_wait "$(M Households)"
	ui_wait "李秀英"
	ui_wait "$(Mf "%s help   %s back   %s quit" "?" q Q)"
	english list header
	# the : command line: the verb's output in the pager, its exit status below it
	ui_keys :; ui_type "list 秀英"; ui_keys Enter
	nl=$(printf '\n_'); nl=${nl%_}       # the message starts and ends with a newline
	ui_wait "$(Mf "${nl}[exit status %d: %s]${nl}" 0 "$(M done)" | sed -n 2p)"
	ui_wait "李秀英"
	ui_wait "$(Mf ":%s exited with status %d" "list 秀英" 0)"
	ui_keys q; ui_wait "$(M Households)"
	# the household: search the name, open it
	ui_keys /; ui_wait "$(Mp "/ (name, ID digits, village): ")"
	ui_type "李秀英"; ui_keys Enter
	ui_wait_selected "李秀英"
	ui_keys Enter
	ui_wait "$(Mf "Household %s  %s  [ID/phone %s]  %s%s" "$hh" 李秀英 "$(M masked)" 迳头镇 青竹村)"
	ui_keys /; ui_type "李秀英"; ui_keys Enter
	ui_wait "$(Mf "Member %d: %s  %s" 1 李秀英 "" | sed "s/ *$//")"
	english household
	# a form's prompt, cancelled
	ui_keys V; ui_wait "$(Mp "visit date (YYYY-MM-DD, empty = today): ")"
	english "visit form"
	ui_keys Escape
	ui_wait "$(M "cancelled: nothing was changed")"
	# its history, and the change's diff
	ui_keys h
	ui_wait "$(Mpre "History of %s  (%ld change, %s; %s diff, %s all new)" "$hh")"
	ui_wait "$(M when)"; ui_wait "$(M who)"; ui_wait "$(M why)"
	ui_wait "台账导入"
	english history header
	ui_keys Enter
	ui_wait "$(Mf "Change %.10s to %s" "$change" "$hh")"
	ui_wait "commit $change"
	ui_wait "town: 迳头镇"
	english diff
	ui_keys q q q; ui_wait "$(M Households)"
	# the review queue, today's tasks, the dashboard
	ui_keys r; ui_wait "$(Mpre "Review queue  %ld waiting%s  %s approve  %s send back")"
	ui_wait "$(M case)"
	english "review queue" header
	ui_keys q a; ui_wait "$(Mpre "Today %s  %ld due or overdue  %s start  %s done" 2026-03-20)"
	ui_wait "$(M urgency)"
	english today header
	ui_keys q d
	ui_wait "$(Mf "Dashboard  %ld households in scope %s  (%s lists a bar's households)" "$total" 44 Enter)"
	ui_wait "$(M "By county")"
	ui_wait "441821 佛冈县"
	english dashboard
	# the board, a county from it, the projects
	ui_keys q o
	ui_wait "$(Mpre "Board by %s  %ld row in scope %s  %s: by %s" "$(M county)")"
	ui_wait "计划投资(元)"
	ui_wait "佛冈县"
	english board header
	ui_keys q b; ui_wait "$(Mp "county (code or name): ")"
	ui_type "佛冈县"; ui_keys Enter
	ui_wait "$(Mf "County %s %s  百千万工程 %s  (read-only)" 441821 佛冈县 2026)"
	ui_wait "$(Mf "Track 县域类型: %s" "")"
	ui_wait "迳头镇"
	english county
	ui_keys q P
	ui_wait "$(Mpre "Projects  %ld in your scope%s  %ld with a milestone overdue  %s limit")"
	ui_wait "$(M planned)"
	ui_wait "迳头镇污水处理设施"
	english projects header
	# the drafts (none)
	ui_keys q W
	ui_wait "$(Mnf "Drafts  (%ld unsaved edit: %s resumes, %s discards)" \
		"Drafts  (%ld unsaved edits: %s resumes, %s discards)" 0 0 Enter X)"
	english drafts
	# the help, every page of it
	ui_keys q "?"
	ui_wait "$(Mf "Help: %s view" list)"
	ui_wait "$(M "Keys of every view (unless the view binds the key itself)")"
	english help
	ui_keys G; ui_wait "bind drafts  <Delete>   discard"
	ui_keys g; ui_wait_gone "bind drafts  <Delete>   discard"
	: > help.txt
	while :; do
		sed '1d;$d' screen.txt >> help.txt
		grep -qF "bind drafts  <Delete>   discard" screen.txt && break
		cp screen.txt last.txt; ui_keys Space; screen_changes
	done
	grep -qF "$(M "Keys of every view (unless the view binds the key itself)")" help.txt &&
		grep -qF "bind generic j          move-down" help.txt || fail "the help was not read whole"
	if [ $zh = 1 ]; then
		# three English words in a row, outside the config syntax (bind lines, <Key> names)
		grep -v '^bind \|^  bind \|^# ' help.txt | grep -E '[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}' > sentences.txt &&
			{ cat sentences.txt; fail "the help has lines of untranslated English"; }
		grep -q "所有视图通用的按键" help.txt && grep -q "^默认设置：" help.txt &&
			grep -q "^# 农户列表" help.txt || fail "the help is not in Chinese"
	fi
	ui_keys q; ui_wait "$(M Households)"
}

ui_exec 80 24 "$BANGFU_TH" -d d
walk
ui_tmux resize-window -t t -x 160 -y 50
ui_wait "户类型"                  # the list refitted: a column shown at 160 cells only
walk
ui_keys Q
ui_done
