/* households.c — households, members and their register cases in SQLite: save one
 * (version-checked), find one by any of its names, the scope condition, and the column
 * lists from the field table (loading: household_load.c). */
#include "store/kinds.h"
#include "core/idcard.h"
#include "core/record.h"
#include "core/regions.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int household_columns(enum field_level level, int assign, struct buf *out)
{
	int n = 0;
	for (int f = 0; f < FIELD_COUNT; f++) {
		if (model_fields[f].level != level || (model_fields[f].flags & F_NOCOLUMN))
			continue;
		buf_addf(out, "%s%s%s", out->len ? ", " : "", model_fields[f].key, assign ? " = ?" : "");
		n++;
	}
	return n;
}

/* The text of b, a part of the statement being built in sql: an allocation failure in
 * b becomes sql's, so that db_cached_buf reports it. */
static const char *sql_part(struct buf *sql, const struct buf *b)
{
	const char *t = buf_str(b);
	if (!t)
		sql->oom = 1;
	return t ? t : "";
}

/* "?, ?, ..." for n parameters. */
static void placeholders(int n, struct buf *out)
{
	for (int i = 0; i < n; i++)
		buf_adds(out, i ? ", ?" : "?");
}

/* Bind the stored fields of one level from `get(entity, f)` starting at parameter *i. */
static void bind_fields(sqlite3_stmt *st, int *i, enum field_level level, const void *entity)
{
	for (int f = 0; f < FIELD_COUNT; f++) {
		if (model_fields[f].level != level || (model_fields[f].flags & F_NOCOLUMN))
			continue;
		const char *v = level == LEVEL_HOUSEHOLD ? household_get(entity, (enum field_id)f)
		              : level == LEVEL_MEMBER ? member_get(entity, (enum field_id)f)
		                                      : case_get(entity, (enum field_id)f);
		db_bind_text(st, (*i)++, v);
	}
}

void subrec_columns(const struct subrec_kind_info *info, struct buf *out)
{
	for (int c = 0; c < info->ncols; c++)
		buf_addf(out, "%s%s", c ? ", " : "", info->cols[c]);
}

/* Keys of the statements a save builds from the field table (db_cached_built): the
 * addresses of these bytes. */
enum { SQL_INSERT_ROW, SQL_UPDATE_ROW, SQL_MEMBERS, SQL_CASES, SQL_SUBRECS };
static const char built_key[SQL_SUBRECS + SUB_COUNT];

static void subrecs_sql(const void *ctx, struct buf *sql)
{
	const struct subrec_kind_info *info = ctx;
	struct buf marks = {0};
	placeholders(info->ncols + 1, &marks);
	buf_addf(sql, "INSERT INTO %s(household_id, ", info->table);
	subrec_columns(info, sql);
	buf_addf(sql, ") VALUES (%s)", sql_part(sql, &marks));
	buf_free(&marks);
}

static int save_subrecs(struct store *s, const struct household *h, enum subrec_kind k, int fresh)
{
	const struct subrec_kind_info *info = subrec_info(k);
	sqlite3_stmt *st;
	char del[128];
	int rc;
	if (!fresh) {   /* a new household has nothing to replace */
		snprintf(del, sizeof del, "DELETE FROM %s WHERE household_id = ?", info->table);
		if (db_cached(s, del, &st))
			return STORE_EFAIL;
		sqlite3_bind_text(st, 1, h->id, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		db_finalize(s, st);
		if (rc != SQLITE_DONE)
			return store_sqlfail(s, "replacing a household's records");
	}
	if (h->nsub[k] == 0)
		return 0;
	if ((rc = db_cached_built(s, &built_key[SQL_SUBRECS + k], subrecs_sql, info, &st)))
		return rc;
	for (int i = 0; i < h->nsub[k]; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, h->id, -1, SQLITE_STATIC);
		for (int c = 0; c < info->ncols; c++)
			db_bind_text(st, c + 2, h->sub[k][i].v[c]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			db_finalize(s, st);
			return store_sqlfail(s, "saving a household's records");
		}
	}
	db_finalize(s, st);
	return 0;
}

