/* fuzz_register.c — the household register check on arbitrary bytes: never crashes,
 * leaks or reads out of bounds; every household it accepts renders to canonical text
 * that parses back to the same text, and merging it into itself as bangfu would keep it
 * (register_merge: the same file imported again) changes nothing and reports nothing. */
#include "tests/fuzz/fuzz_common.h"
#include "core/register.h"
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static void ignore(void *ctx, long line, const char *column, const char *msg)
{
	(void)ctx; (void)line; (void)column; (void)msg;
}

static void count_note(void *ctx, const char *column, const char *msg)
{
	(void)column; (void)msg;
	(*(int *)ctx)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct register_batch b = {0};
	/* a file that cannot be read at all is refused whole: nothing to check */
	int rc = register_read_csv(NULL, (const char *)data, size, "2026-11-29", &b, ignore, NULL);
	for (int i = 0; rc == 0 && i < b.nhouseholds; i++) {
		if (b.bad[i])
			continue;
		struct household *h = &b.households[i];
		struct household back = {0};
		struct buf one = {0}, two = {0};
		char err[256];
		strcpy(h->id, "H1");   /* ids are the store's to assign */
		for (int c = 0; c < h->ncases; c++)
			snprintf(h->cases[c].id, sizeof h->cases[c].id, "C%d", c + 1);
		fuzz_round_trip(NULL, h, &one);
		/* bangfu keeps what the text says; the same file read again merges into it */
		int notes = 0;
		if (record_parse(NULL, buf_str(&one), &back, err, sizeof err) != 0 ||
		    register_merge(&back, h, b.present, count_note, &notes) != 0)
			abort();
		record_render(NULL, &back, &two);
		if (notes || strcmp(buf_str(&one), buf_str(&two)) != 0)
			abort();
		household_free(&back);
		buf_free(&one);
		buf_free(&two);
	}
	register_batch_free(&b);
	return 0;
}
