/* mask.c — the masked forms of ID and phone numbers, masking them in text and in a
 * household, and who may reveal them (see mask.h). Pure text: no I/O. */
#include "core/mask.h"
#include "core/project.h"
#include "core/task.h"
#include <stdio.h>
#include <string.h>

enum { FORM_TEXT, FORM_ID, FORM_PHONE };

/* Character i of the masked form of a len-byte value: an ID number keeps its first and
 * last 4 characters, a phone its first 3 and last 4, a short value only its last two;
 * the rest are stars. Only ASCII is kept, so a masked value is valid UTF-8 and as long
 * in bytes as the value. */
static char masked_char(const char *v, size_t len, size_t i, int form)
{
	size_t head = form == FORM_ID ? 4 : 3, tail = 4;
	if (len <= head + tail) {
		head = 0;
		tail = len > 2 ? 2 : 0;
	}
	int kept = i < head || i >= len - tail;
	return kept && (unsigned char)v[i] < 0x80 ? v[i] : '*';
}

/* Append the masked form of v[0..len) to out. */
static void mask_into(const char *v, size_t len, int form, struct buf *out)
{
	for (size_t i = 0; i < len; i++) {
		char c = masked_char(v, len, i, form);
		buf_add(out, &c, 1);
	}
}

/* The masked form into a fixed buffer; stars only when it does not fit. */
static void mask_fixed(const char *value, int form, char *out, size_t n)
{
	size_t len = value ? strlen(value) : 0;
	if (len + 1 > n) {
		snprintf(out, n, "****");
		return;
	}
	for (size_t i = 0; i < len; i++)
		out[i] = masked_char(value, len, i, form);
	out[len] = '\0';
}

void mask_id(const char *value, char *out, size_t n)
{
	mask_fixed(value, FORM_ID, out, n);
}

void mask_phone(const char *value, char *out, size_t n)
{
	mask_fixed(value, FORM_PHONE, out, n);
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

/* The personal-number run starting at p (p[0] a digit not preceded by a digit): its
 * length goes to *len and its form (FORM_ID, FORM_PHONE) is returned, FORM_TEXT if it
 * is none. */
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
		return FORM_ID;
	if (n == 11 && p[0] == '1' && p[1] >= '3')
		return FORM_PHONE;
	return FORM_TEXT;
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
		if (form == FORM_TEXT) {
			q += len - 1;
			continue;
		}
		buf_add(out, copied, (size_t)(q - copied));
		mask_into(q, len, form, out);
		q += len - 1;
		copied = q + 1;
	}
	buf_add(out, copied, (size_t)(end - copied));
}

/* The form of a `KEY: VALUE` line's value by its key (FORM_TEXT for other keys); *value
 * is set to where the value starts. */
static int keyed_form(const char *line, const char *end, const char **value)
{
	static const struct { const char *key; int form; } keys[] = {
		{"id_number: ", FORM_ID}, {"id_original: ", FORM_ID}, {"phone: ", FORM_PHONE},
		{"household_phone: ", FORM_PHONE}, {"contact_phone: ", FORM_PHONE},
		{"cadre_phone: ", FORM_PHONE}, {"disability_cert: ", FORM_ID},
	};
	if (end - line > 3 && memcmp(line, "@@ ", 3) == 0) {   /* a hunk header's context line */
		for (const char *q = line + 3; end - q >= 4; q++)
			if (memcmp(q, " @@ ", 4) == 0) {
				line = q + 4;
				break;
			}
	} else if (line < end && (*line == ' ' || *line == '+' || *line == '-'))
		line++;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		size_t k = strlen(keys[i].key);
		if ((size_t)(end - line) >= k && memcmp(line, keys[i].key, k) == 0) {
			*value = line + k;
			return keys[i].form;
		}
	}
	return FORM_TEXT;
}

void mask_text(const char *text, struct buf *out)
{
	const char *p = text ? text : "";
	while (*p) {
		const char *nl = strchr(p, '\n');
		const char *end = nl ? nl : p + strlen(p);
		const char *value;
		int form = keyed_form(p, end, &value);
		if (form != FORM_TEXT) {
			mask_span(p, value, out);   /* a hunk header's line numbers and any number before */
			mask_into(value, (size_t)(end - value), form, out);
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

/* Mask one value slot in place. An ID number or phone keeps its length: its characters
 * are replaced where they are (each read before it is written), with no copy. */
static int mask_slot(char **slot, int form)
{
	if (!*slot || !**slot || (form == FORM_TEXT && !strpbrk(*slot, "0123456789")))
		return 0;
	if (form != FORM_TEXT) {
		char *v = *slot;
		size_t len = strlen(v);
		for (size_t i = 0; i < len; i++)
			v[i] = masked_char(v, len, i, form);
		return 0;
	}
	struct buf b = {0};
	mask_text(*slot, &b);
	int rc = buf_str(&b) ? model_strset(slot, b.s) : -1;
	buf_free(&b);
	return rc;
}

static int field_form(enum field_id f)
{
	if (f == MF_ID || model_fields[f].kind == FK_DISCERT)
		return FORM_ID;
	if (model_fields[f].kind == FK_PHONE || model_fields[f].kind == FK_MOBILE)
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

/* Mask the numbers in a fixed-size text field in place (mask_text keeps the length). */
void mask_field(char *field)
{
	struct buf b = {0};
	if (!strpbrk(field, "0123456789"))
		return;
	mask_text(field, &b);
	if (buf_str(&b) && b.len == strlen(field))
		memcpy(field, b.s, b.len);
	else
		memset(field, '*', strlen(field));   /* out of memory: hide it all */
	buf_free(&b);
}

void mask_project(struct project *p)
{
	mask_field(p->title);
	mask_field(p->person);
	for (int i = 0; i < p->nms; i++)
		mask_field(p->ms[i].name);
}

void mask_task(struct task *t)
{
	mask_field(t->title);
	for (int i = 0; i < t->nlog; i++)
		mask_field(t->log[i].text);
}
