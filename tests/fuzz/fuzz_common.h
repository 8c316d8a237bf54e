/* fuzz_common.h — what the fuzz targets share: the input as a C string, and the property
 * that a household's canonical text parses back (with the same code lists) to a
 * household whose text is the same bytes. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H
#include "core/record.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The fuzzer's bytes, NUL-terminated, in a fresh allocation (free it); NULL if out of
 * memory. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (text) {
		memcpy(text, data, size);
		text[size] = '\0';
	}
	return text;
}

/* Render h into text, parse it back, render again: abort (libFuzzer reports a crash)
 * unless the parse succeeds and both renderings are the same bytes. */
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
