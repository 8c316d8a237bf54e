/* entity.c — load, insert, render, verify and restore the flat entities of pairing,
 * tasks and projects from their descriptions (entity.h): one implementation for every
 * kind, a kind whose file holds more than its row (tasks, projects) adding its hooks. */
#include "store/entity.h"
#include "core/regions.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int entity_next_id(struct store *s, const struct entity_kind *k, char *out, size_t n)
{
	return store_next_id(s, k->table, k->prefix, 7, out, n);
}

void entity_path(const struct entity_kind *k, const char *id, char *out, size_t n)
{
	size_t pl = strlen(k->prefix);
	long number = strncmp(id, k->prefix, pl) == 0 ? atol(id + pl) : 0;
	snprintf(out, n, "%s/%04ld/%s.txt", k->dir, number / 1000, id);
}

/* "SELECT <expr of each field> FROM table t" */
static void select_sql(const struct entity_kind *k, struct buf *sql)
{
	buf_adds(sql, "SELECT ");
	for (int i = 0; i < *k->nfields; i++) {
		const struct entity_col *c = &k->cols[i];
		if (c->expr)
			buf_addf(sql, "%s%s", i ? ", " : "", c->expr);
		else
			buf_addf(sql, "%st.%s", i ? ", " : "", c->column);
	}
	buf_addf(sql, " FROM %s t", k->table);
}

static void from_row(const struct entity_kind *k, sqlite3_stmt *st, void *rec)
{
	memset(rec, 0, k->size);
	for (int i = 0; i < *k->nfields; i++) {
		const struct flatrec_field *f = &k->fields[i];
		snprintf((char *)rec + f->offset, f->size, "%s", db_col_text(st, i));
	}
}

int entity_each(struct store *s, const struct entity_kind *k, const char *where,
                const char *order, const char *const *params, int nparams,
                int (*fn)(void *ctx, void *rec), void *ctx)
{
	struct buf sql = {0};
	sqlite3_stmt *st;
	select_sql(k, &sql);
	buf_addf(&sql, " WHERE %s ORDER BY %s", where, order ? order : "t.id");
	int rc = db_cached_buf(s, &sql, &st);
	if (rc)
		return rc;
	for (int i = 0; i < nparams; i++)
		db_bind_text(st, i + 1, params[i]);
	void *rec = malloc(k->size);
	if (!rec) {
		db_finalize(s, st);
		return store_fail(s, STORE_EFAIL, "out of memory");
	}
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		from_row(k, st, rec);
		if ((k->fill && (rc = k->fill(s, rec))) || fn(ctx, rec))
			break;
	}
	if (!rc && step != SQLITE_ROW && step != SQLITE_DONE) {
		char what[64];
		snprintf(what, sizeof what, _("reading the %s records"), _(k->what));
		rc = store_sqlfail(s, what);
	}
	free(rec);
	db_finalize(s, st);
	return rc;
}

struct copy_ctx { const struct entity_kind *k; void *out; int found; };

static int copy_one(void *ctx, void *rec)
{
	struct copy_ctx *c = ctx;
	memcpy(c->out, rec, c->k->size);
	c->found = 1;
	return 1;
}

int entity_load(struct store *s, const struct entity_kind *k, const char *id, void *rec)
{
	struct copy_ctx c = {k, rec, 0};
	const char *params[1] = {id};
	int rc = entity_each(s, k, "t.id = ?1", NULL, params, 1, copy_one, &c);
	if (rc)
		return rc;
	if (!c.found)
		return store_fail(s, STORE_ENOTFOUND, "no %s %s", _(k->what), id);
	return 0;
}

