/* encoding.c — bring an input file to valid UTF-8 (see encoding.h).
 *
 * "auto" decides between UTF-8 and the encodings Chinese Excel and WPS write:
 *   1. a UTF-8 BOM: the file is UTF-8 (BOM dropped); invalid bytes are an error;
 *   2. valid UTF-8: taken as is;
 *   3. a UTF-16 BOM (Excel's "Unicode text"): decoded as UTF-16;
 *   4. invalid UTF-8 after at least DAMAGED_UTF8_MIN multi-byte sequences: an error,
 *      not a GB18030 decode. Chinese GBK text breaks UTF-8 within a few characters, so a
 *      long valid run means a UTF-8 file with a damaged byte, and decoding it as GB18030
 *      would silently store mojibake;
 *   5. otherwise GB18030 (a superset of GBK and GB2312), and if that fails, GBK as
 *      glibc reads it (CP936: single byte 0x80 is the euro sign, which GB18030 lacks).
 * Errors name the 0-based byte offset in the input and the 1-based line, counted in the
 * text decoded so far (so it is right for any encoding). Leading U+FEFFs are always
 * dropped (some files carry two), and the result is checked to be valid UTF-8 before
 * it is returned. */
#include "core/encoding.h"
#include "core/text.h"
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

enum { DAMAGED_UTF8_MIN = 8 };

static long count_lines(const char *s, size_t n)
{
	long lines = 1;
	for (const char *p = s, *end = s + n; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		lines++;
	return lines;
}

/* Up to four bytes at in[off..n) as "81 20" for a message. */
static void hex_bytes(const char *in, size_t n, size_t off, char *out, size_t outlen)
{
	size_t pos = 0;
	out[0] = '\0';
	for (size_t i = off; i < n && i < off + 4 && pos + 4 < outlen; i++)
		pos += (size_t)snprintf(out + pos, outlen - pos, "%s%02X", i > off ? " " : "",
		                        (unsigned)(unsigned char)in[i]);
}

/* Offset of the first byte of in[0..n) that is not valid UTF-8, or n if none; the
 * number of valid multi-byte sequences before it goes to *multibyte when not NULL. */
static size_t utf8_prefix(const char *in, size_t n, long *multibyte)
{
	size_t i = 0;
	long mb = 0;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)in[i] < 0x80) {
			i++;
			continue;
		}
		int k = text_decode(in + i, n - i, &cp);
		if (k < 0)
			break;
		i += (size_t)k;
		mb++;
	}
	if (multibyte != NULL)
		*multibyte = mb;
	return i;
}

static int has_utf8_bom(const char *in, size_t n)
{
	return n >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0;
}

/* Copy in[0..n) to a new NUL-terminated buffer. */
static int copy_out(const char *in, size_t n, char **out, size_t *outlen)
{
	char *s = malloc(n + 1);
	if (s == NULL)
		return -1;
	if (n > 0)
		memcpy(s, in, n);
	s[n] = '\0';
	*out = s;
	*outlen = n;
	return 0;
}

/* UTF-8 input: check it, drop a BOM, copy. */
static int from_utf8(const char *in, size_t n, char **out, size_t *outlen,
                     char *err, size_t errlen)
{
	size_t skip = 0;
	size_t bad = utf8_prefix(in, n, NULL);
	char bytes[16];

	if (bad < n) {
		hex_bytes(in, n, bad, bytes, sizeof bytes);
		return text_errorf(err, errlen, "line %ld (byte offset %zu): invalid UTF-8 bytes %s",
		                   count_lines(in, bad), bad, bytes);
	}
	while (has_utf8_bom(in + skip, n - skip))
		skip += 3;                      /* a BOM added twice by two tools */
	if (copy_out(in + skip, n - skip, out, outlen) < 0)
		return text_errorf(err, errlen, "out of memory");
	return 0;
}

/* Result of one iconv pass. */
enum conv { CONV_OK, CONV_UNKNOWN, CONV_BAD, CONV_TRUNCATED, CONV_NOMEM };

/* Convert in[0..n) from `from` to UTF-8 into a new buffer (*out, *outlen). On
 * CONV_BAD/CONV_TRUNCATED, *bad is the input offset and *line the line it is on. */
static enum conv convert(const char *in, size_t n, const char *from, char **out,
                         size_t *outlen, size_t *bad, long *line)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return CONV_UNKNOWN;

	size_t cap = n + n / 2 + 16;        /* enough for GB18030 and UTF-16 */
	char *buf = malloc(cap);
	char *ip = (char *)in;              /* iconv does not write through it */
	size_t ileft = n, used = 0;
	int flushing = 0;                   /* input done: flush any shift state */
	enum conv rc = CONV_OK;

	while (buf != NULL) {
		char *op = buf + used;
		size_t oleft = cap - used - 1;  /* room for the NUL */
		size_t r = flushing ? iconv(cd, NULL, NULL, &op, &oleft)
		                    : iconv(cd, &ip, &ileft, &op, &oleft);
		int e = errno;
		used = (size_t)(op - buf);
		if (r != (size_t)-1) {      /* all input converted */
			if (flushing)
				break;
			flushing = 1;
			continue;
		}
		if (e != E2BIG) {
			rc = e == EINVAL ? CONV_TRUNCATED : CONV_BAD;
			*bad = (size_t)(ip - in);
			*line = count_lines(buf, used);
			break;
		}
		char *nb = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
		if (nb == NULL) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = nb;
		cap *= 2;
	}
	iconv_close(cd);
	if (buf == NULL)
		return CONV_NOMEM;
	if (rc != CONV_OK) {
		free(buf);
		return rc;
	}
	buf[used] = '\0';
	*out = buf;
	*outlen = used;
	return CONV_OK;
}

