/* strmap.c — string → long hash map with linear probing, kept under 50% full. */
#include "core/strmap.h"
#include "core/grow.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static size_t slot_of(const struct strmap *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

int strmap_get(const struct strmap *m, const char *key, long *value)
{
	if (!m->cap)
		return 0;
	size_t i = slot_of(m, key);
	if (!m->keys[i])
		return 0;
	*value = m->values[i];
	return 1;
}

static int grow(struct strmap *m)
{
	struct strmap bigger = {0};
	bigger.cap = grow_cap(m->cap, m->cap + 1, 64, sizeof *bigger.keys);
	bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
	bigger.values = calloc(bigger.cap, sizeof *bigger.values);
	if (!bigger.keys || !bigger.values) {
		free(bigger.keys);
		free(bigger.values);
		return -1;
	}
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i]) {
			size_t j = slot_of(&bigger, m->keys[i]);
			bigger.keys[j] = m->keys[i];
			bigger.values[j] = m->values[i];
		}
	bigger.count = m->count;
	free(m->keys);
	free(m->values);
	*m = bigger;
	return 0;
}

int strmap_put(struct strmap *m, const char *key, long value)
{
	if ((m->count + 1) * 2 > m->cap && grow(m))
		return -1;
	size_t i = slot_of(m, key);
	if (!m->keys[i]) {
		if (!(m->keys[i] = strdup(key)))
			return -1;
		m->count++;
	}
	m->values[i] = value;
	return 0;
}

void strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->values);
	memset(m, 0, sizeof *m);
}
