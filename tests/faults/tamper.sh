# 19 tamperings with the database, the audit history or both, each on a fresh copy of one
# small data directory (init, import, users, sets, a case opened and moved, a task), and
# each caught: by `audit verify`, which walks the whole chain (and by the refusal of every
# bangfu to write on a history moved back), or - for the database and the history
# rewritten together, which no local check can tell from the truth - by `audit verify
# --against MIRROR` and `--head N:ID`. Each report must name the event. An untampered
# copy passes all three. docs/reliability.md (Tampering) lists them.
# both locales
. "$TESTS/lib.sh"
# the word the reports name an event with ("event 5", "事件 5")
evw=$(Mf 'event %ld is in the database but not in history\n' 0 | sed 's/ 0 .*//')
# only_admin WHAT: the refusal of a mirror verb to whom may not
only_admin() { Mre 'bangfu: only an administrator may %s\n' "$(M "$1")"; }
data="$TESTS/e2e/data"
me=$(id -un)
top=$PWD
export BANGFU_TODAY=2026-03-20
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" -d "$top/t" "$@"; }
sql() { sqlite3 "$top/t/bangfu.db" "$@"; }
g() { git --git-dir="$top/t/audit.git" "$@"; }
last() { sql "SELECT max(id) FROM events"; }
commit_of() { sql "SELECT commit_id FROM events WHERE id = $1"; }
H1=households/441821/441821107/441821107202/H4418210000001.txt

# --- the data directory, its mirror and its head written down ---------------------------
expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
E_IMPORT=$(last)
expect_exit 0 as "$me" user add wang --name 王村经办 --role caseworker --scope 441821107202
expect_exit 0 as "$me" user add li --name 李审计 --role auditor --scope 441821
expect_exit 0 as wang set 4418210001 家庭人均纯收入 7200 --why 收入核实
E_SET1=$(last)
expect_exit 0 as wang set 4418210001 家庭人均纯收入 7300 --why 收入复核
E_SET2=$(last)
expect_exit 0 as wang case open 4418210002 --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why 排查发现
E_CASE=$(last)
expect_exit 0 as wang case move C0000002 visit --consent 2026-03-20 --why 入户核实
expect_exit 0 as "$me" task add 核实收入 --kind verification --owner wang --household 4418210001 --due 2026-03-25
old_hamlet=$(sql "SELECT quote(hamlet) FROM households WHERE household_no = '4418210002'")
expect_exit 0 as wang set 4418210002 hamlet 下围 --why 补录自然村
E_LAST=$(last)

# who may: anyone checks, administrators and auditors take the head and compare with a
# mirror, administrators make and fill one
expect_exit 1 as li audit mirror-init "$top/mirror"
expect_grep "^$(only_admin 'make a mirror')$" err
expect_exit 0 as "$me" audit mirror-init "$top/mirror"
[ "$(git --git-dir="$top/mirror" config receive.denyNonFastForwards)" = true ] || fail "mirror allows non-fast-forward"
[ "$(git --git-dir="$top/mirror" config receive.denyDeletes)" = true ] || fail "mirror allows deletions"
expect_exit 1 as "$me" audit mirror-init "$top/mirror"
expect_grep "$(Mre '%s exists: a mirror is made where there is nothing' "$top/mirror")" err
expect_exit 1 as li audit push "$top/mirror"
expect_grep "^$(only_admin 'push the history to a mirror')$" err
expect_exit 1 as "$me" audit verify --against "$top/mirror"
expect_grep "^$(Mre '--against %s: the mirror holds no history yet (audit push fills it)\n' "$top/mirror")$" out
expect_exit 0 as "$me" audit push "$top/mirror"
expect_grep "^$(Mre 'pushed to %s: event %ld (commit %s)\n' "$top/mirror" "$E_LAST" '[0-9a-f]*')$" out
expect_exit 0 as "$me" audit push "$top/mirror"
expect_grep "^$(Mre '%s already holds event %ld (commit %.12s)\n' "$top/mirror" "$E_LAST" '[0-9a-f]*')$" out
[ "$(git --git-dir="$top/mirror" rev-parse main)" = "$(g rev-parse main)" ] || fail "mirror's main is not ours"
expect_exit 1 as wang audit head
expect_exit 0 as li audit head
expect_grep "^bangfu-head $E_LAST:[0-9a-f]\{40\}$" out
head=$(cat out)
expect_exit 1 as wang audit verify --head "12:xyz"
expect_grep "$(Mre '--head takes N:ID as `audit head` prints it (bangfu-head N:ID), ID of 7 to 40 lower-case hex digits; got "%s"' 12:xyz)" err

