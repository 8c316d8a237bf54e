/* audit_verify.c — reading the history back: `audit log` (who, when, why, what) from
 * the events table (each event knows its commit, so a household's history costs one
 * indexed query, not a walk of the whole log), and `audit verify`, which proves that
 * HEAD's tree holds exactly the canonical text of every row, then walks the whole chain
 * (verify_chain.c) or, with --quick, checks only that the commits carry events 1..N, each
 * once; the mirror checks (--against, --head) are in mirror.c. */
#include "store/kinds.h"
#include "core/grow.h"
#include "store/verify.h"
#include "core/mask.h"
#include "core/record.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One event, its ID numbers and phones (in a subject or reason) masked. */
static void print_event(sqlite3_stmt *st, FILE *out)
{
	time_t at = (time_t)sqlite3_column_int64(st, 1);
	struct tm tm;
	char when[32];
	struct buf text = {0}, masked = {0};
	localtime_r(&at, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	const char *commit = db_col_text(st, 7);
	buf_addf(&text, _("%.10s  event %lld  %s  %s (%s)\n    %s %s\n    why: %s\n"),
	         commit[0] ? commit : _("(pending)"), sqlite3_column_int64(st, 0), when,
	         db_col_text(st, 3), db_col_text(st, 2), db_col_text(st, 4), db_col_text(st, 5),
	         db_col_text(st, 6));
	long files = sqlite3_column_int64(st, 8);
	if (files == 1)
		buf_addf(&text, _("    file: %s\n"), db_col_text(st, 9));
	else if (files > 1)
		buf_addf(&text, _("    files: %ld\n"), files);
	mask_text(buf_str(&text), &masked);
	fputs(buf_str(&masked) ? masked.s : _("(out of memory)\n"), out);
	buf_free(&text);
	buf_free(&masked);
}

/* The masked diff of the event on st's row: of `path` when given, else of the event's
 * files in the caller's scope (column 10, one per line), never of a file outside it. */
static int print_patch(struct store *s, sqlite3_stmt *st, const char *path, FILE *out)
{
	const char *commit = db_col_text(st, 7);
	struct buf diff = {0};
	if (!commit[0])
		return 0;   /* not flushed yet */
	char *list = strdup(path ? path : db_col_text(st, 10));
	size_t n = 0, cap = 1;
	for (const char *c = list; c && *c; c++)
		cap += *c == '\n';
	char **paths = list ? calloc(cap, sizeof *paths) : NULL;
	for (char *p = paths ? strtok(list, "\n") : NULL; p; p = strtok(NULL, "\n"))
		paths[n++] = p;
	int rc = !paths ? store_fail(s, STORE_EFAIL, "out of memory")
	         : n ? history_commit_patch(s, commit, paths, n, &diff) : 0;
	free(paths);
	free(list);
	if (!rc)
		fprintf(out, "%s\n", diff.s);
	buf_free(&diff);
	return rc;
}

/* Every event in u's scope (store/event_scope.c), of one household's, project's or
 * task's file if `household` names one (event_subject_path), newest first: who, when, why and only the files in scope. */
int store_audit_log(struct store *s, const struct user *u, const char *household, long limit,
                    int patch, FILE *out)
{
	return store_audit_log_range(s, u, household, NULL, NULL, limit, patch, out);
}

int store_audit_log_range(struct store *s, const struct user *u, const char *household,
                          const char *since, const char *until, long limit, int patch, FILE *out)
{
	char paths[2][256] = {"", ""}, both[520];
	long from = 0, to = -1, ignored;
	if (since && history_day_bounds(since, &from, &ignored))
		return store_fail(s, STORE_EINVAL, "--since: \"%s\" is not a date (YYYY-MM-DD)", since);
	if (until && history_day_bounds(until, &ignored, &to))
		return store_fail(s, STORE_EINVAL, "--until: \"%s\" is not a date (YYYY-MM-DD)", until);
	int rc = household ? event_subject_path(s, u, household, paths) : 0;
	if (rc)
		return rc;
	snprintf(both, sizeof both, "%s\n%s", paths[0], paths[1]);   /* its diffs: either path */
	struct buf q = {0};
	buf_adds(&q, "SELECT e.id, e.at, e.login, e.name, e.verb, e.subject, e.reason, e.commit_id, ");
	event_files_sql(&q, "count(*)");
	buf_adds(&q, ", ");
	event_files_sql(&q, "min(f.path)");
	buf_adds(&q, ", ");
	event_files_sql(&q, patch ? "group_concat(f.path, char(10))" : "NULL");
	buf_adds(&q, " FROM events e WHERE ");
	if (household)
		event_of_file_sql(&q);
	else
		event_visible_sql(&q);
	buf_adds(&q, " AND e.at >= :from AND (:to < 0 OR e.at <= :to) ORDER BY e.id DESC LIMIT :limit");
	sqlite3_stmt *st;
	if (db_cached_buf(s, &q, &st))
		return STORE_EFAIL;
	if (household) {
		sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":path"), paths[0], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":path2"), paths[1], -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":limit"), limit > 0 ? limit : -1);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":from"), from);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":to"), to);
	rc = event_scope_bind(s, st, u);
	int failed = 0;
	while (!rc && !failed && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		print_event(st, out);
		failed = patch ? print_patch(s, st, household ? both : NULL, out) : 0;
		rc = 0;
	}
	db_finalize(s, st);
	return failed ? failed : rc == 0 || rc == SQLITE_DONE ? 0 : rc < 0 ? rc
	       : store_sqlfail(s, "reading the history");
}

