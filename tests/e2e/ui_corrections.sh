# Corrections from a household's screen: X ends a measure and records a birth, O shows
# the household as it stood at the end of a day (from the audit history). Each change is
# one commit by the caseworker with the reason.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
export BANGFU_TODAY=2026-03-20
ui_as() { ui_exec "$1" "$2" env BANGFU_TEST_LOGIN="$3" "$BANGFU_TH" -d d; }
# a prompt's words before its parenthesis, up to its "Tab:", or without its colon
words() { M "$1" | sed 's/ *[(（].*//'; }
tab() { M "$1" | sed 's/\(Tab[:：]\).*/\1/'; }
nocolon() { M "$1" | sed 's/ *[:：] *$//'; }
correct=$(tab 'correct (Tab: measure-end measure-edit visit-edit member-add member-remove member-move): ')
reason=$(words 'reason (kept in the history): ')

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
expect_exit 0 as "$me" user add wang --name 王村经办 --role caseworker --scope 441821
expect_exit 0 as wang measure add 4418210001 --group 就业 --detail 公益岗位 --start 2026-03-01 --why 就业帮扶

ui_as 110 30 wang
ui_wait "人均纯收入"
ui_keys Enter
ui_wait "$(Mf 'Household %s  %s  [ID/phone %s]  %s%s' H4418210000001 | sed 's/ *\[.*//')"

# X measure-end
ui_keys X; ui_wait "$correct"
ui_type "measure-end"; ui_keys Enter; ui_wait "$(nocolon 'measure (M...): ')"
ui_type "M0000001"; ui_keys Enter; ui_wait "$(words 'ended on (YYYY-MM-DD, empty = today): ')"
ui_type "2026-03-15"; ui_keys Enter; ui_wait "$reason"
ui_type "岗位期满"; ui_keys Enter
ui_wait "$(M 'measure ended')"
[ "$LANGUAGE" != zh_CN ] || ui_wait "帮扶措施已终止"
last_commit > c.txt
expect_grep "^wang@bangfu|measure end H4418210000001 M0000001: 岗位期满|岗位期满" c.txt

# X member-add (a birth)
ui_keys X; ui_wait "$correct"
ui_type "member-add"; ui_keys Enter; ui_wait "$(tab 'kind (Tab: birth death marriage moved_in moved_out correction): ')"
ui_type "birth"; ui_keys Enter; ui_wait "$(nocolon 'name 姓名: ')"
ui_type "李小宝"; ui_keys Enter; ui_wait "$(nocolon 'ID number 证件号码: ')"
ui_type "110105202601010019"; ui_keys Enter; ui_wait "$(words 'relation to the head (Tab: 之子 之女 配偶 ...): ')"
ui_type "之子"; ui_keys Enter; ui_wait "$reason"
ui_type "新生儿登记"; ui_keys Enter
ui_wait "$(M 'member added')"
last_commit > c.txt
expect_grep "^wang@bangfu|member add H4418210000001: 出生 birth: 新生儿登记|出生 birth: 新生儿登记" c.txt
[ "$(sqlite3 d/bangfu.db "SELECT household_id FROM members WHERE name = '李小宝'")" = H4418210000001 ] || \
	fail "the birth is not recorded"

# O: as it stood today (the member is there, her ID number masked)
ui_keys O; ui_wait "$(words 'as it stood at the end of (YYYY-MM-DD): ')"
day=$(TZ=Asia/Shanghai date +%F)   # the UI's time zone (tests/ui_lib.sh)
ui_type "$day"; ui_keys Enter
ui_wait "$(Mf '%s as of %s (commit %.10s)' H4418210000001 "$day" | sed 's/ *[(（].*//')"
ui_keys G
ui_wait "李小宝"
ui_screen
expect_no_grep "110105202601010019" screen.txt
ui_keys q
ui_keys Q
ui_done
