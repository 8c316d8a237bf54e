/* fuzz_mask.c — libFuzzer target for masking text (core/mask.c mask_text).
 * Properties: never crashes or reads past the text; the masked text is as long in bytes
 * as the input and has the same lines; valid UTF-8 stays valid; masking again changes
 * nothing; and no ID-number- or mobile-shaped run of digits is left standing alone
 * (not next to another digit or a lowercase hex letter, the rule mask.h states). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/mask.h"
#include "core/text.h"
#include "tests/fuzz/fuzz_common.h"

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_mask: property failed: %s\n", what);
		abort();
	}
}

static int digit(char c) { return c >= '0' && c <= '9'; }
static int hex(char c) { return c >= 'a' && c <= 'f'; }

/* 1 when a personal number stands in t (the shapes mask_text masks). */
static int number_left(const char *t)
{
	for (const char *p = t; *p; p++) {
		if (!digit(*p) || (p > t && (digit(p[-1]) || hex(p[-1]))))
			continue;
		size_t n = strspn(p, "0123456789");
		if (n == 17 && (p[n] == 'X' || p[n] == 'x'))
			n += 1 + strspn(p + n + 1, "0123456789");
		if (!hex(p[n]) && (n == 15 || n == 18 || n == 20 || (n == 11 && p[0] == '1' && p[1] >= '3')))
			return 1;
		p += n - 1;
	}
	return 0;
}

static size_t lines(const char *t)
{
	size_t n = 0;
	for (; *t; t++)
		n += *t == '\n';
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct buf once = {0}, twice = {0};
	if (!text)
		return 0;
	mask_text(text, &once);
	check(buf_str(&once) != NULL, "masked");
	check(once.len == strlen(text), "as long as the input");
	check(lines(once.s) == lines(text), "same lines");
	if (text_valid_utf8(text, strlen(text)))
		check(text_valid_utf8(once.s, once.len), "valid UTF-8 stays valid");
	check(!number_left(once.s), "no personal number left");
	mask_text(once.s, &twice);
	check(buf_str(&twice) && strcmp(once.s, twice.s) == 0, "masking again changes nothing");
	buf_free(&once);
	buf_free(&twice);
	free(text);
	return 0;
}
