/* fuzz_text.c — libFuzzer target for the UTF-8 and display functions.
 * Properties on any byte string:
 *   - text_decode agrees with a re-encoding of what it decoded, never yields a
 *     surrogate or a code point above U+10FFFF, and text_valid_utf8 agrees with it;
 *   - text_fit never exceeds the cells or the buffer, its output is valid UTF-8
 *     without controls, and its width is what text_width says; with room enough it
 *     prints what text_sanitize prints, and both measure text_width(s);
 *   - text_trim leaves no ASCII space or U+3000 at either end and is idempotent;
 *   - text_find_control finds a control exactly when text_sanitize changes a valid
 *     string, and text_check_input accepts a string exactly when it is valid UTF-8
 *     without one;
 *   - the stream sanitiser gives the same bytes however its input is cut into writes,
 *     valid UTF-8 without controls but LF and tab, and what text_sanitize gives for a
 *     string without NUL, LF or tab. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/text.h"

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_text: property failed: %s\n", what);
		abort();
	}
}

/* UTF-8 encoding of cp into b (the reference the decoder is checked against). */
static int encode(uint32_t cp, unsigned char *b)
{
	int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	static const unsigned char lead[5] = {0, 0x00, 0xC0, 0xE0, 0xF0};

	for (int i = len - 1; i > 0; i--) {
		b[i] = (unsigned char)(0x80 | (cp & 0x3F));
		cp >>= 6;
	}
	b[0] = (unsigned char)(lead[len] | cp);
	return len;
}

static void check_decode(const char *s, size_t n)
{
	int valid = 1;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		unsigned char b[4];
		int k = text_decode(s + i, n - i, &cp);
		if (k < 0) {
			valid = 0;
			i++;
			continue;
		}
		check(cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF), "code point range");
		check(encode(cp, b) == k && memcmp(b, s + i, (size_t)k) == 0, "decode round trip");
		i += (size_t)k;
	}
	check(text_valid_utf8(s, n) == valid, "valid_utf8 agrees with decode");
}

static int is_space_end(const char *s, size_t n, int at_end)
{
	if (n == 0)
		return 0;
	unsigned char c = (unsigned char)(at_end ? s[n - 1] : s[0]);
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	return n >= 3 && memcmp(at_end ? s + n - 3 : s, "\xE3\x80\x80", 3) == 0;
}

struct grow { char *p; size_t len, cap; };

static int collect(void *ctx, const char *p, size_t n)
{
	struct grow *g = ctx;
	if (g->len + n + 1 > g->cap) {
		g->cap = 2 * (g->len + n + 1);
		g->p = realloc(g->p, g->cap);
		check(g->p != NULL, "memory");
	}
	memcpy(g->p + g->len, p, n);
	g->len += n;
	g->p[g->len] = '\0';
	return 0;
}

/* Stream s[0..n) in writes cut at a and b (a <= b <= n) into g. */
static void stream_cut(const char *s, size_t n, size_t a, size_t b, struct grow *g)
{
	struct text_stream st = {0};
	check(text_stream_write(&st, s, a, collect, g) == 0, "stream write");
	check(text_stream_write(&st, s + a, b - a, collect, g) == 0, "stream write");
	check(text_stream_write(&st, s + b, n - b, collect, g) == 0, "stream write");
	check(text_stream_finish(&st, collect, g) == 0, "stream finish");
	check(st.nheld == 0, "nothing held after finish");
}

