/* text.c — UTF-8 decoding, terminal cell widths, trimming and control-character
 * handling (see text.h). Everything is locale-independent: the width table is ours
 * (generated from Unicode's EastAsianWidth.txt, not the C library's wcwidth), so the
 * layout is the same whatever LANG or glibc the user's SSH session carries.
 *
 * Display units. For width, fitting and sanitising, a string is a sequence of units:
 *   - a printable code point, shown as itself (0, 1 or 2 cells);
 *   - a C0 control or DEL, shown as ^X (2 cells): ^A, ^I, ^[, ^?;
 *   - another control (C1, U+2028/2029, bidi embeddings, overrides and isolates),
 *     shown as <U+XXXX> (8 cells);
 *   - a byte that does not start a valid UTF-8 sequence, shown as <XX> in hex (4 cells).
 * text_width, text_fit and text_sanitize all use these renderings, so the width of a
 * string always equals the width of what text_fit prints for it. */
#include "core/text.h"
#include "core/i18n.h"
#include "core/width_table.h"
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The 0- and 2-cell ranges are generated from Unicode's data (core/width_table.c, made by
 * core/data/gen_width.sh); the control ranges below are ours. */
static int in_table(uint32_t cp, const struct width_range *t, size_t n)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < t[mid].lo)
			hi = mid;
		else if (cp > t[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

static int is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* The lead byte fixes the sequence length and the allowed range of the second byte;
 * the narrowed ranges are what excludes overlong forms, surrogates and > U+10FFFF. */
int text_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xBF;
	int len;
	uint32_t v;

	if (s == NULL || n == 0)
		return -1;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		len = 2; v = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		len = 3; v = p[0] & 0x0F;
		if (p[0] == 0xE0) lo = 0xA0;           /* overlong */
		if (p[0] == 0xED) hi = 0x9F;           /* surrogates */
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		len = 4; v = p[0] & 0x07;
		if (p[0] == 0xF0) lo = 0x90;           /* overlong */
		if (p[0] == 0xF4) hi = 0x8F;           /* above U+10FFFF */
	} else {
		return -1;
	}
	if (n < (size_t)len || p[1] < lo || p[1] > hi)
		return -1;
	for (int i = 1; i < len; i++) {
		if (!is_cont(p[i]))
			return -1;
		v = (v << 6) | (p[i] & 0x3F);
	}
	*cp = v;
	return len;
}

