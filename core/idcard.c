/* idcard.c — checking resident ID numbers (GB 11643-1999) and converting 15-digit
 * legacy numbers to the 18-character form (see idcard.h).
 *
 * The input is read as UTF-8 characters, not bytes, so a number typed with full-width
 * digits (１２３…, common with a Chinese input method) is reported as such with the
 * right position instead of as a wrong length. Messages are English followed by a
 * short Chinese gloss in parentheses: staff read them in import reports. */
#include "core/idcard.h"
#include "core/date.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

enum { ID_LEN = 18, LEGACY_LEN = 15, MIN_YEAR = 1880 };
#define INVALID_BYTE 0xFFFFFFFFu        /* stands for a byte that is not UTF-8 */

char idcard_check_char(const char *first17)
{
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char check[] = "10X98765432";
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		if (first17[i] < '0' || first17[i] > '9')
			return '?';
		sum += (first17[i] - '0') * weight[i];
	}
	return check[sum % 11];
}

/* Value of n ASCII digits at s. The caller has checked they are digits. */
static int digits_value(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* `today` as YYYYMMDD: "YYYY-MM-DD" (or "YYYYMMDD"); NULL means the local date now.
 * Returns -1 when the text is not of that shape. */
static long today_value(const char *today)
{
	char d[8];

	if (today == NULL) {
		time_t now = time(NULL);
		struct tm tm;
		if (localtime_r(&now, &tm) == NULL)
			return -1;
		return (tm.tm_year + 1900L) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
	}
	size_t n = strlen(today);
	if (n == 10 && today[4] == '-' && today[7] == '-') {
		memcpy(d, today, 4);
		memcpy(d + 4, today + 5, 2);
		memcpy(d + 6, today + 8, 2);
	} else if (n == 8) {
		memcpy(d, today, 8);
	} else {
		return -1;
	}
	for (int i = 0; i < 8; i++)
		if (d[i] < '0' || d[i] > '9')
			return -1;
	return digits_value(d, 8);
}

/* Decode up to max code points of text into cp (an invalid byte counts as one
 * character and is stored as INVALID_BYTE). Returns the total number of characters. */
static long read_chars(const char *text, uint32_t *cp, int max)
{
	size_t n = strlen(text);
	long count = 0;

	for (size_t i = 0; i < n; count++) {
		uint32_t c;
		int k = text_decode(text + i, n - i, &c);
		if (k < 0) {
			c = INVALID_BYTE;
			k = 1;
		}
		if (count < max)
			cp[count] = c;
		i += (size_t)k;
	}
	return count;
}

/* Say why the character at position pos (1-based) is not a digit. */
static int bad_char(char *err, size_t errlen, int pos, uint32_t c)
{
	if (c >= 0xFF10 && c <= 0xFF19)
		return text_errorf(err, errlen, "character %d is a full-width digit %c",
		                   pos, (char)('0' + (c - 0xFF10)));
	if (c == 0xFF38 || c == 0xFF58)
		return text_errorf(err, errlen, "character %d is a full-width X", pos);
	if (c == ' ' || c == 0x3000)
		return text_errorf(err, errlen, "character %d is a space", pos);
	if (c > 0x20 && c < 0x7F)
		return text_errorf(err, errlen, "character %d ('%c') is not a digit", pos,
		                   (char)c);
	if (c == INVALID_BYTE)
		return text_errorf(err, errlen, "character %d is not valid UTF-8", pos);
	return text_errorf(err, errlen, "character %d (U+%04X) is not a digit", pos,
	                   (unsigned)c);
}

/* Check that the birth date YYYYMMDD at s is real, not after today, not before 1880. */
static int check_birth(const char *s, long today, char *err, size_t errlen)
{
	int y = digits_value(s, 4), m = digits_value(s + 4, 2), d = digits_value(s + 6, 2);
	long v = digits_value(s, 8);

	if (m < 1 || m > 12 || d < 1 || d > date_month_days(y, m))
		return text_errorf(err, errlen, "birth date %.8s does not exist", s);
	if (v > today)
		return text_errorf(err, errlen, "birth date %.8s is in the future", s);
	if (y < MIN_YEAR)
		return text_errorf(err, errlen, "birth date %.8s is before %d", s,
		                   MIN_YEAR);
	return 0;
}

static void fill(struct idcard *out, const char *id18, const char *original)
{
	memset(out, 0, sizeof *out);
	memcpy(out->id, id18, ID_LEN);
	snprintf(out->original, sizeof out->original, "%s", original);
	snprintf(out->birth, sizeof out->birth, "%.4s-%.2s-%.2s", id18 + 6, id18 + 10, id18 + 12);
	out->sex = (id18[16] - '0') % 2 == 1 ? 'M' : 'F';
	memcpy(out->address, id18, 6);
}

/* Every character a digit, but for X/x as the last of 18. */
static int check_chars(const uint32_t *cp, long nchars, char *err, size_t errlen)
{
	for (int i = 0; i < nchars; i++) {
		int last = nchars == ID_LEN && i == ID_LEN - 1;
		if (cp[i] >= '0' && cp[i] <= '9')
			continue;
		if (last && (cp[i] == 'X' || cp[i] == 'x'))
			continue;
		if (last && cp[i] > 0x20 && cp[i] < 0x7F)
			return text_errorf(err, errlen, "last character must be a digit or X, "
			                   "not '%c'", (char)cp[i]);
		return bad_char(err, errlen, i + 1, cp[i]);
	}
	return 0;
}

/* The 18-character form of a checked (ASCII) number: a 15-digit one gets "19" before
 * its YYMMDD and a computed check character, and is kept in original. */
static void canonical(const char *text, long nchars, char *id, char *original)
{
	if (nchars == LEGACY_LEN) {
		memcpy(original, text, LEGACY_LEN + 1);
		memcpy(id, text, 6);
		memcpy(id + 6, "19", 2);
		memcpy(id + 8, text + 6, LEGACY_LEN - 6);
		id[17] = idcard_check_char(id);
	} else {
		memcpy(id, text, ID_LEN);
		if (id[17] == 'x')
			id[17] = 'X';
	}
	id[ID_LEN] = '\0';
}

/* Order of checks: length, characters, birth date, check character. A mistyped
 * birth-date digit usually breaks the check character too; naming the date first
 * points at where the typo is. */
int idcard_parse(const char *text, const char *today, struct idcard *out,
                 char *err, size_t errlen)
{
	uint32_t cp[ID_LEN];
	char id[ID_LEN + 1], original[LEGACY_LEN + 1] = "";
	long nchars, now;

	if (out != NULL)
		memset(out, 0, sizeof *out);
	if (text == NULL || text[0] == '\0')
		return text_errorf(err, errlen, "is empty");
	now = today_value(today);
	if (now < 0)
		return text_errorf(err, errlen, "today's date is not YYYY-MM-DD");

	nchars = read_chars(text, cp, ID_LEN);
	if (nchars != ID_LEN && nchars != LEGACY_LEN)
		return text_errorf(err, errlen, "must be %d characters (or %d), got %ld",
		                   ID_LEN, LEGACY_LEN, nchars);
	if (check_chars(cp, nchars, err, errlen) < 0)
		return -1;
	canonical(text, nchars, id, original);
	if (check_birth(id + 6, now, err, errlen) < 0)
		return -1;
	char want = idcard_check_char(id);
	if (want != id[17])
		return text_errorf(err, errlen, "check character should be %c, not %c",
		                   want, id[17]);
	if (out != NULL)
		fill(out, id, original);
	return 0;
}
