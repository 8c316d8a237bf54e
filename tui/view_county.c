/* view_county.c — one county's 百千万工程 page, read-only (docs/baiqianwan.md "The
 * county view"): its track and 特色产业集群, the year's indicators with target and actual,
 * its towns with their classes and sample flags, and its villages' collective income
 * with the 薄弱村 mark. Opened by `c` — from a household its county, elsewhere the
 * user's own county (asked for when the scope is a city or the province). The figures
 * come from the store's scoped read (store_figure_list); towns are those in the user's
 * scope or holding it, as `county list` shows counties. The year is this year, or the
 * latest earlier one that has figures. Lines are in memory, their columns fitted to the
 * width the view is read at (^R after a resize): paging and `/` search are the generic
 * ones. */
#include "tui/ui_view.h"
#include "core/i18n.h"
#include "core/grow.h"
#include "tui/prompt.h"
#include "core/places.h"
#include "core/regions.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cline { int section; char text[448]; };

struct county_view {
	char code[8], name[64], year[8];
	struct cline *l;
	long n, cap;
	struct figure *f;         /* the county's figures in scope, every year */
	long nf, capf;
};

static struct cline *add(struct county_view *C, int section)
{
	if (GROW(C->l, C->cap, C->n + 1, 64))
		return NULL;
	struct cline *l = &C->l[C->n++];
	l->section = section;
	l->text[0] = '\0';
	return l;
}

/* Append s to l's text fitted into `cells` cells (wide characters counted as two) and
 * padded, then a blank; cells 0: as it is. */
static void put(struct cline *l, const char *s, int cells)
{
	char fit[256];
	size_t at = strlen(l->text);
	int used = cells ? text_fit(s, cells, fit, sizeof fit) : 0;
	snprintf(l->text + at, sizeof l->text - at, "%s%*s ", cells ? fit : s,
	         cells ? cells - used : 0, "");
}

static int keep_figure(void *ctx, const struct figure *f)
{
	struct county_view *C = ctx;
	if (C->nf == C->capf) {
		long cap = C->capf ? C->capf * 2 : 32;
		struct figure *grown = realloc(C->f, (size_t)cap * sizeof *grown);
		if (!grown)
			return 1;
		C->f = grown;
		C->capf = cap;
	}
	C->f[C->nf++] = *f;
	return 0;
}

/* This year, or the latest earlier year with figures. */
static void pick_year(struct county_view *C, const char *today)
{
	snprintf(C->year, sizeof C->year, "%.4s", today);
	int any = 0;
	char best[8] = "";
	for (long i = 0; i < C->nf; i++) {
		any |= strcmp(C->f[i].year, C->year) == 0;
		if (strcmp(C->f[i].year, C->year) < 0 && strcmp(C->f[i].year, best) > 0)
			snprintf(best, sizeof best, "%s", C->f[i].year);
	}
	if (!any && best[0])
		snprintf(C->year, sizeof C->year, "%s", best);
}

/* "met" when the actual reaches the target. */
static const char *reached(const struct figure *f)
{
	int met = places_figure_met(f);
	return met < 0 ? "" : met ? _("met") : _("below");
}

static int add_indicators(struct ui *ui, struct county_view *C)
{
	struct cline *l = add(C, 1);
	long n = 0;
	if (!l)
		return -1;
	snprintf(l->text, sizeof l->text, _("Indicators 县域指标 %s: target / actual"), C->year);
	for (long i = 0; i < C->nf; i++) {
		const struct figure *f = &C->f[i];
		if (strlen(f->place) != 6 || strcmp(f->year, C->year) != 0)
			continue;
		const char *label = code_lists_label(store_code_lists(ui->s), &codes_indicator, f->kind);
		if (!(l = add(C, 0)))
			return -1;
		put(l, "", 1);
		put(l, label ? label : f->kind, COLS >= 100 ? 34 : 26);
		put(l, f->target[0] ? f->target : "-", 12);
		put(l, f->actual[0] ? f->actual : "-", 12);
		put(l, reached(f), 5);
		put(l, f->kind, 0);
		n++;
	}
	if (!n && (l = add(C, 0)))
		snprintf(l->text, sizeof l->text, _("  (none for %s: bangfu indicator set %s KIND --year %s ...)"),
		         C->year, C->code, C->year);
	return l ? 0 : -1;
}

/* A town's classes split into its classes and its sample flags (…样板). */
static void town_classes(struct ui *ui, const char *town, char *classes, char *samples, size_t n)
{
	char key[32], value[256];
	classes[0] = samples[0] = '\0';
	snprintf(key, sizeof key, "town_class.%s", town);
	if (store_setting_get(ui->s, key, value, sizeof value))
		return;
	for (char *p = value, *next; p && *p; p = next) {
		next = strstr(p, "、");
		if (next) {
			*next = '\0';
			next += strlen("、");
		}
		char *to = strstr(p, "样板") ? samples : classes;
		size_t at = strlen(to);
		char item[sizeof value + 4];
		snprintf(item, sizeof item, "%s%s", at ? "、" : "", p);
		text_copy(to + at, n - at, item);  /* a display cell: cut at a character if long */
	}
}

static int add_towns(struct ui *ui, struct county_view *C)
{
	const struct ref_place *p;
	int count = regions_places_under(C->code, &p), shown = 0;
	struct cline *l = add(C, 1);
	if (!l)
		return -1;
	long head = C->n - 1;
	for (int i = 0; i < count; i++) {
		const char *code = p[i].code;
		char classes[256], samples[256];
		if (strlen(code) != 9 || !(access_in_scope(&ui->me, code) ||
		                           strncmp(ui->me.scope, code, 9) == 0))
			continue;
		town_classes(ui, code, classes, samples, sizeof classes);
		if (!(l = add(C, 0)))
			return -1;
		put(l, "", 1);
		put(l, code, 9);
		put(l, regions_place_name(&p[i]), COLS >= 100 ? 28 : 16);
		put(l, classes[0] ? classes : "-", 20);
		put(l, samples, 0);
		shown++;
	}
	snprintf(C->l[head].text, sizeof C->l[head].text, _("Towns 乡镇 (%d): classes, samples"), shown);
	return 0;
}

