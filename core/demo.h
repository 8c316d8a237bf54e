/* demo.h — the synthetic register behind `bangfu demo` (see demo.c). */
#ifndef CORE_DEMO_H
#define CORE_DEMO_H
#include "core/model.h"
#include "core/idmap.h"
#include <stdint.h>

struct demo_county;

struct demo {
	unsigned long seed;
	uint64_t rng;
	char today[11];
	int year;
	long count;
	struct idmap ids;       /* ID numbers handed out, to keep them unique (12 bytes each) */
	struct demo_county *counties;   /* each county's villages, found once (demo.c) */
	int ncounties;
};

void demo_init(struct demo *d, unsigned long seed, const char *today);
/* Fill h (zeroed here) with the next synthetic household; its bangfu id is left for the
 * store to assign. Returns 0, or -1 on allocation failure. */
int demo_next(struct demo *d, struct household *h);
void demo_free(struct demo *d);

#endif