/* The latest event that touched a household's file, for "changed by whom" messages. */
static void last_change(struct store *s, const char *path, char *out, size_t n)
{
	sqlite3_stmt *st;
	snprintf(out, n, "%s", _("another user"));
	if (db_cached(s, "SELECT e.id, e.login, datetime(e.at, 'unixepoch', 'localtime'), e.reason "
	                  "FROM event_files f JOIN events e ON e.id = f.event_id "
	                  "WHERE f.path = ? ORDER BY e.id DESC LIMIT 1", &st))
		return;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, n, _("%s at %s (event %lld: %s)"), db_col_text(st, 1), db_col_text(st, 2),
		         sqlite3_column_int64(st, 0), db_col_text(st, 3));
	db_finalize(s, st);
}

/* The next id after the largest one in `table` starting with prefix. The range
 * condition (not LIKE) lets SQLite seek the primary key instead of scanning the table. */
int store_next_id(struct store *s, const char *table, const char *prefix, int digits,
                  char *out, size_t n)
{
	sqlite3_stmt *st;
	struct buf sql = {0};
	buf_addf(&sql, "SELECT max(id) FROM %s WHERE id > ?1 AND id < ?1 || ':'", table);
	if (db_cached_buf(s, &sql, &st))
		return STORE_EFAIL;
	db_bind_text(st, 1, prefix);
	long next = 1;
	size_t pl = strlen(prefix);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		next = atol(db_col_text(st, 0) + pl) + 1;
	db_finalize(s, st);
	if (rc != SQLITE_ROW)
		return store_sqlfail(s, "allocating an id");
	snprintf(out, n, "%s%0*ld", prefix, digits, next);
	return 0;
}

int household_next_case_id(struct store *s, char *out, size_t n)
{
	return store_next_id(s, "cases", "C", 7, out, n);
}

/* Ids for sub-records that arrived without one (demo measures and visits). */
static int assign_subrec_ids(struct store *s, struct household *h)
{
	static const char prefix[SUB_COUNT] = {[SUB_MEASURE] = 'M', [SUB_VISIT] = 'V', [SUB_WARNING] = 'W',
	                                       [SUB_INCOME] = 'I'};
	for (int k = 0; k < SUB_COUNT; k++)
		for (int i = 0; prefix[k] && i < h->nsub[k]; i++) {
			char id[16], p[2] = {prefix[k], 0};
			if (h->sub[k][i].v[0] && h->sub[k][i].v[0][0])
				continue;
			if (store_next_id(s, subrec_info((enum subrec_kind)k)->table, p, 7, id, sizeof id))
				return STORE_EFAIL;
			/* not yet in the table: later ones of this household follow on */
			long n = atol(id + 1) + i;
			snprintf(id, sizeof id, "%c%07ld", prefix[k], n);
			if (model_strset(&h->sub[k][i].v[0], id))
				return store_fail(s, STORE_EFAIL, "out of memory");
		}
	return 0;
}

static int assign_ids(struct store *s, struct household *h)
{
	if (assign_subrec_ids(s, h))
		return STORE_EFAIL;
	if (!h->id[0]) {
		char prefix[16];
		snprintf(prefix, sizeof prefix, "H%s", household_get(h, HF_COUNTY));
		if (store_next_id(s, "households", prefix, 7, h->id, sizeof h->id))
			return STORE_EFAIL;
	}
	for (int c = 0; c < h->ncases; c++) {
		if (!h->cases[c].id[0] && household_next_case_id(s, h->cases[c].id, sizeof h->cases[c].id))
			return STORE_EFAIL;
		/* a register case arrives with the national export's 是/否, not a state */
		if (!h->cases[c].state && model_strset(&h->cases[c].state,
		        strcmp(case_get(&h->cases[c], CF_ELIMINATED), "yes") == 0 ? "eliminated" : "assisting"))
			return store_fail(s, STORE_EFAIL, "out of memory");
	}
	return 0;
}

/* ctx: the built_key of the statement (an INSERT or an UPDATE) */
static void row_sql(const void *ctx, struct buf *sql)
{
	struct buf cols = {0}, marks = {0};
	int update = ctx == &built_key[SQL_UPDATE_ROW];
	/* an insert names the rowid: a bulk's temporary one (household_key.c), else NULL */
	placeholders(household_columns(LEVEL_HOUSEHOLD, update, &cols) + 2 + !update, &marks);
	if (update)
		buf_addf(sql, "UPDATE households SET %s, version = version + 1 "
		         "WHERE id = ? AND version = ?", sql_part(sql, &cols));
	else
		buf_addf(sql, "INSERT INTO households(rowid, %s, synthetic, id) VALUES (%s)",
		         sql_part(sql, &cols), sql_part(sql, &marks));
	buf_free(&cols);
	buf_free(&marks);
}

