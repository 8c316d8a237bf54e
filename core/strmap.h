/* strmap.h — a string → long hash map (open addressing, FNV-1a), for the checks that
 * must see a whole file at once: which household a 户编号 is, whether an ID number was
 * already seen. Keys are copied. */
#ifndef CORE_STRMAP_H
#define CORE_STRMAP_H
#include <stddef.h>

struct strmap {
	char **keys;
	long *values;
	size_t cap, count;
};

/* Look key up: returns 1 and sets *value if present, else 0. */
int strmap_get(const struct strmap *m, const char *key, long *value);
/* Insert or replace. Returns 0, or -1 on allocation failure. */
int strmap_put(struct strmap *m, const char *key, long value);
void strmap_free(struct strmap *m);

#endif
