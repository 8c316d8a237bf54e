# The shared server of docs/deploy.md, with real Unix accounts: a bangfu group owns the
# data directory, the shipped binary is setgid to it, two members of staff who are not in
# the group both write through bangfu (each commit authored by its real user), while
# their own accounts can read none of the files, cannot make bangfu read them on their
# behalf (import of the database file), and bangfu writes the files they named as
# themselves. Nothing in the data directory is readable by others.
# The binary is the shipped sources built with its conf file in the build tree
# (bangfu-testconf, Makefile TESTCONF), so that this test never writes /etc/bangfu.conf.
# The last block is the attacks the confinement stops (docs/security.md).
# Needs root (to create the accounts and the group); skipped otherwise.
# The setgid bangfu reads its catalogs from where it was told at build time alone (for
# bangfu-testconf $confdir/locale, installed below as `make install` does): it speaks the
# test's language. cat, ls and the C library's messages (strerror) are in the system's
# catalogs (libc below), which may or may not have the language.
# both locales
. "$TESTS/lib.sh"
libc() { gettext -e libc "$1"; }
denied=$(libc 'Permission denied')
# refused FORMAT ARGS...: the setgid bangfu's "refusing to start: ..." with FORMAT inside
refused() { _r=$(Mre "$@"); Mre 'refusing to start: %s' "$_r"; }
data="$TESTS/e2e/data"
if [ "$(id -u)" != 0 ]; then echo "needs root to create Unix accounts and a group"; exit 77; fi
for t in useradd userdel groupadd groupdel runuser; do
	command -v "$t" >/dev/null || { echo "needs $t"; exit 77; }
done
g=bfgrp$$ a=bfa$$ b=bfb$$ c=bfc$$ d=bfd$$ cadm=bfe$$ twn=bff$$
# the setgid build: its bangfu.conf is $confdir/bangfu.conf (root's, as /etc's would be)
tc=$(dirname "$BANGFU_TH")/bangfu-testconf
confdir=$(cd "$(dirname "$BANGFU_TH")" && pwd)/testconf
[ -x "$tc" ] || fail "no $tc (make builds it with the tests)"
cleanup() {
	for u in "$a" "$b" "$c" "$d" "$cadm" "$twn"; do userdel "$u" 2>/dev/null || :; done
	groupdel "$g" 2>/dev/null || :
	rm -rf "$confdir"
	reach_undo
}
trap cleanup EXIT
reach_open "$(dirname "$confdir")"
others_reach "$(dirname "$confdir")" || {
	echo "other accounts cannot reach $(dirname "$confdir") (a parent directory is private): run the tests from a tree others may traverse"
	exit 77
}
groupadd "$g"
for u in "$a" "$b" "$c" "$d" "$cadm" "$twn"; do useradd -M -U -s /bin/sh "$u"; done

# the steps of docs/deploy.md, in this test's directory
chmod 711 .
install -d -m 755 bin
install -o root -g "$g" -m 2755 "$tc" bin/bangfu
install -d -o root -g "$g" -m 2770 srv
top=$PWD
rm -rf "$confdir"
install -d -o root -g root -m 755 "$confdir"
printf '# the data directories this server keeps\ndata %s\n' "$top/srv/data" > "$confdir/bangfu.conf"
chmod 644 "$confdir/bangfu.conf"
for l in zh_CN en; do
	install -D -o root -g root -m 644 "$BANGFU_LOCALEDIR/$l/LC_MESSAGES/bangfu.mo" "$confdir/locale/$l/LC_MESSAGES/bangfu.mo"
done
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
# the register `init` made keeps a household's file in its village's folder, and a
# member of staff may not move the history's files (audit relayout: a province
# administrator's, refused before anything is read or written)
[ "$(git --git-dir=srv/data/audit.git log -1 --skip=1 --name-only --format= main)" = \
  households/441821/441821107/441821107202/H4418210000001.txt ] || fail "a staff set not in the village layout"
commits=$(git --git-dir=srv/data/audit.git rev-list --count main)
expect_exit 1 as "$a" audit relayout --why 试试
grep -q "administrator\|管理员" err || { cat err; fail "the refusal does not say who may relayout"; }
[ "$(git --git-dir=srv/data/audit.git rev-list --count main)" = "$commits" ] || fail "a refused relayout wrote a commit"