static int save_row(struct store *s, struct household *h, long expected_version)
{
	sqlite3_stmt *st;
	const char *key = &built_key[expected_version > 0 ? SQL_UPDATE_ROW : SQL_INSERT_ROW];
	if (db_cached_built(s, key, row_sql, key, &st))
		return STORE_EFAIL;
	int i = 1;
	if (expected_version <= 0 && s->defer)
		sqlite3_bind_int64(st, i, s->defer_next++);
	i += expected_version <= 0;
	bind_fields(st, &i, LEVEL_HOUSEHOLD, h);
	if (expected_version <= 0)
		sqlite3_bind_int(st, i++, h->synthetic);
	sqlite3_bind_text(st, i++, h->id, -1, SQLITE_STATIC);
	if (expected_version > 0)
		sqlite3_bind_int64(st, i++, expected_version);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return household_row_saved(s, h, rc, expected_version);
}

int household_row_saved(struct store *s, struct household *h, int rc, long expected_version)
{
	if (rc == SQLITE_CONSTRAINT)
		return store_fail(s, STORE_EINVAL, "户编号 %s is already registered",
		                  household_get(h, HF_NO));
	if (rc != SQLITE_DONE)
		return store_sqlfail(s, "saving a household");
	if (expected_version > 0 && sqlite3_changes(s->db) == 0) {
		char path[256], who[512];
		household_path(h, store_history_layout(s), path, sizeof path);
		last_change(s, path, who, sizeof who);
		return store_fail(s, STORE_ESTALE, "household %s was changed since you read it "
		                  "(your version %ld) by %s; `bangfu audit log %s` shows what changed: "
		                  "reload and apply your change again", h->id, expected_version, who, h->id);
	}
	h->version = expected_version > 0 ? expected_version + 1 : 1;
	return 0;
}

static void members_sql(const void *ctx, struct buf *sql)
{
	struct buf cols = {0}, marks = {0};
	placeholders(household_columns(LEVEL_MEMBER, 0, &cols) + 4, &marks);
	buf_addf(sql, "INSERT INTO members(household_id, seq, id_original, birth, %s) VALUES (%s)",
	         sql_part(sql, &cols), sql_part(sql, &marks));
	buf_free(&cols);
	buf_free(&marks);
}

int member_row_saved(struct store *s, const struct member *mb, int rc)
{
	if (rc == SQLITE_CONSTRAINT)   /* not named: it may lie outside the writer's scope (docs/security.md) */
		return store_fail(s, STORE_EINVAL, "证件号码 (id_number) %s is already registered "
		                  "in another household (`bangfu show %s` finds it if it is in "
		                  "your scope)", member_get(mb, MF_ID), member_get(mb, MF_ID));
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "saving members");
}

static int save_members(struct store *s, const struct household *h, int fresh)
{
	sqlite3_stmt *st;
	int rc;
	if (!fresh && (rc = db_run_id(s, "DELETE FROM members WHERE household_id = ?", h->id,
	                              "saving members")))
		return rc;
	if (db_cached_built(s, &built_key[SQL_MEMBERS], members_sql, NULL, &st))
		return STORE_EFAIL;
	for (int m = 0; m < h->nmembers; m++) {
		const struct member *mb = &h->members[m];
		int i = 1;
		sqlite3_reset(st);
		sqlite3_bind_text(st, i++, h->id, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, i++, m + 1);
		db_bind_text(st, i++, mb->id_original);
		db_bind_text(st, i++, mb->birth);
		bind_fields(st, &i, LEVEL_MEMBER, mb);
		if ((rc = member_row_saved(s, mb, sqlite3_step(st)))) {
			db_finalize(s, st);
			return rc;
		}
	}
	db_finalize(s, st);
	/* the search index (store/search.c), in the same transaction as the rows */
	return search_row_write(s, h->id, fresh);
}

