# The outside witness over ssh (docs/deploy.md, Outside witness): a private sshd on a
# loopback port serves a mirror made by `audit mirror-init`; bangfu pushes to it and
# verifies against it through libgit2's ssh transport (key file, known_hosts), refuses an
# unknown host key, and git's receive-pack on the mirror refuses a forced push and a
# deletion by anyone else. Needs root and sshd (Debian: openssh-server); skipped without.
# (libgit2's own words, "hostkey", and git's, "non-fast-forward", are not bangfu's.)
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
if [ "$(id -u)" != 0 ]; then echo "needs root to run an sshd"; exit 77; fi
sshd=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$sshd" ] || { echo "needs sshd (openssh-server)"; exit 77; }
top=$PWD
port=$((20000 + $$ % 20000))
mkdir -p home/.ssh /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$top/hostkey"
ssh-keygen -q -t ed25519 -N '' -f "$top/home/.ssh/id_ed25519"
cp home/.ssh/id_ed25519.pub authorized_keys
cat > sshd_config <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $top/hostkey
AuthorizedKeysFile $top/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
StrictModes no
UsePAM no
PidFile $top/sshd.pid
EOF
"$sshd" -f "$top/sshd_config" -E "$top/sshd.log" || { cat sshd.log; fail "sshd did not start"; }
trap 'kill "$(cat "$top/sshd.pid")" 2>/dev/null || :' EXIT
for i in 1 2 3 4 5 6 7 8 9 10; do [ -s sshd.pid ] && break; sleep 0.2; done
echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 hostkey.pub)" > home/.ssh/known_hosts
export HOME="$top/home"
# libgit2 1.5.1 never frees the known_hosts list it loads from libssh2 for each ssh
# connection (its host-key check, CVE-2023-22742's fix): not bangfu's leak. Under
# make SANITIZE=1 only; tests/faults/tamper.sh checks bangfu's own frees with no
# suppression.
printf 'leak:libssh2.so\nleak:libgit2.so\n' > "$top/lsan.supp"
export LSAN_OPTIONS="suppressions=$top/lsan.supp:print_suppressions=0"
unset SSH_AUTH_SOCK
plain_ssh="ssh -i $top/home/.ssh/id_ed25519 -o UserKnownHostsFile=$top/home/.ssh/known_hosts -o BatchMode=yes"
$plain_ssh -p "$port" root@127.0.0.1 true 2>ssh.err ||
	{ cat ssh.err sshd.log; echo "cannot log in to a private sshd here"; exit 77; }
bf() { "$BANGFU" -d "$top/d" "$@"; }
url="ssh://root@127.0.0.1:$port$top/mirror.git"

expect_exit 0 bf init
expect_exit 0 bf import households "$data/good.csv" --why 台账导入
expect_exit 0 bf audit mirror-init "$top/mirror.git"
expect_exit 0 bf audit push "$url"
expect_grep "^$(Mre 'pushed to %s: event %ld (commit %s)\n' "$url" 3)$" out
expect_exit 0 bf set 4418210001 hamlet 下围 --why 补录自然村
expect_exit 0 bf audit push "$url"
expect_grep "^$(Mre 'pushed to %s: event %ld (commit %s)\n' "$url" 4)$" out
[ "$(git --git-dir=mirror.git rev-parse main)" = "$(git --git-dir=d/audit.git rev-parse main)" ] || fail "the mirror is not at our main"
expect_exit 0 bf audit verify --against "$url"
expect_grep "^$(Mre "--against %s: the local history extends the mirror's (%ld of %ld events pushed)\n" "$url" 4 4)$" out

# a host key that is not the one in known_hosts: refused
cp home/.ssh/known_hosts known_hosts.good
echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 home/.ssh/id_ed25519.pub)" > home/.ssh/known_hosts
expect_exit 1 bf audit push "$url"
expect_grep "hostkey" err
: > home/.ssh/known_hosts
expect_exit 1 bf audit verify --against "$url"
expect_grep "hostkey" err
cp known_hosts.good home/.ssh/known_hosts

# anyone else pushing with plain git: receive-pack on the mirror refuses a rewrite and a
# deletion (receive.denyNonFastForwards, receive.denyDeletes)
git init -q --bare other.git
git --git-dir=other.git fetch -q "$top/d/audit.git" main:main
c=$(GIT_AUTHOR_NAME=x GIT_AUTHOR_EMAIL=x@x GIT_COMMITTER_NAME=x GIT_COMMITTER_EMAIL=x@x git --git-dir=other.git commit-tree -p main~1 -m forged 'main~1^{tree}')
git --git-dir=other.git update-ref refs/heads/main "$c"
set +e
GIT_SSH_COMMAND="$plain_ssh" git --git-dir=other.git push -f "$url" main > push.out 2>&1; rc=$?
GIT_SSH_COMMAND="$plain_ssh" git --git-dir=other.git push "$url" :main > delete.out 2>&1; rc2=$?
set -e
[ "$rc" -ne 0 ] || fail "a forced push over ssh was accepted"
expect_grep "non-fast-forward" push.out
[ "$rc2" -ne 0 ] || fail "deleting the mirror's main over ssh was accepted"
[ "$(git --git-dir=mirror.git rev-parse main)" = "$(git --git-dir=d/audit.git rev-parse main)" ] || fail "the mirror moved"

# the last event erased here, in both: the mirror over ssh names it; bangfu will not push
sqlite3 d/bangfu.db "DELETE FROM event_files WHERE event_id = 4; DELETE FROM events WHERE id = 4;
                     UPDATE households SET hamlet = '上围' WHERE household_no = '4418210001'"
git --git-dir=d/audit.git update-ref refs/heads/main main~1
expect_exit 0 bf audit verify
expect_exit 1 bf audit verify --against "$url"
expect_grep "^$(Mre "--against %s: the mirror holds %ld events, the local history %ld: event %ld (the mirror's commit %.12s) and later were erased here\n" "$url" 4 3 4)$" out
expect_exit 1 bf audit push "$url"
expect_grep "$(Mre '%s holds commit %.12s, which the local history does not contain: the local history was rewritten or moved back, or the mirror belongs to another data directory. Nothing pushed; `audit verify --against %s` names the event' '.*' '[0-9a-f]*' "$url")" err
[ "$LANGUAGE" != zh_CN ] || expect_no_grep "which the local\|Nothing pushed" err
