# Pairing assistance (结对帮扶): units, town teams, county pairs and cadre ↔ household
# pairs. Only administrators and county approvers add them, inside their scope; bad units,
# towns and dates are refused; everyone reads (teams and pairs cut to scope, units shared);
# each addition is one commit by its author with its reason; `audit verify` passes and
# `rebuild` restores the same lists. Other Unix users are simulated with the test-hooks
# build (BANGFU_TEST_LOGIN).
# both locales
. "$TESTS/lib.sh"
NL='
'
# the refusals of a role that may not add WHAT, of a region outside the scope, and of dates
not_allowed() { expect_grep "$(Mre 'only an administrator or a county approver may add %s (you are %s %s)' "$(M "$1")" "$2")" err; }
outside() { expect_grep "$(Mf '%s in region %s is outside your scope %s' "$(M "$1")" "$2" "$3")" err; }
end_before() { expect_grep "$(Mf 'end %s is before start %s' "$1" "$2")" err; }
unknown_unit() { expect_grep "$(Mre 'unknown unit "%s": give a unit id or its exact name (`bangfu unit list`), or add it with `bangfu unit add`' "$1")" err; }
added_team() { expect_grep "$(Mre "added town team %s for %s %s, led by %s %s$NL" '.*' "$1" "$2")" out; }
data="$TESTS/e2e/data"
me=$(id -un)
git_log() { git --git-dir=d/audit.git "$@"; }
lists() { for who in "$me" chen wang gz; do
	for verb in "unit list" "team list" "pair list"; do echo "== $who $verb"; as "$who" $verb; done
done; }

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why "台账导入"
expect_exit 0 as "$me" demo --households 50
other_town=$(sqlite3 d/bangfu.db "SELECT code FROM regions WHERE level = 3 AND code NOT LIKE '441821%' ORDER BY code LIMIT 1")
other_county=$(echo "$other_town" | cut -c1-6)
[ -n "$other_town" ] || fail "the demo made no town outside 佛冈县"
expect_exit 0 as "$me" user add chen --name 陈县审批 --role county --scope 441821
expect_exit 0 as "$me" user add zhao --name 赵镇审核 --role township --scope 441821107
expect_exit 0 as "$me" user add wang --name 王村经办 --role caseworker --scope 441821107202
expect_exit 0 as "$me" user add he --name 何县审批 --role county --scope "$other_county"
expect_exit 0 as "$me" user add gz --name 广州对口办 --role county --scope 440100
expect_exit 0 as "$me" user add li --name 李审计 --role auditor --scope 441821
commits0=$(git_log rev-list --count HEAD)

# --- units --------------------------------------------------------------------------
expect_exit 0 as "$me" unit add 中山大学 --kind 高校 --why "组团式帮扶高校"
expect_grep "$(Mf "added unit %s %s (%s %s, region %s%s%s)$NL" U0000001 中山大学 university "$(M 高校)" 44 "" "")" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "已添加帮扶单位 U0000001 中山大学" out
expect_exit 0 as chen unit add 佛冈县农业农村局 --kind government --why "县直帮扶单位"
expect_grep "$(Mf "added unit %s %s (%s %s, region %s%s%s)$NL" U0000002 佛冈县农业农村局 government "$(M 党政机关)" 441821 "" "")" out
expect_exit 0 as "$me" unit add 广州某集团 --kind enterprise --region 440100 --why "对口帮扶企业"
expect_exit 1 as wang unit add 村里的合作社 --kind enterprise --why x
not_allowed 'a unit' caseworker
expect_exit 1 as li unit add 审计局 --kind government --why x
not_allowed 'a unit' auditor
expect_exit 1 as chen unit add 广州某局 --kind government --region 440100 --why x
outside 'a unit' 440100 441821
expect_exit 1 as "$me" unit add 某银行 --kind bank --why x
expect_grep "$(Mre 'unit kind "%s": give one of %s (or add one: setting unit_kind.CODE)' bank)" err
expect_exit 1 as "$me" unit add "甲单位，乙单位" --kind university --why x
expect_grep "$(Mf 'unit name "%s": no , ， or 、 (they separate the units of a team)' 甲单位，乙单位)" err
expect_exit 1 as "$me" unit add 中山大学 --kind university --why x
expect_grep "$(Mf 'unit "%s" already exists (%s)' 中山大学 U0000001)" err
expect_exit 2 as "$me" unit add 无理由 --kind university
expect_grep "$(M '--why TEXT is required: every change says why')" err
expect_exit 0 as wang unit list
[ "$(grep -c '^U000000' out)" -eq 3 ] || fail "units are shared: wang should see all 3"
expect_exit 0 as wang unit list --kind 高校
[ "$(grep -c '^U000000' out)" -eq 1 ] || fail "unit list --kind"
expect_grep "中山大学 ($(M 高校))" out