static void cases_sql(const void *ctx, struct buf *sql)
{
	struct buf cols = {0}, marks = {0};
	placeholders(household_columns(LEVEL_CASE, 0, &cols) + 4, &marks);
	buf_addf(sql, "INSERT INTO cases(id, household_id, seq, state, %s) "
	         "VALUES (%s) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, "
	         "state = excluded.state", sql_part(sql, &cols), sql_part(sql, &marks));
	for (int f = CF_FIRST; f < CF_FIRST + CF_COUNT; f++)
		buf_addf(sql, ", %s = excluded.%s", model_fields[f].key, model_fields[f].key);
	buf_free(&cols);
	buf_free(&marks);
}

static int save_cases(struct store *s, const struct household *h)
{
	sqlite3_stmt *st;
	if (h->ncases == 0)
		return 0;
	if (db_cached_built(s, &built_key[SQL_CASES], cases_sql, NULL, &st))
		return STORE_EFAIL;
	for (int c = 0; c < h->ncases; c++) {
		const struct hcase *cs = &h->cases[c];
		int i = 1;
		sqlite3_reset(st);
		sqlite3_bind_text(st, i++, cs->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, i++, h->id, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, i++, c + 1);
		db_bind_text(st, i++, cs->state);
		bind_fields(st, &i, LEVEL_CASE, cs);
		if (sqlite3_step(st) != SQLITE_DONE) {
			db_finalize(s, st);
			return store_sqlfail(s, "saving cases");
		}
	}
	db_finalize(s, st);
	return 0;
}

int household_save(struct store *s, struct household *h, long expected_version)
{
	int rc;
	int fresh = expected_version <= 0;
	/* its key in register order (household_key.c); a bulk's new one gets it at the end */
	int keyed = !(fresh && s->defer);
	if ((rc = assign_ids(s, h)) || (!fresh && (rc = counts_apply(s, h->id, -1))) ||
	    (rc = save_row(s, h, expected_version)) ||
	    (keyed && (rc = household_key_place(s, h->id, fresh))) || (rc = save_members(s, h, fresh)) ||
	    (rc = save_cases(s, h)) || (rc = counts_apply(s, h->id, 1)))
		return rc;
	for (int k = 0; k < SUB_COUNT; k++)
		if ((rc = save_subrecs(s, h, (enum subrec_kind)k, fresh)))
			return rc;
	/* what `today` lists of it, in the same transaction (store/today_keep.c) */
	return today_keep_household(s, h->id, fresh, h->ncases);
}

int household_text_file(struct store *s, const struct household *h)
{
	struct buf text = {0};
	char path[256];
	record_render(&s->lists, h, &text);   /* fresh: write_begin read them */
	household_path(h, store_history_layout(s), path, sizeof path);   /* as this write sees it */
	int rc = buf_str(&text) ? write_file(s, path, buf_str(&text))
	                        : store_fail(s, STORE_EFAIL, "out of memory");
	buf_free(&text);
	return rc;
}

const char *scope_sql(const struct user *u, char *param, size_t n)
{
	size_t len = strlen(u->scope);
	if (strcmp(u->scope, "44") == 0) {
		snprintf(param, n, "44");
		return "?1 = '44'";
	}
	if (len == 6 && regions_city(u->scope) && strcmp(u->scope, "441900") != 0 &&
	    strcmp(u->scope, "442000") != 0) {
		snprintf(param, n, "%.4s%%", u->scope);
		return "h.county_code LIKE ?1";
	}
	snprintf(param, n, "%s", u->scope);
	return len == 6 ? "h.county_code = ?1" : len == 9 ? "h.town_code = ?1" : "h.village_code = ?1";
}

void scope_sql_at(const struct user *u, int param, char *value, size_t n, struct buf *sql)
{
	const char *cond = scope_sql(u, value, n), *at = strstr(cond, "?1");
	buf_addf(sql, "%.*s?%d%s", (int)(at - cond), cond, param, at + 2);
}