int text_valid_utf8(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int k = text_decode(s + i, n - i, &cp);
		if (k < 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

/* C0 controls and DEL: shown in caret notation. */
static int is_caret_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F;
}

/* Other code points that must never reach a terminal raw, and that no input may hold:
 * C1 controls, the line and paragraph separators, the bidi marks, embeddings, overrides
 * and isolates (which can make text display in an order other than the one stored), and
 * the other invisible format characters (Unicode Cf: soft hyphen, zero-width space and
 * joiners, word joiner, BOM, tags...), with which a name can look like another one
 * ("何\u200B旺" is not found by a search for 何旺). Sorted, non-overlapping. */
static const struct width_range hex_controls[] = {
	{0x0080, 0x009F}, {0x00AD, 0x00AD}, {0x0600, 0x0605}, {0x061C, 0x061C},
	{0x06DD, 0x06DD}, {0x070F, 0x070F}, {0x0890, 0x0891}, {0x08E2, 0x08E2},
	{0x180E, 0x180E}, {0x200B, 0x200F}, {0x2028, 0x202E}, {0x2060, 0x2064},
	{0x2066, 0x206F}, {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB}, {0x110BD, 0x110BD},
	{0x110CD, 0x110CD}, {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},
	{0xE0001, 0xE0001}, {0xE0020, 0xE007F},
};

static int is_hex_control(uint32_t cp)
{
	return cp >= 0x80 && in_table(cp, hex_controls, sizeof hex_controls / sizeof hex_controls[0]);
}

int text_cp_width(uint32_t cp)
{
	if (is_caret_control(cp))
		return 2;                       /* ^X */
	if (is_hex_control(cp))
		return 8;                       /* <U+XXXX> */
	if (in_table(cp, width_zero, width_zero_count))
		return 0;
	if (in_table(cp, width_wide, width_wide_count))
		return 2;
	return 1;
}

/* One display unit (see the top of the file). */
struct unit {
	size_t len;         /* bytes of s it covers */
	uint32_t cp;
	int invalid;        /* a lone byte that is not valid UTF-8 */
};

static struct unit next_unit(const char *s, size_t n)
{
	struct unit u = {1, (unsigned char)s[0], 0};
	int k = text_decode(s, n, &u.cp);

	if (k < 0) {
		u.invalid = 1;
		u.cp = (unsigned char)s[0];
	} else {
		u.len = (size_t)k;
	}
	return u;
}

static int unit_width(const struct unit *u)
{
	return u->invalid ? 4 : text_cp_width(u->cp);
}

/* Write the display form of u (taken from s) into buf, which holds at least 9 bytes.
 * Returns the number of bytes written (no NUL). */
static size_t render_unit(const char *s, const struct unit *u, char *buf)
{
	if (u->invalid)
		return (size_t)snprintf(buf, 9, "<%02X>", (unsigned)u->cp);
	if (is_caret_control(u->cp)) {
		buf[0] = '^';
		buf[1] = (char)(u->cp ^ 0x40);  /* 0x01 -> 'A', 0x7F -> '?' */
		return 2;
	}
	if (is_hex_control(u->cp))
		return (size_t)snprintf(buf, 9, "<U+%04X>", (unsigned)u->cp);
	memcpy(buf, s, u->len);
	return u->len;
}

int text_width(const char *s)
{
	if (s == NULL)
		return 0;
	size_t n = strlen(s);
	long long w = 0;
	for (size_t i = 0; i < n;) {
		struct unit u = next_unit(s + i, n - i);
		w += unit_width(&u);
		i += u.len;
	}
	return w > INT_MAX ? INT_MAX : (int)w;
}

/* Stops at the first unit that does not fit the cells left or the room left in out,
 * so a wide character or a rendering like ^A is never cut in half. Zero-width marks
 * after the last character that fits are kept with it. */
int text_fit(const char *s, int cells, char *out, size_t outlen)
{
	size_t n, pos = 0;
	int used = 0;
	char buf[9];

	if (out == NULL || outlen == 0)
		return 0;
	out[0] = '\0';
	if (s == NULL)
		return 0;
	if (cells < 0)
		cells = 0;
	n = strlen(s);
	for (size_t i = 0; i < n;) {
		struct unit u = next_unit(s + i, n - i);
		int w = unit_width(&u);
		if (w > cells - used)
			break;
		size_t k = render_unit(s + i, &u, buf);
		if (k >= outlen - pos)
			break;
		memcpy(out + pos, buf, k);
		pos += k;
		used += w;
		i += u.len;
	}
	out[pos] = '\0';
	return used;
}

static int is_ascii_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static int is_ideographic_space(const char *p)   /* U+3000 = E3 80 80 */
{
	return (unsigned char)p[0] == 0xE3 && (unsigned char)p[1] == 0x80 &&
	       (unsigned char)p[2] == 0x80;
}

char *text_trim(char *s)
{
	if (s == NULL)
		return NULL;
	size_t n = strlen(s), start = 0, end = n;
	for (;;) {
		if (start < end && is_ascii_space((unsigned char)s[start]))
			start++;
		else if (end - start >= 3 && is_ideographic_space(s + start))
			start += 3;
		else
			break;
	}
	for (;;) {
		if (end > start && is_ascii_space((unsigned char)s[end - 1]))
			end--;
		else if (end - start >= 3 && is_ideographic_space(s + end - 3))
			end -= 3;
		else
			break;
	}
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}

long text_find_control(const char *s, int allow_tab)
{
	if (s == NULL)
		return -1;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		struct unit u = next_unit(s + i, n - i);
		if (!u.invalid && (is_caret_control(u.cp) || is_hex_control(u.cp)) &&
		    !(allow_tab && u.cp == '\t'))
			return (long)i;
		i += u.len;
	}
	return -1;
}