int entity_insert(struct store *s, const struct entity_kind *k, const void *rec)
{
	struct buf cols = {0}, marks = {0};
	int n = 0;
	for (int i = 0; i < *k->nfields; i++) {
		if (!k->cols[i].column)
			continue;
		buf_addf(&cols, "%s%s", n ? ", " : "", k->cols[i].column);
		buf_adds(&marks, n++ ? ", ?" : "?");
	}
	struct buf sql = {0};
	buf_addf(&sql, "INSERT INTO %s(%s) VALUES (%s)", k->table, buf_str(&cols) ? cols.s : "",
	         buf_str(&marks) ? marks.s : "");
	buf_free(&cols);
	buf_free(&marks);
	sqlite3_stmt *st;
	int rc = db_cached_buf(s, &sql, &st);
	if (rc)
		return rc;
	for (int i = 0, p = 1; i < *k->nfields; i++)
		if (k->cols[i].column)
			db_bind_text(st, p++, (const char *)rec + k->fields[i].offset);
	rc = sqlite3_step(st);
	db_finalize(s, st);
	if (rc == SQLITE_CONSTRAINT)
		return store_fail(s, STORE_EINVAL, "this %s already exists", _(k->what));
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "saving a record");
}

int entity_begin_new(struct store *s, const struct user *u, const char *verb,
                     const struct entity_kind *k, char *id, size_t n, const char *why)
{
	int rc = write_begin(s, u, verb, "new", why);
	if (rc)
		return rc;
	/* the event names the id it created: "unit add: U0000003" */
	if ((rc = entity_next_id(s, k, id, n)) || (rc = entity_set_subject(s, id)))
		write_rollback(s);
	return rc;
}

