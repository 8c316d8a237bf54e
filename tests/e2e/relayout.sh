# The village layout of the history (store/relayout.c): a new register keeps each
# household's file in households/COUNTY/TOWN/VILLAGE/ (demo, import, set, household add
# write there), verify and rebuild pass on it; a register made in the town layout (as
# older bangfu made them: BANGFU_TEST_TOWN_LAYOUT, test-hooks build) verifies and
# rebuilds too, and `audit relayout` moves every file in one commit keeping every blob,
# after which verify, rebuild, `audit log`, `show --as-of` and later edits follow the new
# paths while the events from before stay in a household's history; a relayout killed
# at any point after its SQLite commit is completed by the next command.
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
g() { d=$1; shift; git --git-dir="$d/audit.git" "$@"; }
# every household path of HEAD in the village layout, its folder its file's village_code
village_paths() {
	g "$1" ls-tree -r --name-only HEAD | grep '^households/' >paths
	[ -s paths ] || fail "$1: no household in the history"
	grep -Ev '^households/[0-9]{6}/[0-9]{9}/[0-9]{12}/H[0-9]+\.txt$' paths >bad &&
		{ cat bad; fail "$1: household paths not in the village layout"; }
	while read -r p; do
		v=$(g "$1" show "HEAD:$p" | sed -n 's/^village_code: //p')
		[ "$(basename "$(dirname "$p")")" = "$v" ] || fail "$p: its village_code is $v"
	done <paths
}
town_paths() {
	g "$1" ls-tree -r --name-only HEAD | grep '^households/' >paths
	grep -Ev '^households/[0-9]{6}/[0-9]{9}/H[0-9]+\.txt$' paths >bad &&
		{ cat bad; fail "$1: household paths not in the town layout"; }
	[ -s paths ] || fail "$1: no household in the history"
}
verify_and_rebuild() {
	expect_exit 0 "$BANGFU_TH" -d "$1" audit verify
	rm -rf "r$1" && mkdir "r$1" && cp -a "$1/audit.git" "r$1/"
	expect_exit 0 "$BANGFU_TH" -d "r$1" rebuild
	expect_exit 0 "$BANGFU_TH" -d "r$1" audit verify
	"$BANGFU_TH" -d "$1" export households --reveal --why 比对 --output "$1.csv" 2>/dev/null
	"$BANGFU_TH" -d "r$1" export households --reveal --why 比对 --output "r$1.csv" 2>/dev/null
	cmp -s "$1.csv" "r$1.csv" || fail "$1: the rebuilt register exports differently"
}

# --- a new register: the village layout from init ------------------------------------
expect_exit 0 "$BANGFU_TH" -d v init
g v show HEAD:settings.txt >settings
expect_grep '^history_layout: village$' settings
expect_exit 0 "$BANGFU_TH" -d v import households "$data/good.csv" --why 导入
expect_exit 0 "$BANGFU_TH" -d v demo --households 40 --seed 5
village_paths v
expect_grep '^households/441821/441821107/441821107202/H4418210000001.txt$' paths
expect_exit 0 "$BANGFU_TH" -d v set 4418210001 hamlet 东围 --why 改
[ "$(g v log -1 --name-only --format= main)" = \
  households/441821/441821107/441821107202/H4418210000001.txt ] || fail "set wrote elsewhere"
expect_exit 0 "$BANGFU_TH" -d v household add 441821107202 户编号=4418211072020099 姓名=张新 \
	证件号码=110105198001010016 --why 新增户
g v log -1 --name-only --format= main >added
grep -Eq '^households/441821/441821107/441821107202/H[0-9]+\.txt$' added ||
	{ cat added; fail "household add wrote elsewhere"; }
expect_exit 1 "$BANGFU_TH" -d v setting set history_layout village --why 改
expect_grep relayout err
expect_exit 1 "$BANGFU_TH" -d v audit relayout --why 再来
verify_and_rebuild v

