/* fuzz_encoding.c — libFuzzer target for conversion to UTF-8.
 * Properties: whatever the bytes and the encoding asked for, success gives valid
 * UTF-8, NUL-terminated, with no leading BOM; failure gives no buffer and a message
 * naming the line and byte offset; valid UTF-8 in "auto" comes back unchanged but for
 * its leading BOMs. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/encoding.h"
#include "core/text.h"

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_encoding: property failed: %s\n", what);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {NULL, "auto", "gbk", "GB18030", "utf-8", "UTF-16"};
	char *out = NULL, err[200];
	size_t outlen = 0;
	const char *used = NULL;

	if (size == 0)
		return 0;
	const char *enc = names[data[0] % (sizeof names / sizeof names[0])];
	const char *in = (const char *)data + 1;
	size_t n = size - 1;

	err[0] = '\0';
	if (encoding_to_utf8(in, n, enc, &out, &outlen, &used, err, sizeof err) != 0) {
		check(out == NULL, "no buffer on failure");
		check(strncmp(err, "line ", 5) == 0 || strncmp(err, "out of memory", 13) == 0,
		      "error names the line");
		return 0;
	}
	check(out != NULL && out[outlen] == '\0', "NUL-terminated");
	check(text_valid_utf8(out, outlen), "valid UTF-8");
	check(outlen < 3 || memcmp(out, "\xEF\xBB\xBF", 3) != 0, "no BOM");
	check(used != NULL, "used named");
	if ((enc == NULL || strcmp(enc, "auto") == 0) && text_valid_utf8(in, n)) {
		size_t skip = 0;
		while (n - skip >= 3 && memcmp(in + skip, "\xEF\xBB\xBF", 3) == 0)
			skip += 3;
		check(outlen == n - skip && memcmp(out, in + skip, outlen) == 0, "UTF-8 as is");
	}
	free(out);
	return 0;
}
