/* fuzz_idcard.c — libFuzzer target for ID-number parsing.
 * Properties: never crashes or reads past the string; an accepted number is 18
 * characters with a correct check character, a real birth date in range and the sex
 * of its 17th digit, and parses again to the same result; a rejection always says why
 * in valid UTF-8, even when the message buffer is small. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/idcard.h"
#include "core/text.h"

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_idcard: property failed: %s\n", what);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[80], err[160];
	struct idcard c, again;

	if (size == 0 || size >= sizeof text)
		return 0;
	/* The first byte picks the size of the message buffer. */
	int errlen = 1 + data[0] % (int)sizeof err;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';

	err[0] = '\0';
	if (idcard_parse(text, "2025-06-15", &c, err, errlen) != 0) {
		check(strlen(err) < (size_t)errlen, "err fits");
		check(errlen < 12 || err[0] != '\0', "err says why");
		check(text_valid_utf8(err, strlen(err)), "err is UTF-8");
		check(c.id[0] == '\0', "out cleared on failure");
		return 0;
	}
	check(strlen(c.id) == 18, "18 characters");
	for (int i = 0; i < 17; i++)
		check(c.id[i] >= '0' && c.id[i] <= '9', "17 digits");
	check(idcard_check_char(c.id) == c.id[17], "check character");
	check(c.sex == ((c.id[16] - '0') % 2 ? 'M' : 'F'), "sex");
	check(strncmp(c.address, c.id, 6) == 0 && strlen(c.address) == 6, "address");
	check(strlen(c.birth) == 10 && c.birth[4] == '-' && c.birth[7] == '-', "birth form");
	check(strncmp(c.birth, "1880", 4) >= 0 && strcmp(c.birth, "2025-06-15") <= 0,
	      "birth in range");
	if (c.original[0] != '\0')
		check(strlen(c.original) == 15 && strcmp(c.original, text) == 0, "original kept");
	else
		check(strlen(text) == 18, "18-character input");

	check(idcard_parse(c.id, "2025-06-15", &again, err, sizeof err) == 0, "reparse");
	check(strcmp(again.id, c.id) == 0 && strcmp(again.birth, c.birth) == 0 &&
	      again.sex == c.sex, "reparse gives the same");
	return 0;
}