int household_find(struct store *s, const struct user *u, const char *key, struct household *out)
{
	char scope[32], norm[32];
	struct buf sql = {0};
	sqlite3_stmt *st;
	/* an ID number may be typed with a lowercase x */
	snprintf(norm, sizeof norm, "%s", key);
	for (char *p = norm; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	const char *cond = scope_sql(u, scope, sizeof scope);
	buf_addf(&sql, "SELECT h.id FROM households h WHERE (%s) AND (h.id = ?2 OR "
	         "h.household_no = ?3 OR h.id IN (SELECT household_id FROM members WHERE "
	         "id_number = ?2 OR id_original = ?3))", cond);
	if (db_cached_buf(s, &sql, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, norm, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	char id[32] = "";
	if (rc == SQLITE_ROW)
		snprintf(id, sizeof id, "%s", db_col_text(st, 0));
	db_finalize(s, st);
	if (rc == SQLITE_DONE)
		return store_fail(s, STORE_ENOTFOUND, "no household \"%s\" in your scope (%s): give a "
		                  "bangfu id, a 户编号 or a member's ID number", key, u->scope);
	if (rc != SQLITE_ROW)
		return store_sqlfail(s, "finding a household");
	return household_load(s, id, out);
}

int store_household_find(struct store *s, const struct user *u, const char *key,
                         struct household *out)
{
	int rc = household_find(s, u, key, out);
	return rc ? rc : household_hand_out(s, out);
}

/* The ids after `after` in id order, at most HOUSEHOLD_CHUNK of them. */
static int next_ids(struct store *s, const char *after, char (*ids)[20], int *got)
{
	sqlite3_stmt *st;
	int step;
	*got = 0;
	if (db_cached(s, "SELECT id FROM households WHERE id > ?1 ORDER BY id LIMIT ?2", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, after, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, HOUSEHOLD_CHUNK);
	while ((step = sqlite3_step(st)) == SQLITE_ROW && *got < HOUSEHOLD_CHUNK)
		snprintf(ids[(*got)++], sizeof ids[0], "%s", db_col_text(st, 0));
	db_finalize(s, st);
	return step == SQLITE_DONE || step == SQLITE_ROW ? 0 : store_sqlfail(s, "listing households");
}

/* Every household's canonical text, a chunk of households read at a time. */
int households_expect_all(struct store *s, kind_emit_fn emit, void *ctx)
{
	const struct code_lists *lists = store_code_lists(s);
	enum history_layout layout = store_history_layout(s);
	char (*ids)[20] = malloc(HOUSEHOLD_CHUNK * sizeof *ids), last[20] = "";
	struct household *hs = malloc(HOUSEHOLD_CHUNK * sizeof *hs);
	struct buf text = {0};
	int rc = ids && hs ? 0 : store_fail(s, STORE_EFAIL, "out of memory"), got = HOUSEHOLD_CHUNK;
	while (!rc && got == HOUSEHOLD_CHUNK) {
		if ((rc = next_ids(s, last, ids, &got)) || !got ||
		    (rc = household_load_chunk(s, (const char (*)[20])ids, got, STORE_SUBS_ALL, hs)))
			break;
		for (int i = 0; i < got; i++) {
			char path[256];
			if (!rc) {
				buf_reset(&text);
				record_render(lists, &hs[i], &text);
				household_path(&hs[i], layout, path, sizeof path);
				rc = buf_str(&text) ? emit(ctx, path, text.s) : store_fail(s, STORE_EFAIL, "out of memory");
			}
			household_free(&hs[i]);
		}
		snprintf(last, sizeof last, "%s", ids[got - 1]);
	}
	free(ids);
	free(hs);
	buf_free(&text);
	return rc;
}

int households_restore_tagged(struct store *s, const char *path, const char *text, const char *tag)
{
	struct household h = {0};
	char err[256], version[24];
	int rc;
	if (record_parse(&s->lists, text, &h, err, sizeof err))   /* settings.txt came first */
		rc = store_fail(s, STORE_EFAIL, "%s: %s", path, err);
	else if (!(rc = tag ? aggregate_tag_ids(s, &h, tag) : 0) && !(rc = regions_resolve(s, &h, h.synthetic))) {
		/* a household already there (an aggregate's later commits) is replaced */
		rc = db_lookup(s, version, sizeof version, "SELECT version FROM households WHERE id = ?",
		               h.id, NULL);
		rc = rc == STORE_ENOTFOUND ? household_save(s, &h, 0)
		   : rc ? rc : household_save(s, &h, atol(version));
	}
	household_free(&h);
	return rc;
}

int households_restore(struct store *s, const char *path, const char *text)
{
	return households_restore_tagged(s, path, text, NULL);
}