# --- town teams ---------------------------------------------------------------------
expect_exit 0 as chen team add 迳头镇 --lead 中山大学 --members "佛冈县农业农村局， U0000003" \
	--leader 张队长 --round 2023 --start 2023-06-01 --end 2025-12-31 --why "2023年驻镇帮镇扶村"
expect_grep "$(Mf "added town team %s for %s %s, led by %s %s$NL" TM0000001 441821107 迳头镇 U0000001 中山大学)" out
expect_exit 1 as zhao team add 441821107 --lead 中山大学 --leader 某 --round 2024 --start 2024-01-01 --why x
not_allowed 'a town team' township
expect_exit 1 as chen team add "$other_town" --lead 中山大学 --leader 某 --start 2024-01-01 --why x
outside 'a town team' "$other_town" 441821
expect_exit 1 as chen team add 迳头镇 --lead 不存在的单位 --leader 某 --round 2024 --start 2024-01-01 --why x
unknown_unit 不存在的单位
expect_exit 1 as chen team add 迳头镇 --lead U0000001 --members U0000009 --leader 某 --round 2024 --start 2024-01-01 --why x
unknown_unit U0000009
expect_exit 1 as chen team add 不存在镇 --lead U0000001 --leader 某 --start 2024-01-01 --why x
expect_grep "$(Mf 'no %s named "%s" in %s: give its %zu-digit code or its name' "$(M town)" 不存在镇 441821 9)" err
expect_exit 1 as chen team add 迳头镇 --lead U0000001 --leader 某 --round 2024 --start 2024-02-30 --why x
expect_grep "$(Mre 'start "%s" is not a date (%s)' 2024-02-30)" err
expect_exit 1 as chen team add 迳头镇 --lead U0000001 --leader 某 --round 2024 --start 2024-06-01 --end 2024-01-01 --why x
end_before 2024-01-01 2024-06-01
expect_exit 1 as chen team add 迳头镇 --lead U0000001 --members 中山大学 --leader 某 --round 2024 --start 2024-06-01 --why x
expect_grep "$(Mf 'member units: %s is already the lead unit' U0000001)" err
expect_exit 1 as chen team add 迳头镇 --lead U0000002 --leader 某 --round 2023 --start 2023-06-01 --why x
expect_grep "$(Mf 'town %s already has a team for round %s (%s)' 441821107 2023 TM0000001)" err
expect_exit 0 as zhao team list
expect_grep "$(Mf '%s  %s %s  round %s  ' TM0000001 441821107 迳头镇 2023)2023-06-01..2025-12-31$(Mf "  leader %s$NL    lead   %s %s$NL" 张队长 | sed -n 1p)" out
expect_grep "$(Mf "    with   %s (%s)$NL" 佛冈县农业农村局、广州某集团 U0000002,U0000003)" out
expect_exit 0 as he team list
[ ! -s out ] || fail "a county approver elsewhere sees 迳头镇's team"
# a town by name is looked up within the county of the caller's scope: 东城街道 is one
# place for a 清城区 approver, three for a province administrator (refused, each listed),
# and one again with its county before it; a town no household named yet is found too
expect_exit 1 as "$me" team add 东城街道 --lead U0000001 --leader 某 --round 2024 --start 2024-01-01 --why x
expect_grep "$(Mf '%s name "%s" is ambiguous in %s: %s%s; give the code, or the name with its %s before it' "$(M town)" 东城街道 "$(M Guangdong)" "441284002 四会市东城街道, 441802007 清城区东城街道, 441900003 东莞市东城街道" "" "$(M county)")" err
expect_exit 0 as "$me" team add 东莞市东城街道 --lead U0000001 --leader 李队长 --round 2024 --start 2024-01-01 --why 驻镇
added_team 441900003 东城街道
expect_exit 0 as "$me" user add qc --name 清城审批 --role county --scope 441802 --why 新人
expect_exit 0 as qc team add 东城街道 --lead U0000001 --leader 王队长 --round 2024 --start 2024-01-01 --why 驻镇
added_team 441802007 东城街道
expect_exit 0 as qc team list 东城街道
expect_grep "$(Mre '%s  %s %s  round %s  ' 'TM[0-9]*' 441802007 东城街道 2024)" out
expect_exit 0 as chen team add 龙山镇 --lead U0000001 --leader 赵队长 --round 2024 --start 2024-01-01 --why 驻镇
added_team 441821103 龙山镇

