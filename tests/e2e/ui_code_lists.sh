# Entries an administrator added to the lists, in the terminal UI: the list, the household
# view and the dashboard show an added category by its label; a category added by
# another process while the UI is open is understood by the next limit (`l`) without a
# restart, and an unknown one is refused in the status line.
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" "$@"; }

expect_exit 0 as "$me" -d d init
expect_exit 0 as "$me" -d d import households "$data/good.csv"
expect_exit 0 as "$me" -d d setting set category.low_income 低收入边缘户 --why 新增监测类别
expect_exit 0 as "$me" -d d case open 4418210002 --category 低收入边缘户 --risks 因病 \
	--source 基层干部排查 --why 排查发现

ui_exec 120 30 "$BANGFU" -d d
ui_wait "人均纯收入"
ui_wait "ordinar> 低收入边缘户 lead"

# added by someone else while the UI runs
expect_exit 0 as "$me" -d d setting set category.temp_hard 临时困难户 --why 新增监测类别
ui_keys l; ui_wait "limit"
ui_type "category:临时困难户"; ui_keys Enter
ui_wait "[limit: category:临时困难户]  (none match"
ui_keys l; ui_wait "limit"; ui_keys C-u
ui_type "category:低收入边缘户"; ui_keys Enter
ui_wait "[limit: category:低收入边缘户]"
ui_wait "H4418210000002"
ui_keys l; ui_wait "limit"; ui_keys C-u
ui_type "category:富裕户"; ui_keys Enter
ui_wait "unknown $(M 监测对象类别) \"富裕户\""
ui_keys Escape; ui_wait_gone "limit ("

ui_keys Enter; ui_wait "Household H4418210000002"
ui_keys /; ui_type "监测对象类别"; ui_keys Enter
ui_wait_selected "低收入边缘户"
ui_keys q; ui_wait "人均纯收入"

ui_keys d; ui_wait "By monitoring category"
ui_wait "低收入边缘户"
ui_keys Q
ui_done
