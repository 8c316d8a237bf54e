/* aggregate_apply.c — one county's new commits into an aggregate's database. The files
 * that changed between the last applied tree and the fetched one are restored by the
 * record kinds' own restore functions (as `rebuild` does), each new commit becomes an
 * event (rebuild_event, renumbered); a household another county already holds is an
 * error naming both remotes. What is aggregated: households (with their cases and
 * sub-records, ids tagged per county), users (a login whose records differ between
 * counties is disabled) and settings; tasks, units, teams, pairs and access records
 * are each county's own (docs/aggregate.md). */
#include "store/aggregate.h"
#include "store/kinds.h"
#include "store/rebuild.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int aggregate_tag_ids(struct store *s, struct household *h, const char *tag)
{
	char id[64];
	for (int c = 0; c < h->ncases; c++) {
		int n = snprintf(id, sizeof id, "%s-%s", h->cases[c].id, tag);
		if (n < 0 || (size_t)n >= sizeof h->cases[c].id)
			return store_fail(s, STORE_EFAIL, "case %s: id too long to tag", h->cases[c].id);
		memcpy(h->cases[c].id, id, (size_t)n + 1);
	}
	for (int k = 0; k < SUB_COUNT; k++) {
		int cc = subrec_col((enum subrec_kind)k, "case_id");
		for (int i = 0; i < h->nsub[k]; i++)
			for (int col = 0; col < 2; col++) {
				if (col && cc < 0)
					continue;
				char **v = &h->sub[k][i].v[col ? cc : 0];
				if (!*v || !**v)
					continue;
				snprintf(id, sizeof id, "%s-%s", *v, tag);
				if (model_strset(v, id))
					return store_fail(s, STORE_EFAIL, "out of memory");
			}
	}
	return 0;
}

/* Whether the county's tree at tip (or tree, when given) holds path. */
static int county_has(struct store *s, const struct county *c, git_tree *tree, const char *path)
{
	git_commit *commit = NULL;
	git_tree *own = NULL;
	git_tree_entry *e = NULL;
	if (!tree) {
		if (!c->has_tip || git_commit_lookup(&commit, s->repo, &c->tip) < 0 ||
		    git_commit_tree(&own, commit) < 0) {
			git_commit_free(commit);
			return 0;
		}
		tree = own;
	}
	int yes = git_tree_entry_bypath(&e, tree, path) == 0;
	git_tree_entry_free(e);
	git_tree_free(own);
	git_commit_free(commit);
	return yes;
}

/* The paths of registered household id in both layouts (a county's history may be in
 * either, and may be relayouted between two aggregates: store/relayout.c); 1 if it is
 * registered, 0 if not, or a STORE_E* below 0. */