/* --- verify ------------------------------------------------------------------------ */

/* The expected files: their paths one after another in one buffer (names, at off[i]),
 * their blob ids, and their indexes sorted by path for the lookups of the tree walk.
 * No allocation per file: a million small ones kept for the whole walk, between the
 * ones each household's load makes and frees, left malloc a heap it searched ever
 * longer (verify grew faster than the register). */
struct expected {
	struct store *s;
	struct buf names;
	size_t *off;
	git_oid *oids;
	struct named { const char *path; long i; } *sorted;   /* by path, once all are in */
	char *seen;
	long n, cap;
};

static const char *path_of(const struct expected *x, long i)
{
	return x->names.s + x->off[i];
}

static int expect(struct store *s, struct expected *x, const char *path, const char *text)
{
	if (x->n == x->cap) {
		size_t cap = grow_cap((size_t)x->cap, (size_t)x->n + 1, 1024, sizeof *x->oids);
		if (!cap || grow_array(&x->oids, sizeof *x->oids, cap) ||
		    grow_array(&x->off, sizeof *x->off, cap))
			return store_fail(s, STORE_EFAIL, "out of memory");
		x->cap = (long)cap;
	}
	if (git_odb_hash(&x->oids[x->n], text, strlen(text), GIT_OBJECT_BLOB) < 0)
		return store_gitfail(s, "hashing");
	x->off[x->n] = x->names.len;
	buf_add(&x->names, path, strlen(path) + 1);   /* with its NUL */
	if (x->names.oom)
		return store_fail(s, STORE_EFAIL, "out of memory");
	x->n++;
	store_progress(s, N_("records rendered"), x->n, 0);
	return 0;
}

static int expect_emit(void *ctx, const char *path, const char *text)
{
	struct expected *x = ctx;
	return expect(x->s, x, path, text);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->path, ((const struct named *)b)->path);
}

/* The canonical text of every row of every kind, as the history should hold it, and
 * the index sorted by path. */
static int expected_files(struct store *s, struct expected *x)
{
	int rc = 0;
	x->s = s;
	for (int i = 0; !rc && i < record_kind_count; i++)
		rc = record_kinds[i].expect_all(s, expect_emit, x);
	if (!rc && !(x->sorted = malloc(((size_t)x->n + 1) * sizeof *x->sorted)))
		rc = store_fail(s, STORE_EFAIL, "out of memory");
	for (long i = 0; !rc && i < x->n; i++)   /* names no longer moves */
		x->sorted[i] = (struct named){path_of(x, i), i};
	if (!rc)
		qsort(x->sorted, (size_t)x->n, sizeof *x->sorted, by_path);
	return rc;
}

