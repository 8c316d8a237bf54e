# Keyset paging in the households list: whatever the way there (page down past the
# window of rows kept in memory, G to the end, a search landing deep in the table, page
# up from there), the screen always shows a contiguous run of `bangfu list` in its order,
# and the cursor is where the keys put it.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
# row N: the title's "row N" (of M) in the test's language
row() { Mf '  row %ld' "$1" | sed 's/^ *//'; }

expect_exit 0 "$BANGFU" -d d init
expect_exit 0 "$BANGFU" -d d demo --households 2500 --seed 7
"$BANGFU" -d d list | awk '/^H/ {print $1}' > all
total=$(wc -l < all)
[ "$total" -eq 2500 ] || fail "expected 2500 households, got $total"

# the ids on screen (in screen order) must be lines k..k+n-1 of `all`
check_run() {
	# keys may still be in flight (20 PgDn under ASan): wait until the screen stops changing
	ui_screen; cp screen.txt prev.txt; _n=0
	while sleep 0.3; ui_screen; ! cmp -s screen.txt prev.txt; do
		cp screen.txt prev.txt; _n=$((_n + 1)); [ $_n -lt 100 ] || fail "the screen never settled ($1)"
	done
	awk '{for (i = 1; i <= 2; i++) if ($i ~ /^H[0-9]+$/) {print $i; break}}' screen.txt > shown
	[ -s shown ] || { ui_dump; fail "no rows on screen ($1)"; }
	k=$(grep -nx "$(head -1 shown)" all | cut -d: -f1)
	sed -n "${k},$((k + $(wc -l < shown) - 1))p" all | cmp -s - shown ||
		{ ui_dump; fail "screen is not a contiguous run of the list ($1)"; }
}

ui_exec 100 30 "$BANGFU" -d d
ui_wait "$(row 1)"
ui_wait_selected "$(sed -n 1p all)"
check_run "first screen"

# page down 60 screens (past the 1024 rows kept in memory), then back up
i=0; while [ $i -lt 60 ]; do ui_keys NPage; i=$((i + 1)); done
ui_wait "$(row $((60 * 27 + 1)))"
ui_wait_selected "$(sed -n "$((60 * 27 + 1))p" all)"
check_run "after 60 pages down"
i=0; while [ $i -lt 45 ]; do ui_keys PPage; i=$((i + 1)); done
ui_wait "$(row $((15 * 27 + 1)))"
ui_wait_selected "$(sed -n "$((15 * 27 + 1))p" all)"
check_run "after 45 pages up"

# G: the last household, without reading the table from the start
ui_keys G
ui_wait_selected "$(tail -1 all)"
check_run "at the end"
ui_keys k; ui_wait_selected "$(tail -2 all | head -1)"
i=0; while [ $i -lt 5 ]; do ui_keys PPage; i=$((i + 1)); done
ui_wait_selected "$(sed -n "$((total - 1 - 5 * 27))p" all)"
check_run "paging up from the end"

# a search that lands deep in the table, then up across the loaded window's top
deep=$(sed -n 1700p all)
ui_keys /; ui_type "$deep"; ui_keys Enter
ui_wait_selected "$deep"
check_run "after the search"
i=0; while [ $i -lt 40 ]; do ui_keys k; i=$((i + 1)); done
ui_wait_selected "$(sed -n 1660p all)"
check_run "after 40 lines up"
ui_keys g
ui_wait_selected "$(sed -n 1p all)"
ui_wait "$(row 1)"

# a limit: the same holds for the limited list, and G names the total
"$BANGFU" -d d list type:脱贫户 | awk '/^H/ {print $1}' > all
ui_keys l; ui_type "type:脱贫户"; ui_keys Enter
ui_wait "$(Mf '  [limit: %s]' type:脱贫户)"
[ "$LANGUAGE" != zh_CN ] || ui_wait "限定：type:脱贫户"
ui_wait_selected "$(sed -n 1p all)"
i=0; while [ $i -lt 20 ]; do ui_keys NPage; i=$((i + 1)); done
check_run "limited, paged down"
ui_keys G; ui_wait_selected "$(tail -1 all)"
check_run "limited, at the end"
i=0; while [ $i -lt 3 ]; do ui_keys PPage; i=$((i + 1)); done
check_run "limited, paging up from the end"
ui_keys Q
ui_done
