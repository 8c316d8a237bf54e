/* audit_bulk.c — the objects of an event written as a pack on disk through libgit2's
 * packbuilder. A small event (one `set`) is one pack of its blob, trees and commit: four
 * syncs (the pack, the index, the directory after each) where six loose objects took
 * twelve, and two files created instead of six and their fan-out directories;
 * audit_packs.c folds these small packs together. The objects go into an in-memory
 * object database on a second handle of the repository until the commit is built. A
 * large event (an import, the demo) streams its blobs and trees into packs of its own
 * (audit_stream.c, audit_packw.c) and comes here only for its commit. A blob is written
 * to the in-memory backend directly: through git_odb_write, libgit2 would look for each
 * new object first and rescan the pack directory on every miss. A crash part way leaves
 * packs no branch points to: harmless, and `audit repack` drops them. */
#include "store/internal.h"
#include "core/grow.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* An event's own pack is written with its objects stored, not compressed (zlib level 0).
 * libgit2's packbuilder deflates every object at zlib's default level, fixed in its
 * git_zstream; at 1M a village's tree, rewritten by every edit of one of its households,
 * is 87 KB (1,888 households) to 460 KB (10,000), whose deflate took 2–12 ms of an
 * edit's CPU, and the indexer then inflated it again. Stored, both are a copy. The pack
 * is larger (the tree's 20-byte ids do not compress anyway: 87 KB against 48 KB) until
 * audit_packs.c folds it, delta-compressed at the default level as before. bangfu's
 * executable exports deflateInit_ (Makefile: --export-dynamic-symbol), so libgit2's
 * call binds here; it is zlib's own deflateInit_ (deflateInit2_ with zlib's defaults)
 * with the level changed only while bulk_pack makes and writes its packbuilder. Where the symbol is not exported
 * (the unit tests) libgit2 calls zlib's directly and the pack is compressed, as before:
 * the same objects either way. */
static int stored_pack;   /* bulk_pack is packing: set and read on the main thread, and
                           * on libgit2's delta threads, joined before the write returns */

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	return deflateInit2_(strm, stored_pack ? Z_NO_COMPRESSION : level, Z_DEFLATED, MAX_WBITS,
	                     8, Z_DEFAULT_STRATEGY, version, stream_size);
}

int bulk_begin(struct store *s, struct bulk *b, int single)
{
	char path[PATH_MAX + 16];
	git_odb *odb = NULL;
	memset(b, 0, sizeof *b);
	b->s = s;
	b->single = single;
	snprintf(path, sizeof path, "%s/audit.git", s->dir);
	int err = git_repository_open_bare(&b->repo, path) < 0 || git_repository_odb(&odb, b->repo) < 0 ||
	          git_mempack_new(&b->mem) < 0;
	if (!err && git_odb_add_backend(odb, b->mem, 1000) < 0) {
		b->mem->free(b->mem);   /* not yet owned by the odb */
		err = 1;
	}
	if (err)
		b->mem = NULL;
	git_odb_free(odb);          /* the repository keeps its own reference */
	return err ? store_gitfail(s, "preparing a pack") : 0;
}

static int bulk_remember(struct bulk *b, const git_oid *id)
{
	if (GROW(b->ids, b->cap, b->n + 1, 1024))
		return store_fail(b->s, STORE_EFAIL, "out of memory");
	b->ids[b->n++] = *id;
	return 0;
}

/* fsync one file of the pack directory by name. */
static int sync_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc = fd < 0 || fsync(fd) != 0 ? -1 : 0;
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Write the pack with libgit2's own syncs off, then sync it, its index and the pack
 * directory here: three syncs where libgit2 makes four (it syncs the directory after
 * linking each of the two files). Both files and their names are on disk before the
 * branch can point at what they hold. */
