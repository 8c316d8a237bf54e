/* audit_stream.c — the tree of a large event (an import, the demo) written as its files
 * are read: event_files are read in path order, which is git's order of tree entries
 * (a folder's name sorts as if it ended in '/', and so does its files' paths), so each
 * folder is finished, merged with the parent commit's folder of the same path, as soon
 * as the paths leave it. Blobs and trees go into packs on disk (audit_packw.c) as they
 * are made: only the folders along the current path are held, where
 * git_tree_create_updated held every file's update and built every tree at once. The
 * result is the tree git_tree_create_updated gives for the same updates: a removed
 * path's folder left empty is dropped, a removal of a path not there fails. */
#include "store/internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STREAM_DEPTH 16   /* folders along one path (households/COUNTY/TOWN/VILLAGE/…) */

struct level {
	char name[256];       /* this folder's name in its parent */
	git_tree *base;       /* the parent commit's folder here, or NULL */
	size_t bi, bn;        /* its next entry, its entries */
	struct buf out;       /* the new folder's entries, in git's tree format */
	char last[256];       /* the entry written last, and whether it is a folder */
	int last_dir;
};

struct stream {
	struct store *s;
	git_repository *repo;
	struct packw *pw;
	struct level lv[STREAM_DEPTH];
	int depth;            /* lv[0] is the root, lv[depth] the folder open last */
};

/* git's order of tree entries: bytes, a folder's name as if it ended in '/'. */
static int entry_cmp(const char *a, int adir, const char *b, int bdir)
{
	size_t al = strlen(a), bl = strlen(b), n = al < bl ? al : bl;
	int c = memcmp(a, b, n);
	if (c)
		return c;
	unsigned char ca = al > n ? (unsigned char)a[n] : adir ? '/' : 0;
	unsigned char cb = bl > n ? (unsigned char)b[n] : bdir ? '/' : 0;
	return ca < cb ? -1 : ca > cb;
}

/* Append an entry; each must sort after the one before (else the tree is not git's). */
static int emit(struct stream *st, struct level *l, git_filemode_t mode, const char *name,
                const git_oid *id)
{
	int dir = mode == GIT_FILEMODE_TREE;
	if (l->out.len && entry_cmp(l->last, l->last_dir, name, dir) >= 0)
		return store_fail(st->s, STORE_EFAIL, "%s: event files out of git's order", name);
	snprintf(l->last, sizeof l->last, "%s", name);
	l->last_dir = dir;
	buf_addf(&l->out, "%o %s", (unsigned)mode, name);
	buf_add(&l->out, "", 1);
	buf_add(&l->out, (const char *)id->id, GIT_OID_RAWSZ);
	return 0;
}

/* Copy the base entries that sort before `name`, then take the base entry of that name
 * (consumed; NULL if none). One of the other kind under that name is an error. */
static int take_base(struct stream *st, struct level *l, const char *name, int dir,
                     const git_tree_entry **found)
{
	*found = NULL;
	for (; l->bi < l->bn; l->bi++) {
		const git_tree_entry *e = git_tree_entry_byindex(l->base, l->bi);
		const char *en = git_tree_entry_name(e);
		if (entry_cmp(en, git_tree_entry_type(e) == GIT_OBJECT_TREE, name, dir) >= 0)
			break;
		if (emit(st, l, git_tree_entry_filemode(e), en, git_tree_entry_id(e)))
			return STORE_EFAIL;
	}
	const git_tree_entry *e = l->base ? git_tree_entry_byname(l->base, name) : NULL;
	if (!e)
		return 0;
	if ((git_tree_entry_type(e) == GIT_OBJECT_TREE) != dir)
		return store_fail(st->s, STORE_EFAIL, "%s: a file and a folder of one name", name);
	l->bi++;   /* the same kind sorts the same: it is the entry at bi */
	*found = e;
	return 0;
}

static int open_level(struct stream *st, const char *name)
{
	const git_tree_entry *e;
	if (st->depth + 1 >= STREAM_DEPTH || strlen(name) >= sizeof st->lv[0].name)
		return store_fail(st->s, STORE_EFAIL, "%s: a path too deep or too long", name);
	if (take_base(st, &st->lv[st->depth], name, 1, &e))
		return STORE_EFAIL;
	struct level *l = &st->lv[++st->depth];
	snprintf(l->name, sizeof l->name, "%s", name);
	buf_reset(&l->out);
	l->base = NULL;
	l->bi = l->bn = 0;
	if (e && git_tree_lookup(&l->base, st->repo, git_tree_entry_id(e)) < 0)
		return store_gitfail(st->s, "reading a folder of the history");
	l->bn = l->base ? git_tree_entrycount(l->base) : 0;
	return 0;
}

/* Finish the folder at the top: its remaining base entries, the tree written, and its
 * entry in the parent (none when it is empty). */
static int close_level(struct stream *st, git_oid *id)
{
	struct level *l = &st->lv[st->depth];
	for (; l->bi < l->bn; l->bi++) {
		const git_tree_entry *e = git_tree_entry_byindex(l->base, l->bi);
		if (emit(st, l, git_tree_entry_filemode(e), git_tree_entry_name(e), git_tree_entry_id(e)))
			return STORE_EFAIL;
	}
	git_tree_free(l->base);
	l->base = NULL;
	if (!buf_str(&l->out))
		return store_fail(st->s, STORE_EFAIL, "out of memory");
	int empty = l->out.len == 0;
	if ((!empty || st->depth == 0) &&
	    packw_add(st->pw, GIT_OBJECT_TREE, l->out.s, l->out.len, id))
		return STORE_EFAIL;
	if (st->depth == 0)
		return 0;
	st->depth--;
	return empty ? 0 : emit(st, &st->lv[st->depth], GIT_FILEMODE_TREE, l->name, id);
}

