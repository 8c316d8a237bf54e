/* reveal.c — masked by default, reveal recorded. Every household the store hands out
 * through store.h passes household_hand_out (core/mask.c masks its ID numbers and
 * phones); the full values leave only through store_household_reveal and
 * store_export_reveal, which check the role, take a reason and first write an access
 * record (who, when, which households, why) as an audit event with one file,
 * access/YYYY-MM/E<event>.txt, so it is a git commit like every change. The file's text
 * is the record: access_log and access_households are parsed from it, on write and on
 * rebuild alike. `audit reveals` lists the records (store_reveal_list). */
#include "store/kinds.h"
#include "core/mask.h"
#include "core/codes.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int household_hand_out(struct store *s, struct household *h)
{
	if (mask_household(h) == 0)
		return 0;
	household_free(h);
	return store_fail(s, STORE_EFAIL, "out of memory");
}

int store_may_reveal(struct store *s, const struct user *u)
{
	if (!mask_may_reveal(u->role))
		return store_fail(s, STORE_EDENIED, "the role %s may not reveal ID numbers and phones "
		                  "(auditors see who looked: `audit reveals`)",
		                  codes_shown(access_role_label(u->role)));
	return 0;
}

static int may_reveal(struct store *s, const struct user *u, const char *why)
{
	int rc = store_may_reveal(s, u);
	if (rc)
		return rc;
	if (!why || !why[0])
		return store_fail(s, STORE_EINVAL, "revealing ID numbers and phones needs a reason "
		                  "(--why TEXT); it is recorded");
	return 0;
}

/* --- the record's text, and the rows parsed from it -------------------------------- */

/* One line's value: control characters (a reason's line breaks) become spaces. */
static void add_line(struct buf *b, const char *key, const char *value)
{
	buf_addf(b, "%s: ", key);
	for (const char *p = value ? value : ""; *p; p++)
		buf_add(b, (unsigned char)*p < 0x20 || *p == 0x7f ? " " : p, 1);
	buf_add(b, "\n", 1);
}

struct access_fields { char event[24], date[16], time[16], login[64], name[128], role[24], what[24],
                       why[1024], households[24]; };

/* Insert the rows of one access record from its text (write and rebuild alike). */
int access_restore(struct store *s, const char *path, const char *text)
{
	struct access_fields f = {0};
	struct { const char *key; char *out; size_t n; } keys[] = {
		{"event", f.event, sizeof f.event}, {"date", f.date, sizeof f.date},
		{"time", f.time, sizeof f.time}, {"login", f.login, sizeof f.login},
		{"name", f.name, sizeof f.name}, {"role", f.role, sizeof f.role},
		{"what", f.what, sizeof f.what}, {"why", f.why, sizeof f.why},
		{"households", f.households, sizeof f.households},
	};
	const char *p = text;
	while (*p && !f.households[0]) {
		const char *nl = strchr(p, '\n'), *colon = strstr(p, ": ");
		if (!nl || !colon || colon > nl)
			return store_fail(s, STORE_EINVAL, "%s: not an access record", path);
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
			if ((size_t)(colon - p) == strlen(keys[i].key) && memcmp(p, keys[i].key, strlen(keys[i].key)) == 0)
				snprintf(keys[i].out, keys[i].n, "%.*s", (int)(nl - colon - 2), colon + 2);
		p = nl + 1;
	}
	if (!f.event[0] || !f.date[0] || !f.login[0] || !f.households[0])
		return store_fail(s, STORE_EINVAL, "%s: an access record needs event, date, login and "
		                  "households", path);
	sqlite3_stmt *st;
	if (db_cached(s, "INSERT INTO access_log(path, event_id, date, time, login, name, role, what, "
	                 "why, households, text) VALUES (?,CAST(? AS INTEGER),?,?,?,?,?,?,?,"
	                 "CAST(? AS INTEGER),?)", &st))
		return STORE_EFAIL;
	const char *vals[] = {path, f.event, f.date, f.time, f.login, f.name, f.role, f.what, f.why,
	                      f.households, text};
	for (int i = 0; i < 11; i++)
		sqlite3_bind_text(st, i + 1, vals[i], -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	if (rc != SQLITE_DONE)
		return store_sqlfail(s, "recording an access record");
	if (db_cached(s, "INSERT OR IGNORE INTO access_households(path, household_id) VALUES (?,?)", &st))
		return STORE_EFAIL;
	for (rc = SQLITE_DONE; *p && rc == SQLITE_DONE;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len) {
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 2, p, (int)len, SQLITE_TRANSIENT);
			rc = sqlite3_step(st);
		}
		p += len + (nl ? 1 : 0);
	}
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "recording an access record's households");
}

