# The shared server of docs/deploy.md, with real Unix accounts: a bangfu group owns the
# data directory, the shipped binary is setgid to it, two members of staff who are not in
# the group both write through bangfu (each commit authored by its real user), while
# their own accounts can read none of the files, cannot make bangfu read them on their
# behalf (import of the database file), and bangfu writes the files they named as
# themselves. Nothing in the data directory is readable by others.
# Needs root (to create the accounts and the group); skipped otherwise.
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
if [ "$(id -u)" != 0 ]; then echo "needs root to create Unix accounts and a group"; exit 77; fi
for t in useradd userdel groupadd groupdel runuser; do
	command -v "$t" >/dev/null || { echo "needs $t"; exit 77; }
done
g=bfgrp$$ a=bfa$$ b=bfb$$
cleanup() { userdel "$a" 2>/dev/null || :; userdel "$b" 2>/dev/null || :; groupdel "$g" 2>/dev/null || :; }
trap cleanup EXIT
groupadd "$g"
useradd -M -U -s /bin/sh "$a"
useradd -M -U -s /bin/sh "$b"

# the steps of docs/deploy.md, in this test's directory
chmod 711 .
install -d -m 755 bin
install -o root -g "$g" -m 2755 "$BANGFU" bin/bangfu
install -d -o root -g "$g" -m 2770 srv
top=$PWD
bf() { "$top/bin/bangfu" -d "$top/srv/data" "$@"; }
as() { who=$1; shift; runuser -u "$who" -- "$top/bin/bangfu" -d "$top/srv/data" "$@"; }
expect_exit 0 bf init
expect_exit 0 bf import households "$data/good.csv"
expect_exit 0 bf user add "$a" --role caseworker --scope 441821 --name 陈小玲
expect_exit 0 bf user add "$b" --role caseworker --scope 441821 --name 李明

# two members of staff write, one after the other, through the same files
expect_exit 0 as "$a" set 4418210001 hamlet 下围 --why 入户核实
expect_exit 0 as "$b" set 4418210001 hamlet 中围 --why 再次核实
expect_exit 0 as "$b" case open 4418210002 --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why 排查发现
expect_exit 0 as "$a" list
expect_grep "H4418210000002" out
git --git-dir=srv/data/audit.git log -3 --format='%an <%ae> uid %(trailers:key=Bangfu-Uid,valueonly)' > authors
expect_grep "^陈小玲 <$a@bangfu> uid $(id -u "$a")" authors
expect_grep "^李明 <$b@bangfu> uid $(id -u "$b")" authors

# their own accounts reach none of it
expect_exit 1 runuser -u "$a" -- cat srv/data/bangfu.db
expect_grep "Permission denied" err
expect_exit 2 runuser -u "$a" -- ls srv/data
expect_grep "Permission denied" err
# nor through bangfu: a file named on the command line is opened as its user
expect_exit 1 as "$a" import households "$top/srv/data/bangfu.db"
expect_grep "Permission denied" err
expect_exit 1 as "$a" import warnings "$top/srv/data/audit.git/config"
expect_grep "Permission denied" err

# a file of their own is fine, and what bangfu writes for them is theirs
install -d -o "$a" -m 700 home-a
install -o "$a" -m 600 "$data/bad.csv" home-a/bad.csv
expect_exit 1 as "$a" import households "$top/home-a/bad.csv"
expect_grep "nothing was imported" err
printf '证件号码,姓名,预警类型,发生日期,来源部门\n440582199003151002,查无此人,失业,2026-01-04,人社\n' > home-a/w.csv
chown "$a" home-a/w.csv
expect_exit 0 as "$a" import warnings "$top/home-a/w.csv"
[ -f home-a/w.csv.unmatched.csv ] || fail "no unmatched file"
[ "$(stat -c %U:%G home-a/w.csv.unmatched.csv)" = "$a:$a" ] || fail "the unmatched file is not the user's: $(stat -c %U:%G home-a/w.csv.unmatched.csv)"

# the data directory: all the bangfu group's, group-readable, nothing for others
[ -z "$(find srv/data ! -group "$g")" ] || { find srv/data ! -group "$g" | head; fail "files outside the group"; }
[ -z "$(find srv/data -perm /o=rwx)" ] || { find srv/data -perm /o=rwx | head; fail "files open to others"; }
[ -z "$(find srv/data ! -perm -g=r)" ] || { find srv/data ! -perm -g=r | head; fail "files the group cannot read"; }
for f in bangfu.db bangfu.db-wal bangfu.db-shm audit.lock; do
	[ ! -e "srv/data/$f" ] || [ "$(stat -c %a "srv/data/$f")" = 660 ] || fail "$f is $(stat -c %a "srv/data/$f"), not 660"
done
expect_exit 0 as "$b" audit verify
git --git-dir=srv/data/audit.git fsck --no-progress > fsck 2>&1 || { cat fsck; fail "git fsck"; }
