/* text_stream.c — the sanitiser every byte printed by a command-line verb passes
 * (text.h, tui/out.c): text_sanitize's display forms applied to a stream that arrives in
 * pieces. Line breaks and tabs pass; every other control, bidi or invisible format
 * character becomes ^X or <U+XXXX>, and a byte that is not UTF-8 <XX>, so nothing
 * printed (old history included) can move the cursor, retitle the window or reorder
 * what the reader sees. A UTF-8 sequence cut between two writes is held (at most 3
 * bytes) and rendered when the rest arrives. */
#include "core/text.h"
#include <string.h>

/* Output is gathered here and handed to emit in batches. */
struct sink {
	text_emit_fn emit;
	void *ctx;
	char buf[8192];
	size_t len;
	int failed;
};

static void sink_put(struct sink *k, const char *p, size_t n)
{
	if (k->len + n > sizeof k->buf) {
		if (k->len && !k->failed && k->emit(k->ctx, k->buf, k->len))
			k->failed = 1;
		k->len = 0;
		if (n > sizeof k->buf) {            /* a long run passes as it is */
			if (!k->failed && k->emit(k->ctx, p, n))
				k->failed = 1;
			return;
		}
	}
	memcpy(k->buf + k->len, p, n);
	k->len += n;
}

/* Printable ASCII, line breaks and tabs: bytes that are their own display form. */
static int passes(unsigned char c)
{
	return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t';
}

static int sink_flush(struct sink *k)
{
	if (k->len && !k->failed && k->emit(k->ctx, k->buf, k->len))
		k->failed = 1;
	k->len = 0;
	return k->failed ? -1 : 0;
}

/* Is s[0..n) the beginning of a valid UTF-8 sequence that needs more bytes? Padding it
 * with the lowest or the highest continuation byte completes it if anything does. */
static int incomplete(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
	static const char fills[2] = {(char)0x80, (char)0xBF};
	uint32_t cp;
	if (need == 0 || n >= need)
		return 0;
	for (int f = 0; f < 2; f++) {
		char pad[4];
		memcpy(pad, s, n);
		memset(pad + n, fills[f], need - n);
		if (text_decode(pad, need, &cp) == (int)need)
			return 1;
	}
	return 0;
}

/* Render the units of s[0..n) that start before `limit`; returns where the next unit
 * starts. Without `final`, a last unit that is an incomplete sequence ending at n is
 * not rendered: the return value then points at it. */
static size_t render(struct sink *k, const char *s, size_t n, size_t limit, int final)
{
	size_t i = 0, used;
	char form[9];
	while (i < n && i < limit) {
		size_t run = i;
		while (run < n && run < limit && passes((unsigned char)s[run]))
			run++;
		if (run > i) {                      /* a run of them at once: most of any output */
			sink_put(k, s + i, run - i);
			i = run;
			continue;
		}
		if (!final && incomplete(s + i, n - i))
			break;
		size_t w = text_render_unit(s + i, n - i, form, &used);
		sink_put(k, form, w);
		i += used;
	}
	return i;
}

/* The held bytes with up to 3 bytes of s after them: render the units that start in
 * the held part; returns how many bytes of s they took, or n + 1 when all of s (too
 * short to finish the sequence) joined the held bytes. */
static size_t finish_held(struct text_stream *st, struct sink *k, const char *s, size_t n)
{
	char tmp[8];
	size_t h = st->nheld, m = n < 3 ? n : 3;
	memcpy(tmp, st->held, h);
	memcpy(tmp + h, s, m);
	size_t at = render(k, tmp, h + m, h, 0);
	if (at < h) {                       /* still incomplete: only when m == n */
		memmove(st->held, tmp + at, h + m - at);
		st->nheld = h + m - at;
		return n + 1;
	}
	st->nheld = 0;
	return at - h;
}

int text_stream_write(struct text_stream *st, const char *s, size_t n, text_emit_fn emit,
                      void *ctx)
{
	struct sink k;   /* not zeroed: 8 KiB a call */
	k.emit = emit, k.ctx = ctx, k.len = 0, k.failed = 0;
	size_t from = 0;
	if (st->nheld && n) {
		from = finish_held(st, &k, s, n);
		if (from > n)
			return sink_flush(&k);
	}
	size_t at = from + render(&k, s + from, n - from, n - from, 0);
	if (at < n) {                       /* an incomplete sequence at the end: hold it */
		memcpy(st->held, s + at, n - at);
		st->nheld = n - at;
	}
	return sink_flush(&k);
}

int text_stream_finish(struct text_stream *st, text_emit_fn emit, void *ctx)
{
	struct sink k;   /* not zeroed: 8 KiB a call */
	k.emit = emit, k.ctx = ctx, k.len = 0, k.failed = 0;
	render(&k, st->held, st->nheld, st->nheld, 1);
	st->nheld = 0;
	return sink_flush(&k);
}
