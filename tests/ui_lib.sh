# ui_lib.sh — driving the terminal UI in tmux, for tests/e2e/ui_*.sh (sourced after
# lib.sh). Each test gets its own tmux server (tmux -L, a socket of its own, no user
# config), a fixed terminal size, a pinned locale, time zone and TERM, and waits for the
# screen by polling capture-pane for expected text with a bounded timeout (no sleeps).
# What every UI test shares: the fixture data, a per-test UI state and config directory
# (drafts, seen, keys), and the login of the user running the tests.
data="$TESTS/e2e/data"
export XDG_DATA_HOME="$PWD/xdg-data" XDG_CONFIG_HOME="$PWD/xdg-config"
me=$(id -un)
UI_N=0
UI_SOCK="bangfu-ui-$$-0"
ui_tmux() { tmux -L "$UI_SOCK" -f /dev/null "$@"; }
# ui_cleanup: end this test's tmux server; the next session gets a new socket, so it
# never races the old server's shutdown.
# The UI process is first given time to finish by itself (after Q: under SANITIZE=1 the
# leak check at exit takes a while, and a hang-up in the middle of it left the process
# spinning at full CPU); one still running after the server is gone is killed.
UI_PID=""
ui_wait_exit() {
	_ui_n=0
	while [ -n "$UI_PID" ] && kill -0 "$UI_PID" 2>/dev/null && [ $_ui_n -lt "$1" ]; do
		sleep 0.1; _ui_n=$((_ui_n + 1))
	done
	[ -n "$UI_PID" ] && kill -0 "$UI_PID" 2>/dev/null
}
ui_cleanup() {
	ui_wait_exit 40 || true
	ui_tmux kill-server >/dev/null 2>&1 || true
	if ui_wait_exit 50; then
		echo "ui_lib: the UI (pid $UI_PID) did not exit after its terminal closed: killed" >&2
		kill -9 "$UI_PID" 2>/dev/null || true
	fi
	UI_PID=""
	UI_N=$((UI_N + 1)); UI_SOCK="bangfu-ui-$$-$UI_N"
}
trap ui_cleanup EXIT
# Under SANITIZE=1 the UI runs inside tmux, where its stderr is not seen: sanitizer
# reports go to files instead, and ui_done fails the test if there are any.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$PWD/sanitizer"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$PWD/sanitizer:print_stacktrace=1"
ui_done() {
	ui_cleanup
	if ls sanitizer.* >/dev/null 2>&1; then
		cat sanitizer.*; fail "sanitizer reports (above)"
	fi
	exit 0
}

