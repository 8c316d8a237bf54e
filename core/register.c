/* register.c — household register CSV in and out (see register.h). */
#include "core/register.h"
#include "core/i18n.h"
#include "core/register_columns.h"
#include "core/idcard.h"
#include "core/idmap.h"
#include "core/strmap.h"
#include "core/text.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VALUE_MAX 2048   /* > 4 bytes x TEXT_MAX_NOTE characters */

struct reader {
	const struct code_lists *lists;
	const char *today;
	register_report_fn report;
	void *ctx;
	struct register_batch *b;
	int colfield[256];            /* column index → field id, -1 ignored */
	int ncols;
	int fieldcol[FIELD_COUNT];    /* field id → column index, -1 absent */
	int yearcol;                  /* the 收入年度 column, -1 absent */
	struct strmap by_number;      /* 户编号 → household index */
	struct idmap by_id;           /* ID number → line it was first seen on */
	int no_id_check;              /* the write pass: the file was checked already */
	struct register_row *row;     /* the row being checked */
};

static void defect(struct reader *r, long line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void defect(struct reader *r, long line, int col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	const char *column = col >= 0 && col < r->b->nheader ? r->b->header[col] : NULL;
	r->report(r->ctx, line, column, msg);
	r->b->defects++;
	if (r->row && !r->row->reason) {
		char reason[600];
		snprintf(reason, sizeof reason, "%s%s%s", column ? column : "", column ? ": " : "", msg);
		r->row->reason = strdup(reason);
	}
	if (r->row && r->row->household >= 0)
		r->b->bad[r->row->household] = 1;
}

/* The record's fields as one allocation (the pointers, then the strings): a row of 45
 * short cells is one block instead of 46, which at 100,000 households is some hundreds
 * of MB of allocator overhead less (docs/performance-write.md). Freed with one free(). */
static char **copy_fields(const struct csv_record *rec)
{
	size_t n = (size_t)rec->nfields, bytes = (n + 1) * sizeof(char *);
	for (size_t i = 0; i < n; i++)
		bytes += strlen(rec->fields[i]) + 1;
	char **out = malloc(bytes);
	if (!out)
		return NULL;
	char *p = (char *)(out + n + 1);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(rec->fields[i]) + 1;
		memcpy(p, rec->fields[i], len);
		out[i] = p;
		p += len;
	}
	out[n] = NULL;
	return out;
}

static int map_header(struct reader *r, const struct csv_record *rec)
{
	static const enum field_id required[] = {HF_NO, HF_COUNTY, HF_TOWN, HF_VILLAGE, MF_NAME,
	                                         MF_ID, MF_RELATION};
	r->b->header = copy_fields(rec);
	r->b->nheader = rec->nfields;
	r->b->header_owned = 1;
	if (!r->b->header)
		return -1;
	for (int f = 0; f < FIELD_COUNT; f++)
		r->fieldcol[f] = -1;
	r->ncols = rec->nfields < 256 ? rec->nfields : 256;
	for (int c = 0; c < r->ncols; c++) {
		char name[256];
		snprintf(name, sizeof name, "%s", rec->fields[c]);
		text_trim(name);
		const char *alias;
		if (register_year_column(name) && r->yearcol < 0) {
			r->colfield[c] = -1;
			r->yearcol = c;
			r->report(r->ctx, rec->line, rec->fields[c], _("taken as the year of 家庭人均纯收入: "
			          "it becomes that year's income assessment"));
			continue;
		}
		int f = register_column_find(name, &alias);
		if (f >= 0 && (model_fields[f].flags & F_NOCSV))
			f = -1;   /* kept by the case procedure, not by the register file */
		r->colfield[c] = f;
		if (f >= 0 && alias) {   /* a national export's name: say what it was taken as */
			char msg[300];
			text_errorf(msg, sizeof msg, "taken as %s (%s)", model_fields[f].zh, model_fields[f].key);
			r->report(r->ctx, rec->line, rec->fields[c], msg);
		}
		if (f < 0) {
			r->report(r->ctx, rec->line, rec->fields[c], _("unknown column, ignored"));
			r->b->warnings++;
		} else if (r->fieldcol[f] >= 0) {
			defect(r, rec->line, c, _("column given twice (also column %d)"), r->fieldcol[f] + 1);
		} else {
			r->fieldcol[f] = c;
			r->b->present[f] = 1;
		}
	}
	int missing = 0;
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
		if (r->fieldcol[required[i]] < 0) {
			defect(r, rec->line, -1, _("required column %s (%s) is missing"),
			       model_fields[required[i]].zh, model_fields[required[i]].key);
			missing++;
		}
	return missing ? -1 : 0;
}

