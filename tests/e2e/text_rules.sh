# Text in and out (docs/text.md). In: every free-text input follows one rule — no
# control, bidi or invisible character, no invalid UTF-8, a maximum length in
# characters — refused with a message naming the field, before anything is written, and
# never cut. Out: whatever a verb prints passes one sanitiser, so history written before
# the rule (put straight into bangfu.db here, as old data would be) shows ^[ and
# <U+202E>, never the raw bytes. Export: a cell a spreadsheet would run as a formula is
# written with a leading ' and reads back byte for byte.
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
me=$(id -un)
ESC=$(printf '\033')
BEL=$(printf '\007')
RLO=$(printf '\342\200\256')
ZWSP=$(printf '\342\200\213')
B() { "$BANGFU" -d d "$@"; }
# bad_char WHAT KIND SHOWN CODE AT [SUFFIX]: the refusal of a character (a grep pattern;
# SHOWN and the closing ")" are patterns, parts left out match anything)
bad_char() { what=$1 kind=$2 sep=': '; shift 2; [ -n "$what" ] || sep=
	Mre '%s%s%s %sU+%04X%s at character %zu is not allowed%s' "$what" "$sep" "$(M "$kind")" "$@"; }
# too_long WHAT N MAX: the refusal of a text of N characters
too_long() { sep=': '; [ -n "$1" ] || sep=; Mre '%s%stoo long (%zu characters, at most %zu)' "$1" "$sep" "$2" "$3"; }
# field ZH KEY PATTERN: a household field's refusal, PATTERN the reason
field() { Mre '%s (%s): %s' "$1" "$2" "$3"; }
# no_raw FILE: FILE holds no ESC, BEL, CR, C1 CSI or RLO byte sequence
no_raw() {
	for bad in "$ESC" "$BEL" "$(printf '\r')" "$(printf '\302\233')" "$RLO" "$ZWSP"; do
		if LC_ALL=C grep -q -- "$bad" "$1"; then cat -v "$1"; fail "a raw control reached $1"; fi
	done
}
H=4418210001
expect_exit 0 B init
expect_exit 0 B import households "$data/good.csv"
expect_exit 0 B user add wang --role caseworker --scope 441821 --name 王小明
before=$(sqlite3 d/bangfu.db "SELECT count(*) FROM events")

# --- in: refused, naming the field, nothing written ----------------------------------
expect_exit 1 B set $H 家庭人均纯收入 7300 --why "核实${ESC}]0;pwned${BEL}"
expect_grep "^bangfu: $(bad_char --why 'control character' '^\[ (' 001B ')' 3)" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "控制字符 ^\[ (U+001B)（第 3 个字符）不允许" err
no_raw err
expect_exit 1 B set $H 家庭人均纯收入 7300 --why "核实${RLO}"
expect_grep "^bangfu: $(bad_char --why 'text-direction control' '' 202E '' 3)" err
expect_exit 1 B set $H 家庭人均纯收入 7300 --why "$(printf '两行\n理由')"
expect_grep "^bangfu: $(bad_char --why 'line break' '^J (' 000A ')' 3 "$(M ' (one line only)')")" err
expect_exit 1 B set $H 家庭人均纯收入 7300 --why "$(printf '理%.0s' $(seq 301))"
expect_grep "^bangfu: $(too_long --why 301 300)" err
# a name with a zero-width space would look like 何旺 and not be found by /何旺
expect_exit 1 B set $H name "何${ZWSP}旺" --member 1 --why "改名"
expect_grep "$(field 姓名 name "$(bad_char '' 'invisible character' '' 200B '' 2 '')")" err
# 2000 characters: refused, not cut to what fits
long=$(printf '张%.0s' $(seq 2000))
expect_exit 1 B set $H name "$long" --member 1 --why "改名"
expect_grep "$(field 姓名 name "$(too_long '' 2000 64)")" err
expect_exit 1 B set $H address "$(printf 'x%.0s' $(seq 501))" --why "地址"
expect_grep "$(field 家庭住址 address "$(too_long '' 501 500)")" err
expect_exit 1 B visit add $H --visitor 小陈 --method 入户 --findings "病情${BEL}稳定" --why 走访
expect_grep "^bangfu: $(bad_char --findings 'control character' '^G (' 0007 ')' 3)" err
expect_exit 1 B measure add $H --group 就业 --detail "$(printf '岗%.0s' $(seq 501))" --why "就业帮扶"
expect_grep "^bangfu: $(too_long --detail 501 500)" err
expect_exit 1 B user add li --role caseworker --scope 441821 --name "李${RLO}四"
expect_grep "^bangfu: $(bad_char --name 'text-direction control' '' 202E '' 2)" err
expect_exit 1 B unit add "中山${ZWSP}大学" --kind 高校 --why "组团式帮扶高校"
expect_grep "$(bad_char "$(M 'unit name')" 'invisible character' '' 200B '')" err
expect_exit 1 B task add "核实${ESC}[2J" --kind 核实 --owner wang --household $H --why "安排"
expect_grep "$(bad_char title 'control character' '^\[ (' 001B ')')" err
expect_exit 1 B setting set category.x "类别${ESC}" --why "新增"
expect_grep "$(bad_char "$(M 'setting value')" 'control character' '^\[ (')" err
after=$(sqlite3 d/bangfu.db "SELECT count(*) FROM events")
[ "$before" = "$after" ] || fail "a refused input was written ($before events, then $after)"
# a multi-line note keeps its line break (CRLF from a spreadsheet becomes LF)
expect_exit 0 B visit add $H --visitor 小陈 --method 入户 --findings "$(printf '病情稳定\n下次带药')" --why 走访
expect_exit 0 B set $H address "$(printf '青竹村\r\n下围3号')" --why "地址核实"
expect_exit 0 B show $H
expect_grep 'address: 青竹村\\n下围3号' out

