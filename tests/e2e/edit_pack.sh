# An edit's own pack holds its objects stored, not compressed (store/audit_bulk.c:
# bangfu's deflateInit_ for libgit2's packbuilder), so that no edit deflates its town's
# tree; the fold of 16 small packs (store/audit_packs.c) compresses them again; git
# finds every pack whole, and the history verifies.
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
expect_exit 0 "$BANGFU" -d d init
expect_exit 0 "$BANGFU" -d d import households "$data/good.csv"
expect_exit 0 "$BANGFU" -d d set 4418210001 hamlet 东围 --why 改
edit=$(ls -t d/audit.git/objects/pack/*.pack | head -1)
git verify-pack -v "$edit" > vp || { cat vp; fail "git verify-pack of the edit's pack"; }
# lines: id type size size-in-pack offset; stored, each object takes a few bytes more
[ "$(awk '$2 ~ /^(blob|tree|commit)$/' vp | wc -l)" -ge 4 ] || { cat vp; fail "the edit's pack lacks its objects"; }
awk '$2 ~ /^(blob|tree|commit)$/ && $4 <= $3 {bad = 1} END {exit bad}' vp ||
	{ cat vp; fail "an object of the edit's pack was compressed"; }
path=$(git --git-dir=d/audit.git log -1 --name-only --format= main)
blob=$(git --git-dir=d/audit.git rev-parse "main:$path")
grep -q "^$blob blob" vp || { cat vp; fail "the household's file is not in the edit's pack"; }
git --git-dir=d/audit.git fsck --full --no-progress >fsck 2>&1 || { cat fsck; fail "git fsck after an edit"; }

# 20 more edits: the small packs are folded, the first edit's file compressed again
for i in $(seq 1 20); do expect_exit 0 "$BANGFU" -d d set 4418210001 hamlet "村$i" --why 改; done
[ ! -e "$edit" ] || fail "the first edit's pack was not folded"
found=
for p in d/audit.git/objects/pack/*.pack; do
	git verify-pack -v "$p" > vp2 || { cat vp2; fail "git verify-pack of $p"; }
	line=$(grep "^$blob " vp2) && found=$line
done
[ -n "$found" ] || fail "the first edit's file is in no pack after the fold"
echo "$found" | awk '{exit !($4 < $3)}' || fail "the folded file is not compressed: $found"
git --git-dir=d/audit.git fsck --full --no-progress >fsck 2>&1 || { cat fsck; fail "git fsck after the fold"; }
expect_exit 0 "$BANGFU" -d d audit verify
expect_exit 0 "$BANGFU" -d d show 4418210001
expect_grep "^hamlet: 村20$" out