# libgit2 is loaded by its soname when a change reaches the history (store/lazylib.c):
# a setgid run ignores LD_LIBRARY_PATH for it as the loader does for linked libraries, so
# a library of the user's own is never run in the bangfu group's name; not setgid, the
# same variable is obeyed (the check means something)
so=$(grep -ao 'libgit2\.so\.[0-9][0-9.]*' "$tc" | head -1)
[ -n "$so" ] || fail "no libgit2 soname in $tc"
if command -v "${CC:-cc}" >/dev/null 2>&1; then
	install -d -m 755 fakelib
	printf '#include <stdio.h>\n__attribute__((constructor)) static void f(void) { fputs("FAKE LIBGIT2\\n", stderr); }\n' > fakelib/f.c
	"${CC:-cc}" -shared -fPIC -o "fakelib/$so" fakelib/f.c
	expect_exit 0 runuser -u "$a" -- env LD_LIBRARY_PATH="$top/fakelib" "$top/bin/bangfu" \
		-d "$top/srv/data" set 4418210001 hamlet 前围 --why 核实
	expect_no_grep "FAKE LIBGIT2" err
	expect_exit 0 as "$a" audit log 4418210001 --limit 1 --patch
	expect_grep "前围" out
	expect_exit 1 env LD_LIBRARY_PATH="$top/fakelib" "$tc" -d "$top/srv/data" audit verify
	expect_grep "FAKE LIBGIT2" err
	# (store/lazylib.c does not translate this one yet: gettext gives the msgid meanwhile)
	expect_grep "$(Mre '%s has no %s (not the version bangfu was built with?)' "$so" 'git_[a-z_0-9]*')" err
fi

# their own accounts reach none of it
expect_exit 1 runuser -u "$a" -- cat srv/data/bangfu.db
expect_grep "$denied" err
expect_exit 2 runuser -u "$a" -- ls srv/data
expect_grep "$denied" err
# nor through bangfu: a file named on the command line is opened as its user
expect_exit 1 as "$a" import households "$top/srv/data/bangfu.db"
expect_grep "$denied" err
expect_exit 1 as "$a" import warnings "$top/srv/data/audit.git/config"
expect_grep "$denied" err

# a file of their own is fine, and what bangfu writes for them is theirs
install -d -o "$a" -m 700 home-a
install -o "$a" -m 600 "$data/bad.csv" home-a/bad.csv
expect_exit 1 as "$a" import households "$top/home-a/bad.csv"
expect_grep "$(Mnre 'bangfu: %s: %d defect: nothing was imported (fix it, or use --skip-bad to import the good households)\n' \
	'bangfu: %s: %d defects: nothing was imported (fix them, or use --skip-bad to import the good households)\n' \
	2 "$top/home-a/bad.csv")" err
[ "$LANGUAGE" != zh_CN ] || { expect_grep "未导入任何内容" err; expect_no_grep "nothing was imported" err; }
printf '证件号码,姓名,预警类型,发生日期,来源部门\n440582199003151002,查无此人,失业,2026-01-04,人社\n' > home-a/w.csv
chown "$a" home-a/w.csv
expect_exit 0 as "$a" import warnings "$top/home-a/w.csv"
[ -f home-a/w.csv.unmatched.csv ] || fail "no unmatched file"
[ "$(stat -c %U:%G home-a/w.csv.unmatched.csv)" = "$a:$a" ] || fail "the unmatched file is not the user's: $(stat -c %U:%G home-a/w.csv.unmatched.csv)"
# exports: -o FILE is opened as its user; an xlsx is made in a temporary file the
# caller owns, written and read back with the caller's group only (sheet_xlsx.c)
expect_exit 0 as "$a" export households --format xlsx -o "$top/home-a/r.xlsx"
[ "$(stat -c %U:%G home-a/r.xlsx)" = "$a:$a" ] || fail "the xlsx is not the user's: $(stat -c %U:%G home-a/r.xlsx)"
[ "$(head -c 2 home-a/r.xlsx)" = "PK" ] || fail "the xlsx is not a zip file"
expect_exit 1 as "$a" export households -o "$top/srv/data/x.csv"
expect_grep "$denied" err
[ ! -e srv/data/x.csv ] || fail "an export was written into the data directory"
# nor through a symbolic link, even to a file of the user's own (the UI's `w` too)
runuser -u "$a" -- ln -s "$top/home-a/r.xlsx" "$top/home-a/link.csv"
sum=$(cksum < home-a/r.xlsx)
expect_exit 1 as "$a" export households -o "$top/home-a/link.csv"
expect_grep "$(lit "$top/home-a/link.csv: $(M 'a symbolic link: not written through')")" err
[ "$(cksum < home-a/r.xlsx)" = "$sum" ] || fail "an export was written through a symbolic link"