# --- out: history from before the rule cannot drive the terminal ---------------------
sqlite3 d/bangfu.db "UPDATE events SET reason = 'old' || char(27) || ']0;pwned' || char(7) ||
  char(27) || '[2J' || char(13) || CAST(X'E280AE' AS TEXT) || 'evil' || CAST(X'C29B' AS TEXT) || '31m'
  WHERE id = (SELECT max(id) FROM events)"
sqlite3 d/bangfu.db "UPDATE members SET name = '李' || char(27) || '[31m秀英' || CAST(X'E2808B' AS TEXT)
  WHERE household_id = 'H4418210000001' AND seq = 1"
expect_exit 0 B audit log $H
no_raw out
expect_grep "$(LINE=3 Mre '%.10s  event %lld  %s  %s (%s)\n    %s %s\n    why: %s\n' \
	'old^\[\]0;pwned^G^\[\[2J^M<U+202E>evil<U+009B>31m')" out
expect_exit 0 B show $H
no_raw out
expect_grep 'name: 李^\[\[31m秀英<U+200B>' out
expect_exit 0 B list
no_raw out
expect_grep '李^\[\[31m ' out   # fitted to its column, still shown
# messages on stderr too: an argument echoed back in an error
expect_exit 1 B show "x${ESC}[2J"
no_raw err
expect_grep 'x^\[\[2J' err
sqlite3 d/bangfu.db "UPDATE members SET name = '李秀英' WHERE household_id = 'H4418210000001' AND seq = 1"

# --- export: formula cells guarded, numbers left alone, byte-exact round trip ----------
expect_exit 0 B set $H name "=1+1" --member 1 --why "公式测试"
expect_exit 0 B set $H name "'@x" --member 2 --why "公式测试"
expect_exit 0 B set $H 家庭人均纯收入 -500 --why "负收入"
B export households --reveal --why 公式测试 > a.csv 2>/dev/null
grep -q ",'=1+1,441821" a.csv || { cat a.csv; fail "=1+1 not guarded"; }
grep -q ",''@x,441821" a.csv || fail "'@x not guarded"
grep -q ",-500," a.csv || fail "a negative amount was changed"
expect_exit 0 "$BANGFU" -d e init
expect_exit 0 "$BANGFU" -d e import households a.csv
expect_exit 0 "$BANGFU" -d e show $H
expect_grep '^name: =1+1$' out
expect_grep "^name: '@x$" out
"$BANGFU" -d e export households --reveal --why 公式测试 > b.csv 2>/dev/null
cmp a.csv b.csv || fail "export, import, export is not byte for byte"
# the files bangfu writes for people (rejected rows) are guarded the same way
printf '\357\273\277户编号,县区代码,乡镇,行政村,姓名,证件号码,与户主关系\r\n9,441821,迳头镇,青竹村,=cmd|x,441821197501011009,户主\r\n10,441821,迳头镇,青竹村,李四,441821199001011000,户主\r\n' > bad.csv
expect_exit 0 "$BANGFU" -d f init
expect_exit 0 "$BANGFU" -d f import households bad.csv --skip-bad
grep -q "'=cmd|x" bad.csv.rejected.csv || { cat bad.csv.rejected.csv; fail "rejected.csv not guarded"; }