# --- county pairs -------------------------------------------------------------------
expect_exit 0 as "$me" pair add county 广州市 佛冈县 --round 2023 --start 2023 --end 2025 --why "粤府办对口帮扶名单"
expect_grep "$(Mf "added county pair %s: %s %s → %s %s$NL" P0000001 440100 广州市 441821 佛冈县)" out
expect_exit 1 as he pair add county 440100 441821 --start 2023 --why x
outside 'a county pair' 441821 "$other_county"
expect_exit 1 as chen pair add county 广州市 佛冈县 --start 2025 --end 2023 --why x
end_before 2023 2025
expect_exit 1 as chen pair add county 火星市 佛冈县 --start 2023 --why x
expect_grep "$(Mf 'unknown helper "%s": give a city or district (code or name) or an assistance unit' 火星市)" err
expect_exit 1 as chen pair add county 广州市 火星县 --start 2023 --why x
expect_grep "$(Mf 'unknown county "%s": the helped side is a county-level code or name (e.g. 441821 佛冈县), a town, or a county outside Guangdong by its 6-digit code with --name' 火星县)" err
expect_exit 1 as chen pair add friends 广州市 佛冈县 --start 2023 --why x
expect_grep "$(Mf 'pair kind "%s": give county (对口帮扶) or cadre (帮扶责任人)' friends)" err
expect_exit 0 as chen pair add county 广州某集团 佛冈县 --programme 产业协作 --start 2024-01-01 --why "企业产业协作"
expect_grep "$(Mf "added county pair %s: %s %s → %s %s$NL" P0000002 U0000003 广州某集团 441821 佛冈县)" out

# --- cadre ↔ household pairs ------------------------------------------------------------
expect_exit 0 as chen pair add cadre 陈干部 4418210001 --unit 佛冈县农业农村局 --phone 13800138000 \
	--start 2024-01-01 --why "落实帮扶责任人"
expect_grep "$(Mf "added cadre pair %s: %s (%s %s) → household %s$NL" P0000003 陈干部 U0000002 佛冈县农业农村局 H4418210000001)" out
expect_exit 1 as he pair add cadre 何干部 4418210001 --unit U0000001 --why x
expect_grep "$(Mre "no household \"%s\" in your scope (%s): give a bangfu id, a 户编号 or a member's ID number" 4418210001)" err
expect_exit 1 as zhao pair add cadre 赵干部 4418210001 --unit U0000001 --why x
not_allowed 'a cadre pair' township
expect_exit 1 as chen pair add cadre 某干部 4418210002 --unit 不存在的单位 --why x
unknown_unit 不存在的单位
expect_exit 1 as chen pair add cadre 某干部 4418210002 --why x
expect_grep "$(M "the cadre's unit is required (--unit UNIT)")" err
expect_exit 1 as chen pair add cadre 某干部 4418210002 --unit U0000001 --phone 123 --why x
expect_grep "$(Mf 'phone: %s' "$(Mf '"%s" is neither an 11-digit mobile nor a landline' 123)")" err
expect_exit 1 as chen pair add cadre 某干部 4418210002 --unit U0000001 --start 2024-05-01 --end 2024-04-01 --why x
end_before 2024-04-01 2024-05-01