/* The index of the expected file at path, or -1. */
static long expected_find(const struct expected *x, const char *path)
{
	long lo = 0, hi = x->n;
	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;
		int c = strcmp(x->sorted[mid].path, path);
		if (c == 0)
			return x->sorted[mid].i;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

struct walk { struct store *s; struct expected *x; FILE *report; long problems, compared; };

/* "; last written by event N" for a path, or "" when no event wrote it. */
static const char *last_writer(struct store *s, const char *path, char *out, size_t n)
{
	char ev[24] = "";
	out[0] = '\0';
	if (db_lookup(s, ev, sizeof ev, "SELECT max(event_id) FROM event_files WHERE path = ?", path,
	              NULL) == 0 && ev[0])
		snprintf(out, n, _("; last written by event %s"), ev);
	return out;
}

static int walk_entry(const char *root, const git_tree_entry *e, void *payload)
{
	struct walk *w = payload;
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	char path[512];
	long idx;
	snprintf(path, sizeof path, "%s%s", root, git_tree_entry_name(e));
	char by[64];
	if ((idx = expected_find(w->x, path)) < 0) {
		fprintf(w->report, _("extra in history: %s (no such row in the database%s)\n"), path,
		        last_writer(w->s, path, by, sizeof by));
		w->problems++;
		return 0;
	}
	w->x->seen[idx] = 1;
	store_progress(w->s, N_("files compared"), ++w->compared, w->x->n);
	if (!git_oid_equal(&w->x->oids[idx], git_tree_entry_id(e))) {
		fprintf(w->report, _("differs: %s (the database's text is not HEAD's%s)\n"), path,
		        last_writer(w->s, path, by, sizeof by));
		w->problems++;
	}
	return 0;
}

static int verify_tree(struct store *s, const git_oid *head, FILE *report, long *problems)
{
	struct expected x = {0};
	git_commit *c = NULL;
	git_tree *tree = NULL;
	int rc = expected_files(s, &x);
	if (!rc && (git_commit_lookup(&c, s->repo, head) < 0 || git_commit_tree(&tree, c) < 0))
		rc = store_gitfail(s, "reading HEAD");
	if (!rc && !(x.seen = calloc((size_t)x.n + 1, 1)))
		rc = store_fail(s, STORE_EFAIL, "out of memory");
	if (!rc) {
		struct walk w = {s, &x, report, 0, 0};
		if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_entry, &w) < 0)
			rc = store_gitfail(s, "walking HEAD's tree");
		store_progress(s, NULL, 0, 0);
		for (long i = 0; !rc && i < x.n; i++)
			if (!x.seen[i]) {
				char by[64];
				fprintf(report, _("missing from history: %s (not in HEAD's tree%s)\n"), path_of(&x, i),
				        last_writer(s, path_of(&x, i), by, sizeof by));
				w.problems++;
			}
		*problems += w.problems;
	}
	buf_free(&x.names);
	free(x.off);
	free(x.oids);
	free(x.sorted);
	free(x.seen);
	git_tree_free(tree);
	git_commit_free(c);
	return rc;
}

static int event_exists(struct store *s, long id)
{
	char num[24];
	snprintf(num, sizeof num, "%ld", id);
	return db_lookup(s, NULL, 0, "SELECT 1 FROM events WHERE id = CAST(? AS INTEGER)", num, NULL) == 0;
}

