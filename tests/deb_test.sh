#!/bin/sh
# Builds the Debian package from a copy of this tree (dpkg-buildpackage -us -uc -b) and,
# with "test", installs it with dpkg -i and checks what the package promises: the bangfu
# group, /usr/bin/bangfu setgid bangfu through dpkg-statoverride, /etc/bangfu.conf a
# conffile, /etc/cron.d/bangfu, the man page and completions, a working init as root in
# the conf's directory; then removes it and checks the statoverride went with it.
#   sh tests/deb_test.sh build|test OUTDIR
# Exits 77 (skipped) without dpkg-buildpackage or dh; "test" needs root and changes this
# machine (installs bangfu, adds the bangfu group): run it on CI or a throw-away machine.
set -eu
mode=$1; out=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
for t in dpkg-buildpackage dh; do
	command -v $t >/dev/null 2>&1 || { echo "needs $t (apt-get install dpkg-dev debhelper)"; exit 77; }
done
top=$(pwd)
rm -rf "$out"; mkdir -p "$out/src"
out=$(cd "$out" && pwd)
# the tracked files of the tree as they are now (no build output, no data)
git -C "$top" ls-files -z --cached --others --exclude-standard | \
	(cd "$top" && xargs -0 tar cf - --no-recursion) | tar xf - -C "$out/src"
(cd "$out/src" && dpkg-buildpackage -us -uc -b) > "$out/build.log" 2>&1 || { tail -40 "$out/build.log"; fail "dpkg-buildpackage"; }
deb=$(ls "$out"/bangfu_*.deb)
echo "built $deb"
# dpkg-buildflags' hardening reached the compile (the build log shows it)
grep -q -- '-fstack-protector-strong' "$out/build.log" || fail "no hardening flags in the build"
grep -q -- '-D_FORTIFY_SOURCE=2' "$out/build.log" || fail "no _FORTIFY_SOURCE in the build"
dpkg-deb -c "$deb" > "$out/contents"
for f in ./usr/bin/bangfu ./usr/share/man/man1/bangfu.1.gz ./usr/share/bash-completion/completions/bangfu \
         ./usr/share/zsh/vendor-completions/_bangfu ./etc/bangfu.conf ./etc/cron.d/bangfu \
         ./usr/share/locale/zh_CN/LC_MESSAGES/bangfu.mo ./usr/share/locale/en/LC_MESSAGES/bangfu.mo; do
	grep -q " $f\$" "$out/contents" || fail "$f not in the package"
done
dpkg-deb -I "$deb" conffiles | grep -qx /etc/bangfu.conf || fail "/etc/bangfu.conf not a conffile"
[ "$mode" = test ] || exit 0

[ "$(id -u)" -eq 0 ] || { echo "dpkg -i needs root"; exit 77; }
dpkg -i "$deb" > "$out/install.log" 2>&1 || { cat "$out/install.log"; fail "dpkg -i"; }
getent group bangfu >/dev/null || fail "no bangfu group"
[ "$(stat -c '%a %U %G' /usr/bin/bangfu)" = "2755 root bangfu" ] || fail "/usr/bin/bangfu is $(stat -c '%a %U %G' /usr/bin/bangfu)"
dpkg-statoverride --list /usr/bin/bangfu | grep -q 'root bangfu 2755' || fail "no statoverride"
[ "$(stat -c '%a %G' /var/lib/bangfu)" = "2770 bangfu" ] || fail "/var/lib/bangfu is $(stat -c '%a %G' /var/lib/bangfu)"
grep -q '^30 2 \* \* \*  *root  .*/usr/bin/bangfu audit repack' /etc/cron.d/bangfu || fail "cron.d line"
MANWIDTH=80 man bangfu 2>/dev/null | grep -q 'EXIT STATUS' || fail "man bangfu does not render"
/usr/bin/bangfu --version | grep -q "bangfu $(cat "$top/VERSION")" || fail "installed version"
# the installed (setgid) binary speaks Chinese from the installed catalog, English on request
# (its refusal of a data directory that /etc/bangfu.conf does not list)
env -u LANGUAGE -u LC_ALL -u LANG /usr/bin/bangfu -d "$out" list 2>&1 | grep -q '拒绝启动' || fail "installed bangfu not in Chinese"
env -u LANGUAGE -u LC_ALL LANG=en_US.UTF-8 /usr/bin/bangfu -d "$out" list 2>&1 | grep -q 'refusing to start' || fail "installed bangfu not in English"
fresh=0
if [ ! -e /var/lib/bangfu/data ]; then
	fresh=1
	/usr/bin/bangfu init > "$out/init.log" 2>&1 || { cat "$out/init.log"; fail "bangfu init as root"; }
	/usr/bin/bangfu doctor > "$out/doctor.log" 2>&1 || { cat "$out/doctor.log"; fail "bangfu doctor"; }
	/usr/bin/bangfu audit repack > /dev/null 2>&1 || fail "the cron job's repack"
fi
dpkg -r bangfu > "$out/remove.log" 2>&1 || { cat "$out/remove.log"; fail "dpkg -r"; }
! dpkg-statoverride --list /usr/bin/bangfu >/dev/null 2>&1 || fail "statoverride left after remove"
[ -f /etc/bangfu.conf ] || fail "a removed (not purged) package keeps its conffile"
dpkg -P bangfu > /dev/null 2>&1 || fail "dpkg -P"
[ ! -e /etc/bangfu.conf ] || fail "purge left /etc/bangfu.conf"
[ $fresh -eq 0 ] || rm -rf /var/lib/bangfu/data   # what this test made; the data of others stays
echo "deb-test: ok"
