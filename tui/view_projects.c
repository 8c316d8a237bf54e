/* view_projects.c — the projects (项目) in the user's scope, as `bangfu project list`
 * reads them (store_project_list: scoped by place, masked): id, status, place, kind,
 * money planned and spent (all years), overdue milestones, title. Paging and search are
 * the generic ones; `l` limits the list to the projects whose title, id or place name
 * holds a text (empty: all again); Enter shows the project with its milestones and money
 * (project_describe, in the pager). */
#include "tui/view_util.h"
#include "core/codes.h"
#include "core/i18n.h"
#include "core/grow.h"
#include "tui/prompt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct projects_view {
	const char *today;
	struct project *p;
	long n, cap;
	int oom;
	char match[128];          /* the limit, "" = every project in scope */
};

static int keep_project(void *ctx, const struct project *p)
{
	struct projects_view *P = ctx;
	if (GROW(P->p, P->cap, P->n + 1, 32)) {
		P->oom = 1;
		return 1;
	}
	P->p[P->n++] = *p;
	return 0;
}

static int projects_open(struct ui *ui, struct view *v)
{
	struct projects_view *P = v->priv;
	char keep[PROJECT_ID_LEN] = "";
	long old = v->pos, found = -1;
	if (v->pos < P->n)
		snprintf(keep, sizeof keep, "%s", P->p[v->pos].id);
	P->n = 0;
	P->oom = 0;
	P->today = store_today(ui->s);
	struct project_filter f = {.match = P->match[0] ? P->match : NULL};
	int rc = store_project_list(ui->s, &ui->me, &f, keep_project, P);
	if (rc)
		return ui_store_error(ui, rc);
	if (P->oom)
		ui_status(ui, 1, _("out of memory: the list is shown in part"));
	v->lines = P->n;
	v->at_start = v->at_end = 1;
	for (long i = 0; keep[0] && i < P->n && found < 0; i++)
		if (strcmp(P->p[i].id, keep) == 0)
			found = i;
	view_keep_cursor(ui, v, found, old);
	v->dirty = 1;
	return 0;
}

static void layout(struct vcol c[8])
{
	int wide = COLS >= 110;
	c[0] = (struct vcol){N_("project"), 9, 0};
	c[1] = (struct vcol){N_("status"), 6, 0};
	c[2] = (struct vcol){N_("place"), wide ? 12 : 8, 0};
	c[3] = (struct vcol){N_("kind"), wide ? 12 : 8, 0};
	c[4] = (struct vcol){N_("planned"), 13, 1};
	c[5] = (struct vcol){N_("spent"), wide ? 13 : 0, 1};
	c[6] = (struct vcol){N_("late"), 4, 1};
	c[7] = (struct vcol){N_("title"), 0, 0};
}

struct cells { char planned[PROJECT_MONEY_LEN], spent[PROJECT_MONEY_LEN], late[16]; };

static void cells_of(const struct projects_view *P, const struct project *p, struct cells *buf,
                     const char *cells[8])
{
	long long planned, allocated, spent;
	const char *status = codes_shown(codes_label(&codes_project_status, p->status));
	int late = project_overdue_count(p, P->today);
	project_money_totals(p, &planned, &allocated, &spent);
	project_money_format(planned, buf->planned);
	project_money_format(spent, buf->spent);
	snprintf(buf->late, sizeof buf->late, "%s", late ? "" : "-");
	if (late)
		snprintf(buf->late, sizeof buf->late, "%d", late);
	cells[0] = p->id;
	cells[1] = status ? status : p->status;
	cells[2] = p->place_name[0] ? p->place_name : p->place;
	cells[3] = p->kind_name[0] ? codes_shown(p->kind_name) : p->kind;
	cells[4] = buf->planned;
	cells[5] = buf->spent;
	cells[6] = buf->late;
	cells[7] = p->title;
}