int bulk_write_pack(struct store *s, git_packbuilder *pb)
{
	char dir[PATH_MAX + 32], path[PATH_MAX + 96];
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 0);
	int err = git_packbuilder_write(pb, NULL, 0, NULL, NULL) < 0;
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	if (err)
		return store_gitfail(s, "writing a pack");
	snprintf(dir, sizeof dir, "%s/audit.git/objects/pack", s->dir);
	static const char *const ext[] = {".pack", ".idx"};
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/pack-%s%s", dir, git_packbuilder_name(pb), ext[i]);
		if (sync_file(path))
			return store_fail(s, STORE_EFAIL, "%s: cannot sync it: %s", path, strerror(errno));
	}
	if (sync_file(dir))
		return store_fail(s, STORE_EFAIL, "%s: cannot sync it: %s", dir, strerror(errno));
	return 0;
}

/* Pack the remembered objects to disk and drop them from memory. */
static int bulk_pack(struct bulk *b)
{
	git_packbuilder *pb = NULL;
	int rc = 0;
	if (b->n == 0)
		return 0;
	stored_pack = 1;   /* the packbuilder makes its deflate stream when it is made */
	if (git_packbuilder_new(&pb, b->repo) < 0) {
		rc = store_gitfail(b->s, "writing a pack");
		goto out;
	}
	/* the delta search on every core, but no thread for the few objects of one edit */
	git_packbuilder_set_threads(pb, b->single ? 1 : 0);
	for (size_t i = 0; i < b->n && !rc; i++)
		if (git_packbuilder_insert(pb, &b->ids[i], NULL) < 0)
			rc = store_gitfail(b->s, "writing a pack");
	if (!rc)
		rc = bulk_write_pack(b->s, pb);
out:
	stored_pack = 0;
	git_packbuilder_free(pb);
	git_mempack_reset(b->mem);
	b->n = 0;
	b->packs += !rc;
	return rc;
}

int bulk_blob(struct bulk *b, const void *data, size_t len, git_oid *out)
{
	if (git_odb_hash(out, data, len, GIT_OBJECT_BLOB) < 0 ||
	    b->mem->write(b->mem, out, data, len, GIT_OBJECT_BLOB) < 0)
		return store_gitfail(b->s, "writing a blob");
	return bulk_remember(b, out) ? STORE_EFAIL : 0;
}

/* Remember the trees the in-memory backend holds (the new ones); the old ones, already
 * on disk, are not descended into. */
static int new_tree(const char *root, const git_tree_entry *e, void *payload)
{
	struct bulk *b = payload;
	(void)root;
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
		return 0;
	if (!b->mem->exists(b->mem, git_tree_entry_id(e)))
		return 1;   /* skip this subtree */
	return bulk_remember(b, git_tree_entry_id(e)) ? -1 : 0;
}

/* Everything read from here to the pack's end is an object of the in-memory backend,
 * written (and so hashed) by this flush a moment ago: libgit2's strict verification,
 * which hashes every object it reads again (the town's tree of 87–242 KB three times:
 * the walk below, the packbuilder's insert and its write), is off meanwhile. Objects
 * read from disk (the parent's trees, read before) are verified as before. */
int bulk_end(struct bulk *b, const git_oid *commit)
{
	git_commit *c = NULL;
	git_tree *tree = NULL;
	int rc = 0;
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if (git_commit_lookup(&c, b->repo, commit) < 0 || git_commit_tree(&tree, c) < 0)
		rc = store_gitfail(b->s, "reading the new commit");
	if (!rc)
		rc = bulk_remember(b, commit);
	if (!rc && b->mem->exists(b->mem, git_tree_id(tree)))
		rc = bulk_remember(b, git_tree_id(tree));
	if (!rc && git_tree_walk(tree, GIT_TREEWALK_PRE, new_tree, b) < 0)
		rc = store_gitfail(b->s, "walking the new tree");
	git_tree_free(tree);
	git_commit_free(c);
	if (!rc)
		rc = bulk_pack(b);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	return rc;
}

void bulk_free(struct bulk *b)
{
	if (b->mem)
		git_mempack_reset(b->mem);
	git_repository_free(b->repo);   /* frees the odb and the backend it owns */
	free(b->ids);
	memset(b, 0, sizeof *b);
}
