/* round_trip.h — the property the fuzzers share: a household's canonical text parses
 * back (with the same code lists) to a household whose text is the same bytes. Aborts
 * otherwise, which libFuzzer reports as a crash. `text` receives the first rendering. */
#ifndef FUZZ_ROUND_TRIP_H
#define FUZZ_ROUND_TRIP_H
#include "core/record.h"
#include <stdlib.h>
#include <string.h>

static inline void fuzz_round_trip(const struct code_lists *lists, const struct household *h,
                                   struct buf *text)
{
	struct household back = {0};
	struct buf again = {0};
	char err[256];
	record_render(lists, h, text);
	if (record_parse(lists, buf_str(text), &back, err, sizeof err) != 0)
		abort();
	record_render(lists, &back, &again);
	if (strcmp(buf_str(text), buf_str(&again)) != 0)
		abort();
	buf_free(&again);
	household_free(&back);
}

#endif
