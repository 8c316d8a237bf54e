/* places.c — the 百千万工程 facts about places (docs/baiqianwan.md): county tracks, town
 * classes and 特色产业集群 as settings (track.CCCCCC, town_class.TTTTTTTTT, cluster.CCCCCC,
 * weak_village_line: settings.c calls places_setting here), and yearly figures — a
 * county's indicators with target and actual, a village's collective income — as
 * records, one audit file each (figures/NNNN/F0000001.txt), one per place, year and kind.
 * A figure is seen by whoever's scope holds its place; set by an administrator or a county
 * approver whose scope holds it (core/pairing.c pairing_may_add). */
#include "store/entity.h"
#include "core/places.h"
#include "core/regions.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct entity_col figure_cols[] = {
	{"id", NULL}, {"place", NULL},
	{NULL, "coalesce((SELECT name FROM regions WHERE code = t.place), '')"},
	{"year", NULL}, {"kind", NULL}, {"target", NULL}, {"actual", NULL},
};

/* A village has a regions row only once a household names it: its name from the edition. */
static int fill_place_name(struct store *s, void *rec)
{
	struct figure *f = rec;
	if (!f->place_name[0] && regions_name(s, f->place, f->place_name, sizeof f->place_name))
		f->place_name[0] = '\0';
	return 0;
}

const struct entity_kind entity_figures = {
	.table = "figures", .dir = "figures", .prefix = "F", .what = N_("figure"),
	.fields = places_figure_fields, .nfields = &places_figure_field_count, .cols = figure_cols,
	.size = sizeof(struct figure), .fill = fill_place_name,
};

