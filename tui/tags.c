/* tags.c — the sorted set of tagged household ids (tags.h). */
#include "tui/tags.h"
#include "core/grow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where id is or would go; *found says which. */
static long find(const struct tags *t, const char *id, int *found)
{
	long lo = 0, hi = t->n;
	while (lo < hi) {
		long mid = (lo + hi) / 2;
		int c = strcmp(t->id[mid], id);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = 0;
	return lo;
}

int tags_has(const struct tags *t, const char *id)
{
	int found;
	find(t, id, &found);
	return found;
}

int tags_set(struct tags *t, const char *id, int on)
{
	int found;
	long i = find(t, id, &found);
	if (on < 0)
		on = !found;
	if (found && !on) {
		memmove(t->id + i, t->id + i + 1, (size_t)(t->n - i - 1) * sizeof *t->id);
		t->n--;
	} else if (!found && on) {
		if (GROW(t->id, t->cap, t->n + 1, 64))
			return -1;
		memmove(t->id + i + 1, t->id + i, (size_t)(t->n - i) * sizeof *t->id);
		snprintf(t->id[i], sizeof t->id[i], "%s", id);
		t->n++;
	}
	return 0;
}

void tags_clear(struct tags *t)
{
	t->n = 0;
}

void tags_free(struct tags *t)
{
	free(t->id);
	t->id = NULL;
	t->n = t->cap = 0;
}