int access_expect_all(struct store *s, kind_emit_fn emit, void *ctx)
{
	sqlite3_stmt *st;
	if (db_prepare(s, "SELECT path, text FROM access_log ORDER BY path", &st))
		return STORE_EFAIL;
	int rc = 0, step;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = emit(ctx, db_col_text(st, 0), db_col_text(st, 1));
	if (!rc && step != SQLITE_DONE)
		rc = store_sqlfail(s, "reading access records");
	sqlite3_finalize(st);
	return rc;
}

/* Write the access record: one event (verb "reveal") with one file naming the households
 * (ids: one per line). Committed before anything is shown. */
static int access_record(struct store *s, const struct user *u, const char *what,
                         const char *why, const struct buf *ids, long count)
{
	char subject[64], path[64], hms[16];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(hms, sizeof hms, "%H:%M:%S", &tm);
	if (count == 1)
		snprintf(subject, sizeof subject, "%.*s", (int)strcspn(ids->s, "\n"), ids->s);
	else
		snprintf(subject, sizeof subject, "%ld households", count);
	int rc = write_begin(s, u, "reveal", subject, why);
	if (rc)
		return rc;
	const char *today = store_today(s);
	snprintf(path, sizeof path, "access/%.7s/E%08ld.txt", today, s->event_id);
	struct buf text = {0};
	char num[24];
	snprintf(num, sizeof num, "%ld", s->event_id);
	add_line(&text, "event", num);
	add_line(&text, "date", today);
	add_line(&text, "time", hms);
	add_line(&text, "login", u->login);
	add_line(&text, "name", u->name);
	add_line(&text, "role", access_role_code(u->role));
	add_line(&text, "what", what);
	add_line(&text, "why", why);
	snprintf(num, sizeof num, "%ld", count);
	add_line(&text, "households", num);
	buf_add(&text, ids->s ? ids->s : "", ids->len);
	if (!buf_str(&text))
		rc = store_fail(s, STORE_EFAIL, "out of memory");
	if (!rc && !(rc = access_restore(s, path, text.s)) && !(rc = write_file(s, path, text.s)))
		rc = write_commit(s);
	else
		write_rollback(s);
	buf_free(&text);
	return rc;
}

/* --- the reveals ------------------------------------------------------------------- */

int store_household_reveal(struct store *s, const struct user *u, const char *key,
                           const char *why, struct household *out)
{
	int rc = may_reveal(s, u, why);
	if (rc || (rc = household_find(s, u, key, out)))
		return rc;
	struct buf ids = {0};
	buf_addf(&ids, "%s\n", out->id);
	if (!buf_str(&ids))
		rc = store_fail(s, STORE_EFAIL, "out of memory");
	else
		rc = access_record(s, u, "show", why, &ids, 1);
	buf_free(&ids);
	if (rc)
		household_free(out);
	return rc;
}

struct collect { struct buf ids; long n; };

static int collect_id(void *ctx, const char *id)
{
	struct collect *c = ctx;
	buf_addf(&c->ids, "%s\n", id);
	c->n++;
	return c->ids.oom;
}

/* Hand out in full exactly the households a record names (ids: one a line), in order,
 * a chunk at a time (household_load.c) with the sub-records in subs. */