/* Every event 1..N exactly once along the first-parent chain from HEAD. */
static int verify_events(struct store *s, const git_oid *head, FILE *report, long *problems)
{
	sqlite3_stmt *st;
	long max = 0, count = 0;
	if (db_cached(s, "SELECT coalesce(max(id), 0), count(*) FROM events", &st))
		return STORE_EFAIL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		max = sqlite3_column_int64(st, 0);
		count = sqlite3_column_int64(st, 1);
	}
	db_finalize(s, st);
	if (count != max) {
		fprintf(report, _("the database's events are not 1..%ld: %ld of them\n"), max, count);
		(*problems)++;
	}
	unsigned char *times = calloc((size_t)max + 2, 1);
	if (!times)
		return store_fail(s, STORE_EFAIL, "out of memory");
	git_oid id = *head;
	int rc = 0;
	for (;;) {
		git_commit *c;
		if (git_commit_lookup(&c, s->repo, &id) < 0) {
			rc = store_gitfail(s, "walking history");
			break;
		}
		long ev = audit_trailer_event(git_commit_message(c));
		char hex[12];
		git_oid_tostr(hex, sizeof hex, &id);
		if (ev <= 0) {
			fprintf(report, _("commit %s carries no Bangfu-Event trailer\n"), hex);
			(*problems)++;
		} else if (ev > max || !event_exists(s, ev)) {
			fprintf(report, _("commit %s carries event %ld, which the database lacks\n"), hex, ev);
			(*problems)++;
		} else if (times[ev]++) {
			fprintf(report, _("event %ld is in history more than once (again in %s)\n"), ev, hex);
			(*problems)++;
		}
		if (!chain_first_parent(c, &id))
			break;
	}
	for (long e = 1; !rc && e <= max; e++)
		if (!times[e]) {
			fprintf(report, _("event %ld is in the database but not in history\n"), e);
			(*problems)++;
		}
	free(times);
	return rc;
}

/* Flush, then hold the database in one read snapshot whose events are all in the
 * history, with HEAD as it was then: writers go on meanwhile (their events come after).
 * A writer that commits between the flush and the snapshot sends us round again; events
 * a flush leaves behind twice running are verified as they are (the walk reports them). */
static int snapshot(struct store *s, git_oid *head)
{
	char before[48] = "";
	for (int tries = 0; tries < 20; tries++) {
		char pending[48] = "", last[24];
		int rc = store_flush(s);
		if (rc || (rc = audit_lock(s)))
			return rc;
		if (git_reference_name_to_id(head, s->repo, "refs/heads/main") < 0) {
			audit_unlock(s);
			return store_fail(s, STORE_EVERIFY, "the audit history has no commits");
		}
		snprintf(last, sizeof last, "%ld", chain_event_of(s->repo, head));
		rc = db_exec(s, "BEGIN");
		if (!rc)
			rc = db_lookup(s, pending, sizeof pending, "SELECT count(*) || ' ' || coalesce(max(id), 0) "
			               "FROM events WHERE id > CAST(? AS INTEGER)", last, NULL);
		audit_unlock(s);
		if (rc) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return rc;
		}
		if (strncmp(pending, "0 ", 2) == 0 || strcmp(pending, before) == 0)
			return 0;
		snprintf(before, sizeof before, "%s", pending);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	}
	return store_fail(s, STORE_EFAIL, "others keep writing: no quiet moment to verify in, retry");
}

int store_audit_verify(struct store *s, const struct verify_opts *o, FILE *report)
{
	git_oid head;
	long problems = 0, events = 0, wanted;
	char hex[GIT_OID_HEXSZ + 1];
	if (s->read_only)   /* an aggregate: each county's chain (aggregate.c) */
		return aggregate_verify(s, report);
	if (o->head && mirror_head_parse(o->head, &wanted, hex, sizeof hex))
		return mirror_head_invalid(s, o->head);
	int rc = snapshot(s, &head);
	if (rc)
		return rc;
	rc = verify_tree(s, &head, report, &problems);
	if (!rc && o->quick)
		rc = verify_events(s, &head, report, &problems);
	else if (!rc) {
		long before = problems;
		rc = chain_verify(s, &head, report, &problems, &events);
		if (!rc && problems == before)
			fprintf(report, _("%ld events: every commit from the root is its event's\n"), events);
	}
	if (!rc && o->head)
		rc = mirror_check_head(s, &head, o->head, report, &problems);
	if (!rc && o->against)
		rc = mirror_check_against(s, &head, o->against, report, &problems);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);   /* the read snapshot */
	if (rc)
		return rc;
	if (problems)
		return store_fail(s, STORE_EVERIFY, problems == 1 ? N_("audit verify: %ld problem found")
		                  : N_("audit verify: %ld problems found"), problems);
	return 0;
}