# --- a register in the town layout, then relayouted ---------------------------------
expect_exit 0 env BANGFU_TEST_TOWN_LAYOUT=1 "$BANGFU_TH" -d t init
g t show HEAD:settings.txt >settings
expect_no_grep history_layout settings
expect_exit 0 "$BANGFU_TH" -d t import households "$data/good.csv" --why 导入
expect_exit 0 "$BANGFU_TH" -d t demo --households 40 --seed 5
expect_exit 0 "$BANGFU_TH" -d t set 4418210001 hamlet 旧围 --why 迁移前的更正
town_paths t
[ "$(g t log -1 --name-only --format= main)" = households/441821/441821107/H4418210000001.txt ] ||
	fail "a town-layout register's set wrote elsewhere"
verify_and_rebuild t
g t ls-tree -r HEAD | awk '$4 ~ /^households\// {print $3}' | sort >blobs.before
events=$(g t rev-list --count main)
# an auditor may not; an administrator of the province may
expect_exit 0 "$BANGFU_TH" -d t user add aud --name 审计 --role auditor --scope 44 --why 新人
expect_exit 1 env BANGFU_TEST_LOGIN=aud "$BANGFU_TH" -d t audit relayout --why 试
expect_exit 0 "$BANGFU_TH" -d t audit relayout --why 按村分目录
[ "$(g t rev-list --count main)" = $((events + 2)) ] || fail "relayout is not one commit"
village_paths t
g t ls-tree -r HEAD | awk '$4 ~ /^households\// {print $3}' | sort >blobs.after
cmp -s blobs.before blobs.after || { diff blobs.before blobs.after; fail "a blob changed in the move"; }
g t show HEAD:settings.txt >settings
expect_grep '^history_layout: village$' settings
g t fsck --no-progress >fsck 2>&1 || { cat fsck; fail "git fsck after relayout"; }
expect_exit 0 "$BANGFU_TH" -d t set 4418210001 hamlet 新围 --why 迁移后的更正
[ "$(g t log -1 --name-only --format= main)" = \
  households/441821/441821107/441821107202/H4418210000001.txt ] || fail "set after relayout wrote elsewhere"
expect_exit 1 "$BANGFU_TH" -d t audit relayout --why 再来
verify_and_rebuild t
# the household's history: the events from before and after the move, here and rebuilt
for d in t rt; do
	expect_exit 0 "$BANGFU_TH" -d $d audit log 4418210001
	for why in 迁移前的更正 按村分目录 迁移后的更正 导入; do expect_grep "$why" out; done
	expect_exit 0 "$BANGFU_TH" -d $d audit log 4418210001 --patch
	expect_grep '^-hamlet: 上围$' out
	expect_grep '^+hamlet: 旧围$' out
	expect_grep '^+hamlet: 新围$' out
	expect_exit 0 "$BANGFU_TH" -d $d show 4418210001 --as-of "$(date +%F)"
	expect_grep '^hamlet: 新围$' out
done

# --- a relayout killed at each point after its SQLite commit: the next command completes
# the history (one commit, every blob kept) and verify passes
for point in after-sqlite-commit stream-before-pack-end stream-after-pack-end before-branch-move after-git-commit; do
	rm -rf k
	expect_exit 0 env BANGFU_TEST_TOWN_LAYOUT=1 "$BANGFU_TH" -d k init
	expect_exit 0 "$BANGFU_TH" -d k demo --households 40 --seed 5
	g k ls-tree -r HEAD | awk '$4 ~ /^households\// {print $3}' | sort >blobs.before
	n=$(g k rev-list --count main)
	expect_exit 86 env BANGFU_FAULT=$point "$BANGFU_TH" -d k audit relayout --why 按村分目录
	expect_grep "fault injected at $point" err
	expect_exit 0 "$BANGFU_TH" -d k audit verify
	[ "$(g k rev-list --count main)" = $((n + 1)) ] || fail "$point: the relayout is not one commit"
	village_paths k
	g k ls-tree -r HEAD | awk '$4 ~ /^households\// {print $3}' | sort >blobs.after
	cmp -s blobs.before blobs.after || fail "$point: a blob changed in the move"
	g k fsck --no-progress >fsck 2>&1 || { cat fsck; fail "$point: git fsck"; }
done
