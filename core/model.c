/* model.c — the register's field table and the checks every value goes through, whether
 * it arrives from a CSV file, from `bangfu set` or from the audit text (see model.h). */
#include "core/model.h"
#include "core/i18n.h"
#include "core/date.h"
#include "core/mask.h"
#include "core/idcard.h"
#include "core/regions.h"
#include "core/text.h"
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct field model_fields[FIELD_COUNT] = {
#define X(slot, key, zh, level, kind, codes, flags) [slot] = {key, zh, level, kind, codes, flags},
	FIELD_LIST(X)
#undef X
};

int model_field_find(const char *name)
{
	for (int i = 0; i < FIELD_COUNT; i++)
		if (strcmp(model_fields[i].key, name) == 0 || strcmp(model_fields[i].zh, name) == 0)
			return i;
	return -1;
}

enum field_edit model_field_editable(enum field_id f, int member)
{
	assert(f >= 0 && f < FIELD_COUNT);
	const struct field *fd = &model_fields[f];
	if (fd->level == LEVEL_CASE)
		return FIELD_EDIT_CASE;
	if (fd->level == LEVEL_MEMBER && member <= 0)
		return FIELD_EDIT_ON_MEMBER;
	if (fd->level == LEVEL_HOUSEHOLD && member > 0)
		return FIELD_EDIT_ON_HOUSEHOLD;
	return fd->flags & F_READONLY ? FIELD_EDIT_READONLY : FIELD_EDITABLE;
}

