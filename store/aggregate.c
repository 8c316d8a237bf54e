/* aggregate.c — `bangfu aggregate DIR REMOTE...`: a province's read-only database made
 * from many counties' audit histories. Each REMOTE (a county's audit.git or its mirror:
 * a path, file:// or ssh://) is fetched through libgit2 into DIR/audit.git, kept there
 * as refs/counties/NAME (the aggregate makes no commits of its own), and the commits
 * after the one applied last are applied to DIR/bangfu.db (aggregate_apply.c). The
 * database says it is an aggregate by its application_id; every write stops at
 * write_open, and `audit verify` checks each county's chain (docs/aggregate.md). */
#include "store/aggregate.h"
#include "store/verify.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define AGGREGATE_APP_ID 1650876775   /* 0x62666167, "bfag" */
#define STR_(x) #x
#define STR(x) STR_(x)
#define REMOTE_MAIN "refs/heads/main"

int aggregate_detect(struct store *s)
{
	char v[24];
	return db_lookup(s, v, sizeof v, "PRAGMA application_id", NULL) == 0 &&
	       atol(v) == AGGREGATE_APP_ID;
}

int aggregate_refuse(struct store *s)
{
	return store_fail(s, STORE_EDENIED, "this is an aggregate of county histories; change the "
	                  "county's own server (the next `bangfu aggregate` brings the change here)");
}

static int load_counties(struct store *s, struct counties *all)
{
	sqlite3_stmt *st;
	int step, rc = 0;
	all->n = 0;
	if (db_prepare(s, "SELECT number, name, url, tip FROM aggregate_counties ORDER BY number", &st))
		return STORE_EFAIL;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct county *c = realloc(all->c, (size_t)(all->n + 1) * sizeof *c);
		if (!c) {
			rc = store_fail(s, STORE_EFAIL, "out of memory");
			break;
		}
		all->c = c;
		c = &all->c[all->n++];
		memset(c, 0, sizeof *c);
		c->number = sqlite3_column_int64(st, 0);
		snprintf(c->name, sizeof c->name, "%s", db_col_text(st, 1));
		snprintf(c->url, sizeof c->url, "%s", db_col_text(st, 2));
		c->has_tip = git_oid_fromstr(&c->tip, db_col_text(st, 3)) == 0;
	}
	if (!rc && step != SQLITE_DONE)
		rc = store_sqlfail(s, "reading the aggregate's counties");
	sqlite3_finalize(st);
	return rc;
}

static int is_url(const char *remote)
{
	const char *colon = strchr(remote, ':'), *slash = strchr(remote, '/');
	return colon && (!slash || colon < slash);
}

/* The county's name in refs/counties/: the repository's directory without .git, or
 * the directory above when that is audit.git (a county's own DIR/audit.git). */
static void county_name(const char *url, char *out, size_t n)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s", url);
	for (int i = 0; i < 2; i++) {
		size_t len = strlen(path);
		while (len > 1 && path[len - 1] == '/')
			path[--len] = '\0';
		char *base = strrchr(path, '/');
		base = base ? base + 1 : path;
		if (len > 4 && strcmp(path + len - 4, ".git") == 0)
			path[len - 4] = '\0';
		if (i == 0 && strcmp(base, "audit") == 0 && base > path) {
			base[-1] = '\0';
			continue;
		}
		snprintf(out, n, "%s", *base ? base : "county");
		break;
	}
	for (char *p = out; *p; p++)
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') && !(*p >= '0' && *p <= '9') &&
		    *p != '-' && *p != '_' && *p != '.')
			*p = '_';
	if (out[0] == '.')
		out[0] = '_';
}