# the data directory: all the bangfu group's, group-readable, nothing for others
[ -z "$(find srv/data ! -group "$g")" ] || { find srv/data ! -group "$g" | head; fail "files outside the group"; }
[ -z "$(find srv/data -perm /o=rwx)" ] || { find srv/data -perm /o=rwx | head; fail "files open to others"; }
[ -z "$(find srv/data ! -perm -g=r)" ] || { find srv/data ! -perm -g=r | head; fail "files the group cannot read"; }
for f in bangfu.db bangfu.db-wal bangfu.db-shm audit.lock; do
	[ ! -e "srv/data/$f" ] || [ "$(stat -c %a "srv/data/$f")" = 660 ] || fail "$f is $(stat -c %a "srv/data/$f"), not 660"
done
expect_exit 0 as "$b" audit verify
git --git-dir=srv/data/audit.git fsck --no-progress > fsck 2>&1 || { cat fsck; fail "git fsck"; }

# ==== confinement ====================================================================
# The setgid bangfu opens only what bangfu.conf lists, and only root makes or rebuilds a
# database (store/confine.c, docs/security.md). Each attack is refused with a message
# saying why, leaves nothing behind, and the history is unchanged.

# the caller's own git config is not read with the group's rights (it could include any
# file): a broken ~/.gitconfig changes nothing for bangfu
printf '[include]\n\tpath = %s\n[[[broken\n' "$top/srv/data/bangfu.db" > home-a/.gitconfig
chown "$a" home-a/.gitconfig
expect_exit 0 runuser -u "$a" -- env HOME="$top/home-a" XDG_CONFIG_HOME="$top/home-a" \
	"$top/bin/bangfu" -d "$top/srv/data" set 4418210001 hamlet 上围 --why 三次核实