# untampered: all three pass, for anyone allowed
expect_exit 0 as wang audit verify
expect_grep "^$(Mre "%ld events: every commit from the root is its event's\n" "$E_LAST")$" out
expect_grep "^$(Mre 'audit verify: the database and the audit history agree\n')$" out
[ "$LANGUAGE" != zh_CN ] || { expect_grep "数据库与审计历史一致" out; expect_no_grep "agree\|every commit" out; }
expect_exit 0 as wang audit verify --quick --head "$head"
expect_grep "^$(Mre '--head: event %ld is still commit %.12s, an ancestor of HEAD\n' "$E_LAST")$" out
expect_exit 1 as wang audit verify --against "$top/mirror"
expect_grep "^$(Mre 'bangfu: only an administrator or an auditor may %s\n' "$(M 'verify against a mirror')")$" err
expect_exit 0 as li audit verify --against "$top/mirror" --head "$head"
expect_grep "^$(Mre "--against %s: the local history extends the mirror's (%ld of %ld events pushed)\n" "$top/mirror" "$E_LAST" "$E_LAST")$" out
mv t orig

# --- the tamperings ----------------------------------------------------------------------
n=0 found=0
tamper() { n=$((n+1)); what=$1; rm -rf "$top/t"; cp -a "$top/orig" "$top/t"; }
names() {   # names EVENT: the report (out and err) names the event
	cat out err > report
	grep -Eq "$evw $1([^0-9]|\$)" report || { cat report; fail "tampering $n ($what): event $1 not named"; }
}
# caught EVENT: `audit verify` fails naming the event
caught() {
	expect_exit 1 as "$me" audit verify
	names "$1"
	# in Chinese the whole report is: no English sentence left
	[ "$LANGUAGE" != zh_CN ] || expect_no_grep "event [0-9]\| is not \| not in \|problem" report
	found=$((found+1)); echo "tamper $n: $what: audit verify names event $1"; cat report
}
# witnessed EVENT: every local check passes (the forgery is consistent); the mirror and
# the written-down head do not
witnessed() {
	expect_exit 0 as "$me" audit verify
	expect_exit 1 as "$me" audit verify --against "$top/mirror"
	names "$1"
	cp out against.txt
	expect_exit 1 as "$me" audit verify --head "$head"
	# (one of the --head reports: the commit in its place differs, or the history is shorter)
	expect_grep "^--head[:：].*$evw $E_LAST[^0-9]" out
	found=$((found+1)); echo "tamper $n: $what: --against names event $1, --head fails"
}
# rewrite COMMIT SED: as a forger with plain git would - re-create COMMIT with its raw text
# edited by SED and every later commit re-linked onto it, then move main to the new tip.
rewrite() {
	prev=$(g rev-parse "$1^")
	for c in $(g rev-list --reverse --first-parent "$1^..main"); do
		script=; [ "$c" = "$1" ] && script=$2
		prev=$(g cat-file commit "$c" | sed -e "s/^parent .*/parent $prev/" -e "$script" |
		       g hash-object -t commit -w --stdin)
	done
	g update-ref refs/heads/main "$prev"
}
# tree_with COMMIT PATH SED: COMMIT's tree with the file at PATH edited by SED
tree_with() {
	blob=$(g show "$1:$2" | sed -e "$3" | g hash-object -w --stdin)
	GIT_INDEX_FILE="$top/idx" g read-tree "$1"
	GIT_INDEX_FILE="$top/idx" g update-index --cacheinfo "100644,$blob,$2"
	GIT_INDEX_FILE="$top/idx" g write-tree
	rm -f "$top/idx"
}
# forge_from EVENT: drop the history from EVENT on and let bangfu write it again from the
# (tampered) database: a consistent forgery
forge_from() {
	sql "UPDATE events SET commit_id = NULL WHERE id >= $1"
	g update-ref refs/heads/main "$(commit_of $(($1 - 1)))"
	expect_exit 0 as "$me" audit log --limit 1
}

