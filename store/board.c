/* board.c — `bangfu board`: the 百千万 rollup per county, per track (创先 / 进位 / 消薄, the
 * setting track.CCCCCC, else the published track of the regions table, else 未分类) and
 * per pairing programme (the programmes of the county pairs helping a county or one of
 * its towns: 组团式帮扶 and 驻镇帮镇扶村 pairs help a town) —
 * households, those monitored, cases by state, projects by status, money planned,
 * allocated and spent, overdue milestones, this year's county indicators reached of
 * those with a target (指标达标 2/3), and the row's code (the county's, the
 * track's or the programme's: what the UI's board view opens). Every figure is cut to the caller's scope by
 * the reads every list uses (scope_sql for households, store_project_list for
 * projects): a county office sees its own county, the province all. */
#include "core/i18n.h"
#include "store/projects.h"
#include "core/grow.h"
#include "core/regions.h"
#include "core/strmap.h"
#include "core/workflow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSTATUS 7   /* codes_project_status */
#define UNCLASSIFIED "未分类"
#define NO_PROGRAMME "无结对"

const struct report_col board_cols[BOARD_COLS] = {
	{"name", N_("名称"), 0}, {"track", N_("赛道"), 0}, {"counties", N_("县数"), 1}, {"households", N_("户数"), 1},
	{"monitored", N_("监测中户数"), 1}, {"cases", N_("监测对象按状态"), 0}, {"projects", N_("项目数"), 1},
	{"project_status", N_("项目按状态"), 0}, {"planned", N_("计划投资(元)"), 1},
	{"allocated", N_("已下达(元)"), 1}, {"spent", N_("已支出(元)"), 1}, {"overdue", N_("逾期节点"), 1},
	{"indicators", N_("指标达标"), 0}, {"code", N_("代码"), 0},
};

struct bstat {
	char code[16], name[128], track[32], programmes[256];   /* programmes: ",code,code," */
	long counties, households, monitored, projects, overdue;
	long targets, met;        /* this year's county indicators with a target, reached */
	long states[WF_STATE_COUNT], pstatus[NSTATUS];
	long long planned, allocated, spent;
};

struct board {
	struct store *s;
	const struct user *u;
	struct bstat *v;
	int n, cap;
	struct strmap index;      /* county code → index into v */
	int rc;
};

static struct bstat *county_of(struct board *b, const char *code)
{
	long i;
	if (strmap_get(&b->index, code, &i))
		return &b->v[i];
	if (GROW(b->v, b->cap, b->n + 1, 32))
		return NULL;
	struct bstat *c = memset(&b->v[b->n], 0, sizeof *b->v);
	snprintf(c->code, sizeof c->code, "%s", code);
	c->counties = 1;
	if (strmap_put(&b->index, code, b->n))
		return NULL;
	b->n++;
	return c;
}

static int oom(struct board *b)
{
	return b->rc = store_fail(b->s, STORE_EFAIL, "out of memory");
}