bf user add "$d" --role admin --scope 44 --name 管理员 >/dev/null
head0=$(git --git-dir=srv/data/audit.git rev-parse HEAD)
runas() { who=$1; shift; runuser -u "$who" -- "$top/bin/bangfu" "$@"; }
install -d -o "$c" -m 700 home-c
# attack 1: an account with no bangfu user links the history into its own directory and
# asks for a rebuild there
runuser -u "$c" -- mkdir "$top/home-c/x"
runuser -u "$c" -- ln -s "$top/srv/data/audit.git" "$top/home-c/x/audit.git"
expect_exit 1 runas "$c" -d "$top/home-c/x" rebuild
expect_grep "$(refused '%s: bangfu here runs setgid for the shared data and opens only the data directories listed in %s:' '.*' "$confdir/bangfu.conf")" err
# root too is held to the list: rebuild where bangfu.conf does not say
expect_exit 1 "$top/bin/bangfu" -d "$top/home-c/x" rebuild
expect_grep "$(refused '%s: bangfu here runs setgid for the shared data and opens only the data directories listed in %s:' "$top/home-c/x" "$confdir/bangfu.conf") $top/srv/data" err
[ -z "$(ls home-c/x | grep -v '^audit.git$')" ] || fail "rebuild left files: $(ls home-c/x)"
# attack 2: a clerk with a copy of the database (however obtained) made admin/44 in it,
# next to a link to the real history: every verb is refused, nothing reaches main
cp srv/data/bangfu.db home-c/x/bangfu.db
sqlite3 home-c/x/bangfu.db "UPDATE users SET role='admin', scope='44' WHERE login='$a'"
chown -R "$a" home-c/x; chown "$a" home-c; ln -sfn "$top/srv/data/audit.git" home-c/x/audit.git
expect_exit 1 runas "$a" -d "$top/home-c/x" set 4418210001 hamlet 伪造 --why 伪造
expect_grep "$(refused '%s: bangfu here runs setgid for the shared data and opens only the data directories listed in %s:' "$top/home-c/x")" err
# the setgid bangfu speaks Chinese from the installed catalogs: no English sentence
[ "$LANGUAGE" != zh_CN ] || { expect_grep "拒绝启动：.*此处 bangfu 以 setgid 运行" err; expect_no_grep "refusing\|runs setgid\|listed in" err; }
expect_exit 1 runas "$a" -d "$top/home-c/x" user add evil --role admin --scope 44 --name evil
expect_grep "$(refused '%s: bangfu here runs setgid for the shared data and opens only the data directories listed in %s:' '.*' "$confdir/bangfu.conf")" err
expect_exit 1 runas "$a" -d "$top/home-c/x" list
expect_exit 1 env BANGFU_HOME="$top/home-c/x" runuser -u "$a" -- "$top/bin/bangfu" list
expect_grep "$(refused '%s: bangfu here runs setgid for the shared data and opens only the data directories listed in %s:' '.*' "$confdir/bangfu.conf")" err
# -d anywhere else, even an empty directory of one's own, a relative path or /
expect_exit 1 runas "$a" -d /tmp list
expect_grep "$(refused '%s: bangfu here runs setgid for the shared data and opens only the data directories listed in %s:' /tmp)" err
expect_exit 1 runas "$a" -d "$top/srv/data/../data/../../home-c/x" list
expect_grep "$(refused '%s: bangfu here runs setgid for the shared data and opens only the data directories listed in %s:' '.*home-c/x' "$confdir/bangfu.conf")" err
# the listed directory is reached however it is spelled, and is the default without -d
expect_exit 0 runas "$a" -d "$top/srv/./data/" list
expect_grep "H4418210000002" out
expect_exit 0 runas "$a" list
expect_grep "H4418210000002" out
# init by a clerk: nowhere, not in a directory of one's own nor in the listed one
expect_exit 1 runas "$a" -d "$top/home-c/new" init
expect_grep "$(Mre 'bangfu init on a shared server is for root only: ask the administrator (bangfu runs setgid here, %s)' "$confdir/bangfu.conf")" err
[ ! -e home-c/new ] || fail "init by a clerk made $top/home-c/new"
expect_exit 1 runas "$d" init
expect_grep "$(Mre 'bangfu init on a shared server is for root only: ask the administrator (bangfu runs setgid here, %s)' "$confdir/bangfu.conf")" err
# demo by an administrator (not root) on a shared server
expect_exit 1 runas "$d" demo --households 1
expect_grep "$(Mre '%s on a shared server is for root only (bangfu runs setgid here)' 'bangfu demo')" err
# a symlink planted inside the listed directory: refused before anything is opened
rm -f srv/data/repack.lock   # made by the stale-lock check of every flush
ln -s "$top/home-c/planted" srv/data/repack.lock
expect_exit 1 runas "$a" list
expect_grep "$(Mre '%s is a symbolic link' "$top/srv/data/repack.lock")" err
rm srv/data/repack.lock
mv srv/data/bangfu.db-shm srv/shm.keep 2>/dev/null || :
ln -s "$top/home-c/planted" srv/data/bangfu.db-shm
expect_exit 1 runas "$a" list
expect_grep "$(Mre '%s is a symbolic link' "$top/srv/data/bangfu.db-shm")" err
rm srv/data/bangfu.db-shm
[ ! -e srv/shm.keep ] || mv srv/shm.keep srv/data/bangfu.db-shm
[ ! -e home-c/planted ] || fail "bangfu wrote through a planted symlink"
# a listed directory reached through a symlink is refused too
ln -s data srv/linked
printf 'data %s\ndata %s\n' "$top/srv/data" "$top/srv/linked" > "$confdir/bangfu.conf"
expect_exit 1 runas "$a" -d "$top/srv/linked" list
expect_grep "$(Mre '%s is a symbolic link' "$top/srv/linked")" err
printf 'data %s\n' "$top/srv/data" > "$confdir/bangfu.conf"
# the conf file (or its directory) writable by others: bangfu refuses to start at all
chmod 666 "$confdir/bangfu.conf"
expect_exit 1 runas "$a" list
expect_grep "$(Mre "%s must be root's and writable by root alone (it is uid %u, group %u, mode %04o)" "$confdir/bangfu.conf" 0 0 0666)" err
chmod 644 "$confdir/bangfu.conf"; chmod 777 "$confdir"
expect_exit 1 runas "$a" list
expect_grep "$(Mre '%s is writable by everyone (mode %04o)' "$confdir" 0777)" err
chmod 755 "$confdir"; chown "$a" "$confdir/bangfu.conf"
expect_exit 1 runas "$a" list
expect_grep "$(Mre "%s must be root's and writable by root alone (it is uid %u, group %u, mode %04o)" "$confdir/bangfu.conf" "$(id -u "$a")" 0 0644)" err
chown root "$confdir/bangfu.conf"
# a terminal description of the caller's own is not parsed with the group held: the UI
# finds TERM only among the system's (ncurses would trust $TERMINFO, ~/.terminfo)
if command -v tic >/dev/null && command -v script >/dev/null; then
	install -d -o "$a" -m 755 home-a/ti
	infocmp xterm | sed '1,/^xterm|/s/^xterm|/bfevil|/' | runuser -u "$a" -- tic -o "$top/home-a/ti" - 2>/dev/null
	[ -n "$(find home-a/ti -name bfevil)" ] || fail "tic made no bfevil"
	expect_exit 1 timeout 20 runuser -u "$a" -- env TERM=bfevil TERMINFO="$top/home-a/ti" HOME="$top/home-a" \
		script -qec "$top/bin/bangfu -d $top/srv/data" /dev/null
	expect_grep "$(Mre 'bangfu: cannot start the terminal UI on TERM=%s (unknown terminal type?)\n' bfevil)" out
