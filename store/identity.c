/* identity.c — who is calling: the real Unix user (getuid(), never $USER), and the
 * test-only hooks. The hooks exist only in the test-hooks build (BANGFU_TEST_HOOKS,
 * built as build/bangfu-testhooks by `make check`); the shipped ./bangfu ignores
 * BANGFU_TEST_LOGIN, BANGFU_FAULT and BANGFU_TODAY entirely. */
#include "store/internal.h"
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int identity_login(struct store *s, char *login, size_t n, unsigned *uid)
{
	*uid = (unsigned)getuid();
#ifdef BANGFU_TEST_HOOKS
	const char *fake = getenv("BANGFU_TEST_LOGIN");
	if (fake && *fake) {
		snprintf(login, n, "%s", fake);
		return 0;
	}
#endif
	struct passwd pw, *found = NULL;
	char buf[4096];
	if (getpwuid_r(*uid, &pw, buf, sizeof buf, &found) != 0 || !found)
		return store_fail(s, STORE_ENOUSER, "uid %u has no entry in the password database",
		                  *uid);
	snprintf(login, n, "%s", found->pw_name);
	return 0;
}

void identity_fault(const char *point)
{
#ifdef BANGFU_TEST_HOOKS
	const char *want = getenv("BANGFU_FAULT");
	if (want && strncmp(want, "pause-", 6) == 0 && strcmp(want + 6, point) == 0) {
		sleep(1);             /* "pause-POINT": a second's wait there, for a signal to land */
		return;
	}
	if (want && strcmp(want, point) == 0) {
		fprintf(stderr, "bangfu: fault injected at %s: exiting now\n", point);
		fflush(stderr);
		_exit(86);
	}
#else
	(void)point;
#endif
}

const char *store_today(const struct store *s)
{
	return s->today;
}

/* Fill s->today (local date), or BANGFU_TODAY in the test-hooks build. */
void identity_set_today(struct store *s)
{
#ifdef BANGFU_TEST_HOOKS
	const char *fake = getenv("BANGFU_TODAY");
	if (fake && strlen(fake) == 10) {
		snprintf(s->today, sizeof s->today, "%s", fake);
		return;
	}
#endif
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(s->today, sizeof s->today, "%Y-%m-%d", &tm);
}