static int each_named(struct store *s, const char *ids, unsigned subs,
                      int (*fn)(void *ctx, const struct household *h), void *ctx)
{
	char (*chunk)[20] = malloc(HOUSEHOLD_CHUNK * sizeof *chunk);
	struct household *hs = malloc(HOUSEHOLD_CHUNK * sizeof *hs);
	int rc = chunk && hs ? 0 : store_fail(s, STORE_EFAIL, "out of memory"), stop = 0;
	for (const char *p = ids; !rc && !stop && *p;) {
		int n = 0;
		for (; *p && n < HOUSEHOLD_CHUNK; n++) {
			size_t len = strcspn(p, "\n");
			snprintf(chunk[n], sizeof chunk[n], "%.*s", (int)len, p);
			p += len + (p[len] ? 1 : 0);
		}
		if ((rc = household_load_chunk(s, (const char (*)[20])chunk, n, subs, hs)))
			break;
		for (int i = 0; i < n; i++) {
			if (!stop)
				stop = fn(ctx, &hs[i]);
			household_free(&hs[i]);
		}
	}
	free(chunk);
	free(hs);
	return rc;
}

int store_export_reveal(struct store *s, const struct user *u, const struct query *q,
                        const char *why, unsigned subs,
                        int (*fn)(void *ctx, const struct household *h), void *ctx)
{
	struct collect c = {{0}, 0};
	int rc = may_reveal(s, u, why);
	if (!rc)
		rc = household_list_ids(s, u, q, collect_id, &c);
	if (!rc && !buf_str(&c.ids))
		rc = store_fail(s, STORE_EFAIL, "out of memory");
	if (!rc && c.n)
		rc = access_record(s, u, "export", why, &c.ids, c.n);
	if (!rc && c.n)   /* those named, not what matches by now */
		rc = each_named(s, c.ids.s, subs & STORE_SUBS_ALL, fn, ctx);
	buf_free(&c.ids);
	return rc;
}

int store_reveal_list(struct store *s, const struct user *u, const char *since, const char *login,
                      int (*fn)(void *ctx, const struct reveal_entry *e), void *ctx)
{
	if (u->role != ROLE_AUDITOR && u->role != ROLE_ADMIN)
		return store_fail(s, STORE_EDENIED, "only auditors and administrators list who revealed "
		                  "ID numbers and phones");
	char scope[32];
	struct buf q = {0};
	const char *cond = scope_sql(u, scope, sizeof scope);
	/* a record is listed when one of its households is in scope, naming only those */
	buf_addf(&q,
	         "SELECT l.event_id, l.date, l.time, l.login, l.name, l.role, l.what, l.why, "
	         "l.households, (SELECT group_concat(household_id, ' ') FROM (SELECT a.household_id "
	         "FROM access_households a JOIN households h ON h.id = a.household_id "
	         "WHERE a.path = l.path AND (%s) ORDER BY a.household_id LIMIT 20)) "
	         "FROM access_log l WHERE (?2 IS NULL OR l.date >= ?2) AND (?3 IS NULL OR l.login = ?3) "
	         "AND EXISTS (SELECT 1 FROM access_households a JOIN households h ON "
	         "h.id = a.household_id WHERE a.path = l.path AND (%s)) ORDER BY l.event_id", cond, cond);
	sqlite3_stmt *st;
	if (db_cached_buf(s, &q, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	db_bind_text(st, 2, since);
	db_bind_text(st, 3, login);
	int rc, stop = 0;
	struct buf why = {0};
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct reveal_entry e;
		memset(&e, 0, sizeof e);
		e.event = (long)sqlite3_column_int64(st, 0);
		snprintf(e.date, sizeof e.date, "%s", db_col_text(st, 1));
		snprintf(e.time, sizeof e.time, "%s", db_col_text(st, 2));
		snprintf(e.login, sizeof e.login, "%s", db_col_text(st, 3));
		snprintf(e.name, sizeof e.name, "%s", db_col_text(st, 4));
		snprintf(e.role, sizeof e.role, "%s", db_col_text(st, 5));
		snprintf(e.what, sizeof e.what, "%s", db_col_text(st, 6));
		buf_reset(&why);
		mask_text(db_col_text(st, 7), &why);   /* a reason may hold a number */
		e.why = buf_str(&why) ? why.s : "";
		e.households = (long)sqlite3_column_int64(st, 8);
		e.in_scope = db_col_text(st, 9);
		stop = fn(ctx, &e);
	}
	buf_free(&why);
	db_finalize(s, st);
	return stop || rc == SQLITE_DONE ? 0 : store_sqlfail(s, "reading access records");
}