/* Drop leading U+FEFFs (a BOM that came through the conversion). */
static void drop_bom(char *s, size_t *n)
{
	while (has_utf8_bom(s, *n)) {
		memmove(s, s + 3, *n - 3 + 1);
		*n -= 3;
	}
}

/* Convert with iconv and explain a failure. */
static int from_iconv(const char *in, size_t n, const char *from, const char *label,
                      char **out, size_t *outlen, char *err, size_t errlen)
{
	size_t bad = 0;
	long line = 1;
	char bytes[48];

	switch (convert(in, n, from, out, outlen, &bad, &line)) {
	case CONV_OK:
		drop_bom(*out, outlen);
		return 0;
	case CONV_UNKNOWN:
		text_sanitize(from, bytes, sizeof bytes);   /* the user typed it */
		return text_errorf(err, errlen, "unknown encoding '%s'", bytes);
	case CONV_NOMEM:
		return text_errorf(err, errlen, "out of memory");
	case CONV_TRUNCATED:
		hex_bytes(in, n, bad, bytes, sizeof bytes);
		return text_errorf(err, errlen, "line %ld (byte offset %zu): incomplete %s "
		                   "character at end of file (%s)", line, bad, label, bytes);
	case CONV_BAD:
		break;
	}
	hex_bytes(in, n, bad, bytes, sizeof bytes);
	return text_errorf(err, errlen, "line %ld (byte offset %zu): invalid %s bytes %s",
	                   line, bad, label, bytes);
}

static int auto_detect(const char *in, size_t n, char **out, size_t *outlen,
                       const char **used, char *err, size_t errlen)
{
	long multibyte;
	size_t bad = utf8_prefix(in, n, &multibyte);

	if (bad == n || has_utf8_bom(in, n) || multibyte >= DAMAGED_UTF8_MIN) {
		*used = "UTF-8";
		return from_utf8(in, n, out, outlen, err, errlen);
	}
	if (n >= 2 && ((unsigned char)in[0] == 0xFF && (unsigned char)in[1] == 0xFE)) {
		*used = "UTF-16";
		return from_iconv(in, n, "UTF-16", "UTF-16", out, outlen, err, errlen);
	}
	if (n >= 2 && ((unsigned char)in[0] == 0xFE && (unsigned char)in[1] == 0xFF)) {
		*used = "UTF-16";
		return from_iconv(in, n, "UTF-16", "UTF-16", out, outlen, err, errlen);
	}
	*used = "GB18030";
	if (from_iconv(in, n, "GB18030", "GB18030", out, outlen, err, errlen) == 0)
		return 0;
	if (from_iconv(in, n, "GBK", "GBK", out, outlen, NULL, 0) == 0) {
		*used = "GBK";
		return 0;
	}
	return -1;                          /* err holds the GB18030 reason */
}

/* The canonical name for a known encoding ("gbk", "utf8", "GB-18030" ...), or NULL. */
static const char *known_name(const char *enc)
{
	static const char *const names[][2] = {
		{"utf8", "UTF-8"}, {"gbk", "GBK"}, {"cp936", "GBK"}, {"gb18030", "GB18030"},
		{"gb2312", "GB2312"}, {"utf16", "UTF-16"},
	};
	char key[16];
	size_t k = 0;

	for (const char *p = enc; *p != '\0'; p++) {
		if (*p == '-' || *p == '_')
			continue;
		if (k + 1 >= sizeof key)
			return NULL;
		key[k++] = (char)tolower((unsigned char)*p);
	}
	key[k] = '\0';
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(key, names[i][0]) == 0)
			return names[i][1];
	return NULL;
}

int encoding_to_utf8(const char *in, size_t n, const char *enc, char **out,
                     size_t *outlen, const char **used, char *err, size_t errlen)
{
	const char *name = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if (outlen != NULL)
		*outlen = 0;
	if (in == NULL && n > 0)
		return text_errorf(err, errlen, "no input");
	if (in == NULL)
		in = "";
	if (enc == NULL || strcasecmp(enc, "auto") == 0) {
		rc = auto_detect(in, n, out, &len, &name, err, errlen);
	} else {
		const char *known = known_name(enc);
		name = known != NULL ? known : enc;
		if (known != NULL && strcmp(known, "UTF-8") == 0)
			rc = from_utf8(in, n, out, &len, err, errlen);
		else
			rc = from_iconv(in, n, name, name, out, &len, err, errlen);
	}
	if (used != NULL)
		*used = name;
	if (rc < 0)
		return -1;
	if (!text_valid_utf8(*out, len)) {  /* never expected: iconv output is UTF-8 */
		free(*out);
		*out = NULL;
		return text_errorf(err, errlen, "conversion from %s gave invalid UTF-8", name);
	}
	if (outlen != NULL)
		*outlen = len;
	return 0;
}