int entity_set_subject(struct store *s, const char *subject)
{
	sqlite3_stmt *st;
	if (db_cached(s, "UPDATE events SET subject = ? WHERE id = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, subject, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, s->event_id);
	int step = sqlite3_step(st);
	db_finalize(s, st);
	return step == SQLITE_DONE ? 0 : store_sqlfail(s, "recording the event");
}

int entity_add(struct store *s, const struct user *u, const struct entity_kind *k, void *rec,
               const char *why)
{
	char verb[32];
	char *id = (char *)rec + k->fields[0].offset;
	snprintf(verb, sizeof verb, "%s add", k->what);
	int rc = entity_begin_new(s, u, verb, k, id, k->fields[0].size, why);
	if (rc)
		return rc;
	if ((rc = entity_insert(s, k, rec)) || (rc = entity_load(s, k, id, rec)) ||
	    (rc = entity_write_file(s, k, rec))) {
		write_rollback(s);
		return rc;
	}
	return write_commit(s);
}

/* Render rec: the kind's own way, or its flat fields. */
static void render(struct store *s, const struct entity_kind *k, const void *rec, struct buf *out)
{
	if (k->render)
		k->render(&s->lists, rec, out);
	else
		flatrec_render(&s->lists, k->fields, *k->nfields, rec, out);
}

static const char *rec_id(const struct entity_kind *k, const void *rec)
{
	return (const char *)rec + k->fields[0].offset;   /* every kind's first field is its id */
}

int entity_write_file(struct store *s, const struct entity_kind *k, const void *rec)
{
	struct buf text = {0};
	char path[128];
	render(s, k, rec, &text);
	entity_path(k, rec_id(k, rec), path, sizeof path);
	int rc = buf_str(&text) ? write_file(s, path, text.s)
	                        : store_fail(s, STORE_EFAIL, "out of memory");
	buf_free(&text);
	return rc;
}

/* UPDATE the stored columns of rec, version-checked. */
int entity_update(struct store *s, const struct entity_kind *k, const void *rec, long version)
{
	const char *id = rec_id(k, rec);
	struct buf sql = {0};
	sqlite3_stmt *st;
	int n = 0;
	buf_addf(&sql, "UPDATE %s SET ", k->table);
	for (int i = 0; i < *k->nfields; i++)
		if (k->cols[i].column)
			buf_addf(&sql, "%s%s = ?", n++ ? ", " : "", k->cols[i].column);
	buf_adds(&sql, ", version = version + 1 WHERE id = ? AND version = ?");
	int rc = db_cached_buf(s, &sql, &st);
	if (rc)
		return rc;
	int i = 0, param = 1;
	for (; i < *k->nfields; i++)
		if (k->cols[i].column)
			db_bind_text(st, param++, (const char *)rec + k->fields[i].offset);
	sqlite3_bind_text(st, param++, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, param, version);
	rc = sqlite3_step(st);
	db_finalize(s, st);
	if (rc != SQLITE_DONE)
		return store_sqlfail(s, "saving a correction");
	if (sqlite3_changes(s->db) == 0) {
		char path[128];
		entity_path(k, id, path, sizeof path);
		return entity_stale(s, path, _(k->what), id, version);
	}
	return 0;
}

struct emit_ctx {
	struct store *s;
	const struct entity_kind *k;
	kind_emit_fn emit;
	void *ctx;
	void *whole;          /* k->load's record (k->size bytes) */
	int rc;
};

static int emit_one(void *ctx, void *rec)
{
	struct emit_ctx *e = ctx;
	struct buf text = {0};
	char path[128];
	if (e->k->load) {   /* the row alone is not the whole record */
		if ((e->rc = e->k->load(e->s, rec_id(e->k, rec), e->whole)))
			return 1;
		rec = e->whole;
	}
	render(e->s, e->k, rec, &text);
	entity_path(e->k, rec_id(e->k, rec), path, sizeof path);
	e->rc = buf_str(&text) ? e->emit(e->ctx, path, text.s)
	                       : store_fail(e->s, STORE_EFAIL, "out of memory");
	buf_free(&text);
	if (e->k->load && e->k->release)
		e->k->release(rec);
	return e->rc != 0;
}

int entity_expect_all(struct store *s, const struct entity_kind *k, kind_emit_fn emit, void *ctx)
{
	struct emit_ctx e = {s, k, emit, ctx, NULL, 0};
	if (k->load && !(e.whole = malloc(k->size)))
		return store_fail(s, STORE_EFAIL, "out of memory");
	int rc = entity_each(s, k, "1", NULL, NULL, 0, emit_one, &e);
	free(e.whole);
	return rc ? rc : e.rc;
}

int entity_restore(struct store *s, const struct entity_kind *k, const char *path, const char *text)
{
	char err[256];
	void *rec = calloc(1, k->size);
	if (!rec)
		return store_fail(s, STORE_EFAIL, "out of memory");
	int bad = k->parse ? k->parse(&s->lists, text, rec, err, sizeof err)
	                   : flatrec_parse(&s->lists, k->fields, *k->nfields, text, rec, err, sizeof err);
	int rc = bad ? store_fail(s, STORE_EFAIL, "%s: %s", path, err)
	             : k->insert ? k->insert(s, rec) : entity_insert(s, k, rec);
	if (k->release)
		k->release(rec);
	free(rec);
	return rc;
}

int entity_stale(struct store *s, const char *path, const char *what, const char *id,
                 long version)
{
	sqlite3_stmt *st;
	char who[512];
	snprintf(who, sizeof who, "%s", _("another user"));
	if (db_cached(s, "SELECT e.id, e.login, datetime(e.at, 'unixepoch', 'localtime'), e.reason "
	                  "FROM event_files f JOIN events e ON e.id = f.event_id "
	                  "WHERE f.path = ? ORDER BY e.id DESC LIMIT 1", &st) == 0) {
		sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(who, sizeof who, _("%s at %s (event %lld: %s)"), db_col_text(st, 1),
			         db_col_text(st, 2), sqlite3_column_int64(st, 0), db_col_text(st, 3));
		db_finalize(s, st);
	}
	return store_fail(s, STORE_ESTALE, "%s %s was changed since you read it (your version "
	                  "%ld) by %s: reload it and apply your change again", what, id, version, who);
}

void entity_scope_like(const struct user *u, char *out, size_t n)
{
	size_t len = strlen(u->scope);
	if (strcmp(u->scope, "44") == 0)
		snprintf(out, n, "%%");
	else if (len == 6 && regions_city(u->scope) && !regions_is_county_level(u->scope))
		snprintf(out, n, "%.4s%%", u->scope);   /* a city covers its counties */
	else
		snprintf(out, n, "%s%%", u->scope);
}
