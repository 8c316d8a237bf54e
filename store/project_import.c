/* project_import.c — the projects sheet a working group fills in: its columns, the rows
 * `export projects` writes (one per project and year of money), and `import projects`,
 * which adds a project for each row without an id and updates the project of each row
 * with one — all rows checked in one transaction, one bad row refusing the whole file,
 * and everything one audit event "project import". */
#include "store/projects.h"
#include "core/mask.h"
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

/* Apply a row to p (a new, zeroed project or one read for updating). */
static int apply_row(void *ctx, struct project *p, const char *today, char *err, size_t errlen)
{
	const struct project_row *r = ctx;
	static const struct { int col; size_t off, size; } text[] = {
#define F(c, m) {c, offsetof(struct project, m), sizeof(((struct project *)0)->m)}
		F(PS_TITLE, title), F(PS_KIND, kind), F(PS_GROUP, group), F(PS_UNIT, unit),
		F(PS_PERSON, person), F(PS_PAIR, pair), F(PS_PROGRAMME, programme),
		F(PS_STATUS, status), F(PS_TASKS, tasks),
#undef F
	};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
		const char *v = cell(r, text[i].col);
		if (!v || (p->id[0] && mask_is_masked(v)))
			continue;   /* a masked cell of an exported row: the value as it is kept */
		if (strlen(v) >= text[i].size)
			return snprintf(err, errlen, _("%s: too long"),
			                project_sheet_cols[text[i].col].title), -1;
		snprintf((char *)p + text[i].off, text[i].size, "%s", v);
	}
	/* the place by code, else by name */
	const char *place = cell(r, PS_PLACE) ? cell(r, PS_PLACE) : cell(r, PS_PLACE_NAME);
	if (place && strcmp(place, p->place) != 0 && strcmp(place, p->place_name) != 0)
		snprintf(p->place, sizeof p->place, "%s", place);
	if (cell(r, PS_PLANNED) || cell(r, PS_ALLOCATED) || cell(r, PS_SPENT)) {
		if (!cell(r, PS_YEAR))
			return snprintf(err, errlen, "%s", _("年度 (year): money needs its year")), -1;
		if (project_money_set(p, cell(r, PS_YEAR), cell(r, PS_PLANNED), cell(r, PS_ALLOCATED),
		                      cell(r, PS_SPENT), err, errlen))
			return -1;
	}
	for (int i = 0; i < 4; i++) {
		const char *planned = cell(r, PS_MS_FIRST + 2 * i), *actual = cell(r, PS_MS_FIRST + 2 * i + 1);
		if ((planned || actual) &&
		    project_milestone_set(p, project_milestone_names[i], planned, actual, today, err, errlen))
			return -1;
	}
	return 0;
}

/* The column of a milestone or money message: "milestone 开工: actual date ..." is
 * 开工实际日期, "2026 spent ..." is 已支出(元); -1 if it is neither. */
static int detail_col(const char *msg)
{
	if (strncmp(msg, "milestone ", 10) == 0) {
		for (int i = 0; i < 4; i++)
			if (strncmp(msg + 10, project_milestone_names[i], strlen(project_milestone_names[i])) == 0)
				return PS_MS_FIRST + 2 * i + (strstr(msg, "actual date") != NULL);
		return PS_MS_FIRST;
	}
	if (msg[0] >= '0' && msg[0] <= '9' && strlen(msg) > 5)
		return strncmp(msg + 5, "planned", 7) == 0 ? PS_PLANNED
		     : strncmp(msg + 5, "allocated", 9) == 0 ? PS_ALLOCATED
		     : strncmp(msg + 5, "spent", 5) == 0 ? PS_SPENT : PS_YEAR;
	return -1;
}

/* The column a message is about: the sheet title of the field it starts with. */
static const char *field_of(const char *msg)
{
	static const struct { const char *prefix; int col; } map[] = {
		{"place", PS_PLACE}, {"kind", PS_KIND}, {"working group", PS_GROUP}, {"title", PS_TITLE},
		{"unit", PS_UNIT}, {"no unit", PS_UNIT}, {"person", PS_PERSON}, {"no pair", PS_PAIR},
		{"programme", PS_PROGRAMME}, {"status", PS_STATUS}, {"no task", PS_TASKS},
		{"year", PS_YEAR}, {"no project", PS_ID},
	};
	const char *colon = strstr(msg, ": ");
	if (colon && strncmp(msg, "project ", 8) == 0)
		msg = colon + 2;
	int col = detail_col(msg);
	if (col >= 0)
		return project_sheet_cols[col].title;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strncmp(msg, map[i].prefix, strlen(map[i].prefix)) == 0)
			return project_sheet_cols[map[i].col].title;
	return "";
}

static int import_row(struct store *s, const struct user *u, const struct project_row *r,
                      int *added, int *updated)
{
	int rc, changed = 0;
	if (cell(r, PS_ID)) {
		rc = project_change_in(s, u, cell(r, PS_ID), apply_row, (void *)r, &changed);
		*updated += !rc && changed;
		return rc;
	}
	struct project p = {0};
	char err[512];
	if (!cell(r, PS_TITLE) || !(cell(r, PS_PLACE) || cell(r, PS_PLACE_NAME)) ||
	    !cell(r, PS_KIND) || !cell(r, PS_GROUP))
		return store_fail(s, STORE_EINVAL, "a new project needs 项目名称, 地区代码 (or 地区), "
		                  "项目类型 and 工作专班");
	if (apply_row((void *)r, &p, store_today(s), err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	if (!(rc = project_add_in(s, u, &p)))
		(*added)++;
	return rc;
}

int store_project_import(struct store *s, const struct user *u, const struct project_row *rows,
                         int nrows, const char *why,
                         void (*report)(void *ctx, long line, const char *field, const char *msg),
                         void *ctx, int *added, int *updated)
{
	char subject[64];
	int bad = 0, rc = write_open(s);
	*added = *updated = 0;
	if (rc || (rc = write_begin(s, u, "project import", "sheet", why)))
		return write_close(s, rc);
	for (int i = 0; i < nrows; i++) {
		int r = import_row(s, u, &rows[i], added, updated);
		if (r == STORE_EINVAL || r == STORE_ENOTFOUND || r == STORE_EDENIED) {
			report(ctx, rows[i].line, field_of(store_error(s)), store_error(s));
			bad++;
		} else if (r) {
			rc = r;
			break;
		}
	}
	snprintf(subject, sizeof subject, "%d added, %d updated", *added, *updated);
	if (!rc && bad)
		rc = store_fail(s, STORE_EINVAL, "%d row(s) refused: nothing was imported", bad);
	else if (!rc && !*added && !*updated)
		rc = store_fail(s, STORE_EINVAL, "the sheet changes nothing: nothing was imported");
	if (rc || (rc = entity_set_subject(s, subject)))
		write_rollback(s);
	else
		rc = write_commit(s);
	return write_close(s, rc);
}
