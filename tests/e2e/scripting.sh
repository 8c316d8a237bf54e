# --format tsv|json for show, case queue, task list and today: parses, the documented
# field names (docs/scripting.md), masked as the text output is.
# both locales
. "$TESTS/lib.sh"
py=/usr/bin/python3
command -v $py >/dev/null || { echo "needs python3"; exit 77; }
B() { BANGFU_TEST_LOGIN=$(id -un) BANGFU_TODAY=2026-06-30 "$BANGFU_TH" -d d "$@"; }
expect_exit 0 B init
expect_exit 0 B demo --households 20 --seed 3
H=$(B list 2>/dev/null | awk 'NR==1 {print $1}')
expect_exit 0 B case open "$H" --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --date 2026-06-01 --why 排查
expect_exit 0 B task add 核实 --kind 核实 --household "$H" --due 2026-06-10 --why 安排

check_json() {   # FILE PYTHON-EXPRESSION-ON-d
	$py -c "import json; d = json.load(open('$1')); assert $2, d" || fail "$1: $2"
}
expect_exit 0 B show "$H" --format json
cp out show.json
check_json show.json 'len(d) >= 1 and d[0]["household_no"] and "*" in d[0]["id_number"]'
expect_exit 0 B case queue --format json
cp out queue.json
check_json queue.json 'any(r["household"] == "'"$H"'" and r["state"] == "线索" for r in d)'
expect_exit 0 B task list --format json --owner me
cp out tasks.json
check_json tasks.json 'any(r["kind"] == "verification" and r["household"] == "'"$H"'" for r in d)'
expect_exit 0 B today --format tsv
[ "$(head -1 out)" = "$(printf 'due\tdays_overdue\tkind\trule\ttask\towner\tstatus\thousehold\tcase\ttitle\tflag\tcount\thouseholds')" ] \
	|| fail "today tsv header: $(head -1 out)"
expect_grep "	20	verification	" out
expect_exit 2 B case queue --format xlsx
expect_grep "$(Mf '--format takes %s' "$(M 'text, tsv or json')")" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "可取 text、tsv 或 json" err
expect_exit 2 B show "$H" --format=yaml
expect_grep "$(Mf '--format takes %s' "$(M 'text, tsv or json')")" err
echo "scripting: ok"