/* Fold CRLF, CR and LF in a one-line value to one space each; 1 if there was one. */
static int fold_line_breaks(char *v)
{
	int folded = 0;
	char *o = v;
	for (const char *p = v; *p; p++) {
		if (*p == '\r' || *p == '\n') {
			if (*p == '\r' && p[1] == '\n')
				p++;
			*o++ = ' ';
			folded = 1;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return folded;
}

/* The trimmed, normalised value of field f in this row into out; "" if the column is
 * absent. Returns -1 (after reporting) when the value is invalid. */
static int row_value(struct reader *r, const struct csv_record *rec, enum field_id f,
                     char *out)
{
	int c = r->fieldcol[f];
	out[0] = '\0';
	if (c < 0)
		return 0;
	char raw[VALUE_MAX], err[400];
	const char *cell = c < rec->nfields ? rec->fields[c] : "";
	/* an empty cell of a field that may be empty is "" with nothing to check, as
	 * model_value_normalise would find: half the cells of an export, parsed twice */
	if (!cell[0] && !(model_fields[f].flags & F_REQUIRED))
		return 0;
	text_copy(raw, sizeof raw, cell);   /* a cell too long is checked whole below */
	if (model_fields[f].kind != FK_NOTE && fold_line_breaks(raw)) {
		r->report(r->ctx, rec->line, r->b->header[c], _("a line break inside the cell (Excel's "
		          "Alt+Enter) was read as a space"));
		r->b->warnings++;
	}
	text_trim(raw);
	/* A cell longer than any field may be is checked whole: refused as too long, never cut. */
	if (model_value_normalise(r->lists, f, strlen(cell) < sizeof raw ? csv_formula_unguard(raw)
	                          : cell, r->today, out, VALUE_MAX, err, sizeof err)) {
		defect(r, rec->line, c, "%s", err);
		out[0] = '\0';
		return -1;
	}
	return 0;
}

static int setter(void *entity, enum field_level level, enum field_id f, const char *v)
{
	switch (level) {
	case LEVEL_HOUSEHOLD: return household_set(entity, f, v);
	case LEVEL_MEMBER: return member_set(entity, f, v);
	case LEVEL_CASE: return case_set(entity, f, v);
	}
	return -1;
}

/* Find or create the household of this row; check its household-level and case-level
 * values agree with what earlier rows said. */
static struct household *row_household(struct reader *r, const struct csv_record *rec,
                                       const char *number)
{
	long idx;
	struct register_batch *b = r->b;
	if (strmap_get(&r->by_number, number, &idx)) {
		r->row->household = (int)idx;
		return &b->households[idx];
	}
	struct household *h = realloc(b->households, (size_t)(b->nhouseholds + 1) * sizeof *h);
	char *bad = realloc(b->bad, (size_t)(b->nhouseholds + 1));
	char (*years)[8] = realloc(b->income_years, (size_t)(b->nhouseholds + 1) * sizeof *years);
	if (h) b->households = h;
	if (bad) b->bad = bad;
	if (years) b->income_years = years;
	if (!h || !bad || !years || strmap_put(&r->by_number, number, b->nhouseholds))
		return NULL;
	h = &b->households[b->nhouseholds];
	memset(h, 0, sizeof *h);
	b->bad[b->nhouseholds] = 0;
	b->income_years[b->nhouseholds][0] = '\0';
	r->row->household = b->nhouseholds++;
	return h;
}

static void check_same(struct reader *r, const struct csv_record *rec, const char *before,
                       const char *now, enum field_id f, int first_row)
{
	if (!first_row && strcmp(before, now) != 0)
		defect(r, rec->line, r->fieldcol[f],
		       _("household-level value \"%s\" differs from \"%s\" on an earlier row of the "
		       "same household"), now, before);
}

/* The 收入年度 of this row: a year from 2000 to today's, the same on every row of a
 * household; kept for the household from its first row. */
static void row_year(struct reader *r, const struct csv_record *rec, int first_row)
{
	char y[16] = "", *kept = r->b->income_years[r->row->household], *end;
	if (r->yearcol < 0 || r->yearcol >= rec->nfields)
		return;
	snprintf(y, sizeof y, "%s", rec->fields[r->yearcol]);
	text_trim(y);
	long year = strtol(y, &end, 10);
	if (y[0] && (*end || strlen(y) != 4 || year < 2000 || year > atol(r->today)))
		defect(r, rec->line, r->yearcol, _("\"%s\" is not a year from 2000 to this one"), y);
	else if (!first_row && strcmp(kept, y) != 0)
		defect(r, rec->line, r->yearcol, _("household-level value \"%s\" differs from \"%s\" on "
		       "an earlier row of the same household"), y, kept);
	else if (first_row)
		snprintf(kept, 8, "%s", y);
}

static int read_row(struct reader *r, const struct csv_record *rec)
{
	char v[FIELD_COUNT][VALUE_MAX];
	int defects_before = r->b->defects;
	for (int f = 0; f < FIELD_COUNT; f++)
		row_value(r, rec, (enum field_id)f, v[f]);
	if (rec->nfields > r->b->nheader)
		defect(r, rec->line, -1, _("%d fields, but the header has %d"), rec->nfields,
		       r->b->nheader);
	if (!v[HF_NO][0])
		return 0;   /* reported as required; the row cannot be grouped */
	struct household *h = row_household(r, rec, v[HF_NO]);
	if (!h)
		return -1;
	if (r->b->defects > defects_before)   /* found before the row knew its household */
		r->b->bad[r->row->household] = 1;
	int first_row = h->nmembers == 0;
	row_year(r, rec, first_row);
	for (int f = HF_FIRST; f < HF_FIRST + HF_COUNT; f++) {
		check_same(r, rec, household_get(h, (enum field_id)f), v[f], (enum field_id)f, first_row);
		if (first_row && setter(h, LEVEL_HOUSEHOLD, (enum field_id)f, v[f]))
			return -1;
	}
	/* The register's case columns describe the household's current monitoring case. */
	if (first_row && v[CF_CATEGORY][0]) {
		struct hcase *c = household_add_case(h);
		if (!c)
			return -1;
		for (int f = CF_FIRST; f < CF_FIRST + CF_COUNT; f++)
			if (setter(c, LEVEL_CASE, (enum field_id)f, v[f]))
				return -1;
	} else if (!first_row) {
		const struct hcase *c = h->ncases ? &h->cases[0] : NULL;
		for (int f = CF_FIRST; f < CF_FIRST + CF_COUNT; f++)
			check_same(r, rec, c ? case_get(c, (enum field_id)f) : "", v[f], (enum field_id)f, 0);
	}
	if (!v[CF_CATEGORY][0])
		for (int f = CF_FIRST + 1; f < CF_FIRST + CF_COUNT; f++)
			if (v[f][0] && f != CF_ELIMINATED) {
				defect(r, rec->line, r->fieldcol[f], _("given but 监测对象类别 (category) is empty"));
				break;
			}
	struct member *m = household_add_member(h);
	if (!m)
		return -1;
	for (int f = MF_FIRST; f < MF_FIRST + MF_COUNT; f++)
		if (f != MF_SEX && setter(m, LEVEL_MEMBER, (enum field_id)f, v[f]))
			return -1;
	if (v[MF_SCHOOL][0] && v[MF_EDUCATION][0])
		defect(r, rec->line, r->fieldcol[MF_EDUCATION],
		       _("give 在校生状况 (school stage) or 文化程度 (education), not both"));
	if (v[MF_ID][0]) {
		struct idcard id;
		char err[160], raw[VALUE_MAX];
		snprintf(raw, sizeof raw, "%s", rec->fields[r->fieldcol[MF_ID]]);
		text_trim(raw);
		if (idcard_parse(raw, r->today, &id, err, sizeof err) == 0) {
			char sex[2] = {id.sex, 0};
			if (member_set(m, MF_SEX, sex) || model_strset(&m->birth, id.birth) ||
			    (id.original[0] && model_strset(&m->id_original, id.original)))
				return -1;
			if (v[MF_SEX][0] && strcmp(v[MF_SEX], sex) != 0)
				defect(r, rec->line, r->fieldcol[MF_SEX],
				       _("sex %s disagrees with the ID number (17th digit says %s)"),
				       codes_label(&codes_sex, v[MF_SEX]), codes_label(&codes_sex, sex));
		}
		long other;
		if (r->no_id_check)
			;
		else if (idmap_get(&r->by_id, v[MF_ID], &other))
			defect(r, rec->line, r->fieldcol[MF_ID], _("ID number %s already on line %ld"),
			       v[MF_ID], other);
		else if (idmap_put(&r->by_id, v[MF_ID], rec->line))
			return -1;
	}
	return 0;
}

static struct register_row *add_row(struct register_batch *b, const struct csv_record *rec)
{
	if (b->nrows == b->cap_rows) {
		int cap = b->cap_rows ? b->cap_rows * 2 : 256;
		struct register_row *rows = realloc(b->rows, (size_t)cap * sizeof *rows);
		if (!rows)
			return NULL;
		b->rows = rows;
		b->cap_rows = cap;
	}
	struct register_row *row = &b->rows[b->nrows++];
	memset(row, 0, sizeof *row);
	row->line = rec->line;
	row->household = -1;
	row->nraw = rec->nfields;
	row->raw = copy_fields(rec);
	return row->raw ? row : NULL;
}

static void report_oom(struct reader *r, long line)
{
	r->report(r->ctx, line, NULL, _("out of memory"));
	r->b->defects++;
}

/* Household-wide rules, reported on the line of the offending member's row. */
struct hh_ctx { struct reader *r; int household; };
static void household_problem(void *ctx, int member, const char *msg)
{
	struct hh_ctx *hc = ctx;
	struct reader *r = hc->r;
	int seen = 0;
	for (int i = 0; i < r->b->nrows; i++) {
		if (r->b->rows[i].household != hc->household)
			continue;
		if (member < 0 || seen++ == member) {
			r->row = &r->b->rows[i];
			defect(r, r->row->line, member < 0 ? -1 : r->fieldcol[MF_RELATION], "%s", msg);
			return;
		}
	}
}

/* The reader of one file, across the pieces it is read in (register.h). */
struct register_stream {
	struct reader r;
	struct csv_reader cr;
	struct csv_record rec;
	struct register_batch head;   /* owns the header; present[] */
	struct strmap rows_left;      /* 户编号 → its rows not yet read (pieces only) */
	int pieces, counted, rows_read, done;
	void (*past)(void *ctx, size_t offset);   /* told, now and then, what was read */
	void *past_ctx;
};

/* Tell the caller every 4096 records how far the reader has come. */
static void read_past(struct register_stream *st, const struct csv_reader *cr, long records)
{
	if (st->past && records % 4096 == 0)
		st->past(st->past_ctx, cr->pos);
}

void register_stream_on_read(struct register_stream *st, void (*past)(void *ctx, size_t offset),
                             void *ctx)
{
	st->past = past;
	st->past_ctx = ctx;
}

static void no_report(void *ctx, long line, const char *column, const char *msg)
{
	(void)ctx, (void)line, (void)column, (void)msg;
}

/* The normalised 户编号 of rec, as read_row groups by, without reporting. */
static void silent_number(struct register_stream *st, const struct csv_record *rec, char *out)
{
	struct reader *r = &st->r;
	struct register_batch *b = r->b;
	register_report_fn report = r->report;
	struct register_batch scratch = {.header = st->head.header, .nheader = st->head.nheader};
	r->b = &scratch;
	r->report = no_report;
	r->row = NULL;
	row_value(r, rec, HF_NO, out);
	r->b = b;
	r->report = report;
}

/* Count the rows of every 户编号 (a first read of the whole file), so that a piece can
 * end where each household it holds has all its rows, wherever in the file they are. */
static int count_rows(struct register_stream *st)
{
	struct csv_reader cr = st->cr;
	struct csv_record rec = {0};
	char err[300], number[VALUE_MAX];
	int got, rc = 0;
	long records = 0;
	while (!rc && (got = csv_read(&cr, &rec, err, sizeof err)) > 0) {
		long n = 0;
		read_past(st, &cr, ++records);
		silent_number(st, &rec, number);
		if (number[0])
			rc = strmap_put(&st->rows_left, number,
			                (strmap_get(&st->rows_left, number, &n), n) + 1);
	}
	csv_record_free(&rec);
	return rc;
}

int register_stream_open(struct register_stream **out, const struct code_lists *lists,
                         const char *utf8, size_t len, const char *today, int pieces,
                         int checked, register_report_fn report, void *ctx)
{
	struct register_stream *st = calloc(1, sizeof *st);
	char err[300];
	*out = st;
	if (!st)
		return report(ctx, 0, NULL, _("out of memory")), -1;
	st->r = (struct reader){.lists = lists, .today = today, .report = checked ? no_report : report,
	                        .ctx = ctx, .b = &st->head, .yearcol = -1, .no_id_check = checked};
	st->pieces = pieces;
	csv_reader_init(&st->cr, utf8, len);
	int got = csv_read(&st->cr, &st->rec, err, sizeof err);
	if (got <= 0) {
		report(ctx, got < 0 ? st->cr.err_line : 0, NULL,
		       got < 0 ? csv_error_text(err) : _("empty file: no header row"));
		st->head.defects++;
		return -1;
	}
	if (map_header(&st->r, &st->rec))
		return -1;
	return 0;
}

const struct register_batch *register_stream_head(const struct register_stream *st)
{
	return &st->head;
}

/* Count the row just read against its household's rows in the file; 1 when it was the
 * household's last. */
static int last_row_of(struct register_stream *st, const struct register_batch *b)
{
	const struct register_row *row = &b->rows[b->nrows - 1];
	long n;
	if (row->household < 0)
		return 0;
	const char *number = household_get(&b->households[row->household], HF_NO);
	if (!strmap_get(&st->rows_left, number, &n))
		return 1;
	strmap_put(&st->rows_left, number, n - 1);   /* replaces: cannot fail */
	return n - 1 <= 0;
}

int register_stream_next(struct register_stream *st, int want, struct register_batch *b)
{
	struct reader *r = &st->r;
	char err[300];
	int got = 0, open = 0;
	memset(b, 0, sizeof *b);
	if (st->done)
		return 0;
	strmap_free(&r->by_number);   /* a piece holds its households whole: none continues */
	if (st->pieces && !st->counted++ && count_rows(st)) {
		report_oom(r, 0);
		return -1;
	}
	b->header = st->head.header;
	b->nheader = st->head.nheader;
	memcpy(b->present, st->head.present, sizeof b->present);
	r->b = b;
	while ((!st->pieces || b->nhouseholds < want || open > 0) &&
	       (got = csv_read(&st->cr, &st->rec, err, sizeof err)) > 0) {
		int before = b->nhouseholds;
		if (!(r->row = add_row(b, &st->rec)) || read_row(r, &st->rec)) {
			report_oom(r, st->rec.line);
			return -1;
		}
		read_past(st, &st->cr, ++st->rows_read);
		open += b->nhouseholds - before;
		if (st->pieces && last_row_of(st, b))
			open--;
	}
	r->row = NULL;
	if (got < 0) {
		r->report(r->ctx, st->cr.err_line, NULL, csv_error_text(err));
		b->defects++;
		return -1;
	}
	if (got == 0)
		st->done = 1;
	if (st->rows_read == 0) {
		r->report(r->ctx, 0, NULL, _("no data rows after the header"));
		b->defects++;
		return -1;
	}
	for (int i = 0; i < b->nhouseholds; i++) {
		struct hh_ctx hc = {r, i};
		household_check(&b->households[i], household_problem, &hc);
	}
	return b->nrows > 0;
}

int register_stream_households(const struct register_stream *st)
{
	return (int)st->rows_left.count;
}

void register_stream_free(struct register_stream *st)
{
	if (!st)
		return;
	csv_record_free(&st->rec);
	strmap_free(&st->r.by_number);
	idmap_free(&st->r.by_id);
	strmap_free(&st->rows_left);
	register_batch_free(&st->head);
	free(st);
}

int register_read_csv(const struct code_lists *lists, const char *utf8, size_t len,
                      const char *today,
                      struct register_batch *b, register_report_fn report, void *ctx)
{
	struct register_stream *st;
	int rc = register_stream_open(&st, lists, utf8, len, today, 0, 0, report, ctx);
	if (rc == 0)
		rc = register_stream_next(st, 0, b) < 0 ? -1 : 0;
	if (st) {
		/* the whole file in one batch: it keeps the header and what the header said */
		b->defects += st->head.defects;
		b->warnings += st->head.warnings;
		if (rc == 0 || !b->header) {
			b->header = st->head.header;
			b->nheader = st->head.nheader;
			b->header_owned = 1;
			memcpy(b->present, st->head.present, sizeof b->present);
			st->head.header = NULL;
			st->head.header_owned = 0;
		}
		register_stream_free(st);
	}
	return rc;
}

void register_batch_free(struct register_batch *b)
{
	for (int i = 0; i < b->nhouseholds; i++)
		household_free(&b->households[i]);
	for (int i = 0; i < b->nrows; i++) {
		free(b->rows[i].raw);   /* one block with its fields (copy_fields) */
		free(b->rows[i].reason);
	}
	if (b->header_owned)
		free(b->header);
	free(b->households);
	free(b->bad);
	free(b->income_years);
	free(b->rows);
	memset(b, 0, sizeof *b);
}
