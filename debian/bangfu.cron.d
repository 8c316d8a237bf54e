# /etc/cron.d/bangfu: pack the audit history of the default data directory nightly
# (docs/deploy.md). cron.d format: minute hour day month weekday USER command.
SHELL=/bin/sh
PATH=/usr/sbin:/usr/bin:/sbin:/bin
30 2 * * *  root  [ -x /usr/bin/bangfu ] && [ -f /var/lib/bangfu/data/bangfu.db ] && /usr/bin/bangfu audit repack >/dev/null