/* Households and cases of the counties in scope: one statement each. */
static int household_figures(struct board *b)
{
	char scope[32], sql[1024];
	const char *cond = scope_sql(b->u, scope, sizeof scope);
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql, "SELECT h.county_code, c.state, count(*) FROM households h "
	         "LEFT JOIN cases c ON c.household_id = h.id AND c.seq = (SELECT max(seq) FROM cases "
	         "c2 WHERE c2.household_id = h.id) WHERE (%s) GROUP BY 1, 2", cond);
	if (db_prepare(b->s, sql, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bstat *c = county_of(b, db_col_text(st, 0));
		enum wf_state state;
		long n = sqlite3_column_int(st, 2);
		if (!c) {
			sqlite3_finalize(st);
			return oom(b);
		}
		c->households += n;
		if (sqlite3_column_type(st, 1) != SQLITE_NULL &&
		    workflow_state_parse(db_col_text(st, 1), &state) == 0) {
			c->states[state] += n;
			if (strcmp(db_col_text(st, 1), "eliminated") != 0 &&
			    strcmp(db_col_text(st, 1), "not_taken") != 0 &&
			    strcmp(db_col_text(st, 1), "referred") != 0)
				c->monitored += n;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(b->s, "counting households for the board");
}

static int add_project(void *ctx, const struct project *p)
{
	struct board *b = ctx;
	char county[8];
	long long planned, allocated, spent;
	snprintf(county, sizeof county, "%.6s", p->place);
	struct bstat *c = county_of(b, county);
	if (!c)
		return oom(b), 1;
	const struct code *st = codes_find(&codes_project_status, p->status);
	c->projects++;
	if (st)
		c->pstatus[st - codes_project_status.items]++;
	project_money_totals(p, &planned, &allocated, &spent);
	c->planned += planned;
	c->allocated += allocated;
	c->spent += spent;
	c->overdue += project_overdue_count(p, store_today(b->s));
	return 0;
}

/* This year's county indicators in scope (the scoped read of `indicator list`): how many
 * have a target, how many reached it. */
static int add_figure(void *ctx, const struct figure *f)
{
	struct board *b = ctx;
	int met = places_figure_met(f);
	if (strlen(f->place) != 6 || !f->target[0])
		return 0;
	struct bstat *c = county_of(b, f->place);
	if (!c)
		return oom(b), 1;
	c->targets++;
	c->met += met > 0;
	return 0;
}

static int figure_figures(struct board *b)
{
	char year[8];
	snprintf(year, sizeof year, "%.4s", store_today(b->s));
	return store_figure_list(b->s, b->u, NULL, year, NULL, add_figure, b);
}

/* Name, track and programmes of each county found. */
static int describe(struct board *b)
{
	for (int i = 0; i < b->n; i++) {
		struct bstat *c = &b->v[i];
		const char *name = regions_county_name(c->code);
		snprintf(c->name, sizeof c->name, "%s", name ? name : c->code);
		if (db_lookup(b->s, c->track, sizeof c->track, "SELECT coalesce((SELECT value FROM "
		              "settings WHERE key = 'track.' || ?1), (SELECT track FROM regions WHERE "
		              "code = ?1 AND coalesce(track, '') <> ''), '" UNCLASSIFIED "')", c->code, NULL))
			return STORE_EFAIL;
		sqlite3_stmt *st;
		if (db_cached(b->s, "SELECT DISTINCT coalesce(programme, 'assistance') FROM pairs "
		                     "WHERE kind = 'county' AND substr(helped, 1, 6) = ? ORDER BY 1", &st))
			return STORE_EFAIL;
		sqlite3_bind_text(st, 1, c->code, -1, SQLITE_TRANSIENT);
		snprintf(c->programmes, sizeof c->programmes, ",");   /* ",code,code," */
		while (sqlite3_step(st) == SQLITE_ROW)
			snprintf(c->programmes + strlen(c->programmes), sizeof c->programmes - strlen(c->programmes),
			         "%s,", db_col_text(st, 0));
		db_finalize(b->s, st);
	}
	return 0;
}

static void merge(struct bstat *into, const struct bstat *c)
{
	into->counties += c->counties;
	into->households += c->households;
	into->monitored += c->monitored;
	into->projects += c->projects;
	into->overdue += c->overdue;
	into->targets += c->targets;
	into->met += c->met;
	into->planned += c->planned;
	into->allocated += c->allocated;
	into->spent += c->spent;
	for (int i = 0; i < WF_STATE_COUNT; i++)
		into->states[i] += c->states[i];
	for (int i = 0; i < NSTATUS; i++)
		into->pstatus[i] += c->pstatus[i];
}

/* "label n、label n" of the non-zero counts */
static void counts_text(const long *n, int count, const char *(*label)(int), char *out, size_t size)
{
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < count && len < size; i++)
		if (n[i])
			len += (size_t)snprintf(out + len, size - len, "%s%s %ld", len ? "、" : "", label(i), n[i]);
}

static const char *state_label(int i) { return workflow_state_label((enum wf_state)i); }
static const char *status_label(int i) { return codes_project_status.items[i].label; }

static int emit(const struct bstat *c, const char *code, const char *name, const char *track,
                int (*fn)(void *ctx, const char *const *values), void *ctx)
{
	char num[6][24], ind[48] = "", cases[512], pst[256], money[3][PROJECT_MONEY_LEN];
	snprintf(num[0], sizeof num[0], "%ld", c->counties);
	snprintf(num[1], sizeof num[1], "%ld", c->households);
	snprintf(num[2], sizeof num[2], "%ld", c->monitored);
	snprintf(num[3], sizeof num[3], "%ld", c->projects);
	snprintf(num[4], sizeof num[4], "%ld", c->overdue);
	if (c->targets)
		snprintf(ind, sizeof ind, "%ld/%ld", c->met, c->targets);
	counts_text(c->states, WF_STATE_COUNT, state_label, cases, sizeof cases);
	counts_text(c->pstatus, NSTATUS, status_label, pst, sizeof pst);
	project_money_format(c->planned, money[0]);
	project_money_format(c->allocated, money[1]);
	project_money_format(c->spent, money[2]);
	const char *v[BOARD_COLS] = {name, track, num[0], num[1], num[2], cases, num[3], pst,
	                             money[0], money[1], money[2], num[4], ind, code};
	return fn(ctx, v);
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct bstat *)a)->code, ((const struct bstat *)b)->code);
}

