# A generated demo register exports, imports into an empty directory, and exports
# again byte for byte; the demo is deterministic for a seed.
# both locales
. "$TESTS/lib.sh"
expect_exit 0 "$BANGFU" -d a init
expect_exit 0 "$BANGFU" -d a demo --households 400 --seed 42
expect_grep "$(Mre 'added %d synthetic households (%d people, seed %lu) in %.1f s\n' 400 '[0-9]*' 42)" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "已添加 400 户模拟农户" out
"$BANGFU" -d a export households --reveal --why "迁移到新目录" > a.csv   # masked IDs cannot re-import
head -c 3 a.csv | od -An -tx1 | grep -q "ef bb bf" || fail "export lacks the UTF-8 BOM"
expect_exit 0 "$BANGFU" -d b init
expect_exit 0 "$BANGFU" -d b import households a.csv
"$BANGFU" -d b export households --reveal --why "核对迁移" > b.csv
cmp a.csv b.csv || fail "round trip differs"
# deterministic: the same seed gives the same register
expect_exit 0 "$BANGFU" -d c init
expect_exit 0 "$BANGFU" -d c demo --households 400 --seed 42
"$BANGFU" -d c export households --reveal --why "核对种子" > c.csv
cmp a.csv c.csv || fail "same seed, different register"
# every category of monitoring case is present, and the data is marked synthetic
for cat in 脱贫不稳定户 边缘易致贫户 突发严重困难户; do grep -q "$cat" a.csv || fail "no $cat"; done
git --git-dir=a/audit.git show HEAD~1 --format= | grep -q "^+synthetic: yes" || fail "not marked synthetic"
# households are read a chunk at a time (32, then 256): none lost or repeated at a
# chunk's edge, and the export (masked or revealed) is in the list's register order
"$BANGFU" -d a list --format tsv --limit 0 | tail -n +2 | cut -f2 > list.nos
[ "$(wc -l < list.nos)" -eq 400 ] && [ "$(sort -u list.nos | wc -l)" -eq 400 ] || fail "list: not 400 households"
for how in "" "--reveal --why 核对顺序"; do
	"$BANGFU" -d a export households --format tsv $how 2>/dev/null | tail -n +2 | cut -f1 | uniq > export.nos
	cmp list.nos export.nos || fail "export $how: not the list's households in its order"
done
# a masked export cannot be read back: the import names the masked ID number, stores nothing
"$BANGFU" -d a export households county:441821 > masked.csv
expect_exit 0 "$BANGFU" -d m init
expect_exit 1 "$BANGFU" -d m import households masked.csv
# (the "FILE:LINE: COLUMN: " before a defect is not a message)
expect_grep "masked.csv:2: 证件号码: $(Mre '"%s" is masked (copied from masked output): give the full number, e.g. from `export households --reveal --why TEXT`' '[0-9]\{4\}\*\{10\}[0-9X]\{4\}')$" err
n=$(grep -c '^masked.csv:' err)
expect_grep "^$(Mnre 'bangfu: %s: %d defect: nothing was imported (fix it, or use --skip-bad to import the good households)\n' \
	'bangfu: %s: %d defects: nothing was imported (fix them, or use --skip-bad to import the good households)\n' \
	"$n" masked.csv "$n")$" err
# in Chinese, every line of the refusal is: no English sentence left
[ "$LANGUAGE" != zh_CN ] || { expect_grep "是脱敏后的号码" err; expect_no_grep "is masked\|nothing was imported" err; }
# household sizes 1..7
expect_exit 0 "$BANGFU" -d a list
for n in 1 2 7; do grep -q " ${n}人 " out || fail "no household of $n"; done
# filters
expect_exit 0 "$BANGFU" -d a list category:边缘易致贫户
[ -s out ] && ! grep -v "$(M 边缘易致贫户)" out || fail "category filter"
expect_exit 0 "$BANGFU" -d a export households county:441821
expect_exit 2 "$BANGFU" -d a list colour:red
expect_grep "$(lit "$(cut_paren "$(Mf 'unknown filter "%s" (keys: county town village category type state risk income< income> relocated dibao tekun disability cadre track town_class)' colour:red)")")" err
[ "$LANGUAGE" != zh_CN ] || { expect_grep "未知的筛选条件" err; expect_no_grep "unknown\|[Uu]sage" err; }
expect_exit 0 "$BANGFU" -d a audit verify
# cells a spreadsheet would run as formulas are written with a leading ' and read back
# as they were (docs/text.md); a negative amount is a number, left as it is
h=$("$BANGFU" -d a list | head -1 | cut -d' ' -f1)
expect_exit 0 "$BANGFU" -d a set "$h" name "=SUM(A1:A9)" --member 1 --why "公式样的名字"
expect_exit 0 "$BANGFU" -d a set "$h" 家庭人均纯收入 -20 --why "负收入"
"$BANGFU" -d a export households --reveal --why 往返测试 > a2.csv 2>/dev/null
grep -q ",'=SUM(A1:A9)," a2.csv || fail "formula cell not guarded"
grep -q ",-20," a2.csv || fail "negative amount changed"
expect_exit 0 "$BANGFU" -d g init
expect_exit 0 "$BANGFU" -d g import households a2.csv
"$BANGFU" -d g export households --reveal --why 往返测试 > g.csv 2>/dev/null
cmp a2.csv g.csv || fail "round trip with formula cells differs"
