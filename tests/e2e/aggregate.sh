# `bangfu aggregate`: three county servers (each its own data directory, filled from a
# third of one demo register) aggregated into a province's read-only database: list,
# show, today, report and audit verify across the counties; every write refused; a
# change in one county and a second run applies only it; a rewritten county history
# and a household in two counties are refused naming the remotes; a login the counties
# disagree on is disabled, one they agree on keeps its scope.
# both locales
. "$TESTS/lib.sh"
me=$(id -un)
as() { who=$1; shift; BANGFU_TEST_LOGIN=$who "$BANGFU_TH" "$@"; }

# three counties' registers: a demo register split by 县区代码 (households never span two)
expect_exit 0 as "$me" -d src init
expect_exit 0 as "$me" -d src demo --households 60 --seed 7
expect_exit 0 as "$me" -d src export households --reveal --why 拆分 --output all.csv
python3 - <<'EOF'
import csv
rows = list(csv.reader(open('all.csv', encoding='utf-8-sig')))
col = rows[0].index('县区代码')
codes = sorted({r[col] for r in rows[1:]})
for k in range(3):
    with open(f'c{k + 1}.csv', 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        w.writerow(rows[0])
        w.writerows(r for r in rows[1:] if codes.index(r[col]) % 3 == k)
EOF
for i in 1 2 3; do
	# county 1 in the town layout of the history, as an older bangfu made it (the others
	# in the village layout of a new register: store/relayout.c)
	if [ $i = 1 ]; then town=1; else town=; fi
	expect_exit 0 env BANGFU_TEST_TOWN_LAYOUT=$town BANGFU_TEST_LOGIN="$me" "$BANGFU_TH" -d c$i init
	expect_exit 0 as "$me" -d c$i import households c$i.csv --why 县级台账
	as "$me" -d c$i list 2>/dev/null | cut -d' ' -f1 >ids$i
	[ -s ids$i ] || fail "county $i has no households"
done
git --git-dir=c1/audit.git ls-tree -r --name-only main | grep -Eq '^households/[0-9]{6}/[0-9]{9}/H' ||
	fail "county 1 is not in the town layout"
git --git-dir=c2/audit.git ls-tree -r --name-only main | grep -Eq '^households/[0-9]{6}/[0-9]{9}/[0-9]{12}/H' ||
	fail "county 2 is not in the village layout"
sort ids1 ids2 ids3 >ids.all
[ "$(wc -l <ids.all)" = 60 ] || fail "the three counties hold $(wc -l <ids.all) households, not 60"

expect_exit 0 as "$me" aggregate prov c1/audit.git c2/audit.git "file://$PWD/c3/audit.git"
expect_grep "$(Mre '%s (%s): events %ld, records applied %ld\n' c1 '.*c1/audit.git' 3)" err
expect_grep "$(Mre '%s (%s): events %ld, records applied %ld\n' c3 'file://.*c3/audit.git' 3)" err
git --git-dir=prov/audit.git for-each-ref --format='%(refname)' >refs
[ "$(cat refs | tr '\n' ' ')" = "refs/counties/c1 refs/counties/c2 refs/counties/c3 " ] ||
	fail "refs of the aggregate: $(cat refs)"
for i in 1 2 3; do
	[ "$(git --git-dir=prov/audit.git rev-parse refs/counties/c$i)" = \
	  "$(git --git-dir=c$i/audit.git rev-parse main)" ] || fail "refs/counties/c$i is not c$i's main"
done
git --git-dir=prov/audit.git fsck --no-progress >fsck 2>&1 || { cat fsck; fail "git fsck on the aggregate"; }

# reading across the counties
expect_exit 0 as "$me" -d prov list
en_grep "^60 households" err
cut -d' ' -f1 out | sort >ids.prov
cmp -s ids.all ids.prov || { diff ids.all ids.prov; fail "the aggregate does not list every county's households"; }
h1=$(head -1 ids1) h3=$(head -1 ids3)
expect_exit 0 as "$me" -d prov show "$h3"
expect_grep "^household: $h3" out
expect_exit 0 as "$me" -d c3 show "$h3"
cp out own3
expect_exit 0 as "$me" -d prov show "$h3"
expect_grep "^name: $(grep -m1 '^name:' own3 | cut -d' ' -f2)" out
# a county's case ids carry its number in the aggregate (each county numbers from 1)
hc=$(as "$me" -d c3 list 2>/dev/null | grep -m1 " $(M 帮扶中)$" | cut -d' ' -f1)
[ -n "$hc" ] || fail "county 3 has no household with a case"
expect_exit 0 as "$me" -d c3 show "$hc"
cid=$(grep -m1 '^\[case C' out | tr -d '[]' | cut -d' ' -f2)
expect_exit 0 as "$me" -d prov show "$hc"
expect_grep "^\[case $cid-3\]" out
expect_exit 0 as "$me" -d prov report
for i in 1 2 3; do
	expect_exit 0 as "$me" -d prov show "$(head -1 ids$i)"
	name=$(grep '^county_code:' out | cut -d' ' -f3)
	expect_exit 0 as "$me" -d prov report
	expect_grep "$name" out
done
expect_exit 0 as "$me" -d prov today
en_grep "^today " out
expect_exit 0 as "$me" -d prov audit verify
expect_grep "$(Mre 'county %s (%s): %ld events, each commit carrying its event in order\n' c2 '.*' 3)" out
en_grep "the database and the audit history agree" out

# every write is refused, in one place
for verb in "set $h1 hamlet 新围 --why 试" "import households c1.csv --why 试" \
            "user add cw --role caseworker --scope 44 --name 小陈" "setting set due_soon_days 5 --why 试"; do
	# shellcheck disable=SC2086
	expect_exit 1 as "$me" -d prov $verb
	expect_grep "$(Mre "this is an aggregate of county histories; change the county's own server (the next \`bangfu aggregate\` brings the change here)")" err
	[ "$LANGUAGE" != zh_CN ] || expect_grep "这是各县审计历史的汇总库" err
done
expect_exit 1 as "$me" aggregate c1 c2/audit.git
expect_grep "$(Mre "%s holds a county's own database, not an aggregate: aggregate into a directory of its own" c1)" err

# a change in county 2; the next run (no remotes: every county recorded) applies only it
h2=$(head -1 ids2)
expect_exit 0 as "$me" -d c2 set "$h2" hamlet 新围 --why 年度核实
expect_exit 0 as "$me" aggregate prov
expect_grep "$(Mre '%s (%s): up to date\n' c1)" err
expect_grep "$(Mre '%s (%s): up to date\n' c3)" err
expect_grep "$(Mre '%s (%s): events %ld, records applied %ld\n' c2 '.*' 1 1)" err
expect_exit 0 as "$me" -d prov show "$h2"
expect_grep "^hamlet: 新围" out
expect_exit 0 as "$me" -d prov audit log "$h2"
expect_grep "$(LINE=3 Mre '%.10s  event %lld  %s  %s (%s)\n    %s %s\n    why: %s\n' 年度核实)" out
expect_exit 0 as "$me" -d prov audit verify
[ "$(git --git-dir=prov/audit.git rev-parse refs/counties/c2)" = \
  "$(git --git-dir=c2/audit.git rev-parse main)" ] || fail "refs/counties/c2 did not move on"

# county 1 moves its files to the village layout: the next run applies the move (the
# files gone from their old paths are not households removed), and the aggregate verifies
expect_exit 0 as "$me" -d c1 audit relayout --why 按村分目录
expect_exit 0 as "$me" aggregate prov
expect_exit 0 as "$me" -d prov list
en_grep "^60 households" err
expect_exit 0 as "$me" -d prov audit log "$h1"
expect_grep 按村分目录 out
expect_grep 县级台账 out
expect_exit 0 as "$me" -d prov audit verify

# county 2's history rewritten (its last commit replaced): refused, nothing applied
G="git --git-dir=c2/audit.git"
new=$($G log -1 --format=%B main | sed 's/年度核实/改写/' |
      GIT_AUTHOR_NAME=x GIT_AUTHOR_EMAIL=x@x GIT_COMMITTER_NAME=x GIT_COMMITTER_EMAIL=x@x \
      $G commit-tree 'main^{tree}' -p main~1)
$G update-ref refs/heads/main "$new"
expect_exit 0 as "$me" -d c1 set "$h1" hamlet 东围 --why 另一县的修改
expect_exit 1 as "$me" aggregate prov
expect_grep "$(Mre "%s: the county's history no longer extends what was fetched from it (commit %.12s, event %ld): it was rewritten or moved back. Nothing applied; ask the county (\`bangfu audit verify --against\`)" '.*c2/audit.git')" err
expect_exit 0 as "$me" -d prov show "$h1"
expect_no_grep "^hamlet: 东围" out   # all or nothing: county 1's change waits too

# a household in two counties' histories: both remotes named, nothing applied
expect_exit 0 as "$me" -d c4 init
expect_exit 0 as "$me" -d c4 import households c3.csv --why 重复登记
expect_exit 1 as "$me" aggregate prov2 c3/audit.git c4/audit.git
expect_grep "$(Mre "household %s is in the histories of two counties: %s and %s (a household belongs to one county's server; nothing applied)" '.*' '.*c3/audit.git' '.*c4/audit.git')" err
# a province names many counties in one run (not seven at most): 12 remotes are taken,
# the first missing one is named
expect_exit 1 as "$me" aggregate prov4 $(seq -f 'nosuch%g.git' 1 12)
expect_grep "nosuch1.git" err

# users: one the counties agree on keeps her scope; one they disagree on is disabled
code3=$(grep -m1 '^county_code:' own3 | cut -d' ' -f2)
expect_exit 0 as "$me" -d c1 user add wang --role caseworker --scope "$code3" --name 王
expect_exit 0 as "$me" -d c3 user add wang --role caseworker --scope "$code3" --name 王
expect_exit 0 as "$me" -d c1 user add li --role caseworker --scope 44 --name 李
expect_exit 0 as "$me" -d c3 user add li --role caseworker --scope "$code3" --name 李
expect_exit 0 as "$me" aggregate prov3 c1/audit.git "$PWD/c3/audit.git"
expect_grep "$(Mre 'aggregate: user %s: %s records another role or scope than another county does: disabled in the aggregate\n' li)" err
expect_exit 0 as wang -d prov3 list
expect_no_grep "^$h1 " out
expect_grep "^$h3 " out
expect_exit 1 as li -d prov3 list

# a shared server (bangfu setgid to a group; needs root to make the accounts): the
# aggregate's directory must be listed in bangfu.conf; root names the remotes, a province
# administrator among the aggregate's users may only update, a caseworker may not
[ "$(id -u)" = 0 ] && reach_open "$(dirname "$BANGFU_TH")"
if [ "$(id -u)" = 0 ] && command -v useradd >/dev/null && command -v runuser >/dev/null &&
   others_reach "$(dirname "$BANGFU_TH")"; then
	g=bfag$$ p=bfap$$ q=bfaq$$
	tc=$(dirname "$BANGFU_TH")/bangfu-testconf
	confdir=$(cd "$(dirname "$BANGFU_TH")" && pwd)/testconf
	cleanup() { userdel "$p" 2>/dev/null || :; userdel "$q" 2>/dev/null || :; groupdel "$g" 2>/dev/null || :; rm -rf "$confdir"; reach_undo; }
	trap cleanup EXIT
	groupadd "$g"
	useradd -M -U -s /bin/sh "$p"
	useradd -M -U -s /bin/sh "$q"
	chmod 711 .
	top=$PWD
	install -d -m 755 bin
	install -o root -g "$g" -m 2755 "$tc" bin/bangfu
	install -d -o root -g "$g" -m 2770 srv srv/prov
	rm -rf "$confdir"
	install -d -o root -g root -m 755 "$confdir"
	printf 'data %s\n' "$top/srv/prov" >"$confdir/bangfu.conf"
	chmod 644 "$confdir/bangfu.conf"
	# a setgid bangfu reads the installed catalogs only (docs/language.md): which language
	# it speaks here depends on the mounts, so its words are checked in the English run
	expect_exit 0 as "$me" -d c1 user add "$p" --role admin --scope 44 --name 省管理员
	expect_exit 0 as "$me" -d c1 user add "$q" --role caseworker --scope 44 --name 省科员
	chgrp -R "$g" c1 && chmod -R g+rX c1   # the mirror the province keeps, its group's
	expect_exit 1 bin/bangfu aggregate "$top/elsewhere" c1/audit.git
	en_grep "refusing to start" err
	expect_exit 0 bin/bangfu aggregate "$top/srv/prov" c1/audit.git
	expect_exit 0 as "$me" -d c1 set "$h1" hamlet 西围 --why 省里更新
	chgrp -R "$g" c1 && chmod -R g+rX c1
	expect_exit 1 runuser -u "$p" -- bin/bangfu aggregate "$top/srv/prov" c2/audit.git
	en_grep "with remotes on a shared server is for root" err
	expect_exit 1 runuser -u "$q" -- bin/bangfu aggregate "$top/srv/prov"
	en_grep "for root or an administrator of the whole province (44): $q is neither" err
	expect_exit 0 runuser -u "$p" -- bin/bangfu aggregate "$top/srv/prov"
	en_grep "c1 (.*): events 1, records applied 1" err
	expect_exit 0 runuser -u "$q" -- bin/bangfu -d "$top/srv/prov" show "$h1"
	expect_grep "^hamlet: 西围" out
	expect_exit 1 runuser -u "$q" -- bin/bangfu -d "$top/srv/prov" set "$h1" hamlet 北围 --why 试
	en_grep "this is an aggregate of county histories" err
else
	reach_undo
	echo "aggregate: the shared-server part skipped (needs root, useradd, runuser and a build directory other accounts can reach)"
fi