# --- who sees which pairs -------------------------------------------------------------
expect_exit 0 as wang pair list
expect_grep "P0000003  cadre $(M 帮扶责任人)  陈干部 (U0000002 佛冈县农业农村局, 138\*\*\*\*8000) → H4418210000001  2024-01-01.." out
expect_no_grep "13800138000" out                    # the cadre's phone is masked
expect_no_grep "P0000001" out
expect_exit 0 as chen pair list county
expect_grep "P0000001  county $(M 对口帮扶)  $(Mf '%s %s → %s %s  %s %s  round %s  ' 440100 广州市 441821 佛冈县 assistance "$(M 对口帮扶协作)" 2023)2023..2025" out
expect_grep "P0000002  county $(M 对口帮扶)  U0000003 广州某集团 → 441821 佛冈县  industry $(M 产业协作)" out
expect_no_grep "P0000003" out
expect_exit 0 as gz pair list
expect_grep "P0000001" out
expect_no_grep "P0000003" out
expect_exit 0 as he pair list
[ ! -s out ] || fail "a county approver elsewhere sees 佛冈县's pairs"
expect_exit 0 as chen pair list --household 4418210001
[ "$(grep -c '^P' out)" -eq 1 ] || fail "pair list --household"

# --- the audit history: one commit per addition, with who and why ----------------------
added=$(($(git_log rev-list --count HEAD) - commits0))
[ "$added" -eq 11 ] || fail "expected 11 commits (3 units, 4 teams, 1 user, 3 pairs), got $added"
git_log log --format='%an <%ae>|%s' -"$added" > log.txt
expect_grep "^陈县审批 <chen@bangfu>|team add TM0000001: " log.txt
expect_grep "^陈县审批 <chen@bangfu>|pair add P0000003: " log.txt
expect_grep "|unit add U0000001: " log.txt
[ "$(grep -c '|pair add P[0-9]*: ' log.txt)" -eq 3 ] || fail "3 pair commits"
git_log log -1 --format=%B -- teams/0000/TM0000001.txt > msg.txt
expect_grep "2023年驻镇帮镇扶村" msg.txt
git_log show --stat --format= HEAD > stat.txt
[ "$(grep -c '|' stat.txt)" -eq 1 ] || fail "a pair add touches one file"
git_log show HEAD:teams/0000/TM0000001.txt > team.txt
expect_grep "^lead_unit: U0000001$" team.txt
expect_grep "^member_unit_names: 佛冈县农业农村局、广州某集团$" team.txt
git_log show HEAD:units/0000/U0000001.txt > unit.txt
expect_grep "^kind: university 高校$" unit.txt
git_log show HEAD:pairs/0000/P0000003.txt > pair.txt
expect_grep "^region: 441821107202$" pair.txt
expect_exit 0 as "$me" audit verify

# --- rebuild from the history alone: the same lists, verify passes ---------------------
lists > before.txt
mv d/bangfu.db saved.db; rm -f d/bangfu.db-wal d/bangfu.db-shm
expect_exit 0 as "$me" rebuild
lists > after.txt
cmp before.txt after.txt || { diff before.txt after.txt; fail "lists differ after rebuild"; }
expect_exit 0 as "$me" audit verify
# the history goes on: the next unit is U0000004
expect_exit 0 as "$me" unit add 华南农业大学 --kind university --why "新增帮扶高校"
expect_grep "$(Mre "added unit %s %s (%s %s, region %s%s%s)$NL" U0000004)" out
expect_exit 0 as "$me" audit verify
