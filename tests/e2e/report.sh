# bangfu report: every table in text, tsv, json, csv and xlsx (a sheet per table); the
# counts agree with list; cut to scope (a county caseworker sees only her county); a
# lead past 15 days and an overdue task are listed; --table picks one. The terminal
# table's titles and headers are in the reader's language; the csv's column headers and
# the xlsx's sheet names are the national Chinese ones whatever the language.
# both locales
. "$TESTS/lib.sh"
me=$(id -un)
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login BANGFU_TODAY=2026-06-30 "$BANGFU_TH" -d d "$@"; }
py=/usr/bin/python3
expect_exit 0 as "$me" init
expect_exit 0 as "$me" demo --households 60 --seed 7
H=$(as "$me" list 2>/dev/null | awk 'NR==1 {print $1}')
county=$(echo "$H" | cut -c2-7)
expect_exit 0 as "$me" user add wang --name 王 --role caseworker --scope "$county"
expect_exit 0 as "$me" case open "$H" --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --date 2026-06-01 --why 排查
expect_exit 0 as "$me" task add 核实 --kind 核实 --owner wang --household "$H" --due 2026-06-10 --why 安排

expect_exit 0 as "$me" report
expect_grep "^$(M "超过15天未决的线索")$" out
expect_grep "^$(M "月份") *$(M "新增线索") *$(M "风险消除")" out
if [ "$LANGUAGE" = zh_CN ]; then expect_grep "^超过15天未决的线索$" out
else expect_grep "^leads undecided after 15 days$" out; fi
expect_grep "█" out
expect_exit 0 as "$me" report --format json
cp out all.json
$py - "$H" <<'PY' || fail "report json"
import json, sys
h = sys.argv[1]
d = json.load(open("all.json"))
for t in ("places", "states", "categories", "risks", "leads_overdue", "visits_overdue",
          "tasks_overdue", "monthly", "measures"):
    assert t in d, t
assert sum(r["households"] for r in d["places"]) == 60 + 0, d["places"][:2]
assert any(r["household"] == h and r["days"] >= 15 for r in d["leads_overdue"]), d["leads_overdue"]
assert any(r["owner"] == "wang" and r["days"] == 20 for r in d["tasks_overdue"]), d["tasks_overdue"]
assert any(r["risk"] == "因病" for r in d["risks"]), d["risks"]
assert any(r["month"] == "2026-06" and r["new_cases"] >= 1 for r in d["monthly"]), d["monthly"]
PY
expect_exit 0 as "$me" list
total=$(grep -c . out)
[ "$total" -eq 60 ] || fail "list shows $total"

# scope: wang sees only her county
expect_exit 0 as wang report --format tsv --table places
expect_grep "^county	town	households	people	monitored" out
n=$(tail -n +2 out | awk -F'\t' '{s += $3} END {print s}')
expect_exit 0 as wang list
[ "$n" -eq "$(grep -c . out)" ] || fail "wang's report counts $n, her list $(grep -c . out)"
[ "$n" -lt 60 ] || fail "wang's report is not cut to her county"

expect_exit 0 as "$me" report --format xlsx -o r.xlsx
$py -c '
import openpyxl
wb = openpyxl.load_workbook("r.xlsx")
assert len(wb.sheetnames) == 9 and wb.sheetnames[0] == "各镇户数人数", wb.sheetnames
ws = wb["各镇户数人数"]
assert ws.freeze_panes == "A2" and ws["C2"].data_type == "n", (ws.freeze_panes, ws["C2"].value)
' || fail "report xlsx"
expect_exit 0 as "$me" report --format csv --table measures
expect_grep "措施类别" out
expect_exit 2 as "$me" report --table nosuch
expect_grep "^bangfu: $(Mf 'no report table "%s" (bangfu report --help lists them)' nosuch)$" err
expect_exit 2 as "$me" report --format pdf
echo "report: ok"
