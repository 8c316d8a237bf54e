/* idmap.h — ID number → line, for the ID numbers an import has seen (core/register.c):
 * an 18-character resident ID (17 digits and a check digit or X) is kept as one 64-bit
 * number beside a 32-bit line, 12 bytes a slot in a table at most 3/4 full, instead of a
 * copied string in a strmap (some 80 bytes an entry: 4 million people at 1M households);
 * any other form goes to a strmap. */
#ifndef CORE_IDMAP_H
#define CORE_IDMAP_H
#include "core/strmap.h"
#include <stddef.h>
#include <stdint.h>

struct idmap {
	uint64_t *keys;       /* 0: empty slot */
	uint32_t *lines;
	size_t cap, count;
	struct strmap other;  /* IDs not of the 18-character form */
};

/* 1 and *line if id was put before, else 0. */
int idmap_get(const struct idmap *m, const char *id, long *line);
/* Insert or replace; 0, or -1 out of memory. */
int idmap_put(struct idmap *m, const char *id, long line);
void idmap_free(struct idmap *m);

#endif
