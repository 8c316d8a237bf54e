/* view_dashboard.c — counts of the households in the user's scope by case state, case
 * category, county and household type (store_stats: one GROUP BY each), drawn as ASCII
 * bar charts scaled to the widest count of each section. Enter on a bar opens the list
 * limited to it (state:assisting, county:441821, ...). */
#include "tui/ui_view.h"
#include "core/i18n.h"
#include "core/grow.h"
#include "core/codes.h"
#include "core/regions.h"
#include "core/workflow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dline {
	int section;              /* a heading line */
	char label[96];
	char query[64];           /* the list limit for this bar, "" if none */
	long count, max;
};

struct dash {
	struct dline *l;
	long n, cap;
	long total;
	enum stats_dim dim;       /* the section being read */
	long max;
	const struct code_lists *lists;
};

static struct dline *add(struct dash *D)
{
	if (GROW(D->l, D->cap, D->n + 1, 64))
		return NULL;
	struct dline *l = &D->l[D->n++];
	memset(l, 0, sizeof *l);
	return l;
}

static const char *const dim_key[] = {
	[STATS_STATE] = "state", [STATS_CATEGORY] = "category",
	[STATS_COUNTY] = "county", [STATS_TYPE] = "type",
};

static int add_bar(void *ctx, const char *code, long count)
{
	struct dash *D = ctx;
	struct dline *l = add(D);
	if (!l)
		return 1;
	const char *label = code;
	char shown[64];
	enum wf_state st;
	if (!code[0])
		label = D->dim == STATS_STATE || D->dim == STATS_CATEGORY ? _("(no case)") : _("(none)");
	else if (D->dim == STATS_STATE && workflow_state_parse(code, &st) == 0)
		label = codes_shown(workflow_state_label(st));
	else if (D->dim == STATS_CATEGORY || D->dim == STATS_TYPE) {
		model_value_onscreen(D->lists, D->dim == STATS_CATEGORY ? CF_CATEGORY : HF_TYPE, code,
		                    shown, sizeof shown);
		label = shown;
	}
	else if (D->dim == STATS_COUNTY && regions_county_name(code))
		label = regions_county_name(code);
	if (D->dim == STATS_COUNTY && regions_county_name(code))
		snprintf(l->label, sizeof l->label, "%s %s", code, label);
	else
		snprintf(l->label, sizeof l->label, "%s", label);
	if (code[0])
		snprintf(l->query, sizeof l->query, "%s:%s", dim_key[D->dim], code);
	l->count = count;
	if (count > D->max)
		D->max = count;
	if (D->dim == STATS_COUNTY)
		D->total += count;
	return 0;
}

static int dash_open(struct ui *ui, struct view *v)
{
	static const struct { enum stats_dim dim; const char *heading; } parts[] = {
		{STATS_STATE, N_("By state of the latest case")},
		{STATS_CATEGORY, N_("By monitoring category (监测对象类别)")},
		{STATS_TYPE, N_("By household type (户类型)")},
		{STATS_COUNTY, N_("By county")},
	};
	struct dash *D = v->priv;
	D->n = 0;
	D->total = 0;
	D->lists = store_code_lists(ui->s);
	for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
		struct dline *h = add(D);
		if (!h) {
			ui_status(ui, 1, _("out of memory"));
			return -1;
		}
		h->section = 1;
		snprintf(h->label, sizeof h->label, "%s", _(parts[p].heading));
		long first = D->n;
		D->dim = parts[p].dim;
		D->max = 0;
		int rc = store_stats(ui->s, &ui->me, parts[p].dim, add_bar, D);
		if (rc)
			return ui_store_error(ui, rc);
		for (long i = first; i < D->n; i++)
			D->l[i].max = D->max;
	}
	v->lines = D->n;
	v->at_start = v->at_end = 1;
	v->dirty = 1;
	return 0;
}

static void dash_draw(struct ui *ui, struct view *v, long line, int y, int selected)
{
	const struct dline *l = &((struct dash *)v->priv)->l[line];
	attr_t base = selected ? draw_style(ST_CURSOR) : A_NORMAL;
	if (l->section) {
		draw_text(y, 0, COLS, l->label, base | draw_style(ST_SECTION), 0);
		return;
	}
	int lw = COLS >= 100 ? 28 : 20, cw = 8, x = 2 + lw + 1 + cw + 1;
	int barw = COLS - x - 1;
	draw_blank(y, 0, 2, base);
	draw_text(y, 2, lw + 1, l->label, base, 0);
	draw_textf(y, 3 + lw, cw + 1, base, "%*ld ", cw, l->count);
	if (barw < 1)
		return;
	int len = l->max > 0 ? (int)((double)l->count * barw / (double)l->max) : 0;
	if (len < 1 && l->count > 0)
		len = 1;
	char bar[1024];
	if (len > (int)sizeof bar - 1)
		len = (int)sizeof bar - 1;
	memset(bar, '#', (size_t)len);
	bar[len] = '\0';
	draw_text(y, x, COLS - x, bar, base | (selected ? 0 : draw_style(ST_BAR)), 0);
}

static void dash_title(struct ui *ui, struct view *v, char *out, size_t n)
{
	struct dash *D = v->priv;
	snprintf(out, n, _("Dashboard  %ld households in scope %s  (%s lists a bar's households)"),
	         D->total, ui->me.scope, ui_key(ui, "dashboard", ACT_OPEN));
}

static int dash_text(struct view *v, long line, char *out, size_t n)
{
	const struct dline *l = &((struct dash *)v->priv)->l[line];
	snprintf(out, n, "%s %ld", l->label, l->count);
	return 0;
}

/* Enter: a list limited to this bar, over the dashboard (q comes back here). */
static int dash_request(struct ui *ui, struct view *v, enum action a)
{
	const struct dline *l = &((struct dash *)v->priv)->l[v->pos];
	if (a != ACT_OPEN)
		return REQ_PASS;
	if (!l->query[0]) {
		ui_status(ui, 1, _("no query names these households"));
		return -1;
	}
	return view_list_push_limited(ui, l->query);
}

static void dash_close(struct view *v)
{
	struct dash *D = v->priv;
	free(D->l);
}

const struct view_ops view_dashboard_ops = {
	.name = "dashboard",
	.priv_size = sizeof(struct dash),
	.open = dash_open,
	.draw = dash_draw,
	.request = dash_request,
	.title = dash_title,
	.text = dash_text,
	.close = dash_close,
};

int view_dashboard_push(struct ui *ui)
{
	return ui_push(ui, &view_dashboard_ops, NULL);
}
