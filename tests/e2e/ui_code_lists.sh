# Entries an administrator added to the lists, in the terminal UI: the list, the household
# view and the dashboard show an added category by its label; a category added by
# another process while the UI is open is understood by the next limit (`l`) without a
# restart, and an unknown one is refused in the status line.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" "$@"; }
# the limit prompt up to its opening parenthesis ("limit (", "限定条件（"), and its first word
lim_open=$(M 'limit (e.g. county:佛冈县 category:边缘易致贫户 income<6000): ' | sed 's/\([(（]\).*/\1/')
lim=$(echo "$lim_open" | sed 's/ *[(（]$//')
# limited LIMIT: the list's title part for a limit
# cell TEXT N: TEXT in a column N cells wide (cut with '>' when it does not fit)
cell() {
	python3 -c 'import sys, unicodedata as u
t, n = sys.argv[1], int(sys.argv[2]); w = lambda s: sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s)
if w(t) > n:
	while w(t) > n - 1: t = t[:-1]
	t += ">"
print(t)' "$1" "$2"
}

expect_exit 0 as "$me" -d d init
expect_exit 0 as "$me" -d d import households "$data/good.csv"
expect_exit 0 as "$me" -d d setting set category.low_income 低收入边缘户 --why 新增监测类别
expect_exit 0 as "$me" -d d case open 4418210002 --category 低收入边缘户 --risks 因病 \
	--source 基层干部排查 --why 排查发现

ui_exec 120 30 "$BANGFU" -d d
ui_wait "人均纯收入"
ui_wait "$(cell "$(M 一般农户)" 8) 低收入边缘户 $(M 线索)"

# added by someone else while the UI runs
expect_exit 0 as "$me" -d d setting set category.temp_hard 临时困难户 --why 新增监测类别
ui_keys l; ui_wait "$lim"
ui_type "category:临时困难户"; ui_keys Enter
ui_wait "$(limited category:临时困难户)$(Mf '  (none match: %s changes the limit)' l | sed 's/[:：].*//')"
ui_keys l; ui_wait "$lim"; ui_keys C-u
ui_type "category:低收入边缘户"; ui_keys Enter
ui_wait "$(limited category:低收入边缘户)"
ui_wait "H4418210000002"
ui_keys l; ui_wait "$lim"; ui_keys C-u
ui_type "category:富裕户"; ui_keys Enter
ui_wait "$(Mf 'unknown %s "%s"' "$(Mlabel 监测对象类别)" 富裕户)"
[ "$LANGUAGE" != zh_CN ] || ui_wait "未知的监测对象类别“富裕户”"
ui_keys Escape; ui_wait_gone "$lim_open"

ui_keys Enter; ui_wait "$(Mf 'Household %s  %s  [ID/phone %s]  %s%s' H4418210000002 | sed 's/ *\[.*//')"
ui_keys /; ui_type "监测对象类别"; ui_keys Enter
ui_wait_selected "低收入边缘户"
ui_keys q; ui_wait "人均纯收入"

ui_keys d; ui_wait "$(M 'By monitoring category (监测对象类别)' | sed 's/ *(.*//')"
ui_wait "低收入边缘户"
ui_keys Q
ui_done