# the database alone (sqlite3)
tamper "an event's reason"
sql "UPDATE events SET reason = '收入核实（已补材料）' WHERE id = $E_SET1"
caught "$E_SET1"
expect_grep "$(Mre "the commit message is not the event's (verb: subject, reason, trailers) from its line %ld on")" out
tamper "an event's author login"
sql "UPDATE events SET login = 'li' WHERE id = $E_SET1"
caught "$E_SET1"
expect_grep "$(Mre "the commit %s's login is not the event's (events.login)")" out
tamper "an event's author name"
sql "UPDATE events SET name = '李审计' WHERE id = $E_SET1"
caught "$E_SET1"
tamper "an event's time"
sql "UPDATE events SET at = at - 86400 WHERE id = $E_SET1"
caught "$E_SET1"
expect_grep "$(Mre "the commit %s's time is not the event's (events.at)")" out
tamper "an event's subject"
sql "UPDATE events SET subject = 'H4418210000001' WHERE id = $E_CASE"
caught "$E_CASE"
tamper "an event's file (event_files: the blob id kept once the text is in git)"
[ "$(sql "SELECT count(*) FROM event_files WHERE text IS NOT NULL")" = 0 ] || fail "texts kept after the flush"
blob=$(g show "$(commit_of "$E_SET1"):$H1" | sed 's/income_per_capita: 7200/income_per_capita: 7250/' | g hash-object -w --stdin)
sql "UPDATE event_files SET blob = '$blob' WHERE event_id = $E_SET1 AND path = '$H1'"
caught "$E_SET1"
expect_grep "$H1: $(Mre "the commit's text is not the event's")" out
tamper "an event's file removed (event_files)"
sql "DELETE FROM event_files WHERE event_id = $E_IMPORT AND path = '$H1'"
caught "$E_IMPORT"
expect_grep "$H1: $(Mre 'in the commit but not in the event')" out
tamper "an event's commit id"
sql "UPDATE events SET commit_id = '$(commit_of "$E_SET2")' WHERE id = $E_SET1"
caught "$E_SET1"
expect_grep "$(Mre "the database records commit %.12s, not the history's" '[0-9a-f]\{12\}')" out
tamper "the last event deleted"
sql "DELETE FROM event_files WHERE event_id = $E_LAST; DELETE FROM events WHERE id = $E_LAST"
caught "$E_LAST"
expect_grep "$(Mre 'the database has no such event (a row deleted?)')" out
tamper "a middle event deleted"
sql "DELETE FROM event_files WHERE event_id = $E_SET2; DELETE FROM events WHERE id = $E_SET2"
caught "$E_SET2"
tamper "a current row changed"
sql "UPDATE households SET income_per_capita = '99999' WHERE household_no = '4418210001'"
caught "$E_SET2"
expect_grep "^$(Mre "differs: %s (the database's text is not HEAD's%s)\n" "$H1" "$(Mre '; last written by event %s' "$E_SET2")")$" out

# the history alone (plain git)
tamper "an old commit's file rewritten, HEAD's tree unchanged"
c=$(commit_of "$E_SET1")
tree=$(tree_with "$c" "$H1" 's/^income_per_capita: 7200$/income_per_capita: 9200/')
before=$(g rev-parse 'main^{tree}')
rewrite "$c" "s/^tree .*/tree $tree/"
[ "$(g rev-parse 'main^{tree}')" = "$before" ] || fail "the rewrite changed HEAD's tree"
caught "$E_SET1"
expect_grep "$(Mre "the commit's tree is not the previous tree with the event's files (event_files) applied:")" out
tamper "an old commit's message rewritten"
rewrite "$(commit_of "$E_SET1")" 's/^收入核实$/收入核实（已补材料）/'
caught "$E_SET1"
expect_grep "$(Mre "the commit message is not the event's (verb: subject, reason, trailers) from its line %ld on")" out
tamper "an old commit's author rewritten"
rewrite "$(commit_of "$E_SET1")" 's/^\(author\|committer\) 王村经办 <wang@bangfu>/\1 李审计 <li@bangfu>/'
caught "$E_SET1"
tamper "the last commit dropped (main reset to main~1)"
g update-ref refs/heads/main main~1
caught "$E_LAST"
expect_grep "$(Mre 'the audit history was moved back: event %ld was committed as %.12s, but the branch now ends at commit %.12s, which carries event %ld (a reset, or a commit put on top by hand). Nothing is written until it is put right: see docs/reliability.md, Tampering' "$E_LAST")" err
events_before=$(sql "SELECT count(*) FROM events")
expect_exit 1 as "$me" set 4418210001 hamlet 中围 --why 不应写入
[ "$(g rev-parse main)" = "$(git --git-dir="$top/orig/audit.git" rev-parse main~1)" ] || fail "a write went on on a moved-back history"
# the check is made at the COMMIT (store/write.c): the edit's rows were written, then rolled back
[ "$(sql "SELECT count(*) FROM events")" = "$events_before" ] || fail "an event was saved on a moved-back history"
[ "$(sql "SELECT count(*) FROM households WHERE hamlet = '中围'")" = 0 ] || fail "the edit was saved on a moved-back history"
tamper "a commit added by plain git (a forged event on top)"
tree=$(tree_with main "$H1" 's/^income_per_capita: .*/income_per_capita: 99999/')
forged=$(printf 'set: H4418210000001\n\n收入核实\n\nBangfu-Event: %s\nBangfu-Uid: 0\n' $((E_LAST + 1)) |
         GIT_AUTHOR_NAME=王村经办 GIT_AUTHOR_EMAIL=wang@bangfu GIT_COMMITTER_NAME=王村经办 \
         GIT_COMMITTER_EMAIL=wang@bangfu g commit-tree "$tree" -p main)
