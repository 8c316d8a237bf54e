/* buf.c — growable text buffer (see buf.h). Doubling growth: appends are amortised O(1). */
#include "core/buf.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int reserve(struct buf *b, size_t extra)
{
	if (b->oom)
		return -1;
	if (b->len + extra + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s) {
		b->oom = 1;
		return -1;
	}
	b->s = s;
	b->cap = cap;
	return 0;
}

void buf_add(struct buf *b, const char *s, size_t n)
{
	if (reserve(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s) { buf_add(b, s, strlen(s)); }

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void buf_free(struct buf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}

const char *buf_str(const struct buf *b)
{
	if (b->oom)
		return NULL;
	return b->s ? b->s : "";
}

void buf_add_json_str(struct buf *b, const char *v)
{
	buf_adds(b, "\"");
	for (const char *p = v; *p; p++) {
		size_t plain = 0;
		while (p[plain] && p[plain] != '"' && p[plain] != '\\' && (unsigned char)p[plain] >= 0x20)
			plain++;
		if (plain) {
			buf_add(b, p, plain);
			p += plain - 1;
		} else if (*p == '"' || *p == '\\') {
			buf_addf(b, "\\%c", *p);
		} else {
			buf_addf(b, "\\u%04x", (unsigned char)*p);
		}
	}
	buf_adds(b, "\"");
}

int read_whole_file(FILE *f, struct buf *b, size_t max)
{
	size_t start = b->len;
	for (;;) {
		size_t want = 1 << 16, done = b->len - start;
		if (max && done >= max) {
			int c = getc(f);   /* exactly max bytes is not a cut */
			if (c == EOF)
				return ferror(f) ? (errno = EIO, -1) : 0;
			return 1;
		}
		if (max && want > max - done)
			want = max - done;
		if (reserve(b, want)) {
			errno = ENOMEM;
			return -1;
		}
		size_t got = fread(b->s + b->len, 1, want, f);
		b->len += got;
		b->s[b->len] = '\0';
		if (got < want)
			return ferror(f) ? (errno = EIO, -1) : 0;
	}
}