static int registered_paths(struct store *s, const char *id, char paths[2][256])
{
	sqlite3_stmt *st;
	if (db_cached(s, "SELECT county_code, town_code, village_code FROM households WHERE id = ?",
	              &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	int step = sqlite3_step(st);
	for (int l = 0; step == SQLITE_ROW && l < 2; l++)
		household_path_of(l ? LAYOUT_VILLAGE : LAYOUT_TOWN, db_col_text(st, 0), db_col_text(st, 1),
		                  db_col_text(st, 2), id, paths[l], 256);
	db_finalize(s, st);
	return step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : store_sqlfail(s, "reading a household");
}

/* The household id of a household's file path (its name without .txt). */
static void id_of_path(const char *path, char *id, size_t n)
{
	const char *base = strrchr(path, '/');
	snprintf(id, n, "%s", base ? base + 1 : path);
	char *dot = strrchr(id, '.');
	if (dot)
		*dot = '\0';
}

/* The household of this file, already in the database from another county? Its path
 * there, when it is not this county's own (in the tree applied before, in either layout). */
static int household_clash(struct store *s, const struct counties *all, const struct county *c,
                           git_tree *before, const char *path)
{
	char id[64], there[2][256];
	id_of_path(path, id, sizeof id);
	int rc = registered_paths(s, id, there);
	if (rc <= 0)
		return rc;
	if (before && (county_has(s, c, before, there[0]) || county_has(s, c, before, there[1])))
		return 0;   /* its own household, changed or moved */
	const char *other = _("another county");
	for (int i = 0; i < all->n; i++)
		if (&all->c[i] != c && (county_has(s, &all->c[i], NULL, there[0]) ||
		                        county_has(s, &all->c[i], NULL, there[1])))
			other = all->c[i].url;
	return store_fail(s, STORE_EINVAL, "household %s is in the histories of two counties: %s "
	                  "and %s (a household belongs to one county's server; nothing applied)",
	                  id, other, c->url);
}

/* A user the counties agree on (same role and scope wherever the login is) is a user of
 * the aggregate; one they disagree on is disabled here, since one Unix login on the
 * province's server cannot be both. */
static int apply_user(struct store *s, const struct counties *all, const struct county *c,
                      const char *path, const char *text, FILE *report)
{
	struct user u, other;
	char err[256];
	if (user_parse(text, &u, err, sizeof err))
		return store_fail(s, STORE_EFAIL, "%s: %s: %s", c->url, path, err);
	int agree = 1;
	for (int i = 0; i < all->n && agree; i++) {
		const struct county *o = &all->c[i];
		git_commit *commit = NULL;
		git_tree *tree = NULL;
		git_tree_entry *e = NULL;
		char *t = NULL;
		if (o == c || !o->has_tip)
			continue;
		if (git_commit_lookup(&commit, s->repo, &o->tip) == 0 && git_commit_tree(&tree, commit) == 0 &&
		    git_tree_entry_bypath(&e, tree, path) == 0 && rebuild_blob(s, git_tree_entry_id(e), &t) == 0 &&
		    user_parse(t, &other, err, sizeof err) == 0)
			agree = other.role == u.role && strcmp(other.scope, u.scope) == 0;
		free(t);
		git_tree_entry_free(e);
		git_tree_free(tree);
		git_commit_free(commit);
	}
	sqlite3_stmt *st;
	if (db_cached(s, "DELETE FROM users WHERE login = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, u.login, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	db_finalize(s, st);
	int rc = step == SQLITE_DONE ? users_restore(s, path, text) : store_sqlfail(s, "replacing a user");
	if (rc || agree)
		return rc;
	fprintf(report, _("aggregate: user %s: %s records another role or scope than another county "
	        "does: disabled in the aggregate\n"), u.login, c->url);
	if (db_cached(s, "UPDATE users SET disabled = ? WHERE login = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, store_today(s), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, u.login, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	db_finalize(s, st);
	return step == SQLITE_DONE ? 0 : store_sqlfail(s, "disabling a user");
}

/* A file the diff removed: only a household's move (to another town, or its file to
 * the village layout by `audit relayout`) removes one, its new path in the county's new
 * tree; bangfu never deletes a household. */
static int apply_removal(struct store *s, const struct county *c, git_tree *after,
                         const char *path)
{
	char hid[64], paths[2][256];
	if (strncmp(path, "households/", 11) != 0)
		return 0;
	id_of_path(path, hid, sizeof hid);
	int rc = registered_paths(s, hid, paths);
	if (rc <= 0 || (strcmp(paths[0], path) != 0 && strcmp(paths[1], path) != 0))
		return rc;   /* not registered, or registered elsewhere (moved) */
	const char *other = strcmp(paths[0], path) ? paths[0] : paths[1];
	if (county_has(s, c, after, other))
		return 0;   /* relayouted: the same household at its other path */
	return store_fail(s, STORE_EINVAL, "%s: household %s was removed from the county's "
	                  "history; an aggregate does not remove households (aggregate "
	                  "into a new directory)", c->url, hid);
}

struct applied { long files, skipped, events; };

/* The failure rc again, its message led by the county's remote. */
static int from_county(struct store *s, int rc, const struct county *c)
{
	char why[sizeof s->err];
	snprintf(why, sizeof why, "%s", store_error(s));
	return store_fail(s, rc, "%s: %s", c->url, why);
}

static int apply_file(struct store *s, const struct counties *all, struct county *c,
                      git_tree *before, const git_diff_delta *d, struct applied *a, FILE *report)
{
	const char *path = d->new_file.path;
	char tag[24], *text = NULL;
	int rc;
	if (d->status == GIT_DELTA_DELETED)
		return 0;
	int household = strncmp(path, "households/", 11) == 0, user = strncmp(path, "users/", 6) == 0;
	if (!household && !user && strcmp(path, "settings.txt") != 0) {
		a->skipped++;   /* tasks, units, teams, pairs, access: numbered per county */
		return 0;
	}
	if (household && (rc = household_clash(s, all, c, before, path)))
		return rc;
	if ((rc = rebuild_blob(s, &d->new_file.id, &text)))
		return rc;
	snprintf(tag, sizeof tag, "%ld", c->number);
	rc = household ? households_restore_tagged(s, path, text, tag)
	   : user ? apply_user(s, all, c, path, text, report)
	   : settings_restore(s, path, text);
	free(text);
	if (rc && household)
		return from_county(s, rc, c);
	store_progress(s, N_("records applied"), ++a->files, 0);
	return rc;
}

/* settings.txt first (the lists the households are read with), then the rest, then
 * what was removed. */
static int apply_files(struct store *s, const struct counties *all, struct county *c,
                       git_tree *before, git_tree *after, struct applied *a, FILE *report)
{
	git_diff *diff = NULL;
	if (git_diff_tree_to_tree(&diff, s->repo, before, after, NULL) < 0)
		return store_gitfail(s, "comparing a county's trees");
	size_t n = git_diff_num_deltas(diff);
	int rc = 0;
	for (int pass = 0; pass < 3 && !rc; pass++)
		for (size_t i = 0; i < n && !rc; i++) {
			const git_diff_delta *d = git_diff_get_delta(diff, i);
			int settings = strcmp(d->new_file.path, "settings.txt") == 0;
			if (pass == 0 && settings)
				rc = apply_file(s, all, c, before, d, a, report);
			else if (pass == 1 && !settings)
				rc = apply_file(s, all, c, before, d, a, report);
			else if (pass == 2 && d->status == GIT_DELTA_DELETED)
				rc = apply_removal(s, c, after, d->old_file.path);
		}
	git_diff_free(diff);
	store_progress(s, NULL, 0, 0);
	return rc;
}

/* Each commit after the tip, oldest first, as an event numbered on from the database's. */
static int apply_events(struct store *s, struct county *c, struct applied *a)
{
	git_revwalk *walk;
	git_oid id;
	int rc = 0;
	if (git_revwalk_new(&walk, s->repo) < 0 || git_revwalk_push(walk, &c->fetched) < 0 ||
	    (c->has_tip && git_revwalk_hide(walk, &c->tip) < 0))
		return store_gitfail(s, "walking a county's history");
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	git_revwalk_simplify_first_parent(walk);
	while (!rc && git_revwalk_next(&id, walk) == 0) {
		git_commit *commit;
		if (git_commit_lookup(&commit, s->repo, &id) < 0) {
			rc = store_gitfail(s, "reading a commit");
			break;
		}
		rc = rebuild_event(s, commit, 1);
		git_commit_free(commit);
		store_progress(s, N_("events applied"), ++a->events, 0);
	}
	git_revwalk_free(walk);
	store_progress(s, NULL, 0, 0);
	return rc ? from_county(s, rc, c) : 0;
}

static int tree_of(struct store *s, const git_oid *id, git_tree **tree)
{
	git_commit *commit;
	if (git_commit_lookup(&commit, s->repo, id) < 0)
		return store_gitfail(s, "reading a county's commit");
	int err = git_commit_tree(tree, commit);
	git_commit_free(commit);
	return err < 0 ? store_gitfail(s, "reading a county's tree") : 0;
}

int aggregate_apply(struct store *s, const struct counties *all, struct county *c, FILE *report)
{
	git_tree *before = NULL, *after = NULL;
	struct applied a = {0, 0, 0};
	int rc = (c->has_tip ? tree_of(s, &c->tip, &before) : 0);
	if (!rc)
		rc = tree_of(s, &c->fetched, &after);
	if (!rc)
		rc = apply_files(s, all, c, before, after, &a, report);
	if (!rc)
		rc = apply_events(s, c, &a);
	git_tree_free(before);
	git_tree_free(after);
	if (!rc)
		fprintf(report, a.skipped ? _("%s (%s): events %ld, records applied %ld (tasks, units, "
		                              "teams, pairs and access records stay the county's)\n")
		                          : _("%s (%s): events %ld, records applied %ld\n"),
		        c->name, c->url, a.events, a.files);
	return rc;
}