/* Record a remote not seen before; url: how it is recorded (a local path made absolute). */
static int register_remote(struct store *s, const char *remote, char *url, size_t n)
{
	char name[64], taken[8], try[80];
	if (is_url(remote) || !realpath(remote, url))
		snprintf(url, n, "%s", remote);
	int rc = db_lookup(s, taken, sizeof taken, "SELECT 1 FROM aggregate_counties WHERE url = ?",
	                   url, NULL);
	if (rc != STORE_ENOTFOUND)
		return rc;
	county_name(url, name, sizeof name);
	snprintf(try, sizeof try, "%s", name);
	for (int i = 2; (rc = db_lookup(s, taken, sizeof taken, "SELECT 1 FROM aggregate_counties "
	                                "WHERE name = ?", try, NULL)) == 0; i++)
		snprintf(try, sizeof try, "%s-%d", name, i);
	if (rc != STORE_ENOTFOUND)
		return rc;
	sqlite3_stmt *st;
	if (db_cached(s, "INSERT INTO aggregate_counties(name, url) VALUES (?,?)", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, try, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, url, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	db_finalize(s, st);
	return step == SQLITE_DONE ? 0 : store_sqlfail(s, "recording a county");
}

/* Fetch the county's main; it must extend the commit applied last. */
static int fetch_county(struct store *s, struct county *c, FILE *report)
{
	struct remote_ctx ctx = {.s = s};
	git_remote *r = NULL;
	int has = 0;
	int rc = remote_main(s, c->url, &ctx, &r, &c->fetched, &has);
	if (!rc && !has)
		rc = store_fail(s, STORE_EINVAL, "%s holds no history (no main branch)", c->url);
	if (!rc && c->has_tip && git_oid_equal(&c->tip, &c->fetched))
		fprintf(report, _("%s (%s): up to date\n"), c->name, c->url);
	else if (!rc && !(rc = remote_download(s, r, &ctx, c->url))) {
		if (c->has_tip && git_graph_descendant_of(s->repo, &c->fetched, &c->tip) != 1)
			rc = store_fail(s, STORE_EVERIFY, "%s: the county's history no longer extends what "
			                "was fetched from it (commit %.12s, event %ld): it was rewritten or moved "
			                "back. Nothing applied; ask the county (`bangfu audit verify --against`)",
			                c->url, git_oid_tostr_s(&c->tip), chain_event_of(s->repo, &c->tip));
		else
			c->update = 1;
	}
	git_remote_free(r);
	return rc;
}

static int record_tip(struct store *s, struct county *c)
{
	sqlite3_stmt *st;
	char hex[GIT_OID_HEXSZ + 1];
	if (db_cached(s, "UPDATE aggregate_counties SET tip = ? WHERE number = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, git_oid_tostr(hex, sizeof hex, &c->fetched), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, c->number);
	int step = sqlite3_step(st);
	db_finalize(s, st);
	if (step != SQLITE_DONE)
		return store_sqlfail(s, "recording a county's commit");
	c->tip = c->fetched;
	c->has_tip = 1;
	return 0;
}

/* refs/counties/NAME at each county's applied commit: after the database's COMMIT (the
 * database is what the next run goes by; a ref left behind by a crash is set again). */
static int write_refs(struct store *s, const struct counties *all)
{
	for (int i = 0; i < all->n; i++) {
		const struct county *c = &all->c[i];
		char name[128];
		git_reference *ref = NULL;
		if (!c->has_tip)
			continue;
		snprintf(name, sizeof name, "refs/counties/%s", c->name);
		if (git_reference_create(&ref, s->repo, name, &c->tip, 1, c->url) < 0)
			return store_gitfail(s, name);
		git_reference_free(ref);
	}
	return 0;
}

/* Root, or (updating only the counties already recorded) an administrator of the whole
 * province among the aggregate's users; a remote is a path named on the command line,
 * which on a shared server only root may name (as for audit push). */
static int allowed(struct store *s, int exists, int nremotes)
{
	char login[64], ok[8];
	unsigned uid;
	if (!store_shared() || getuid() == 0)
		return 0;
	if (nremotes || !exists)
		return store_fail(s, STORE_EDENIED, "bangfu aggregate with remotes on a shared server is "
		                  "for root (bangfu runs setgid here); a province administrator may update "
		                  "the counties recorded: bangfu aggregate DIR");
	if (identity_login(s, login, sizeof login, &uid))
		return STORE_ENOUSER;
	int rc = db_lookup(s, ok, sizeof ok, "SELECT 1 FROM users WHERE login = ? AND role = 'admin' "
	                   "AND scope = '44' AND coalesce(disabled, '') = ''", login, NULL);
	return rc == STORE_ENOTFOUND ? store_fail(s, STORE_EDENIED, "bangfu aggregate on a shared "
	                                          "server is for root or an administrator of the whole "
	                                          "province (44): %s is neither", login) : rc;
}

static int open_aggregate(struct store *s, int nremotes)
{
	char db[PATH_MAX + 16], git[PATH_MAX + 16];
	struct stat sb;
	if (!store_shared() && mkdir(s->dir, 0770) != 0 && errno != EEXIST)
		return store_fail(s, STORE_EFAIL, "%s: %s", s->dir, strerror(errno));
	snprintf(db, sizeof db, "%s/bangfu.db", s->dir);
	snprintf(git, sizeof git, "%s/audit.git", s->dir);
	int exists = stat(db, &sb) == 0, has_git = stat(git, &sb) == 0;
	if (exists) {
		if (db_open(s, "bangfu.db", 0))
			return STORE_EFAIL;
		if (!aggregate_detect(s))
			return store_fail(s, STORE_EINVAL, "%s holds a county's own database, not an "
			                  "aggregate: aggregate into a directory of its own", s->dir);
	} else if (has_git) {
		return store_fail(s, STORE_EINVAL, "%s holds audit.git but no bangfu.db: not an "
		                  "aggregate (`bangfu rebuild` restores a county's)", s->dir);
	}
	int rc = allowed(s, exists, nremotes);
	if (!rc && !exists)
		rc = db_open(s, "bangfu.db", 1) || regions_seed(s) ? STORE_EFAIL : 0;
	if (!rc)
		rc = db_exec(s, "CREATE TABLE IF NOT EXISTS aggregate_counties(number INTEGER PRIMARY KEY, "
		             "name TEXT NOT NULL UNIQUE, url TEXT NOT NULL UNIQUE, tip TEXT);"
		             "PRAGMA application_id = " STR(AGGREGATE_APP_ID) ";");
	if (!rc)
		rc = settings_load_lists(s);
	return rc ? rc : audit_open(s, !has_git);
}

/* The counties this run fetches: those named, or every one recorded. */
static int fetch_all(struct store *s, struct counties *all, char urls[][PATH_MAX], int n,
                     FILE *report)
{
	int rc = 0;
	for (int i = 0; i < all->n && !rc; i++) {
		int named = n == 0;
		for (int j = 0; j < n && !named; j++)
			named = strcmp(urls[j], all->c[i].url) == 0;
		if (named)
			rc = fetch_county(s, &all->c[i], report);
	}
	return rc;
}

int store_aggregate(const char *dir, char *const *remotes, int n, FILE *report,
                    const struct store_progress *progress)
{
	struct store *s;
	struct counties all = {NULL, 0};
	char (*urls)[PATH_MAX] = calloc((size_t)n + 1, sizeof *urls);
	int rc = urls ? store_alloc(dir, CONFINE_REBUILD, &s) : STORE_EFAIL;
	if (!urls) {
		fprintf(report, _("bangfu: out of memory\n"));
		return rc;
	}
	store_set_progress(s, progress);
	if (!rc)
		rc = open_aggregate(s, n);
	int began = !rc && !(rc = db_exec(s, "BEGIN IMMEDIATE"));
	for (int i = 0; i < n && !rc; i++)
		rc = register_remote(s, remotes[i], urls[i], sizeof urls[i]);
	if (!rc)
		rc = load_counties(s, &all);
	if (!rc && all.n == 0)
		rc = store_fail(s, STORE_EINVAL, "no counties: name each county's audit.git or mirror "
		                "(bangfu aggregate DIR REMOTE...)");
	if (!rc)
		rc = fetch_all(s, &all, urls, n, report);
	for (int i = 0; i < all.n && !rc; i++) {
		struct county *c = &all.c[i];
		if (c->update && !c->has_tip)
			fprintf(report, _("county %s: %s (refs/counties/%s)\n"), c->name, c->url, c->name);
		if (c->update && !(rc = aggregate_apply(s, &all, c, report)))
			rc = record_tip(s, c);
	}
	if (!rc)
		rc = db_exec(s, "COMMIT");
	else if (began)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	if (!rc)
		rc = write_refs(s, &all);
	if (rc)
		fprintf(report, _("bangfu: aggregate: %s\n"), store_error(s));
	free(all.c);
	free(urls);
	store_close(s);
	return rc;
}

/* `audit verify` on an aggregate: each county's ref is where the database says, and
 * is a chain whose commit N carries event N; the events are as many as the chains' commits. */
int aggregate_verify(struct store *s, FILE *report)
{
	struct counties all = {NULL, 0};
	long problems = 0, total = 0;
	char count[24];
	int rc = audit_open(s, 0);
	if (!rc)
		rc = load_counties(s, &all);
	for (int i = 0; i < all.n && !rc; i++) {
		struct county *c = &all.c[i];
		char ref[128];
		git_oid at, *oids = NULL;
		long m = 0, bad = 0;
		if (!c->has_tip)
			continue;
		snprintf(ref, sizeof ref, "refs/counties/%s", c->name);
		if (git_reference_name_to_id(&at, s->repo, ref) < 0 || !git_oid_equal(&at, &c->tip)) {
			fprintf(report, _("county %s: %s is not at commit %.12s, the one the database applied "
			        "last\n"), c->name, ref, git_oid_tostr_s(&c->tip));
			problems++;
		}
		if ((rc = chain_collect(s, s->repo, &c->tip, &oids, &m)))
			break;
		for (long j = 0; j < m && !bad; j++)
			if (chain_event_of(s->repo, &oids[j]) != j + 1) {
				fprintf(report, _("county %s: commit %.12s is the %ld. of the chain but carries event "
				        "%ld\n"), c->name, git_oid_tostr_s(&oids[j]), j + 1,
				        chain_event_of(s->repo, &oids[j]));
				bad = 1;
			}
		problems += bad;
		total += m;
		free(oids);
		fprintf(report, bad ? _("county %s (%s): %ld events\n")
		                    : _("county %s (%s): %ld events, each commit carrying its event in order\n"),
		        c->name, c->url, m);
	}
	if (!rc && !(rc = db_lookup(s, count, sizeof count, "SELECT count(*) FROM events", NULL)) &&
	    atol(count) != total) {
		fprintf(report, _("the database holds %s events, the counties' chains %ld commits\n"), count,
		        total);
		problems++;
	}
	free(all.c);
	if (!rc && problems)
		rc = store_fail(s, STORE_EVERIFY, problems == 1 ? N_("%ld problem in the aggregate")
		                : N_("%ld problems in the aggregate"), problems);
	return rc;
}