/* One file of the event: the folders along its path opened (those it leaves closed),
 * then its entry upserted (blob) or removed (blob NULL). */
static int stream_file(struct stream *st, char *path, const git_oid *blob)
{
	char *comp[STREAM_DEPTH];
	int nc = 0;
	for (char *p = path, *save = NULL; nc < STREAM_DEPTH && (p = strtok_r(p, "/", &save)); p = NULL)
		comp[nc++] = p;
	if (nc == 0 || nc == STREAM_DEPTH)
		return store_fail(st->s, STORE_EFAIL, "%s: not a path for the history", path);
	int keep = 0;   /* open folders shared with this path */
	while (keep < st->depth && keep < nc - 1 && strcmp(st->lv[keep + 1].name, comp[keep]) == 0)
		keep++;
	git_oid id;
	while (st->depth > keep)
		if (close_level(st, &id))
			return STORE_EFAIL;
	for (int i = keep; i < nc - 1; i++)
		if (open_level(st, comp[i]))
			return STORE_EFAIL;
	const git_tree_entry *e;
	struct level *l = &st->lv[st->depth];
	if (take_base(st, l, comp[nc - 1], 0, &e))
		return STORE_EFAIL;
	if (blob)
		return emit(st, l, GIT_FILEMODE_BLOB, comp[nc - 1], blob);
	if (!e)
		return store_fail(st->s, STORE_EFAIL, "%s: removing a file the history does not hold",
		                  comp[nc - 1]);
	return 0;
}

/* One row of event_files (path, text, blob): its blob written (or the id kept once the
 * text was pruned), its entry in the tree. */
static int stream_row(struct stream *st, sqlite3_stmt *q, char *last, size_t lastn)
{
	const char *p = db_col_text(q, 0);
	char path[PATH_MAX];
	if (strlen(p) >= sizeof path || strlen(p) >= lastn)
		return store_fail(st->s, STORE_EFAIL, "%s: a path too long for the history", p);
	if (last[0] && strcmp(last, p) >= 0)   /* the order the trees are built in */
		return store_fail(st->s, STORE_EFAIL, "%s: event files out of order", p);
	snprintf(last, lastn, "%s", p);
	snprintf(path, sizeof path, "%s", p);
	git_oid id;
	int has_text = sqlite3_column_type(q, 1) != SQLITE_NULL;
	if (!has_text && sqlite3_column_type(q, 2) == SQLITE_NULL)
		return stream_file(st, path, NULL);
	if (!has_text) {   /* pruned: already in git (an event written again after a reset) */
		if (git_oid_fromstr(&id, db_col_text(q, 2)) < 0)
			return store_fail(st->s, STORE_EFAIL, "%s: a bad blob id in event_files", path);
	} else {
		const void *text = sqlite3_column_blob(q, 1);
		if (packw_add(st->pw, GIT_OBJECT_BLOB, text ? text : "",
		              (size_t)sqlite3_column_bytes(q, 1), &id))
			return STORE_EFAIL;
	}
	return stream_file(st, path, &id);
}

int audit_stream_tree(struct store *s, git_repository *repo, long event, const git_tree *base,
                      git_oid *tree_out)
{
	struct packw pw;
	struct stream st = {.s = s, .repo = repo, .pw = &pw};
	sqlite3_stmt *q;
	char last[PATH_MAX] = "";
	int rc = packw_begin(s, repo, &pw);
	if (!rc && base && git_tree_dup(&st.lv[0].base, (git_tree *)base) < 0)
		rc = store_gitfail(s, "reading the tree of HEAD");
	st.lv[0].bn = st.lv[0].base ? git_tree_entrycount(st.lv[0].base) : 0;
	if (!rc && db_cached(s, "SELECT path, text, blob FROM event_files WHERE event_id = ? "
	                        "ORDER BY path", &q))
		rc = STORE_EFAIL;
	if (!rc) {
		long total = s->progress.fn ? event_file_count(s, event) : 0, done = 0;
		int step = SQLITE_DONE;
		sqlite3_bind_int64(q, 1, event);
		while (!rc && (step = sqlite3_step(q)) == SQLITE_ROW) {
			rc = stream_row(&st, q, last, sizeof last);
			store_progress(s, "files written to the history", ++done, total);
		}
		if (!rc && step != SQLITE_DONE)
			rc = store_sqlfail(s, "reading event files");
		db_finalize(s, q);
		store_progress(s, NULL, 0, 0);
	}
	while (!rc && st.depth >= 0) {
		int root = st.depth == 0;
		rc = close_level(&st, tree_out);
		if (root)
			break;
	}
	identity_fault("stream-before-pack-end");   /* a pack still under its temporary name */
	if (!rc)
		rc = packw_end(&pw);
	identity_fault("stream-after-pack-end");    /* packs no commit names yet */
	for (int i = 0; i < STREAM_DEPTH; i++) {
		git_tree_free(st.lv[i].base);
		buf_free(&st.lv[i].out);
	}
	packw_free(&pw);
	return rc;
}