g update-ref refs/heads/main "$forged"
caught $((E_LAST + 1))

# both together, consistently: only the witness can tell
tamper "the current value changed in the database and the history"
blob=$(g show "$(commit_of "$E_SET2"):$H1" | sed 's/income_per_capita: 7300/income_per_capita: 9300/' | g hash-object -w --stdin)
sql "UPDATE households SET income_per_capita = '9300' WHERE household_no = '4418210001';
     UPDATE event_files SET blob = '$blob' WHERE event_id = $E_SET2 AND path = '$H1'"
forge_from "$E_SET2"
expect_exit 0 as "$me" show 4418210001
expect_grep "9300" out
witnessed "$E_SET2"
tamper "an old event's reason changed in the database and the history"
sql "UPDATE events SET reason = '收入核实（已补材料）' WHERE id = $E_SET1"
forge_from "$E_SET1"
witnessed "$E_SET1"
expect_grep "^$(Mre '--against %s: event %ld was rewritten: the mirror has commit %.12s (event %ld), the local history %.12s (event %ld)\n' "$top/mirror" "$E_SET1" '[0-9a-f]\{12\}' "$E_SET1" '[0-9a-f]\{12\}' "$E_SET1")$" against.txt
tamper "the last event erased from the database and the history"
sql "DELETE FROM event_files WHERE event_id = $E_LAST; DELETE FROM events WHERE id = $E_LAST;
     UPDATE households SET hamlet = $old_hamlet, version = version - 1 WHERE household_no = '4418210002';
     UPDATE sqlite_sequence SET seq = seq - 1 WHERE name = 'events'"
g update-ref refs/heads/main main~1
witnessed "$E_LAST"
expect_grep "^$(Mre "--against %s: the mirror holds %ld events, the local history %ld: event %ld (the mirror's commit %.12s) and later were erased here\n" "$top/mirror" "$E_LAST" $((E_LAST - 1)) "$E_LAST")$" against.txt

# untampered, with others writing meanwhile: each verify sees one snapshot and passes
rm -rf t; cp -a orig t
(for i in 1 2 3 4 5 6 7 8 9 10 11 12; do as wang set 4418210001 hamlet "村$i" --why 并发 >/dev/null || exit 1; done) &
writer=$!
for i in 1 2 3 4; do expect_exit 0 as "$me" audit verify; done
wait "$writer" || fail "a write failed while verify ran"
expect_exit 0 as li audit verify --against "$top/mirror" --head "$head"
# an event that touches no file (as a reveal's access record may): its commit keeps the
# tree, and verifies
sql "INSERT INTO events(at, uid, login, name, verb, subject, reason) VALUES (strftime('%s', 'now'), 0, '$me', '$me', 'reveal', 'H4418210000001', '核查')"
expect_exit 0 as "$me" audit verify
[ "$(g rev-parse 'main^{tree}')" = "$(g rev-parse 'main~1^{tree}')" ] || fail "an event of no files changed the tree"
g log -1 --format=%s > subject.txt
expect_grep "^reveal H4418210000001: 核查$" subject.txt

echo "tamper: $found of $n detected"
[ "$found" -eq 19 ] && [ "$n" -eq 19 ] || fail "tamper: $found of $n detected, 19 expected"
