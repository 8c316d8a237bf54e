# A full disk: at many fill levels a save either works (exit 0, the change is in the
# database; if git could not be written the command says "saved; the audit history ...
# will catch up") or is refused saying "disk full" and how much is free (exit 1, the
# change is not there) — never "failed" but saved, never a raw "disk I/O error". With
# room again the history catches up and `audit verify` passes. Runs on a 5 MiB tmpfs,
# so it needs root to mount; as another user it is reported as skipped (exit 77). 5 MiB
# since a new register is 1.8 MB (16 KiB pages: a page a table and index; 0.5 MB before).
# LEVELS="0 4 8 ..." (KiB left free) picks the fill levels.
# both locales
. "$TESTS/lib.sh"
# the refusal (how much is free, and where) and the note of a save whose history catches up
full_re=$(Mre 'disk full (%.0f %s free in %s)' '[0-9]*' '[KM]iB')
behind_re=$(Mre 'saved; the audit history could not be written now (%s) and will catch up at the next command')
data="$TESTS/e2e/data"
[ "$(id -u)" -eq 0 ] || { echo "SKIP: mounting a small tmpfs needs root"; exit 77; }
mkdir full
mount -t tmpfs -o size=5m tmpfs full || { echo "SKIP: cannot mount a tmpfs here"; exit 77; }
trap 'umount full 2>/dev/null' EXIT
B=$BANGFU
expect_exit 0 "$B" -d full/d init
# a demo that does not fit is refused whole
expect_exit 1 "$B" -d full/d demo --households 3000
expect_grep "$(Mre '%s: free space and retry; nothing was written' "$(Mre 'disk full (%.0f %s free in %s)' '[0-9]*' '[KM]iB' full/d)")" err
[ "$LANGUAGE" != zh_CN ] || expect_no_grep "disk full\|free space\|nothing was" err
expect_exit 0 "$B" -d full/d list
[ ! -s out ] || fail "a refused demo left households behind"
expect_exit 0 "$B" -d full/d audit verify
expect_exit 0 "$B" -d full/d import households "$data/good.csv"
expect_exit 0 "$B" -d full/d audit verify

# fill the disk, then free $1 KiB of it
fill() {
	rm -f full/fill
	dd if=/dev/zero of=full/fill bs=4k 2>/dev/null || true
	[ "$1" -eq 0 ] || truncate -s "-$1K" full/fill
}
LEVELS=${LEVELS:-"0 4 8 12 16 24 32 48 64 96 128 192 256"}
ok=0; refused=0; behind=0; wrong=0; n=0
for kib in $LEVELS; do
	for what in set task; do
		n=$((n + 1)); tag="f$n"
		fill "$kib"
		set +e
		if [ $what = set ]; then "$B" -d full/d set 4418210001 hamlet "满$tag" --why "$tag" >out 2>err
		else "$B" -d full/d task add "任务$tag" --kind visit --household 4418210001 --why "$tag" >out 2>err; fi
		rc=$?
		set -e
		rm -f full/fill
		saved=$(sqlite3 full/d/bangfu.db "SELECT count(*) FROM events WHERE reason = '$tag'")
		if [ $rc -eq 0 ] && [ "$saved" -eq 1 ]; then
			ok=$((ok + 1))
			grep -q "$behind_re" err && behind=$((behind + 1))
		elif [ $rc -eq 1 ] && [ "$saved" -eq 0 ] && grep -q "$full_re" err; then
			refused=$((refused + 1))
		else
			wrong=$((wrong + 1)); echo "$what at $kib KiB free: exit $rc, saved $saved:"; cat err
		fi
		grep -q -e "disk I/O error" -e "SQLITE" -e "constraint failed" err &&
			{ cat err; fail "a raw error at $kib KiB free"; }
		# with room again, the next command works and the history catches up
		expect_exit 0 "$B" -d full/d audit verify
	done
done
echo "diskfull: $n saves at ${LEVELS} KiB free: $ok saved (exit 0; $behind with the history" \
     "catching up later), $refused refused saying disk full, $wrong wrong"
[ $wrong -eq 0 ] || fail "$wrong saves whose exit status did not match what was saved"
[ $refused -gt 0 ] || fail "no level was full enough to refuse: the test proves nothing"
expect_exit 0 "$B" -d full/d list
[ "$(wc -l < out)" -eq 2 ] || fail "the register lost households"