static int all_digits(const char *s, size_t n)
{
	if (strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Money: optional '-', digits, optional '.' and 1-2 digits; thousands separators are not
 * accepted (a "6,800" in a CSV cell is ambiguous). Normalised without trailing zeros. */
static int normalise_money(const char *raw, char *out, int outlen, char *err, size_t errlen)
{
	const char *p = raw;
	int neg = 0;
	if (*p == '-') { neg = 1; p++; }
	const char *int_start = p;
	while (isdigit((unsigned char)*p)) p++;
	size_t int_len = (size_t)(p - int_start);
	char frac[3] = "";
	if (*p == '.') {
		p++;
		int k = 0;
		for (; isdigit((unsigned char)*p); p++, k++)
			if (k < 2)
				frac[k] = *p;
		if (k == 0 || k > 2) {
			text_errorf(err, errlen, "\"%s\" is not an amount in yuan (at most 2 decimals)", raw);
			return -1;
		}
		frac[k] = '\0';
	}
	if (*p || int_len == 0 || int_len > 12) {
		text_errorf(err, errlen, "\"%s\" is not a number of yuan", raw);
		return -1;
	}
	while (int_len > 1 && *int_start == '0') { int_start++; int_len--; }
	if (frac[1] == '0') frac[1] = '\0';
	if (frac[0] == '0' && !frac[1]) frac[0] = '\0';
	int zero = int_len == 1 && *int_start == '0' && !frac[0];
	snprintf(out, (size_t)outlen, "%s%.*s%s%s", neg && !zero ? "-" : "", (int)int_len,
	         int_start, frac[0] ? "." : "", frac);
	return 0;
}

static int valid_date(int y, int m, int d)
{
	if (y < 1900 || y > 2200 || d < 1)
		return 0;
	return d <= date_month_days(y, m);   /* 0 for a month out of range */
}

/* YYYYMM, YYYY-MM, YYYYMMDD or YYYY-MM-DD, not after today. */
static int normalise_month(const char *raw, const char *today, char *out, int outlen,
                           char *err, size_t errlen)
{
	char digits[9];
	int n = 0;
	for (const char *p = raw; *p; p++) {
		if (isdigit((unsigned char)*p) && n < 8)
			digits[n++] = *p;
		else if (*p != '-' && *p != '/' && *p != '.')
			n = 99;
	}
	digits[n < 9 ? n : 8] = '\0';
	int y, m, d = 1;
	if ((n != 6 && n != 8) || sscanf(digits, "%4d%2d", &y, &m) != 2 ||
	    (n == 8 && sscanf(digits + 6, "%2d", &d) != 1) || !valid_date(y, m, d)) {
		text_errorf(err, errlen, "\"%s\" is not a date (YYYYMM or YYYY-MM-DD)", raw);
		return -1;
	}
	if (n == 6)
		snprintf(out, (size_t)outlen, "%04d-%02d", y, m);
	else
		snprintf(out, (size_t)outlen, "%04d-%02d-%02d", y, m, d);
	if (today && strncmp(out, today, strlen(out)) > 0) {
		text_errorf(err, errlen, "date %s is in the future", out);
		return -1;
	}
	return 0;
}

/* 11-digit mobile starting with 1, or a landline: optional 0-area code (3-4 digits) and
 * a 7-8 digit number, with or without '-'. */
static int normalise_phone(const char *raw, int mobile_only, char *out, int outlen, char *err,
                           size_t errlen)
{
	char d[24];
	int n = 0, dash = 0;
	for (const char *p = raw; *p; p++) {
		if (isdigit((unsigned char)*p) && n < 20)
			d[n++] = *p;
		else if (*p == '-' && !dash)
			dash = 1;
		else {
			text_errorf(err, errlen, "\"%s\" is not a phone number", raw);
			return -1;
		}
	}
	d[n] = '\0';
	int mobile = n == 11 && d[0] == '1' && !dash;
	int landline = (n >= 7 && n <= 8 && !dash) || (d[0] == '0' && n >= 10 && n <= 12);
	if (mobile_only && !mobile) {
		text_errorf(err, errlen, "\"%s\" is not an 11-digit mobile number (a landline is "
		         "not taken here)", raw);
		return -1;
	}
	if (!mobile && !landline) {
		text_errorf(err, errlen, "\"%s\" is neither an 11-digit mobile nor a landline", raw);
		return -1;
	}
	text_copy(out, (size_t)outlen, raw);
	return 0;
}

/* The most characters a value of each kind may hold (docs/text.md). */
static size_t kind_max_chars(enum field_kind k)
{
	switch (k) {
	case FK_NOTE: return TEXT_MAX_NOTE;
	case FK_TEXT:
	case FK_NAME: return TEXT_MAX_NAME;
	default: return TEXT_MAX_LINE;
	}
}

/* The input rule (text_check_input); a note may also hold tabs and line breaks, its CRLF
 * and lone CR (a spreadsheet's line breaks) kept as LF: into `note`, which is then what
 * is checked and kept. A note too long for `note` (at least 4 * TEXT_MAX_NOTE + 1 bytes)
 * is checked as it is, and refused as too long. */
static int check_plain_text(const char *raw, enum field_kind k, char *note, int notelen,
                            char *err, size_t errlen)
{
	if (k == FK_NOTE && strlen(raw) < (size_t)notelen) {
		int n = 0;
		for (const char *p = raw; *p; p++) {
			if (*p != '\r')
				note[n++] = *p;
			else if (p[1] != '\n')
				note[n++] = '\n';
		}
		note[n] = '\0';
		raw = note;
	}
	size_t max = kind_max_chars(k);
	if (!text_check_input(NULL, raw, max, k == FK_NOTE ? TEXT_MULTILINE : 0, err, errlen))
		return 0;
	if (strlen(raw) <= 4 * max && errlen > 0) {   /* show where, as the rule shows it */
		char shown[64];
		size_t at = strlen(err);
		text_sanitize(raw, shown, sizeof shown);
		text_errorf(err + at, errlen - at, " in \"%s\"", shown);
	}
	return -1;
}

int model_value_normalise(const struct code_lists *lists, enum field_id f, const char *raw,
                          const char *today, char *out, int outlen, char *err, size_t errlen)
{
	const struct field *fd = &model_fields[f];
	const struct code_table *codes = code_lists_table(lists, fd->codes);
	out[0] = '\0';
	if (check_plain_text(raw, fd->kind, out, outlen, err, errlen))
		return -1;
	if (fd->kind == FK_NOTE)
		raw = out;   /* line breaks made LF; copied onto itself below */
	if (!raw[0]) {
		if (fd->flags & F_REQUIRED) {
			text_errorf(err, errlen, "is required");
			return -1;
		}
		return 0;
	}
	if ((fd->kind == FK_IDNUM || fd->kind == FK_PHONE || fd->kind == FK_MOBILE ||
	     fd->kind == FK_DISCERT) && mask_is_masked(raw)) {
		text_errorf(err, errlen, "\"%s\" is masked (copied from masked output): give the "
		         "full number, e.g. from `export households --reveal --why TEXT`", raw);
		return -1;
	}
	switch (fd->kind) {
	case FK_TEXT:
	case FK_NOTE:
	case FK_NAME:
		if ((int)strlen(raw) >= outlen) {
			text_errorf(err, errlen, "too long (%zu bytes)", strlen(raw));
			return -1;
		}
		if (raw != out)
			text_copy(out, (size_t)outlen, raw);
		return 0;
	case FK_NUMBER:
		for (const char *p = raw; *p; p++)
			if (!isalnum((unsigned char)*p) && *p != '-') {
				text_errorf(err, errlen, "\"%s\" may hold only letters, digits and '-'", raw);
				return -1;
			}
		if (strlen(raw) > 40) {
			text_errorf(err, errlen, "longer than 40 characters");
			return -1;
		}
		text_copy(out, (size_t)outlen, raw);
		return 0;
	case FK_COUNTY:
		if (!all_digits(raw, 6) && regions_county_by_name(raw))   /* a name: its code */
			raw = regions_county_by_name(raw);
		if (!all_digits(raw, 6) || !regions_is_county_level(raw)) {
			text_errorf(err, errlen, "unknown county code \"%s\" (not one of Guangdong's 122 "
			         "county-level units, Dongguan 441900 or Zhongshan 442000)", raw);
			return -1;
		}
		text_copy(out, (size_t)outlen, raw);
		return 0;
	case FK_TOWNCODE:
	case FK_VILLCODE: {
		size_t want = fd->kind == FK_TOWNCODE ? 9 : 12;
		if (!all_digits(raw, want)) {
			text_errorf(err, errlen, "\"%s\" must be %zu digits", raw, want);
			return -1;
		}
		text_copy(out, (size_t)outlen, raw);
		return 0;
	}
	case FK_IDNUM: {
		struct idcard id;
		char why[160];
		if (model_is_disability_cert(raw)) {
			text_errorf(err, errlen, "\"%s\" is a 20-character disability certificate number, "
			         "not an ID number: put it in disability_cert and the "
			         "ID number here", raw);
			return -1;
		}
		if (idcard_parse(raw, today, &id, why, sizeof why)) {
			text_errorf(err, errlen, "ID number \"%s\": %s", raw, why);
			return -1;
		}
		snprintf(out, (size_t)outlen, "%s", id.id);
		return 0;
	}
	case FK_CODE: {
		const struct code *c = codes_find(codes, raw);
		if (!c) {
			text_errorf(err, errlen, "unknown %s \"%s\"", codes_shown(codes->name), raw);
			return -1;
		}
		snprintf(out, (size_t)outlen, "%s", c->code);
		return 0;
	}
	case FK_YESNO: {
		const struct code *c = codes_find(codes, raw);
		if (!c) {
			text_errorf(err, errlen, "\"%s\" must be yes or no", raw);
			return -1;
		}
		snprintf(out, (size_t)outlen, "%s", c->code);
		return 0;
	}
	case FK_MULTI:
		return codes_parse_multi(codes, raw, f == CF_RISKS ? 5 : 8, out, outlen, err,
		                         errlen) < 0 ? -1 : 0;
	case FK_INT: {
		char *end;
		long v = strtol(raw, &end, 10);
		if (*end || end == raw || v < 0 || v > 12) {
			text_errorf(err, errlen, "\"%s\" must be a whole number 0-12", raw);
			return -1;
		}
		snprintf(out, (size_t)outlen, "%ld", v);
		return 0;
	}
	case FK_MONEY:
		return normalise_money(raw, out, outlen, err, errlen);
	case FK_MONTH:
		return normalise_month(raw, today, out, outlen, err, errlen);
	case FK_PHONE:
	case FK_MOBILE:
		return normalise_phone(raw, fd->kind == FK_MOBILE, out, outlen, err, errlen);
	case FK_DISCERT:
		if (!model_is_disability_cert(raw)) {
			text_errorf(err, errlen, "\"%s\" is not a disability certificate number ("
			         "the 18-character ID number and 2 digits)", raw);
			return -1;
		}
		text_copy(out, (size_t)outlen, raw);
		out[17] = (char)toupper((unsigned char)out[17]);
		return 0;
	}
	text_errorf(err, errlen, "field kind not handled");
	return -1;
}

int model_is_disability_cert(const char *s)
{
	char id[19];
	struct idcard parsed;
	char why[160];
	if (strlen(s) != 20 || !isdigit((unsigned char)s[18]) || !isdigit((unsigned char)s[19]))
		return 0;
	memcpy(id, s, 18);
	id[18] = '\0';
	return idcard_parse(id, NULL, &parsed, why, sizeof why) == 0;
}

const char *model_value_shown(const struct code_lists *lists, enum field_id f, const char *value,
                              char *buf, int buflen)
{
	const struct field *fd = &model_fields[f];
	if (!value)
		value = "";
	if (fd->kind == FK_MULTI) {
		codes_labels_multi(code_lists_table(lists, fd->codes), value, buf, buflen);
		return buf;
	}
	if ((fd->kind == FK_CODE || fd->kind == FK_YESNO) && value[0]) {
		const char *label = codes_label(code_lists_table(lists, fd->codes), value);
		return label ? label : value;
	}
	return value;
}

int model_value_display(const struct code_lists *lists, enum field_id f, const char *value,
                        char *out, int outlen)
{
	if (model_fields[f].kind == FK_MULTI)
		return codes_labels_multi(code_lists_table(lists, model_fields[f].codes), value ? value : "",
		                          out, outlen);
	return snprintf(out, (size_t)outlen, "%s", model_value_shown(lists, f, value, out, outlen));
}

int model_value_onscreen(const struct code_lists *lists, enum field_id f, const char *value,
                         char *out, int outlen)
{
	const struct field *fd = &model_fields[f];
	const struct code_table *codes = code_lists_table(lists, fd->codes);
	if (!value)
		value = "";
	if (fd->kind == FK_MULTI)
		return codes_shown_multi(codes, value, out, outlen);
	const char *label = (fd->kind == FK_CODE || fd->kind == FK_YESNO) && value[0]
	                    ? codes_label(codes, value) : NULL;
	return snprintf(out, (size_t)outlen, "%s", label ? codes_shown(label) : value);
}

int model_strset(char **slot, const char *value)
{
	char *copy = NULL;
	if (value && value[0] && !(copy = strdup(value)))
		return -1;
	free(*slot);
	*slot = copy;
	return 0;
}

/* The field-index contract of the accessors below: a field of that level. */
#define ASSERT_LEVEL(f, first, count) assert((f) >= (first) && (f) < (first) + (count))

const char *household_get(const struct household *h, enum field_id f)
{
	ASSERT_LEVEL(f, HF_FIRST, HF_COUNT);
	const char *v = h->v[f - HF_FIRST];
	return v ? v : "";
}
const char *member_get(const struct member *m, enum field_id f)
{
	ASSERT_LEVEL(f, MF_FIRST, MF_COUNT);
	const char *v = m->v[f - MF_FIRST];
	return v ? v : "";
}
const char *case_get(const struct hcase *c, enum field_id f)
{
	ASSERT_LEVEL(f, CF_FIRST, CF_COUNT);
	const char *v = c->v[f - CF_FIRST];
	return v ? v : "";
}
int household_set(struct household *h, enum field_id f, const char *value)
{
	ASSERT_LEVEL(f, HF_FIRST, HF_COUNT);
	return model_strset(&h->v[f - HF_FIRST], value);
}
int member_set(struct member *m, enum field_id f, const char *value)
{
	ASSERT_LEVEL(f, MF_FIRST, MF_COUNT);
	return model_strset(&m->v[f - MF_FIRST], value);
}
int case_set(struct hcase *c, enum field_id f, const char *value)
{
	ASSERT_LEVEL(f, CF_FIRST, CF_COUNT);
	return model_strset(&c->v[f - CF_FIRST], value);
}

/* Grow an array of `size`-byte elements by one zeroed element; NULL on failure. */
static void *grow_one(void **array, int *count, size_t size)
{
	char *p = realloc(*array, (size_t)(*count + 1) * size);
	if (!p)
		return NULL;
	*array = p;
	memset(p + (size_t)*count * size, 0, size);
	return p + (size_t)(*count)++ * size;
}

struct member *household_add_member(struct household *h)
{
	return grow_one((void **)&h->members, &h->nmembers, sizeof *h->members);
}

struct hcase *household_add_case(struct household *h)
{
	return grow_one((void **)&h->cases, &h->ncases, sizeof *h->cases);
}

struct subrec *household_add_subrec(struct household *h, enum subrec_kind k)
{
	return grow_one((void **)&h->sub[k], &h->nsub[k], sizeof *h->sub[k]);
}

static const struct subrec_kind_info subrec_kinds[SUB_COUNT] = {
#define X(kind, section, table, ...) \
	[kind] = {section, table, {__VA_ARGS__}, \
	          (int)(sizeof (const char *[]){__VA_ARGS__} / sizeof(const char *))},
	SUBREC_LIST(X)
#undef X
};

const struct subrec_kind_info *subrec_info(enum subrec_kind k)
{
	assert(k >= 0 && k < SUB_COUNT);
	return &subrec_kinds[k];
}

int subrec_col(enum subrec_kind k, const char *name)
{
	const struct subrec_kind_info *i = subrec_info(k);
	for (int c = 0; c < i->ncols; c++)
		if (strcmp(i->cols[c], name) == 0)
			return c;
	return -1;
}

const char *subrec_get(const struct subrec *r, enum subrec_kind k, const char *col)
{
	int c = subrec_col(k, col);
	return c >= 0 && r->v[c] ? r->v[c] : "";
}

int subrec_set(struct subrec *r, enum subrec_kind k, const char *col, const char *value)
{
	int c = subrec_col(k, col);
	return c < 0 ? -1 : model_strset(&r->v[c], value);
}

void household_free(struct household *h)
{
	for (int i = 0; i < HF_COUNT; i++)
		free(h->v[i]);
	for (int m = 0; m < h->nmembers; m++) {
		for (int i = 0; i < MF_COUNT; i++)
			free(h->members[m].v[i]);
		free(h->members[m].id_original);
		free(h->members[m].birth);
	}
	for (int c = 0; c < h->ncases; c++) {
		for (int i = 0; i < CF_COUNT; i++)
			free(h->cases[c].v[i]);
		free(h->cases[c].state);
	}
	for (int k = 0; k < SUB_COUNT; k++) {
		for (int i = 0; i < h->nsub[k]; i++)
			for (int c = 0; c < SUBREC_MAX_COLS; c++)
				free(h->sub[k][i].v[c]);
		free(h->sub[k]);
	}
	free(h->members);
	free(h->cases);
	memset(h, 0, sizeof *h);
}

/* The cross-field rules of one member (DOMAIN.md): a work place only with months worked,
 * not both medical insurances, a certificate number never the ID number. */
static int member_check(const struct member *m, int i,
                        void (*report)(void *ctx, int member, const char *msg), void *ctx)
{
	int problems = 0;
	const char *place = member_get(m, MF_WORKPLACE), *months = member_get(m, MF_MONTHS);
	const char *cert = member_get(m, MF_DISCERT);
	if (place[0] && atoi(months) <= 0) {
		report(ctx, i, _("work place given but no months worked (0 or empty): "
		       "a work place goes with months worked > 0"));
		problems++;
	}
	if (strcmp(member_get(m, MF_RESIDENT_INS), "yes") == 0 &&
	    strcmp(member_get(m, MF_EMPLOYEE_INS), "yes") == 0) {
		report(ctx, i, _("both 城乡居民基本医疗保险 and 职工基本医疗保险: a person is insured by "
		       "exactly one of the two"));
		problems++;
	}
	if (cert[0] && strncmp(cert, member_get(m, MF_ID), 18) != 0) {
		report(ctx, i, _("disability certificate number does not begin with the "
		       "member's ID number"));
		problems++;
	}
	return problems;
}

int household_check(const struct household *h,
                    void (*report)(void *ctx, int member, const char *msg), void *ctx)
{
	int problems = 0, heads = 0, spouses = 0, second_head = -1, second_spouse = -1;
	char msg[256];
	for (int i = 0; i < h->nmembers; i++) {
		problems += member_check(&h->members[i], i, report, ctx);
		const char *rel = member_get(&h->members[i], MF_RELATION);
		const char *id = member_get(&h->members[i], MF_ID);
		if (strcmp(rel, "head") == 0 && ++heads == 2)
			second_head = i;
		if (strcmp(rel, "spouse") == 0 && ++spouses == 2)
			second_spouse = i;
		for (int j = 0; id[0] && j < i; j++)
			if (strcmp(id, member_get(&h->members[j], MF_ID)) == 0) {
				text_errorf(msg, sizeof msg, "ID number %s appears twice in household %s", id,
				         household_get(h, HF_NO));
				report(ctx, i, msg);
				problems++;
			}
	}
	if (heads != 1) {
		text_errorf(msg, sizeof msg, "household %s has %d heads of household: needs exactly one",
		         household_get(h, HF_NO), heads);
		report(ctx, second_head, msg);
		problems++;
	}
	if (spouses > 1) {
		text_errorf(msg, sizeof msg, "household %s has %d spouses: at most one",
		         household_get(h, HF_NO), spouses);
		report(ctx, second_spouse, msg);
		problems++;
	}
	return problems;
}

int household_path_of(enum history_layout layout, const char *county, const char *town,
                      const char *village, const char *id, char *out, int outlen)
{
	if (layout == LAYOUT_VILLAGE)
		return snprintf(out, (size_t)outlen, "households/%s/%s/%s/%s.txt", county, town,
		                village, id);
	return snprintf(out, (size_t)outlen, "households/%s/%s/%s.txt", county, town, id);
}

int household_path(const struct household *h, enum history_layout layout, char *out, int outlen)
{
	return household_path_of(layout, household_get(h, HF_COUNTY), household_get(h, HF_TOWNCODE),
	                         household_get(h, HF_VILLCODE), h->id, out, outlen);
}
