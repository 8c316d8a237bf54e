/* mask.c — the masking rule and masked forms of ID and phone numbers (see mask.h). */
#include "tui/mask.h"
#include <stdio.h>
#include <string.h>

int mask_hides(const struct user *u, const struct household *h)
{
	if (u->role == ROLE_ADMIN)
		return 0;
	if (u->role == ROLE_CASEWORKER && access_in_scope(u, household_get(h, HF_VILLCODE)))
		return 0;
	return 1;
}

/* Keep `head` leading and `tail` trailing characters (ASCII: these values are digits,
 * X, '-'), star the rest; short values keep only their last two. */
static void keep_ends(const char *v, int head, int tail, char *out, size_t n)
{
	int len = (int)strlen(v);
	if (len <= head + tail) {
		head = 0;
		tail = len > 2 ? 2 : 0;
	}
	if ((size_t)len + 1 > n) {
		snprintf(out, n, "****");
		return;
	}
	for (int i = 0; i < len; i++)
		out[i] = i < head || i >= len - tail ? v[i] : '*';
	out[len] = '\0';
}

void mask_value(enum field_id f, const char *value, char *out, size_t n)
{
	if (!value || !value[0])
		snprintf(out, n, "%s", "");
	else if (f == MF_ID)
		keep_ends(value, 4, 4, out, n);
	else if (f == MF_PHONE)
		keep_ends(value, 3, 4, out, n);
	else
		snprintf(out, n, "%s", value);
}
