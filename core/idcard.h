/* idcard.h — Chinese resident ID numbers per GB 11643-1999.
 *
 * 18 characters: 6-digit address code (never rejected: retired codes are valid),
 * YYYYMMDD birth date (a real date, not after `today`), 3-digit sequence (17th digit odd
 * = male), check character from weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 mod 11 into
 * "10X98765432". Lowercase x is accepted and stored uppercase. 15-digit legacy numbers
 * (YYMMDD, no check) are converted by inserting "19" and computing the check. */
#ifndef CORE_IDCARD_H
#define CORE_IDCARD_H
#include <stddef.h>

struct idcard {
	char id[19];        /* canonical 18-character form, NUL-terminated */
	char original[16];  /* the 15-digit input when converted, else "" */
	char birth[11];     /* YYYY-MM-DD */
	char sex;           /* 'M' or 'F' */
	char address[7];    /* 6-digit address code */
};

/* Check `text` (surrounding spaces are not trimmed here) as of `today` ("YYYY-MM-DD";
 * NULL = the local date now). Returns 0 and fills `out` (may be NULL), or -1, clears
 * `out` and writes a short English reason with a Chinese gloss into `err`, e.g.
 * "check character should be 7, not 5 (校验码应为7)",
 * "birth date 19990230 does not exist (出生日期不存在)",
 * "must be 18 characters (or 15), got 17 (应为18位或15位)". Positions in messages count
 * characters from 1; full-width digits are named as such. */
int idcard_parse(const char *text, const char *today, struct idcard *out,
                 char *err, size_t errlen);
/* The check character ('0'..'9' or 'X') for the first 17 digits ('?' if one of them
 * is not a digit). */
char idcard_check_char(const char *first17);

#endif