static const char *programme_label(const struct code_table *t, const char *code)
{
	const char *l = codes_label(t, code);
	return l ? l : code;
}

/* One row per group key (tracks or programmes), in `keys` order, name filtering. */
static int grouped(struct board *b, int by_track, const char *name,
                   int (*fn)(void *ctx, const char *const *values), void *ctx)
{
	static const char *const tracks[] = {"创先", "进位", "消薄", UNCLASSIFIED};
	/* the programmes in effect: shipped and added (programme.CODE settings) */
	const struct code_table *progs = code_lists_table(store_code_lists(b->s), &codes_pair_programme);
	const char *keys[CODE_LISTS_MAX + 1];
	int nkeys = 0;
	if (by_track)
		for (int i = 0; i < 4; i++)
			keys[nkeys++] = tracks[i];
	else {
		for (int i = 0; i < progs->count && nkeys < CODE_LISTS_MAX; i++)
			keys[nkeys++] = progs->items[i].code;
		keys[nkeys++] = NO_PROGRAMME;
	}
	int shown = 0;
	for (int k = 0; k < nkeys; k++) {
		const char *label = by_track || k == nkeys - 1 ? keys[k] : programme_label(progs, keys[k]);
		if (name && strcmp(name, keys[k]) != 0 && strcmp(name, label) != 0)
			continue;
		struct bstat sum = {0};
		char want[40];
		snprintf(want, sizeof want, ",%s,", keys[k]);
		for (int i = 0; i < b->n; i++) {
			const struct bstat *c = &b->v[i];
			int in = by_track ? strcmp(c->track, keys[k]) == 0
			       : k == nkeys - 1 ? strcmp(c->programmes, ",") == 0
			       : strstr(c->programmes, want) != NULL;
			if (in)
				merge(&sum, c);
		}
		shown++;
		if (emit(&sum, keys[k], label, by_track ? keys[k] : "", fn, ctx))
			break;
	}
	if (name && !shown)
		return store_fail(b->s, STORE_EINVAL, by_track ? N_("no track \"%s\": give 创先, 进位, 消薄 or 未分类")
		                  : N_("no programme \"%s\": give a programme code or label (bangfu pair add "
		                  "--help) or 无结对"), name);
	return 0;
}

/* A county named on the command line: code or name, a county-level place in scope. */
static int county_key(struct board *b, const char *name, char *code, size_t n)
{
	if (db_lookup(b->s, code, n, "SELECT code FROM regions WHERE level = 2 AND (code = ?1 OR "
	              "name = ?1) ORDER BY code LIMIT 1", name, NULL) || !regions_is_county_level(code))
		return store_fail(b->s, STORE_EINVAL, "no county \"%s\" (a county-level code or name, "
		                  "e.g. 佛冈县)", name);
	if (!access_in_scope(b->u, code) && strncmp(b->u->scope, code, 6) != 0)
		return store_fail(b->s, STORE_EDENIED, "county %s is outside your scope %s", name,
		                  b->u->scope);
	return county_of(b, code) ? 0 : oom(b);
}

int store_board(struct store *s, const struct user *u, const char *by, const char *name,
                int (*fn)(void *ctx, const char *const *values), void *ctx)
{
	struct board b = {.s = s, .u = u};
	char code[16] = "";
	int rc;
	if (!by || !by[0])
		by = "county";
	if (strcmp(by, "county") != 0 && strcmp(by, "track") != 0 && strcmp(by, "programme") != 0)
		return store_fail(s, STORE_EINVAL, "board by \"%s\": give county, track or programme", by);
	int county = strcmp(by, "county") == 0;
	if ((county && name && (rc = county_key(&b, name, code, sizeof code))) ||
	    (rc = household_figures(&b)) || (rc = store_project_list(s, u, NULL, add_project, &b)) ||
	    (rc = b.rc) || (rc = figure_figures(&b)) || (rc = b.rc) || (rc = describe(&b)))
		goto out;
	if (b.n > 1)
		qsort(b.v, (size_t)b.n, sizeof *b.v, by_code);
	if (county) {
		for (int i = 0; i < b.n; i++)
			if ((!code[0] || strcmp(b.v[i].code, code) == 0) &&
			    emit(&b.v[i], b.v[i].code, b.v[i].name, b.v[i].track, fn, ctx))
				break;
	} else {
		rc = grouped(&b, strcmp(by, "track") == 0, name, fn, ctx);
	}
out:
	free(b.v);
	strmap_free(&b.index);
	return rc;
}
