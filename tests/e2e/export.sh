# Spreadsheets: export households|cases|measures|visits|tasks as csv, GBK csv and xlsx;
# the xlsx read back with openpyxl (ID numbers, 户编号 and phones as text cells intact,
# Chinese headers, frozen header row, autofilter, widths; a formula-like name stays a
# string); masked unless --reveal --why; -o FILE; list --format json parses and tsv has
# the documented field names; the csv formula guard holds in every csv export.
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
B() { "$BANGFU" -d d "$@"; }
py=/usr/bin/python3
$py -c 'import openpyxl' 2>/dev/null || { echo "needs python3-openpyxl (make deps)"; exit 77; }
expect_exit 0 B init
expect_exit 0 B import households "$data/good.csv"
expect_exit 0 B demo --households 30 --seed 4
H=$(B list 2>/dev/null | awk 'NR==1 {print $1}')
expect_exit 0 B set "$H" name "=1+1" --member 1 --why "公式测试"
expect_exit 0 B task add "核实收入" --kind 核实 --household "$H" --due 2026-12-30 --why 任务

# households: csv (unchanged default), xlsx to -o FILE, GBK csv
expect_exit 0 B export households
cp out plain.csv
expect_exit 0 B export households --format xlsx -o masked.xlsx
[ ! -s out ] || fail "-o FILE wrote to standard output"
expect_exit 0 B export households --format=xlsx --reveal --why 报送 -o full.xlsx
expect_grep "$(M ' with full ID numbers and phones (recorded: audit reveals)')" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "含完整身份证号和电话" err
expect_exit 0 B export households --reveal --why 报送
cp out full.csv
expect_exit 0 B export households --encoding gbk -o gbk.csv
tail -c +4 plain.csv > plain-nobom.csv
iconv -f GB18030 -t UTF-8 gbk.csv > gbk-utf8.csv || fail "the gbk export does not decode"
cmp -s gbk-utf8.csv plain-nobom.csv || fail "the gbk export differs from the UTF-8 one"
head -c 3 gbk.csv | od -An -tx1 | grep -q 'ef bb bf' && fail "a GBK csv with a UTF-8 BOM"
grep -q ",'=1+1," plain.csv || fail "csv formula guard lost"
expect_exit 2 B export households --format xlsx --encoding gbk
expect_grep "$(M '--encoding gbk is only for csv and tsv')" err
expect_exit 2 B export households --format pdf
expect_grep "$(Mf '--format takes %s' "$(M 'csv, xlsx, tsv or json')")" err
expect_exit 2 B export households --reveal --format xlsx -o x.xlsx
expect_grep "$(M '--reveal needs --why TEXT: who looked at full ID numbers and phones, and why, is recorded')" err
expect_exit 1 B export households --format xlsx -o nodir/x.xlsx
expect_grep "nodir/x.xlsx" err

# the first data row of full.csv, as the xlsx must hold it
$py - full.xlsx masked.xlsx full.csv <<'PY' || fail "xlsx read back"
import csv, sys, openpyxl
full, masked, fullcsv = sys.argv[1:4]
rows = list(csv.reader(open(fullcsv, encoding="utf-8-sig")))
wb = openpyxl.load_workbook(full)
ws = wb.active
assert ws.title == "农户信息", ws.title
assert ws.freeze_panes == "A2", ws.freeze_panes
assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.auto_filter.ref
head = [c.value for c in ws[1]]
assert head == rows[0], (head, rows[0])
assert ws.max_row == len(rows), (ws.max_row, len(rows))
col = {name: i for i, name in enumerate(head)}
ids = 0
for r, want in zip(ws.iter_rows(min_row=2), rows[1:]):
    for name in ("证件号码", "户编号", "联系电话", "县区代码"):
        c = r[col[name]]
        v = want[col[name]]
        if v:
            assert c.data_type == "s" and c.value == v, (name, c.value, c.data_type, v)
    idn = r[col["证件号码"]].value
    if idn and len(idn) == 18 and "*" not in idn:
        ids += 1
    inc = r[col["家庭人均纯收入"]]
    if want[col["家庭人均纯收入"]]:
        assert inc.data_type == "n" and float(inc.value) == float(want[col["家庭人均纯收入"]]), inc.value
    name = r[col["姓名"]]
    w = want[col["姓名"]]
    assert name.value == (w[1:] if w.startswith("'=") else w), (name.value, w)
assert ids >= 30, ids
names = [row[col["姓名"]] for row in ws.iter_rows()]
formula = [c.value for c in names if c.value == "=1+1"]
assert formula and all(c.data_type == "s" for c in names if c.value == "=1+1"), "formula cell"
assert (ws.column_dimensions["A"].width or 0) > 10, ws.column_dimensions["A"].width
assert ws["A1"].font.b
m = openpyxl.load_workbook(masked).active
vals = [row[col["证件号码"]].value for row in m.iter_rows(min_row=2) if row[col["证件号码"]].value]
assert vals and all("*" in v for v in vals), vals[:3]
print("xlsx ok:", ws.max_row - 1, "rows,", ids, "full ID numbers")
PY

# cases, measures, visits, tasks
for what in cases measures visits tasks; do
	expect_exit 0 B export $what --format xlsx -o $what.xlsx
	expect_exit 0 B export $what
	expect_grep "^.帮扶编号\|^.任务编号" out
done
$py -c '
import openpyxl
for w, t in (("cases", "监测对象"), ("measures", "帮扶措施"), ("visits", "走访记录"), ("tasks", "任务")):
    ws = openpyxl.load_workbook(w + ".xlsx").active
    assert ws.title == t, (w, ws.title)
    assert ws.max_row >= 2, (w, ws.max_row)
' || fail "cases/measures/visits/tasks xlsx"

# list --format
expect_exit 0 B list --format json
$py -c 'import json,sys; d = json.load(open("out")); assert len(d) >= 30 and d[0]["id"].startswith("H") and isinstance(d[0]["members"], int), d[:1]' \
	|| fail "list --format json does not parse"
expect_exit 0 B list --format tsv --limit 3
[ "$(head -1 out)" = "$(printf 'id\thousehold_no\thead\tmembers\tcounty\ttown\tvillage\ttype\tincome\tcase\tcategory\tstate')" ] \
	|| fail "list tsv header: $(head -1 out)"
[ "$(wc -l < out)" -eq 4 ] || fail "list --format tsv --limit 3"
expect_exit 2 B list --format xlsx
echo "export: ok"