static void check_stream(const char *s, size_t n, size_t cut1, size_t cut2, const char *san)
{
	struct grow whole = {0}, cut = {0};
	size_t a = n ? cut1 % (n + 1) : 0, b = n ? cut2 % (n + 1) : 0;
	if (a > b) { size_t t = a; a = b; b = t; }
	stream_cut(s, n, n, n, &whole);
	stream_cut(s, n, a, b, &cut);
	check(whole.len == cut.len && (whole.len == 0 || memcmp(whole.p, cut.p, whole.len) == 0),
	      "stream output does not depend on where writes are cut");
	check(whole.len == 0 || text_valid_utf8(whole.p, whole.len), "stream output UTF-8");
	for (size_t i = 0; i < whole.len; i++)
		check(whole.p[i] == '\n' || whole.p[i] == '\t' ||
		      ((unsigned char)whole.p[i] >= 0x20 && whole.p[i] != 0x7F), "stream output C0");
	for (size_t i = 0; i < whole.len; i++)   /* LF and tab are the only controls left */
		if (whole.p[i] == '\n' || whole.p[i] == '\t')
			whole.p[i] = ' ';
	check(whole.len == 0 || text_find_control(whole.p, 0) < 0, "stream output has no controls");
	if (!memchr(s, '\0', n) && !memchr(s, '\n', n) && !memchr(s, '\t', n))
		check(whole.len == strlen(san) && (whole.len == 0 || memcmp(whole.p, san, whole.len) == 0),
		      "stream == sanitize");
	free(whole.p);
	free(cut.p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	int cells = data[0] % 64 - 2;                 /* includes 0 and negatives */
	size_t outlen = data[1] % 48;                 /* includes 0 */
	size_t n = size - 2;
	char *s = malloc(n + 1), *out = malloc(outlen + 1);
	size_t biglen = 8 * n + 1;                    /* every unit renders in <= 8 bytes */
	char *fit = malloc(biglen), *san = malloc(biglen);
	memcpy(s, data + 2, n);
	s[n] = '\0';
	n = strlen(s);

	check_decode((const char *)data + 2, size - 2);

	/* text_fit, small buffers. */
	memset(out, 'Z', outlen + 1);
	int w = text_fit(s, cells, out, outlen);
	if (outlen > 0) {
		size_t len = strlen(out);
		check(len < outlen, "fit stays in the buffer");
		check(w >= 0 && w <= (cells > 0 ? cells : 0), "fit within cells");
		check(text_width(out) == w, "fit width");
		check(text_valid_utf8(out, len), "fit output UTF-8");
		check(text_find_control(out, 0) == -1, "fit output has no controls");
	} else {
		check(w == 0 && out[0] == 'Z', "fit with no buffer writes nothing");
	}

	/* With room: fit and sanitize agree, and measure text_width(s). */
	int total = text_width(s);
	check(total >= 0, "width");
	check(text_fit(s, total, fit, biglen) == total, "fit whole width");
	size_t sl = text_sanitize(s, san, biglen);
	check(sl == strlen(san) && strcmp(fit, san) == 0, "fit == sanitize");
	check(text_width(san) == total, "sanitize keeps width");
	check(text_valid_utf8(san, sl), "sanitize output UTF-8");
	check(text_find_control(san, 0) == -1, "sanitize output has no controls");
	if (total > 0) {
		int w2 = text_fit(s, total - 1, fit, biglen);
		check(w2 < total, "one cell less fits less");
	}

	/* Controls: found exactly when a valid string would change. */
	long at = text_find_control(s, 0);
	if (text_valid_utf8(s, n))
		check((at < 0) == (strcmp(san, s) == 0), "find_control vs sanitize");
	if (at >= 0)
		check((size_t)at < n, "control offset inside");
	long at_tab = text_find_control(s, 1);
	check(at_tab == -1 || at_tab >= at, "allowing tab finds later or none");
	char why[200];
	int ok = text_check_input("f", s, (size_t)-1, 0, why, sizeof why) == 0;
	check(ok == (text_valid_utf8(s, n) && at < 0), "check_input is valid UTF-8 without controls");
	if (ok)
		check(text_check_input("f", s, (size_t)-1, TEXT_MULTILINE, why, sizeof why) == 0,
		      "multi-line accepts what one line accepts");
	if (n > 0)
		check(text_check_input("f", s, 0, 0, why, sizeof why) == -1, "length limit");

	check_stream((const char *)data + 2, size - 2, data[0], data[1], san);

	/* Trim. */
	char *t = malloc(n + 1);
	memcpy(t, s, n + 1);
	text_trim(t);
	size_t tl = strlen(t);
	check(tl <= n && strstr(s, t) != NULL, "trim is a substring");
	check(!is_space_end(t, tl, 0) && !is_space_end(t, tl, 1), "trimmed ends");
	char *t2 = malloc(tl + 1);
	memcpy(t2, t, tl + 1);
	check(strcmp(text_trim(t2), t) == 0, "trim idempotent");

	/* Error formatting never leaves a partial character. */
	char err[16];
	text_errorf(err, 1 + (int)(outlen % sizeof err), "%s", s);
	if (text_valid_utf8(s, n))
		check(text_valid_utf8(err, strlen(err)), "errorf cut is UTF-8");

	free(t2);
	free(t);
	free(san);
	free(fit);
	free(out);
	free(s);
	return 0;
}
