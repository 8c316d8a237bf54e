# Commit subjects that plain git reads well: "verb what subject: why" with the trailers
# (Bangfu-Event, -Uid, -Verb, -Subject); a history in the first form ("verb: subject",
# two trailers) still verifies and rebuilds. The recipes are docs/audit.md's.
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
g() { git --git-dir=d/audit.git "$@"; }
agree=$(Mre 'audit verify: the database and the audit history agree\n')
expect_exit 0 "$BANGFU" -d d init
expect_exit 0 "$BANGFU" -d d import households "$data/good.csv" --why "季度台账导入"
expect_exit 0 "$BANGFU" -d d set 4418210001 家庭住址 "石角镇新村1号" --why "年度核实"
expect_exit 0 "$BANGFU" -d d set 4418210001 phone 13900139000 --member 2 --why "电话变更"
long="户主本人到村委会说明情况：原登记地址为旧宅，已于去年搬入新建住房，村干部入户核实无误后更正"
expect_exit 0 "$BANGFU" -d d set 4418210002 家庭住址 "龙山镇上岳村2号" --why "$long"
expect_exit 0 "$BANGFU" -d d case open 4418210002 --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why "村医反映"
expect_exit 0 "$BANGFU" -d d case move C0000002 visit --consent "$(date +%F)" --why "入户核实"
g log --format=%s > subjects.txt
expect_grep "^set 家庭住址 H4418210000001: 年度核实$" subjects.txt
expect_grep "^set 成员2 联系电话 H4418210000001: 电话变更$" subjects.txt
expect_grep "^case move 入户核实 C0000002: 入户核实$" subjects.txt
expect_grep "^import 2 households (2 new, 0 updated): 季度台账导入$" subjects.txt
# a long reason: its first 40 characters and "…" on the subject line, all of it in the body
expect_grep "^set 家庭住址 H4418210000002: 户主本人到村委会说明情况：原登记地址为旧宅，已于去年搬入新建住房，村干部入户核实…$" subjects.txt
g log --format=%B > body.txt
expect_grep "^$long$" body.txt
# the recipes: one household's story, oneline, by trailer, by reason
g log --oneline -- households/441821/441821107/441821107202/H4418210000001.txt > story.txt
[ "$(grep -c ' set ' story.txt)" -eq 2 ] || { cat story.txt; fail "two sets on household 1"; }
[ "$(sort -u -k2 story.txt | wc -l)" -eq "$(wc -l < story.txt)" ] || fail "identical lines in the story"
g log --format='%(trailers:key=Bangfu-Subject,valueonly)' | grep -c "H4418210000001$" > n
[ "$(cat n)" -eq 2 ] || fail "Bangfu-Subject trailers: $(cat n)"
[ "$(g log --grep='^Bangfu-Verb: case move$' --format=%h | wc -l)" -eq 1 ] || fail "git log --grep on the verb trailer"
expect_exit 0 "$BANGFU" -d d audit verify
expect_grep "$agree" out
"$BANGFU" -d d audit log | sed 's/^[0-9a-f]\{10\} /COMMIT /' > log.before

# Rewrite the history into the first form, as bangfu wrote it before, commit by commit
# (same trees, authors and times), then rebuild the database from it: verify passes and
# the log reads the same.
parent=
for c in $(g rev-list --reverse HEAD); do
	verb=$(g log -1 --format='%(trailers:key=Bangfu-Verb,valueonly)' "$c")
	subj=$(g log -1 --format='%(trailers:key=Bangfu-Subject,valueonly)' "$c")
	ev=$(g log -1 --format='%(trailers:key=Bangfu-Event,valueonly)' "$c")
	uid=$(g log -1 --format='%(trailers:key=Bangfu-Uid,valueonly)' "$c")
	g log -1 --format=%B "$c" | awk 'NR > 2 && /^Bangfu-Event: / { exit } NR > 2 { print }' |
		sed '$d' > reason
	{ printf '%s: %s\n\n' "$verb" "$subj"; cat reason; printf '\nBangfu-Event: %s\nBangfu-Uid: %s\n' "$ev" "$uid"; } > msg
	export GIT_AUTHOR_NAME="$(g log -1 --format=%an "$c")" GIT_AUTHOR_EMAIL="$(g log -1 --format=%ae "$c")"
	export GIT_AUTHOR_DATE="$(g log -1 --format=%ad --date=raw "$c")"
	export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL" GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE"
	parent=$(g commit-tree ${parent:+-p "$parent"} -F msg "$(g log -1 --format=%T "$c")")
done
g update-ref refs/heads/main "$parent"
g log --format=%s > old.txt
expect_grep "^set: 家庭住址 H4418210000001$" old.txt
mv d/bangfu.db saved.db; rm -f d/bangfu.db-wal d/bangfu.db-shm
expect_exit 0 "$BANGFU" -d d rebuild
expect_exit 0 "$BANGFU" -d d audit verify
expect_grep "$agree" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "数据库与审计历史一致" out
"$BANGFU" -d d audit log | sed 's/^[0-9a-f]\{10\} /COMMIT /' > log.after
cmp -s log.before log.after || { diff log.before log.after; fail "the log differs after a rebuild from the first form"; }
# and a new change on top of it is in the new form
expect_exit 0 "$BANGFU" -d d set 4418210001 家庭住址 "石角镇新村3号" --why "门牌更正"
[ "$(g log -1 --format=%s)" = "set 家庭住址 H4418210000001: 门牌更正" ] || fail "new form after the old: $(g log -1 --format=%s)"
expect_exit 0 "$BANGFU" -d d audit verify
echo "audit_subjects: ok"
