/* project_import.c — the projects sheet a working group fills in: its columns, the rows
 * `export projects` writes (one per project and year of money), and `import projects`,
 * which adds a project for each row without an id and updates the project of each row
 * with one — all rows checked in one transaction, one bad row refusing the whole file,
 * and everything one audit event "project import". */
#include "store/projects.h"
#include "core/mask.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>

const struct report_col project_sheet_cols[PS_COUNT] = {
	{"id", "项目编号", 0}, {"title", "项目名称", 0}, {"place", "地区代码", 0},
	{"place_name", "地区", 0}, {"level", "层级", 0}, {"kind", "项目类型", 0},
	{"group", "工作专班", 0}, {"unit", "责任单位", 0}, {"person", "责任人", 0},
	{"pair", "结对编号", 0}, {"programme", "资金来源", 0}, {"status", "状态", 0},
	{"tasks", "关联任务", 0}, {"year", "年度", 0}, {"planned", "计划投资(元)", 1},
	{"allocated", "已下达(元)", 1}, {"spent", "已支出(元)", 1},
	{"approval_planned", "立项计划日期", 0}, {"approval_actual", "立项实际日期", 0},
	{"start_planned", "开工计划日期", 0}, {"start_actual", "开工实际日期", 0},
	{"finish_planned", "完工计划日期", 0}, {"finish_actual", "完工实际日期", 0},
	{"acceptance_planned", "验收计划日期", 0}, {"acceptance_actual", "验收实际日期", 0},
	{"overdue", "逾期节点", 1},
};

int project_sheet_rows(const struct project *p, const char *today,
                       int (*fn)(void *ctx, const char *const *v), void *ctx)
{
	const char *v[PS_COUNT];
	char overdue[16];
	const char *status = codes_label(&codes_project_status, p->status);
	snprintf(overdue, sizeof overdue, "%d", project_overdue_count(p, today));
	memset(v, 0, sizeof v);
	v[PS_ID] = p->id, v[PS_TITLE] = p->title, v[PS_PLACE] = p->place;
	v[PS_PLACE_NAME] = p->place_name, v[PS_LEVEL] = p->level, v[PS_KIND] = p->kind_name;
	v[PS_GROUP] = p->group_name, v[PS_UNIT] = p->unit_name[0] ? p->unit_name : p->unit;
	v[PS_PERSON] = p->person, v[PS_PAIR] = p->pair, v[PS_PROGRAMME] = p->programme;
	v[PS_STATUS] = status ? status : p->status, v[PS_TASKS] = p->tasks;
	v[PS_OVERDUE] = overdue;
	for (int i = 0; i < 4; i++) {
		const struct project_milestone *m = NULL;
		for (int k = 0; k < p->nms && !m; k++)
			if (strcmp(p->ms[k].name, project_milestone_names[i]) == 0)
				m = &p->ms[k];
		v[PS_MS_FIRST + 2 * i] = m ? m->planned : "";
		v[PS_MS_FIRST + 2 * i + 1] = m ? m->actual : "";
	}
	for (int y = 0; y < (p->nmoney ? p->nmoney : 1); y++) {
		const struct project_money *m = p->nmoney ? &p->money[y] : NULL;
		v[PS_YEAR] = m ? m->year : "";
		v[PS_PLANNED] = m ? m->planned : "";
		v[PS_ALLOCATED] = m ? m->allocated : "";
		v[PS_SPENT] = m ? m->spent : "";
		if (fn(ctx, v))
			return 1;
	}
	return 0;
}

/* --- import ------------------------------------------------------------------------ */

static const char *cell(const struct project_row *r, int col)
{
	const char *v = r->v[col];
	return v && v[0] ? v : NULL;
}

/* What apply_row edits with: the row, and where a refusal names its field. */
struct row_edit { const struct project_row *r; struct project_fault *at; };

/* Apply a row to p (a new, zeroed project or one read for updating). */
static int apply_row(void *ctx, struct project *p, const char *today, char *err, size_t errlen)
{
	const struct row_edit *e = ctx;
	const struct project_row *r = e->r;
	static const struct { int col; enum project_field field; size_t off, size; } text[] = {
#define F(c, f, m) {c, f, offsetof(struct project, m), sizeof(((struct project *)0)->m)}
		F(PS_TITLE, PJF_TITLE, title), F(PS_KIND, PJF_KIND, kind), F(PS_GROUP, PJF_GROUP, group),
		F(PS_UNIT, PJF_UNIT, unit), F(PS_PERSON, PJF_PERSON, person), F(PS_PAIR, PJF_PAIR, pair),
		F(PS_PROGRAMME, PJF_PROGRAMME, programme), F(PS_STATUS, PJF_STATUS, status),
		F(PS_TASKS, PJF_TASKS, tasks),
#undef F
	};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
		const char *v = cell(r, text[i].col);
		if (!v || (p->id[0] && mask_is_masked(v)))
			continue;   /* a masked cell of an exported row: the value as it is kept */
		if (strlen(v) >= text[i].size)
			return project_fault(e->at, text[i].field, NULL,
			                     text_errorf(err, errlen, "too long (%zu bytes, at most %zu)",
			                                 strlen(v), text[i].size - 1));
		snprintf((char *)p + text[i].off, text[i].size, "%s", v);
	}
	/* the place by code, else by name */
	const char *place = cell(r, PS_PLACE) ? cell(r, PS_PLACE) : cell(r, PS_PLACE_NAME);
	if (place && strcmp(place, p->place) != 0 && strcmp(place, p->place_name) != 0) {
		if (strlen(place) >= sizeof p->place)   /* never looked up cut short */
			return project_fault(e->at, PJF_PLACE, NULL,
			                     text_errorf(err, errlen, "too long (%zu bytes, at most %zu)",
			                                 strlen(place), sizeof p->place - 1));
		snprintf(p->place, sizeof p->place, "%s", place);
	}
	if (cell(r, PS_PLANNED) || cell(r, PS_ALLOCATED) || cell(r, PS_SPENT)) {
		if (!cell(r, PS_YEAR))
			return project_fault(e->at, PJF_YEAR, NULL,
			                     text_errorf(err, errlen, "money needs its year"));
		if (project_money_set(p, cell(r, PS_YEAR), cell(r, PS_PLANNED), cell(r, PS_ALLOCATED),
		                      cell(r, PS_SPENT), e->at, err, errlen))
			return -1;
	}
	for (int i = 0; i < 4; i++) {
		const char *planned = cell(r, PS_MS_FIRST + 2 * i), *actual = cell(r, PS_MS_FIRST + 2 * i + 1);
		if ((planned || actual) && project_milestone_set(p, project_milestone_names[i], planned,
		                                                 actual, today, e->at, err, errlen))
			return -1;
	}
	return 0;
}