fi
# the history did not move, and the data directory is still sound
[ "$(git --git-dir=srv/data/audit.git rev-parse HEAD)" = "$head0" ] || fail "the history changed"
expect_exit 0 runas "$a" list

# bangfu doctor: root or an administrator; silent on the install above, loud on a
# member of staff in the group, a file open to others, or a symlink
expect_exit 1 runas "$a" doctor
expect_grep "^$(Mre 'bangfu: doctor is for root and administrators\n')$" err
expect_exit 0 "$top/bin/bangfu" doctor
expect_grep "^$(Mre 'no problems found\n')$" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "^未发现问题$" out
expect_exit 0 runas "$d" doctor
usermod -a -G "$g" "$b"
chmod o+r srv/data/bangfu.db
expect_exit 1 "$top/bin/bangfu" doctor
expect_grep "$(Mre 'user %s is a member of the %s group: their shell reads every household (gpasswd -d %s %s)' "$b" "$g" "$b" "$g")" out
expect_grep "$(Mre '%s is open to others (mode %04o)' "$top/srv/data/bangfu.db")" out
[ "$LANGUAGE" != zh_CN ] || { expect_grep "对其他用户开放" out; expect_no_grep "is open to\|is a member" out; }
gpasswd -d "$b" "$g" >/dev/null; chmod o-r srv/data/bangfu.db
ln -s /etc/passwd srv/data/audit.git/planted
expect_exit 1 "$top/bin/bangfu" doctor
expect_grep "$(Mre '%s is a symbolic link' "$top/srv/data/audit.git/planted")" out
rm srv/data/audit.git/planted
expect_exit 0 "$top/bin/bangfu" doctor
# root rebuilds a listed directory whose database was lost; the staff carry on
mv srv/data/bangfu.db srv/lost.db
expect_exit 1 runas "$a" list
expect_grep "$(Mre '%s: not a bangfu data directory (no bangfu.db; `bangfu -d %s init` makes one, `bangfu rebuild` restores one)' "$top/srv/data" "$top/srv/data")" err
# a caseworker or an account with no bangfu user may not rebuild (the history says who
# is an administrator: there is no database to ask), and a refusal makes nothing
sides=$(ls srv/data | grep bangfu.db || true)   # the lost database's -wal and -shm, kept (store/db.c)
for u in "$a" "$c"; do
	expect_exit 1 runas "$u" rebuild
	expect_grep "$(Mre 'bangfu rebuild on a shared server is for root or an administrator of the whole province (44): %s is neither' "$u")" err
	[ "$(ls srv/data | grep bangfu.db || true)" = "$sides" ] || fail "a refused rebuild left $(ls srv/data | grep bangfu.db)"