# ui_shell W H: a session "t" running a POSIX shell (the prompt is "$ "), in which
# commands are typed; the terminal state after the UI quits can then be checked.
ui_shell() {
	ui_tmux new-session -d -s t -x "$1" -y "$2" \
		"env -u TMUX LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai TERM=screen-256color PS1='$ ' sh"
	ui_wait '$'
}
# ui_exec W H CMD...: a session "t" whose only process is CMD (its pid is the pane's).
ui_exec() {
	_ui_w=$1 _ui_h=$2; shift 2
	ui_tmux new-session -d -s t -x "$_ui_w" -y "$_ui_h" \
		"exec env -u TMUX LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai TERM=screen-256color $*"
	UI_PID=$(ui_tmux display -p -t t '#{pane_pid}' 2>/dev/null)
}
ui_pid() { ui_tmux display -p -t t '#{pane_pid}'; }
ui_keys() { ui_tmux send-keys -t t "$@"; }           # key names: Enter, Up, C-l, ...
ui_type() { ui_tmux send-keys -t t -l "$1"; }        # literal text, Chinese included
ui_screen() { ui_tmux capture-pane -p -t t > screen.txt 2>/dev/null || : > screen.txt; }
ui_dump() { echo "--- screen:"; cat screen.txt; }
# ui_wait TEXT [SECONDS]: until TEXT (fixed string) is on the screen.
ui_wait() {
	_ui_limit=$(( ${2:-10} * 20 )); _ui_n=0
	while :; do
		ui_screen
		grep -qF -- "$1" screen.txt && return 0
		_ui_n=$((_ui_n + 1)); [ "$_ui_n" -ge "$_ui_limit" ] && { ui_dump; fail "timed out waiting for: $1"; }
		sleep 0.05
	done
}
# ui_wait_gone TEXT [SECONDS]: until TEXT is no longer on the screen.
ui_wait_gone() {
	_ui_limit=$(( ${2:-10} * 20 )); _ui_n=0
	while :; do
		ui_screen
		grep -qF -- "$1" screen.txt || return 0
		_ui_n=$((_ui_n + 1)); [ "$_ui_n" -ge "$_ui_limit" ] && { ui_dump; fail "timed out waiting for '$1' to go"; }
		sleep 0.05
	done
}
# ui_wait_rows_gone TEXT [SECONDS]: until TEXT is in none of the rows (the screen less its
# title, header and status lines). A title can be redrawn before the rows below it, so a
# check on the rows right after a wait for the title may read the old ones.
ui_wait_rows_gone() {
	_ui_limit=$(( ${2:-10} * 20 )); _ui_n=0
	while :; do
		ui_screen
		sed '1,2d;$d' screen.txt | grep -qF -- "$1" || return 0
		_ui_n=$((_ui_n + 1)); [ "$_ui_n" -ge "$_ui_limit" ] && { ui_dump; fail "timed out waiting for '$1' to leave the rows"; }
		sleep 0.05
	done
}
# ui_selected: the screen lines in reverse video below the title (the cursor line).
ui_selected() {
	ui_tmux capture-pane -e -p -t t | sed 1d |
		grep -E "$(printf '\033')\[([0-9]+;)*7(;[0-9]+)*m" | sed "s/$(printf '\033')\[[0-9;]*m//g"
}
# ui_wait_selected TEXT [SECONDS]: until the cursor line contains TEXT.
ui_wait_selected() {
	_ui_limit=$(( ${2:-10} * 20 )); _ui_n=0
	while :; do
		ui_selected > selected.txt
		grep -qF -- "$1" selected.txt && return 0
		_ui_n=$((_ui_n + 1)); [ "$_ui_n" -ge "$_ui_limit" ] && { echo "--- cursor line:"; cat selected.txt; \
			ui_screen; ui_dump; fail "cursor is not on: $1"; }
		sleep 0.05
	done
}
# ui_gone PID [SECONDS]: until process PID has exited.
ui_gone() {
	_ui_limit=$(( ${2:-10} * 20 )); _ui_n=0
	while kill -0 "$1" 2>/dev/null; do
		_ui_n=$((_ui_n + 1)); [ "$_ui_n" -ge "$_ui_limit" ] && fail "process $1 still running"
		sleep 0.05
	done
}
# ui_village DAY "login role scope name"...: d made on DAY as $me with the fixture's
# households and two more in the same village (4418210003, 4418210004, old 15-digit ID
# numbers), and the users given.
ui_village() {
	_day=$1; shift
	head -1 "$data/good.csv" > more.csv
	printf '%s\n' \
		'4418210003,441821,迳头镇,青竹村,,下围1号,张三丰,441821700101001,户主,男,汉族,健康,普通劳动力,,初中,6,13800138003,一般农户,7000,,,,,' \
		'4418210004,441821,迳头镇,青竹村,,下围2号,赵四娘,441821700101002,户主,女,汉族,健康,普通劳动力,,初中,6,13800138004,一般农户,9000,,,,,' >> more.csv
	expect_exit 0 on "$_day" "$me" init
	expect_exit 0 on "$_day" "$me" import households "$data/good.csv"
	expect_exit 0 on "$_day" "$me" import households more.csv
	for _u in "$@"; do
		set -- $_u
		expect_exit 0 on "$_day" "$me" user add "$1" --role "$2" --scope "$3" --name "$4"
	done
}

# Pieces of translated messages the tests wait for (either language):
hh() { _h=$(Mf 'Household %s  (version %ld%s)' "$1" 1 ""); printf %s "${_h%%  *}"; }
p() { _p=$(M "$1"); _p=${_p%%（*}; _p=${_p%%：*}; _p=${_p%% (*}; printf %s "${_p%%: *}"; }
limited() { Mf '  [limit: %s]' "$1" | sed 's/^ *//'; }
hist() { cut_paren "$(Mnf 'History of %s  (%ld change, %s; %s diff, %s all new)' \
	'History of %s  (%ld changes, %s; %s diff, %s all new)' 2 "$1" 2)"; }
ex() { LINE=2 Mre '\n[exit status %d: %s]\n' "$1" "$(M "$2")" | sed 's/\\\(.\)/\1/g'; }
drafts() { Mnf '%d unsaved draft from an earlier session: %s resumes, %s discards, %s goes to the list' \
	'%d unsaved drafts from an earlier session: %s resumes, %s discards, %s goes to the list' "$1" "$1" | sed 's/[:：].*//'; }
