# A full disk: a write that does not fit is refused with a message saying so and what
# to do, nothing is half-written (the register is unchanged and `audit verify` passes),
# and the next write that fits works. Runs on a 3 MiB tmpfs, so it needs root to mount;
# as another user it is reported as skipped (exit 77), never as passed.
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
[ "$(id -u)" -eq 0 ] || { echo "SKIP: mounting a small tmpfs needs root"; exit 77; }
mkdir full
mount -t tmpfs -o size=3m tmpfs full || { echo "SKIP: cannot mount a tmpfs here"; exit 77; }
trap 'umount full 2>/dev/null' EXIT
expect_exit 0 "$BANGFU" -d full/d init
expect_exit 1 "$BANGFU" -d full/d demo --households 3000
expect_grep "disk is full: free space and retry; nothing was written" err
expect_exit 0 "$BANGFU" -d full/d list
[ ! -s out ] || fail "a refused demo left households behind"
expect_exit 0 "$BANGFU" -d full/d audit verify
expect_exit 0 "$BANGFU" -d full/d import households "$data/good.csv"
expect_exit 0 "$BANGFU" -d full/d audit verify
expect_exit 0 "$BANGFU" -d full/d list
[ "$(wc -l < out)" -eq 2 ] || fail "the import after the refusal did not land"