static void projects_draw(struct ui *ui, struct view *v, long line, int y, int selected)
{
	struct projects_view *P = v->priv;
	struct vcol c[8];
	struct cells buf;
	const char *cells[8];
	layout(c);
	cells_of(P, &P->p[line], &buf, cells);
	attr_t a = selected ? draw_style(ST_CURSOR) : A_NORMAL;
	vcols_draw(y, c, 8, cells, a);
}

static void projects_header(struct ui *ui, struct view *v, int y)
{
	struct vcol c[8];
	layout(c);
	vcols_header(y, c, 8);
}

static int projects_text(struct view *v, long line, char *out, size_t n)
{
	struct projects_view *P = v->priv;
	struct cells buf;
	const char *cells[8];
	cells_of(P, &P->p[line], &buf, cells);
	snprintf(out, n, "%s %s %s %s %s %s %s", cells[0], cells[1], cells[2], cells[3],
	         codes_shown(P->p[line].group_name), P->p[line].person, cells[7]);
	return 0;
}

static void projects_title(struct ui *ui, struct view *v, char *out, size_t n)
{
	struct projects_view *P = v->priv;
	char limit[64];
	long late = 0;
	for (long i = 0; i < P->n; i++)
		late += project_overdue_count(&P->p[i], P->today) > 0;
	keymap_keys_of(&ui->keys, "projects", ACT_LIMIT, limit, sizeof limit);
	char matching[sizeof P->match + 64] = "";
	if (P->match[0])
		snprintf(matching, sizeof matching, _(" matching \"%s\""), P->match);
	snprintf(out, n, _("Projects  %ld in your scope%s  %ld with a milestone overdue  %s limit"),
	         v->lines, matching, late, limit);
}

int view_project_show(struct ui *ui, const char *id)
{
	struct project p;
	struct buf text = {0};
	char title[128];
	int rc = store_project_get(ui->s, &ui->me, id, &p);   /* as it is now */
	if (rc)
		return ui_store_error(ui, rc);
	project_describe(&p, store_today(ui->s), &text);
	snprintf(title, sizeof title, _("project %s"), p.id);
	rc = view_pager_push(ui, title, buf_str(&text) ? text.s : "", PAGER_WRAP);
	buf_free(&text);
	return rc < 0 ? rc : REQ_DONE;
}

static int limit(struct ui *ui, struct view *v, struct projects_view *P)
{
	char match[sizeof P->match];
	snprintf(match, sizeof match, "%s", P->match);
	int r = prompt_line(ui, _("limit to projects holding (empty: all): "), match, sizeof match, NULL);
	if (r != PROMPT_OK)
		return REQ_DONE;
	snprintf(P->match, sizeof P->match, "%s", match);
	v->pos = v->top = 0;
	if (projects_open(ui, v) < 0)
		return -1;
	if (P->match[0])
		ui_status(ui, 0, ngettext("%ld project holding %s", "%ld projects holding %s",
		                          (unsigned long)v->lines), v->lines, P->match);
	else
		ui_status(ui, 0, ngettext("%ld project", "%ld projects", (unsigned long)v->lines),
		          v->lines);
	return REQ_DONE;
}

static int projects_request(struct ui *ui, struct view *v, enum action a)
{
	struct projects_view *P = v->priv;
	switch (a) {
	case ACT_OPEN: return view_project_show(ui, P->p[v->pos].id);
	case ACT_LIMIT: return limit(ui, v, P);
	default: return REQ_PASS;
	}
}

static void projects_close(struct view *v)
{
	struct projects_view *P = v->priv;
	free(P->p);
}

const struct view_ops view_projects_ops = {
	.name = "projects",
	.priv_size = sizeof(struct projects_view),
	.open = projects_open,
	.draw = projects_draw,
	.request = projects_request,
	.title = projects_title,
	.header = projects_header,
	.text = projects_text,
	.close = projects_close,
};

int view_projects_push(struct ui *ui)
{
	return ui_push(ui, &view_projects_ops, NULL);
}
