/* repack.c — `bangfu audit repack`. libgit2 has no gc, so single edits accumulate as
 * loose objects (each at least one 4 KiB block on disk). Every object reachable from the
 * branch goes into one new pack (git_packbuilder); then each loose object and each older
 * pack whose objects are all in the new pack is removed. Membership is asked of an
 * object database holding the new pack alone, so nothing that is not in it is ever
 * removed: a crash at any point leaves objects twice, never missing.
 *
 * Writers go on meanwhile (a repack of 100,000 households takes tens of seconds): what
 * they add after the walk is not in the new pack and stays loose; an object they find
 * already there and we then unlink is in the new pack, written before anything is
 * removed. Readers that still have an old pack open keep reading it (Unix keeps an
 * unlinked file for whoever has it open); libgit2 looks again when an object is not where
 * it last saw it. Two repacks at once could each remove the other's pack, so repacks
 * take DIR/repack.lock, not the writers' audit.lock. */
#include "store/internal.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BRANCH "refs/heads/main"

/* An object database holding only the pack whose index is idx. */
int repack_one_pack(struct store *s, const char *idx, git_odb **out)
{
	git_odb_backend *b = NULL;
	*out = NULL;
	if (git_odb_new(out) < 0)
		return store_gitfail(s, idx);
	if (git_odb_backend_one_pack(&b, idx) == 0 && git_odb_add_backend(*out, b, 1) == 0)
		return 0;                 /* the database owns the backend now */
	int rc = store_gitfail(s, idx);
	if (b)
		b->free(b);
	git_odb_free(*out);
	*out = NULL;
	return rc;
}

/* libgit2's progress while packing: the objects found, then compressed, then written. */
static int pack_stage(int stage, uint32_t current, uint32_t total, void *payload)
{
	store_progress(payload, stage == GIT_PACKBUILDER_ADDING_OBJECTS ? N_("objects found")
	                        : N_("objects compressed"), (long)current, (long)total);
	return 0;
}

static int pack_written(const git_indexer_progress *stats, void *payload)
{
	store_progress(payload, N_("objects written"), (long)stats->indexed_objects,
	               (long)stats->total_objects);
	return 0;
}

/* Write everything reachable from the branch as one pack; its name into out. */
static int write_pack(struct store *s, struct repack_result *out)
{
	git_packbuilder *pb = NULL;
	git_revwalk *walk = NULL;
	int rc = 0;
	if (git_packbuilder_new(&pb, s->repo) < 0 ||
	    git_packbuilder_set_callbacks(pb, pack_stage, s) < 0 ||
	    git_revwalk_new(&walk, s->repo) < 0 ||
	    git_revwalk_push_ref(walk, BRANCH) < 0 || git_packbuilder_insert_walk(pb, walk) < 0 ||
	    git_packbuilder_write(pb, NULL, 0, pack_written, s) < 0)
		rc = store_gitfail(s, "packing the history");
	else {
		out->objects = git_packbuilder_object_count(pb);
		snprintf(out->pack, sizeof out->pack, "pack-%s", git_packbuilder_name(pb));
	}
	store_progress(s, NULL, 0, 0);
	git_revwalk_free(walk);
	git_packbuilder_free(pb);
	return rc;
}

/* Remove the loose objects that the new pack holds; count the others. */
static void remove_loose(const char *objects, git_odb *fresh, struct repack_result *out)
{
	for (int d = 0; d < 256; d++) {
		char dir[PATH_MAX + 8], file[PATH_MAX + 64], hex[GIT_OID_HEXSZ + 1];
		if (snprintf(dir, sizeof dir, "%s/%02x", objects, d) >= (int)sizeof dir)
			return;                   /* a path too long to name: leave them */
		DIR *dp = opendir(dir);
		if (!dp)
			continue;
		struct dirent *e;
		while ((e = readdir(dp))) {
			git_oid id;
			if (strlen(e->d_name) != GIT_OID_HEXSZ - 2)
				continue;
			snprintf(hex, sizeof hex, "%02x%s", d, e->d_name);
			if (git_oid_fromstr(&id, hex) < 0)
				continue;
			snprintf(file, sizeof file, "%s/%s", dir, e->d_name);
			if (git_odb_exists(fresh, &id) && unlink(file) == 0)
				out->loose_removed++;
			else
				out->loose_kept++;
		}
		closedir(dp);
		/* the emptied fan-out directory stays: a writer may have just made sure it
		 * exists and be about to rename an object into it */
	}
}