int places_setting(struct store *s, const char *key, const char *value, char *out, size_t n)
{
	char err[512], name[128];
	const char *code;
	enum place_key k = places_key(key, &code);
	if (places_setting_value(key, value, out, n, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	if ((k == PLACE_TRACK || k == PLACE_CLUSTER) && !regions_is_county_level(code))
		return store_fail(s, STORE_EINVAL, "setting %s: %s is not a Guangdong county-level "
		                  "code", key, code);
	if (k == PLACE_TOWN_CLASS && regions_name(s, code, name, sizeof name))
		return store_fail(s, STORE_EINVAL, "setting %s: no town %s (2023 statistical codes, "
		                  "or a place.CODE setting)", key, code);
	return 0;
}

int places_setting_region(const char *key, char *out, size_t n)
{
	const char *code;
	enum place_key k = places_key(key, &code);
	if (k == PLACE_NONE)
		return 0;
	/* a track and the weak-village line are the province's; clusters and classes their place's */
	snprintf(out, n, "%s", k == PLACE_CLUSTER || k == PLACE_TOWN_CLASS ? code : "44");
	return 1;
}

int store_county_track(struct store *s, const char *code, char *buf, size_t len)
{
	char key[32];
	snprintf(key, sizeof key, "track.%s", code);
	int rc = db_lookup(s, buf, len, "SELECT value FROM settings WHERE key = ?", key, NULL);
	if (rc == STORE_ENOTFOUND) {
		snprintf(buf, len, "%s", PLACES_UNCLASSIFIED);
		return 0;
	}
	return rc;
}

int store_weak_line(struct store *s, char *buf, size_t len)
{
	if (store_setting_get(s, "weak_village_line", buf, len))
		snprintf(buf, len, "%s", PLACES_WEAK_LINE_SAMPLE);
	return 0;
}

/* A place a figure belongs to, by code or name: a county-level code or name, or a
 * village's 12-digit code (village names repeat: a code). */
static int figure_place(struct store *s, const char *key, char *code, size_t n)
{
	char name[128];
	int village = strlen(key) == 12 && strspn(key, "0123456789") == 12;
	if ((village && regions_name(s, key, name, sizeof name) == 0) || regions_is_county_level(key)) {
		snprintf(code, n, "%s", key);    /* a village, a county, or 东莞 / 中山 (no county level) */
		return 0;
	}
	int rc = db_lookup(s, code, n, "SELECT code FROM regions WHERE level = 2 AND name = ? "
	                   "ORDER BY code", key, NULL);
	if (rc == STORE_ENOTFOUND)
		return store_fail(s, STORE_EINVAL, "unknown place \"%s\": give a county (code or name) "
		                  "or a village's 12-digit code", key);
	return rc;
}

/* Load the figure of (place, year, kind) into f, or fill a new one: *found 1 or 0. */
struct find { struct figure *f; int found; };
static int found_one(void *ctx, void *rec)
{
	struct find *fd = ctx;
	*fd->f = *(struct figure *)rec;
	fd->found = 1;
	return 1;
}

/* Find the figure of f's (place, year, kind) u may set: loaded into f (*version its row's)
 * or left new (*version 0). */
static int figure_find(struct store *s, const struct user *u, struct figure *f, long *version)
{
	char err[256], v[32];
	struct find fd = {f, 0};
	const char *params[3] = {f->place, f->year, f->kind};
	if (pairing_may_add(u, f->place, _("a figure"), err, sizeof err))
		return store_fail(s, STORE_EDENIED, "%s", err);
	int rc = entity_each(s, &entity_figures, "t.place = ?1 AND t.year = ?2 AND t.kind = ?3",
	                     NULL, params, 3, found_one, &fd);
	*version = 0;
	if (!rc && fd.found && !(rc = db_lookup(s, v, sizeof v, "SELECT version FROM figures "
	                                        "WHERE id = ?", f->id, NULL)))
		*version = atol(v);
	return rc;
}

/* Put target and actual (NULL = as is) into f and check it: *changed 1 when it now
 * differs from what was loaded (always for a new one). */
static int figure_values(struct store *s, struct figure *f, const char *target,
                         const char *actual, long version, int *changed)
{
	char err[256], before[sizeof f->target + sizeof f->actual], after[sizeof before];
	snprintf(before, sizeof before, "%s|%s", f->target, f->actual);
	if (target)
		snprintf(f->target, sizeof f->target, "%s", target);
	if (actual)
		snprintf(f->actual, sizeof f->actual, "%s", actual);
	if (places_figure_check(store_code_lists(s), f, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	snprintf(after, sizeof after, "%s|%s", f->target, f->actual);
	*changed = !version || strcmp(before, after) != 0;
	return 0;
}

/* Write f inside the open event: a new row (its id allocated unless the event did) or an
 * update of the row at version; its file. */
static int figure_store(struct store *s, struct figure *f, long version)
{
	int rc;
	if (version)
		rc = entity_update(s, &entity_figures, f, version);
	else if (!f->id[0] && (rc = entity_next_id(s, &entity_figures, f->id, sizeof f->id)))
		return rc;
	else
		rc = entity_insert(s, &entity_figures, f);
	if (rc || (rc = entity_load(s, &entity_figures, f->id, f)))
		return rc;
	return entity_write_file(s, &entity_figures, f);
}

static int figure_set_in(struct store *s, const struct user *u, struct figure *f,
                         const char *target, const char *actual, const char *why)
{
	long version;
	int changed, rc = figure_find(s, u, f, &version);
	if (rc || (rc = figure_values(s, f, target, actual, version, &changed)))
		return rc;
	if (!changed)
		return store_fail(s, STORE_EINVAL, "figure %s already reads so: nothing to change", f->id);
	rc = version ? write_begin(s, u, "figure set", f->id, why)
	             : entity_begin_new(s, u, "figure set", &entity_figures, f->id, sizeof f->id, why);
	if (rc)
		return rc;
	if ((rc = figure_store(s, f, version))) {
		write_rollback(s);
		return rc;
	}
	return write_commit(s);
}

/* The figure a row names, resolved: place by code or name, kind by code or label. */
static int figure_key(struct store *s, const char *place, const char *year, const char *kind,
                      struct figure *out)
{
	memset(out, 0, sizeof *out);
	int rc = figure_place(s, place, out->place, sizeof out->place);
	if (rc)
		return rc;
	const struct code *k = codes_find(code_lists_table(store_code_lists(s), &codes_indicator), kind);
	snprintf(out->year, sizeof out->year, "%.7s", year);
	snprintf(out->kind, sizeof out->kind, "%s", k ? k->code : kind);
	return 0;
}

int store_figure_set(struct store *s, const struct user *u, const char *place, const char *year,
                     const char *kind, const char *target, const char *actual, const char *why,
                     struct figure *out)
{
	int rc = figure_key(s, place, year, kind, out);
	if (rc)
		return rc;
	if (!target && !actual)
		return store_fail(s, STORE_EINVAL, "give --target or --actual (or both)");
	if ((rc = write_open(s)))
		return rc;
	return write_close(s, figure_set_in(s, u, out, target, actual, why));
}

/* A row's figure checked against the store: defects reported (column NULL: the row). */
static int import_check(struct store *s, const struct user *u, const struct figure_row *r,
                        struct figure *f, long *version, int *changed,
                        register_report_fn report, void *ctx)
{
	int rc = figure_key(s, r->place, r->year, r->kind, f);
	const char *column = rc ? "place" : NULL;
	if (!rc && !r->target[0] && !r->actual[0])
		rc = store_fail(s, STORE_EINVAL, "give a target or an actual value");
	if (!rc && !(rc = figure_find(s, u, f, version)))
		rc = figure_values(s, f, r->target[0] ? r->target : NULL,
		                   r->actual[0] ? r->actual : NULL, *version, changed);
	if (rc && rc != STORE_EFAIL)
		report(ctx, r->line, column, store_error(s));
	return rc;
}

/* Row i repeats an earlier row's place, year and kind: that row's line, or 0. */
static long import_repeat(const struct figure *f, const struct figure_row *rows, int i)
{
	for (int j = 0; j < i; j++)
		if (strcmp(f[j].place, f[i].place) == 0 && strcmp(f[j].year, f[i].year) == 0 &&
		    strcmp(f[j].kind, f[i].kind) == 0)
			return rows[j].line;
	return 0;
}

static int figure_import_in(struct store *s, const struct user *u, const struct figure_row *rows,
                            int n, const char *why, register_report_fn report, void *ctx,
                            struct figure *f, long *version, int *changed, int *written)
{
	int defects = 0, rc = 0;
	char msg[128], subject[64];
	for (int i = 0; i < n; i++) {
		long first;
		if ((rc = import_check(s, u, &rows[i], &f[i], &version[i], &changed[i], report, ctx)) == STORE_EFAIL)
			return rc;
		defects += rc != 0;
		if (!rc && (first = import_repeat(f, rows, i))) {
			snprintf(msg, sizeof msg, _("repeats line %ld (the same place, year and kind)"), first);
			report(ctx, rows[i].line, NULL, msg);
			defects++;
		}
		*written += !rc && changed[i];
	}
	if (defects)
		return store_fail(s, STORE_EINVAL, defects == 1 ? N_("%d defect: nothing was imported")
		                  : N_("%d defects: nothing was imported"), defects);
	if (!*written)
		return 0;
	snprintf(subject, sizeof subject, "%d figure%s", *written, *written == 1 ? "" : "s");
	if ((rc = write_begin(s, u, "import", subject, why)))
		return rc;
	for (int i = 0; i < n && !rc; i++)
		if (changed[i])
			rc = figure_store(s, &f[i], version[i]);
	if (rc) {
		write_rollback(s);
		return rc;
	}
	return write_commit(s);
}

int store_figure_import(struct store *s, const struct user *u, const struct figure_row *rows,
                        int n, const char *why, register_report_fn report, void *ctx, int *written)
{
	struct figure *f = calloc((size_t)n + 1, sizeof *f);
	long *version = calloc((size_t)n + 1, sizeof *version);
	int *changed = calloc((size_t)n + 1, sizeof *changed), rc;
	*written = 0;
	if (!f || !version || !changed)
		rc = store_fail(s, STORE_EFAIL, "out of memory");
	else if (!(rc = write_open(s)))
		rc = figure_import_in(s, u, rows, n, why, report, ctx, f, version, changed, written);
	if (!rc && !*written)
		write_rollback(s);     /* nothing changed: no event, no commit */
	write_close(s, rc);
	free(f);
	free(version);
	free(changed);
	return rc;
}

struct figure_list { const struct user *u; int (*fn)(void *ctx, const struct figure *f); void *ctx; };

static int list_one(void *ctx, void *rec)
{
	struct figure_list *l = ctx;
	struct figure *f = rec;
	return access_in_scope(l->u, f->place) ? l->fn(l->ctx, f) : 0;
}

int store_figure_list(struct store *s, const struct user *u, const char *place, const char *year,
                      const char *kind, int (*fn)(void *ctx, const struct figure *f), void *ctx)
{
	char like[32], code[16] = "";
	int rc;
	if (place && place[0]) {
		if (strspn(place, "0123456789") == strlen(place))
			snprintf(code, sizeof code, "%.15s", place);     /* a prefix: county, town */
		else if ((rc = figure_place(s, place, code, sizeof code)))
			return rc;
	}
	const struct code *k = kind && kind[0]
	        ? codes_find(code_lists_table(store_code_lists(s), &codes_indicator), kind) : NULL;
	if (kind && kind[0] && !k)
		return store_fail(s, STORE_EINVAL, "unknown indicator \"%s\"", kind);
	entity_scope_like(u, like, sizeof like);
	const char *params[4] = {like, code, year, k ? k->code : NULL};
	struct figure_list l = {u, fn, ctx};
	return entity_each(s, &entity_figures, "t.place LIKE ?1 AND (?2 IS NULL OR t.place LIKE ?2 "
	                   "|| '%') AND (?3 IS NULL OR t.year = ?3) AND (?4 IS NULL OR t.kind = ?4)",
	                   "t.place, t.year, t.kind", params, 4, list_one, &l);
}

int figures_expect_all(struct store *s, kind_emit_fn emit, void *ctx)
{
	return entity_expect_all(s, &entity_figures, emit, ctx);
}

int figures_restore(struct store *s, const char *path, const char *text)
{
	return entity_restore(s, &entity_figures, path, text);
}