done
expect_exit 0 bf rebuild
expect_exit 0 as "$b" audit verify
[ "$(git --git-dir=srv/data/audit.git rev-parse HEAD)" = "$head0" ] || fail "rebuild changed the history"
# an administrator of the whole province may rebuild too
mv srv/data/bangfu.db srv/lost2.db
expect_exit 0 runas "$d" rebuild
expect_grep "^$(Mre 'rebuilt %s: %ld records, %ld events\n' "$top/srv/data/bangfu.db")$" err
expect_exit 0 as "$a" list
expect_grep "H4418210000002" out
[ "$(git --git-dir=srv/data/audit.git rev-parse HEAD)" = "$head0" ] || fail "rebuild changed the history"
expect_exit 0 "$top/bin/bangfu" doctor
# ==== end of confinement =============================================================

# ==== the issue's attacks 3 to 5, as real accounts ===================================
# households in other counties (root may make demo data on a shared install)
expect_exit 0 bf demo --households 40 --seed 3
expect_exit 0 bf list
other=$(awk '$1 ~ /^H44/ && $1 !~ /^H441821/ {print $1; exit}' out)
[ -n "$other" ] || fail "the demo made no household outside 441821"
expect_exit 0 bf set "$other" hamlet 外县 --why "外县的理由XYZ"
expect_exit 0 bf user add "$cadm" --role admin --scope 441821 --name 县管理员
expect_exit 0 bf user add "$twn" --role township --scope 441821 --name 镇审核
# 3. scope covers history and settings
for u in "$a" "$cadm" "$twn"; do
	expect_exit 0 as "$u" audit log
	expect_no_grep "$other" out
	expect_no_grep "外县的理由XYZ" out
done
expect_exit 1 as "$cadm" setting set monitoring_line.2027 9000 --why 县里改省线
expect_grep "$(Mre 'setting %s applies to %s: only an administrator whose scope holds it may change it (yours is %s)' \
	monitoring_line.2027 "$(M 'the whole province (44)')" 441821)" err
expect_exit 1 as "$cadm" setting set category.x1 新类别 --why 县里加省表
expect_exit 1 as "$cadm" user add "$c" --role admin --scope 44 --name 越权
# 4. ID numbers and phones masked for every role; revealing is recorded
for u in "$a" "$cadm" "$twn"; do
	for v in "show 4418210001" "export households" "audit log -p 4418210001" "list"; do
		expect_exit 0 as "$u" $v
		! grep -Eq '(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9]|$)' out ||
			{ cat out; fail "$u $v printed a full ID number"; }
		! grep -Eq '(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)' out || { cat out; fail "$u $v printed a full mobile"; }
	done
done
expect_exit 0 as "$twn" show 4418210001 --reveal --why 核实身份
expect_grep '441821197501011008' out
expect_exit 0 bf audit reveals
expect_grep "$twn" out
expect_grep "核实身份" out
# 5. text that would move a terminal is refused coming in, and shown harmless going out
expect_exit 1 as "$a" set 4418210001 hamlet 下围 --why "$(printf 'x\033]0;pwned\007')"
expect_grep "--why" err
expect_exit 1 as "$a" set 4418210001 hamlet "$(printf '何\342\200\213旺')" --why 零宽
long=$(head -c 3000 /dev/zero | tr '\0' x)
expect_exit 1 as "$a" set 4418210001 hamlet "$long" --why 太长
expect_exit 0 as "$a" audit log 4418210001
! grep -q "$(printf '\033')" out || fail "audit log printed a raw ESC"
[ "$(git --git-dir=srv/data/audit.git rev-list --count HEAD)" -gt 0 ]
expect_exit 0 as "$b" audit verify
