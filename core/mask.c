/* mask.c — the masked forms of ID and phone numbers, masking them in text and in a
 * household, and who may reveal them (see mask.h). Pure text: no I/O. */
#include "core/mask.h"
#include <stdio.h>
#include <string.h>

/* Keep `head` leading and `tail` trailing characters (ASCII: these values are digits,
 * X, '-'), star the rest; short values keep only their last two. */
static void keep_ends(const char *v, size_t len, int head, int tail, char *out, size_t n)
{
	if ((int)len <= head + tail) {
		head = 0;
		tail = len > 2 ? 2 : 0;
	}
	if (len + 1 > n) {
		snprintf(out, n, "****");
		return;
	}
	for (size_t i = 0; i < len; i++)
		out[i] = (int)i < head || i >= len - (size_t)tail ? v[i] : '*';
	out[len] = '\0';
}

void mask_id(const char *value, char *out, size_t n)
{
	keep_ends(value ? value : "", value ? strlen(value) : 0, 4, 4, out, n);
}

void mask_phone(const char *value, char *out, size_t n)
{
	keep_ends(value ? value : "", value ? strlen(value) : 0, 3, 4, out, n);
}

void mask_value(enum field_id f, const char *value, char *out, size_t n)
{
	if (!value || !value[0])
		snprintf(out, n, "%s", "");
	else if (f == MF_ID)
		mask_id(value, out, n);
	else if (f == MF_PHONE)
		mask_phone(value, out, n);
	else
		snprintf(out, n, "%s", value);
}

int mask_is_masked(const char *value)
{
	return value && strchr(value, '*') != NULL;
}

int mask_may_reveal(enum role r)
{
	return r == ROLE_CASEWORKER || r == ROLE_TOWNSHIP || r == ROLE_COUNTY || r == ROLE_ADMIN;
}

/* --- in text ----------------------------------------------------------------------- */

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_hexletter(char c) { return c >= 'a' && c <= 'f'; }

/* The personal-number run starting at p (p[0] a digit not preceded by a digit), or 0:
 * its length goes to *len and its form (1 ID, 2 phone) is returned. */
static int number_at(const char *p, size_t *len)
{
	size_t n = 0;
	while (is_digit(p[n]))
		n++;
	if (n == 17 && (p[n] == 'X' || p[n] == 'x'))
		for (n++; is_digit(p[n]); n++)
			;
	*len = n;
	if (is_hexletter(p[n]))
		return 0;
	if (n == 18 || n == 15 || n == 20)
		return 1;
	if (n == 11 && p[0] == '1' && p[1] >= '3')
		return 2;
	return 0;
}

/* Mask the personal numbers in [p, end) into out. */
static void mask_span(const char *p, const char *end, struct buf *out)
{
	const char *copied = p;
	for (const char *q = p; q < end; q++) {
		if (!is_digit(*q) || (q > p && (is_digit(q[-1]) || is_hexletter(q[-1]))))
			continue;
		size_t len;
		int form = number_at(q, &len);
		if (q + len > end)
			len = (size_t)(end - q);
		if (!form) {
			q += len - 1;
			continue;
		}
		char m[32], v[32];
		snprintf(v, sizeof v, "%.*s", (int)len, q);
		if (form == 1)
			mask_id(v, m, sizeof m);
		else
			mask_phone(v, m, sizeof m);
		buf_add(out, copied, (size_t)(q - copied));
		buf_adds(out, m);
		q += len - 1;
		copied = q + 1;
	}
	buf_add(out, copied, (size_t)(end - copied));
}

/* The form of a `KEY: VALUE` line's value by its key (1 ID, 2 phone), 0 for others;
 * *value is set to where the value starts. */
static int keyed_form(const char *line, const char *end, const char **value)
{
	static const struct { const char *key; int form; } keys[] = {
		{"id_number: ", 1}, {"id_original: ", 1}, {"phone: ", 2},
	};
	if (end - line > 3 && memcmp(line, "@@ ", 3) == 0) {   /* a hunk header's context line */
		const char *close = strstr(line + 3, " @@ ");
		if (close && close < end)
			line = close + 4;
	} else if (line < end && (*line == ' ' || *line == '+' || *line == '-'))
		line++;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		size_t k = strlen(keys[i].key);
		if ((size_t)(end - line) >= k && memcmp(line, keys[i].key, k) == 0) {
			*value = line + k;
			return keys[i].form;
		}
	}
	return 0;
}

void mask_text(const char *text, struct buf *out)
{
	const char *p = text ? text : "";
	while (*p) {
		const char *nl = strchr(p, '\n');
		const char *end = nl ? nl : p + strlen(p);
		const char *value;
		int form = keyed_form(p, end, &value);
		if (form && end > value) {
			char v[64], m[64];
			snprintf(v, sizeof v, "%.*s", (int)(end - value), value);
			if (form == 1)
				mask_id(v, m, sizeof m);
			else
				mask_phone(v, m, sizeof m);
			buf_add(out, p, (size_t)(value - p));
			buf_adds(out, m);
		} else {
			mask_span(p, end, out);
		}
		if (!nl)
			break;
		buf_add(out, "\n", 1);
		p = nl + 1;
	}
	if (!out->s && !out->oom)
		buf_add(out, "", 0);
}

/* --- in a household ---------------------------------------------------------------- */

enum { FORM_TEXT, FORM_ID, FORM_PHONE };

/* Mask one value slot in place. */
static int mask_slot(char **slot, int form)
{
	if (!*slot || !**slot)
		return 0;
	char m[64];
	struct buf b = {0};
	const char *v = m;
	if (form == FORM_ID)
		mask_id(*slot, m, sizeof m);
	else if (form == FORM_PHONE)
		mask_phone(*slot, m, sizeof m);
	else if (strpbrk(*slot, "0123456789")) {
		mask_text(*slot, &b);
		v = buf_str(&b);
	} else
		return 0;
	int rc = v ? model_strset(slot, v) : -1;
	buf_free(&b);
	return rc;
}

static int field_form(enum field_id f)
{
	if (f == MF_ID)
		return FORM_ID;
	if (f == MF_PHONE || model_fields[f].kind == FK_PHONE)
		return FORM_PHONE;
	if (model_fields[f].kind == FK_TEXT || model_fields[f].kind == FK_NOTE)
		return FORM_TEXT;
	return -1;
}

static int mask_fields(char **v, enum field_id first, int count)
{
	int rc = 0;
	for (int i = 0; i < count; i++) {
		int form = field_form((enum field_id)(first + i));
		if (form >= 0)
			rc |= mask_slot(&v[i], form);
	}
	return rc;
}

int mask_household(struct household *h)
{
	int rc = mask_fields(h->v, HF_FIRST, HF_COUNT);
	for (int m = 0; m < h->nmembers; m++) {
		rc |= mask_fields(h->members[m].v, MF_FIRST, MF_COUNT);
		rc |= mask_slot(&h->members[m].id_original, FORM_ID);
	}
	for (int c = 0; c < h->ncases; c++)
		rc |= mask_fields(h->cases[c].v, CF_FIRST, CF_COUNT);
	for (int k = 0; k < SUB_COUNT; k++) {
		const struct subrec_kind_info *info = subrec_info((enum subrec_kind)k);
		for (int i = 0; i < h->nsub[k]; i++)
			for (int col = 1; col < info->ncols; col++)
				rc |= mask_slot(&h->sub[k][i].v[col],
				                strcmp(info->cols[col], "id_number") == 0 ? FORM_ID : FORM_TEXT);
	}
	return rc ? -1 : 0;
}
