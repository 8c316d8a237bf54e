# `audit repack`: an administrator packs the history; every loose object and older pack
# it replaces is gone (an edit writes one small pack; they are folded together once 16
# have gathered), git itself finds the repository whole (fsck), verify, log and
# rebuild work as before; a caseworker is refused; and repacking while staff keep saving
# loses nothing.
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
me=$(id -un)
as() { who=$1; shift; BANGFU_TEST_LOGIN=$who "$BANGFU_TH" -d d "$@"; }
loose() { find d/audit.git/objects -type f ! -path '*/pack/*' ! -path '*/info/*' | wc -l; }
packs() { ls d/audit.git/objects/pack/*.pack 2>/dev/null | wc -l; }

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv"
expect_exit 0 as "$me" user add cw --role caseworker --scope 441821 --name 小陈
for v in 下围 中围 外围; do expect_exit 0 as cw set 4418210001 hamlet "$v" --why 核实; done
# every edit is one small pack, no loose object
[ "$(loose)" = 0 ] || fail "an edit left $(loose) loose objects"
[ "$(packs)" -gt 3 ] || fail "expected a pack per edit before repacking, found $(packs)"
# the small packs are folded together once 16 have gathered: 20 more edits stay below
for i in $(seq 1 20); do expect_exit 0 as cw set 4418210001 hamlet "村$i" --why 核实; done
[ "$(packs)" -lt 17 ] || fail "the small packs were not folded: $(packs) packs"
git --git-dir=d/audit.git fsck --no-progress >fsck 2>&1 || { cat fsck; fail "git fsck after folding"; }
expect_exit 0 as "$me" audit verify
expect_exit 0 as "$me" show 4418210001
expect_grep "^hamlet: 村20$" out

expect_exit 1 as cw audit repack
expect_grep "$(M 'only an administrator may repack the history')" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "只有管理员可以重新打包审计历史" err
expect_exit 0 as "$me" audit repack
expect_grep "$(Mre '%zu objects packed into %s; ' '[0-9]*' 'pack-[0-9a-f]\{40\}')" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "个对象打包为 pack-" out
# no English sentence in the Chinese report
[ "$LANGUAGE" != zh_CN ] || expect_no_grep "packed into\|removed\|loose" out
[ "$(loose)" = 0 ] || fail "$(loose) loose objects left"
[ "$(packs)" = 1 ] || fail "$(packs) packs"
git --git-dir=d/audit.git fsck --no-progress >fsck 2>&1 || { cat fsck; fail "git fsck after repack"; }
expect_exit 0 as "$me" audit verify
expect_exit 0 as "$me" audit log 4418210001
expect_grep "^$(LINE=3 Mre '%.10s  event %lld  %s  %s (%s)\n    %s %s\n    why: %s\n' 核实)$" out

# a change after it is a small pack again; the next repack folds both into the new one
expect_exit 0 as cw set 4418210001 hamlet 上围 --why 改回
expect_exit 0 as "$me" audit repack
expect_grep "$(Mnfe ' and %ld older pack removed' ' and %ld older packs removed' 2 2)" out
[ "$(packs)" = 1 ] || fail "$(packs) packs after the second repack"

# repacking while a caseworker keeps saving: nothing lost, nothing half-written
( for i in $(seq 1 25); do as cw set 4418210002 hamlet "巷$i" --why "第$i次" >/dev/null 2>>writer.err || echo "set $i failed"; done ) >writer.log &
writer=$!
for i in 1 2 3 4 5; do expect_exit 0 as "$me" audit repack; done
wait "$writer"
[ ! -s writer.log ] || { cat writer.log writer.err; fail "a save failed during repacks"; }
expect_exit 0 as "$me" audit repack
git --git-dir=d/audit.git fsck --no-progress >fsck 2>&1 || { cat fsck; fail "git fsck after concurrent repacks"; }
expect_exit 0 as "$me" audit verify
expect_exit 0 as "$me" show 4418210002
expect_grep "^hamlet: 巷25$" out
[ "$(git --git-dir=d/audit.git log --format=%s -- households | grep -c '^set [^:]* H4418210000002: ')" = 25 ] ||
	fail "not every save is in the history"

# the database made again from the packed history alone
mv d/bangfu.db before.db
rm -f d/bangfu.db-wal d/bangfu.db-shm
expect_exit 0 as "$me" rebuild
expect_exit 0 as "$me" audit verify
