/* text.h — UTF-8 text: validation, decoding, display width in terminal cells, trimming
 * (ASCII and full-width U+3000 spaces), control-character checks and sanitising for
 * display (C0/C1 controls and bidi overrides shown as ^X / <U+XXXX>, never raw).
 *
 * Display forms, shared by text_width, text_fit and text_sanitize (so a string's width
 * is always the width of what text_fit prints for it):
 *   C0 control or DEL                    ^X      2 cells  (^A, ^I for tab, ^?)
 *   C1, U+2028/2029, bidi controls
 *   (U+061C, U+200E/200F, U+202A-202E,
 *   U+2066-2069) and the other invisible
 *   format characters (Unicode Cf: U+00AD,
 *   U+200B-200D, U+2060-2064, U+FEFF...)  <U+XXXX> 8 cells (<U+202E>)
 *   byte that is not valid UTF-8         <XX>    4 cells  (<FF>, hex, uppercase)
 *   anything else                        itself, 0/1/2 cells as text_cp_width says */
#ifndef CORE_TEXT_H
#define CORE_TEXT_H
#include <stddef.h>
#include <stdint.h>

/* Decode one code point at s (n bytes available). Returns bytes used (1..4) and sets
 * *cp, or returns -1 on an invalid/overlong/surrogate/truncated sequence. */
int text_decode(const char *s, size_t n, uint32_t *cp);
/* 1 if s[0..n) is valid UTF-8. */
int text_valid_utf8(const char *s, size_t n);
/* Width of one code point in cells: 0 combining/zero-width, 2 East Asian Wide/Fullwidth
 * (CJK, Hangul, full-width forms, CJK Ext B+ planes 2-3, emoji presented as emoji: from
 * EastAsianWidth.txt, core/width_table.c), 1 otherwise (including
 * ambiguous-width · … ○); control characters count as the width of their display form:
 * 2 for ^X, 8 for <U+XXXX>. Locale-independent. */
int text_cp_width(uint32_t cp);
/* Width of a UTF-8 string in cells (an invalid byte counts 4, its <XX> form). */
int text_width(const char *s);
/* Copy into out (size outlen) the longest prefix of s that fits `cells` cells, never
 * splitting a wide character; returns the width used. Controls become ^X (or <U+XXXX>),
 * invalid bytes <XX>, so out is always valid UTF-8 and safe to print. A wide character
 * that does not fit the last cell is left out: pad to `cells` with the difference. */
int text_fit(const char *s, int cells, char *out, size_t outlen);
/* Trim leading/trailing ASCII whitespace and U+3000 in place; returns s. */
char *text_trim(char *s);
/* The first control character (C0 except those allowed, DEL, and every character shown
 * as <U+XXXX> above: C1, U+2028/2029, bidi controls, invisible format characters) in s: returns its byte offset, or -1 if none.
 * allow_tab: tab is allowed (notes). */
long text_find_control(const char *s, int allow_tab);
/* Copy s into out replacing controls by ^X (C0/DEL) or <U+XXXX> (others) and invalid
 * bytes by <XX>; always NUL-terminates (outlen > 0); returns length written. When out
 * is too small the copy stops before the first character or form that would not fit
 * whole, so the result is always valid UTF-8 without controls. */
size_t text_sanitize(const char *s, char *out, size_t outlen);
/* The one rule for free text that comes in (docs/text.md). s must be valid UTF-8 of at
 * most max_chars characters (code points), without control characters (C0, DEL, C1),
 * line/paragraph separators, bidi controls or invisible format characters; with
 * TEXT_MULTILINE it may hold line breaks (LF) and tabs. Returns 0, or -1 with a message
 * in err that starts with `what` (the field or option, e.g. "--why") and says what is
 * wrong and where. NULL is "". Nothing is ever cut: a longer value is refused. */
#define TEXT_MULTILINE 1
int text_check_input(const char *what, const char *s, size_t max_chars, int flags,
                     char *err, size_t errlen);
/* Field limits, in characters (docs/text.md has the table). Each also fits the byte size
 * of the record it is stored in at 3 bytes a character (CJK). */
#define TEXT_MAX_NAME   64    /* names: people, places, users, units, leaders, visitors */
#define TEXT_MAX_TITLE  80    /* task titles */
#define TEXT_MAX_LINE   200   /* other one-line text: setting values, methods, rounds */
#define TEXT_MAX_REASON 300   /* --why, task comments (also the commit message) */
#define TEXT_MAX_NOTE   500   /* notes, findings, measure details, addresses */

/* Render the first display unit of s[0..n) (n > 0) into out as text_sanitize would:
 * returns the bytes written (1..8, no NUL) and sets *used to the bytes of s it covers. */
size_t text_render_unit(const char *s, size_t n, char out[9], size_t *used);

/* Sanitising a stream written in pieces (tui/out.c puts stdout and stderr through it):
 * like text_sanitize, but line breaks and tabs pass, NUL bytes are shown as ^@, and a
 * UTF-8 sequence split between two writes is held until its end arrives. emit gets the
 * sanitised bytes and returns 0, or -1 to stop (the write then fails). */
struct text_stream { char held[4]; size_t nheld; };
typedef int (*text_emit_fn)(void *ctx, const char *p, size_t n);
int text_stream_write(struct text_stream *st, const char *s, size_t n, text_emit_fn emit,
                      void *ctx);
/* At the end: a sequence still held was cut short and is shown as <XX> bytes. */
int text_stream_finish(struct text_stream *st, text_emit_fn emit, void *ctx);

/* The bounded copy: s (NULL is "") into out (outlen > 0 bytes), always NUL-terminated.
 * Returns 0 when all of s fit, or -1 when it did not: out then holds as much as fits
 * without half a UTF-8 character at its end. The caller decides what a cut means
 * (refuse the input, or show less): the copy is never cut silently. */
int text_copy(char *out, size_t outlen, const char *s);

/* snprintf into err (size errlen; NULL or 0 writes nothing), but when the message is cut
 * short, never leave half a UTF-8 character at its end. Always returns -1, so an error
 * path reads `return text_errorf(err, errlen, "line %ld: ...", line);`. */
int text_errorf(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