static int add_incomes(struct ui *ui, struct county_view *C)
{
	char line[32];
	long n = 0;
	store_weak_line(ui->s, line, sizeof line);
	struct cline *l = add(C, 1);
	if (!l)
		return -1;
	snprintf(l->text, sizeof l->text, _("Village collective income 村集体经济收入 %s (weak line %s)"),
	         C->year, line);
	for (long i = 0; i < C->nf; i++) {
		const struct figure *f = &C->f[i];
		if (strlen(f->place) != 12 || strcmp(f->kind, "collective_income") != 0 ||
		    strcmp(f->year, C->year) != 0)
			continue;
		if (!(l = add(C, 0)))
			return -1;
		put(l, "", 1);
		put(l, f->place, 12);
		put(l, f->place_name, COLS >= 100 ? 28 : 16);
		put(l, f->actual[0] ? f->actual : "-", 12);
		put(l, places_figure_weak(f, line) ? "薄弱村" : "", 0);
		n++;
	}
	if (!n && (l = add(C, 0)))
		snprintf(l->text, sizeof l->text, _("  (none for %s)"), C->year);
	return l ? 0 : -1;
}

static int county_open(struct ui *ui, struct view *v)
{
	struct county_view *C = v->priv;
	char track[32], key[32], clusters[256];
	C->n = C->nf = 0;
	int rc = store_county_track(ui->s, C->code, track, sizeof track);
	if (!rc)
		rc = store_figure_list(ui->s, &ui->me, C->code, NULL, NULL, keep_figure, C);
	if (rc)
		return ui_store_error(ui, rc);
	pick_year(C, store_today(ui->s));
	snprintf(key, sizeof key, "cluster.%s", C->code);
	if (store_setting_get(ui->s, key, clusters, sizeof clusters))
		snprintf(clusters, sizeof clusters, _("(none set)"));
	struct cline *l = add(C, 0), *m = add(C, 0);
	if (!l || !m || !add(C, 0)) {
		ui_status(ui, 1, _("out of memory"));
		return -1;
	}
	snprintf(l->text, sizeof l->text, _("Track 县域类型: %s"), track);
	snprintf(m->text, sizeof m->text, _("特色产业集群: %s"), clusters);
	if (add_indicators(ui, C) || !add(C, 0) || add_towns(ui, C) || !add(C, 0) ||
	    add_incomes(ui, C)) {
		ui_status(ui, 1, _("out of memory"));
		return -1;
	}
	v->lines = C->n;
	v->at_start = v->at_end = 1;
	if (v->pos >= v->lines)
		v->pos = v->lines - 1;
	v->dirty = 1;
	return 0;
}

static void county_draw(struct ui *ui, struct view *v, long line, int y, int selected)
{
	const struct cline *l = &((struct county_view *)v->priv)->l[line];
	attr_t a = selected ? draw_style(ST_CURSOR) : A_NORMAL;
	draw_text(y, 0, COLS, l->text, a | (l->section ? draw_style(ST_SECTION) : 0), 0);
}

static void county_title(struct ui *ui, struct view *v, char *out, size_t n)
{
	struct county_view *C = v->priv;
	snprintf(out, n, _("County %s %s  百千万工程 %s  (read-only)"), C->code, C->name, C->year);
}

static int county_text(struct view *v, long line, char *out, size_t n)
{
	snprintf(out, n, "%s", ((struct county_view *)v->priv)->l[line].text);
	return 0;
}

static void county_close(struct view *v)
{
	struct county_view *C = v->priv;
	free(C->l);
	free(C->f);
}

const struct view_ops view_county_ops = {
	.name = "county",
	.priv_size = sizeof(struct county_view),
	.open = county_open,
	.draw = county_draw,
	.title = county_title,
	.text = county_text,
	.close = county_close,
};

/* The county-level code for what was typed: a code, or a county's name. */
static const struct ref_county *county_of(const char *key)
{
	const struct ref_county *c = regions_county(key);
	for (int i = 0; !c && i < ref_county_count; i++)
		if (strcmp(ref_counties[i].name, key) == 0)
			c = &ref_counties[i];
	return c;
}

int view_county_push(struct ui *ui, const char *county)
{
	char typed[64] = "";
	snprintf(typed, sizeof typed, "%.6s", ui->me.scope);
	if (!county && (strlen(ui->me.scope) < 6 || !regions_county(typed))) {
		typed[0] = '\0';
		int rc = prompt_line(ui, _("county (code or name): "), typed, sizeof typed, NULL);
		if (rc != PROMPT_OK || !text_trim(typed)[0])
			return REQ_DONE;
	}
	const struct ref_county *c = county_of(county ? county : typed);
	if (!c) {
		ui_status(ui, 1, _("no county \"%s\" (a Guangdong county-level code or name)"),
		          county ? county : typed);
		return -1;
	}
	if (!access_in_scope(&ui->me, c->code) && strncmp(ui->me.scope, c->code, 6) != 0) {
		ui_status(ui, 1, _("county %s %s is outside your scope %s"), c->code, c->name, ui->me.scope);
		return -1;
	}
	struct county_view C = {0};
	snprintf(C.code, sizeof C.code, "%s", c->code);
	snprintf(C.name, sizeof C.name, "%s", c->name);
	return ui_push(ui, &view_county_ops, &C);
}