size_t text_render_unit(const char *s, size_t n, char out[9], size_t *used)
{
	struct unit u = next_unit(s, n);
	*used = u.len;
	return render_unit(s, &u, out);
}

static const char *refused_kind(uint32_t cp)
{
	if (cp == '\n' || cp == 0x2028 || cp == 0x2029)
		return "line break";
	if (is_caret_control(cp) || cp <= 0x9F)
		return "control character";
	if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return "text-direction control";
	return "invisible character";
}

int text_check_input(const char *what, const char *s, size_t max_chars, int flags,
                     char *err, size_t errlen)
{
	size_t n = s ? strlen(s) : 0, chars = 0;
	char shown[9];
	const char *sep = what && what[0] ? ": " : "";
	what = what ? what : "";
	for (size_t i = 0; i < n; i++)      /* the length first: a 9 MB value is "too long" */
		chars += !is_cont((unsigned char)s[i]);
	if (chars > max_chars)
		return text_errorf(err, errlen, "%s%stoo long (%zu characters, at most %zu)", what,
		                   sep, chars, max_chars);
	chars = 0;
	for (size_t i = 0; i < n;) {
		struct unit u = next_unit(s + i, n - i);
		chars++;
		if (u.invalid)
			return text_errorf(err, errlen, "%s%snot valid UTF-8 (byte %zu is <%02X>)", what, sep,
			                   i + 1, (unsigned)u.cp);
		int multi = (flags & TEXT_MULTILINE) && (u.cp == '\n' || u.cp == '\t');
		if (is_caret_control(u.cp) && !multi)
			snprintf(shown, sizeof shown, "^%c (", (char)(u.cp ^ 0x40));
		else if (is_hex_control(u.cp))
			shown[0] = '\0';
		else {
			i += u.len;
			continue;
		}
		return text_errorf(err, errlen, "%s%s%s %sU+%04X%s at character %zu is not allowed%s",
		                   what, sep, refused_kind(u.cp), shown, (unsigned)u.cp,
		                   shown[0] ? ")" : "", chars, u.cp == '\n' ? " (one line only)" : "");
	}
	return 0;
}

/* Like text_fit without a width limit: stops only when out is full, never in the
 * middle of a character or a rendering. The result is always valid UTF-8. */
size_t text_sanitize(const char *s, char *out, size_t outlen)
{
	size_t n, pos = 0;
	char buf[9];

	if (out == NULL || outlen == 0)
		return 0;
	out[0] = '\0';
	if (s == NULL)
		return 0;
	n = strlen(s);
	for (size_t i = 0; i < n;) {
		struct unit u = next_unit(s + i, n - i);
		size_t k = render_unit(s + i, &u, buf);
		if (k >= outlen - pos)
			break;
		memcpy(out + pos, buf, k);
		pos += k;
		i += u.len;
	}
	out[pos] = '\0';
	return pos;
}

/* Drop a UTF-8 sequence that truncation cut short at the end of s[0..n). */
static void cut_partial_tail(char *s, size_t n)
{
	size_t start = n;
	uint32_t cp;

	/* Back up over at most three continuation bytes to the lead byte. */
	while (start > 0 && n - start < 4 && is_cont((unsigned char)s[start - 1]))
		start--;
	if (start > 0 && (unsigned char)s[start - 1] >= 0xC0)
		start--;
	else if (start == n)
		return;                         /* ends in ASCII */
	if (text_decode(s + start, n - start, &cp) != (int)(n - start))
		s[start] = '\0';
}

int text_copy(char *out, size_t outlen, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (outlen == 0)
		return n ? -1 : 0;
	if (n < outlen) {
		memcpy(out, s ? s : "", n + 1);
		return 0;
	}
	memcpy(out, s, outlen - 1);
	out[outlen - 1] = '\0';
	cut_partial_tail(out, outlen - 1);
	return -1;
}

int text_errorf(char *err, size_t errlen, const char *fmt, ...)
{
	if (err == NULL || errlen == 0)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(err, errlen, _(fmt), ap);
	va_end(ap);
	if (n >= 0 && (size_t)n >= errlen)
		cut_partial_tail(err, strlen(err));
	return -1;
}
