/* idmap.c — ID number → line, compact for 18-character IDs (see idmap.h). */
#include "core/idmap.h"
#include <stdlib.h>
#include <string.h>

/* The 18-character form as a number (never 0), or 0 for any other. */
static uint64_t id_key(const char *id)
{
	uint64_t k = 0;
	for (int i = 0; i < 17; i++) {
		if (id[i] < '0' || id[i] > '9')
			return 0;
		k = k * 10 + (uint64_t)(id[i] - '0');
	}
	int last = id[17] == 'X' ? 10 : id[17] >= '0' && id[17] <= '9' ? id[17] - '0' : -1;
	if (last < 0 || id[18])
		return 0;
	return k * 11 + (uint64_t)last + 1;
}

static size_t slot_of(const struct idmap *m, uint64_t k)
{
	size_t i = (size_t)((k * 0x9E3779B97F4A7C15ULL) >> 20) & (m->cap - 1);
	while (m->keys[i] && m->keys[i] != k)
		i = (i + 1) & (m->cap - 1);
	return i;
}

int idmap_get(const struct idmap *m, const char *id, long *line)
{
	uint64_t k = id_key(id);
	if (!k)
		return strmap_get(&m->other, id, line);
	if (!m->cap)
		return 0;
	size_t i = slot_of(m, k);
	if (!m->keys[i])
		return 0;
	*line = m->lines[i];
	return 1;
}

static int grow(struct idmap *m)
{
	struct idmap bigger = {.cap = m->cap ? m->cap * 2 : 1024, .count = m->count, .other = m->other};
	bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
	bigger.lines = calloc(bigger.cap, sizeof *bigger.lines);
	if (!bigger.keys || !bigger.lines) {
		free(bigger.keys);
		free(bigger.lines);
		return -1;
	}
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i]) {
			size_t j = slot_of(&bigger, m->keys[i]);
			bigger.keys[j] = m->keys[i];
			bigger.lines[j] = m->lines[i];
		}
	free(m->keys);
	free(m->lines);
	*m = bigger;
	return 0;
}

int idmap_put(struct idmap *m, const char *id, long line)
{
	uint64_t k = id_key(id);
	if (!k)
		return strmap_put(&m->other, id, line);
	if ((m->count + 1) * 4 > m->cap * 3 && grow(m))
		return -1;
	size_t i = slot_of(m, k);
	if (!m->keys[i])
		m->count++;
	m->keys[i] = k;
	m->lines[i] = line > 0 && line < (long)UINT32_MAX ? (uint32_t)line : UINT32_MAX;
	return 0;
}

void idmap_free(struct idmap *m)
{
	free(m->keys);
	free(m->lines);
	strmap_free(&m->other);
	memset(m, 0, sizeof *m);
}