/* The sheet column of the field a refusal names (the place by the column the row gave
 * it in, a milestone's date by the milestone), -1 for none. */
static int sheet_col(const struct project_fault *at, const struct project_row *r)
{
	static const int col[] = {
		[PJF_NONE] = -1, [PJF_ID] = PS_ID, [PJF_TITLE] = PS_TITLE, [PJF_PLACE] = PS_PLACE,
		[PJF_KIND] = PS_KIND, [PJF_GROUP] = PS_GROUP, [PJF_UNIT] = PS_UNIT,
		[PJF_PERSON] = PS_PERSON, [PJF_PAIR] = PS_PAIR, [PJF_PROGRAMME] = PS_PROGRAMME,
		[PJF_STATUS] = PS_STATUS, [PJF_TASKS] = PS_TASKS, [PJF_YEAR] = PS_YEAR,
		[PJF_PLANNED] = PS_PLANNED, [PJF_ALLOCATED] = PS_ALLOCATED, [PJF_SPENT] = PS_SPENT,
		[PJF_MS_NAME] = -1, [PJF_MS_PLANNED] = -1, [PJF_MS_ACTUAL] = -1,
	};
	if (at->field == PJF_PLACE && !cell(r, PS_PLACE) && cell(r, PS_PLACE_NAME))
		return PS_PLACE_NAME;
	if (at->field == PJF_MS_PLANNED || at->field == PJF_MS_ACTUAL)
		for (int i = 0; i < 4; i++)
			if (strcmp(at->milestone, project_milestone_names[i]) == 0)
				return PS_MS_FIRST + 2 * i + (at->field == PJF_MS_ACTUAL);
	return (int)at->field < (int)(sizeof col / sizeof col[0]) ? col[at->field] : -1;
}

static int import_row(struct store *s, const struct user *u, const struct project_row *r,
                      struct project_fault *at, int *added, int *updated)
{
	int rc, changed = 0;
	struct row_edit e = {r, at};
	project_fault(at, PJF_NONE, NULL, 0);
	if (cell(r, PS_ID)) {
		rc = project_change_in(s, u, cell(r, PS_ID), apply_row, &e, &changed, at);
		*updated += !rc && changed;
		return rc;
	}
	struct project p = {0};
	char err[512];
	enum project_field missing = !cell(r, PS_TITLE) ? PJF_TITLE
	                           : !(cell(r, PS_PLACE) || cell(r, PS_PLACE_NAME)) ? PJF_PLACE
	                           : !cell(r, PS_KIND) ? PJF_KIND : !cell(r, PS_GROUP) ? PJF_GROUP
	                           : PJF_NONE;
	if (missing != PJF_NONE)
		return project_fault(at, missing, NULL,
		                     store_fail(s, STORE_EINVAL, "a new project needs 项目名称, 地区代码 "
		                                "(or 地区), 项目类型 and 工作专班"));
	if (apply_row(&e, &p, store_today(s), err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	if (!(rc = project_add_in(s, u, &p, at)))
		(*added)++;
	return rc;
}

int store_project_import(struct store *s, const struct user *u, const struct project_row *rows,
                         int nrows, const char *why,
                         void (*report)(void *ctx, long line, int col, const char *msg),
                         void *ctx, int *added, int *updated)
{
	char subject[64], refused[128];
	int bad = 0, rc = write_open(s);
	*added = *updated = 0;
	if (rc || (rc = write_begin(s, u, "project import", "sheet", why)))
		return write_close(s, rc);
	for (int i = 0; i < nrows; i++) {
		struct project_fault at = {0};
		int r = import_row(s, u, &rows[i], &at, added, updated);
		if (r == STORE_EINVAL || r == STORE_ENOTFOUND || r == STORE_EDENIED) {
			report(ctx, rows[i].line, sheet_col(&at, &rows[i]), store_error(s));
			bad++;
		} else if (r) {
			rc = r;
			break;
		}
	}
	snprintf(subject, sizeof subject, "%d added, %d updated", *added, *updated);
	snprintf(refused, sizeof refused, ngettext("%d row refused: nothing was imported",
	                                           "%d rows refused: nothing was imported",
	                                           (unsigned long)bad), bad);
	if (!rc && bad)
		rc = store_fail(s, STORE_EINVAL, "%s", refused);
	else if (!rc && !*added && !*updated)
		rc = store_fail(s, STORE_EINVAL, "the sheet changes nothing: nothing was imported");
	if (rc || (rc = entity_set_subject(s, subject)))
		write_rollback(s);
	else
		rc = write_commit(s);
	return write_close(s, rc);
}