struct all_in { git_odb *fresh; int missing; };

static int check_in_fresh(const git_oid *id, void *payload)
{
	struct all_in *a = payload;
	if (!git_odb_exists(a->fresh, id)) {
		a->missing = 1;
		return 1;                 /* stop: this pack must stay */
	}
	return 0;
}

/* Remove every other pack whose objects are all in the new one. */
static void remove_old_packs(struct store *s, const char *objects, const char *keep,
                             git_odb *fresh, struct repack_result *out)
{
	char dir[PATH_MAX + 8];
	if (snprintf(dir, sizeof dir, "%s/pack", objects) >= (int)sizeof dir)
		return;                       /* a path too long to name: leave them */
	DIR *dp = opendir(dir);
	if (!dp)
		return;
	struct dirent *e;
	while ((e = readdir(dp))) {
		size_t n = strlen(e->d_name);
		if (n < 10 || strncmp(e->d_name, "pack-", 5) != 0 || strcmp(e->d_name + n - 4, ".idx") != 0 ||
		    (n - 4 == strlen(keep) && strncmp(e->d_name, keep, n - 4) == 0))
			continue;
		char base[PATH_MAX + 300], path[PATH_MAX + 310];
		snprintf(base, sizeof base, "%s/%.*s", dir, (int)(n - 4), e->d_name);
		snprintf(path, sizeof path, "%s.idx", base);
		git_odb *old;
		if (repack_one_pack(s, path, &old))
			continue;             /* unreadable: leave it */
		struct all_in a = {fresh, 0};
		int rc = git_odb_foreach(old, check_in_fresh, &a);
		git_odb_free(old);
		if (rc < 0 || a.missing)
			continue;
		static const char *const ext[] = {".pack", ".rev", ".keep", ".idx"};  /* .idx last */
		for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
			snprintf(path, sizeof path, "%s%s", base, ext[i]);
			unlink(path);
		}
		out->packs_removed++;
	}
	closedir(dp);
}

int store_audit_repack(struct store *s, const struct user *u, struct repack_result *out)
{
	memset(out, 0, sizeof *out);
	if (!access_is_admin(u))
		return store_fail(s, STORE_EDENIED, "only an administrator may repack the history");
	git_oid head;
	if (audit_need(s))
		return STORE_EFAIL;
	if (git_reference_name_to_id(&head, s->repo, BRANCH) < 0)
		return store_fail(s, STORE_EINVAL, "the audit history has no commits yet: nothing to pack");
	int lock = -1, rc = store_flush(s);  /* what a crash left in the outbox goes in first */
	if (rc || (rc = audit_lock_file(s, "repack.lock", &lock)))
		return rc;
	char objects[PATH_MAX + 32], idx[PATH_MAX + 128];
	snprintf(objects, sizeof objects, "%s/audit.git/objects", s->dir);
	git_odb *fresh = NULL;
	if (!(rc = write_pack(s, out))) {
		snprintf(idx, sizeof idx, "%s/pack/%s.idx", objects, out->pack);
		rc = repack_one_pack(s, idx, &fresh);
	}
	if (!rc) {
		remove_loose(objects, fresh, out);
		remove_old_packs(s, objects, out->pack, fresh, out);
		git_odb *main_odb;
		if (git_repository_odb(&main_odb, s->repo) == 0) {
			git_odb_refresh(main_odb);
			git_odb_free(main_odb);
		}
	}
	git_odb_free(fresh);
	audit_unlock_file(&lock);
	return rc;
}
