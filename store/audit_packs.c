/* audit_packs.c — folding the small packs of single edits together. Every edit writes
 * its objects as one small pack (audit_bulk.c); a lookup of an object not in the pack
 * last used asks every pack's index, so once AUDIT_SMALL_PACKS packs under
 * SMALL_PACK_BYTES have gathered, the flush writes their objects into one new pack
 * (fsynced before anything is removed) and removes them. A crash part way leaves objects
 * twice, never missing. `audit repack` takes DIR/repack.lock and may remove packs: while
 * it runs (the lock is held) nothing is folded. */
#include "store/internal.h"
#include "core/grow.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define AUDIT_SMALL_PACKS 16
/* an edit's pack is stored, not compressed (audit_bulk.c): a town of 10,000 households
 * makes one of some 470 KB */
#define SMALL_PACK_BYTES (1024 * 1024)

struct small_packs {
	char (*base)[PATH_MAX + 64];   /* DIR/audit.git/objects/pack/pack-HEX, no extension */
	size_t n, cap;
};

/* The packs under SMALL_PACK_BYTES in dir. */
static int list_small(const char *dir, struct small_packs *p)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return -1;
	struct dirent *e;
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name);
		if (len < 10 || strncmp(e->d_name, "pack-", 5) != 0 || strcmp(e->d_name + len - 5, ".pack") != 0)
			continue;
		char path[PATH_MAX + 300];
		struct stat sb;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &sb) != 0 || sb.st_size >= SMALL_PACK_BYTES)
			continue;
		if (GROW(p->base, p->cap, p->n + 1, 32))
			break;
		snprintf(p->base[p->n++], sizeof *p->base, "%s/%.*s", dir, (int)(len - 5), e->d_name);
	}
	closedir(dp);
	return 0;
}

static int insert_one(const git_oid *id, void *payload)
{
	return git_packbuilder_insert(payload, id, NULL) < 0 ? -1 : 0;
}

/* Write every object of the packs into one new pack; its name into name. */
static int fold(struct store *s, const struct small_packs *p, char *name, size_t namelen)
{
	git_packbuilder *pb = NULL;
	int rc = git_packbuilder_new(&pb, s->repo) < 0 ? -1 : 0;
	if (!rc)
		git_packbuilder_set_threads(pb, 1);
	for (size_t i = 0; i < p->n && !rc; i++) {
		char idx[PATH_MAX + 80];
		git_odb *one;
		snprintf(idx, sizeof idx, "%s.idx", p->base[i]);
		if ((rc = repack_one_pack(s, idx, &one)))
			break;
		rc = git_odb_foreach(one, insert_one, pb) < 0 ? -1 : 0;
		git_odb_free(one);
	}
	if (rc) {
		git_packbuilder_free(pb);
		return store_gitfail(s, "folding the small packs");
	}
	if (!(rc = bulk_write_pack(s, pb)))
		snprintf(name, namelen, "pack-%s", git_packbuilder_name(pb));
	git_packbuilder_free(pb);
	return rc;
}

int audit_fold_small_packs(struct store *s)
{
	char dir[PATH_MAX + 32], lockpath[PATH_MAX + 16];
	struct small_packs p = {0};
	snprintf(dir, sizeof dir, "%s/audit.git/objects/pack", s->dir);
	if (list_small(dir, &p) || p.n < AUDIT_SMALL_PACKS) {
		free(p.base);
		return 0;
	}
	snprintf(lockpath, sizeof lockpath, "%s/repack.lock", s->dir);
	int lock = open(lockpath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0660);
	if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB) != 0) {   /* a repack runs: later */
		if (lock >= 0)
			close(lock);
		free(p.base);
		return 0;
	}
	char name[64] = "";
	int rc = fold(s, &p, name, sizeof name);
	for (size_t i = 0; i < p.n && !rc; i++) {
		const char *slash = strrchr(p.base[i], '/');
		if (strcmp(slash + 1, name) == 0)
			continue;   /* the new pack has the name of one folded (the same objects) */
		static const char *const ext[] = {".pack", ".rev", ".keep", ".idx"};  /* .idx last */
		for (size_t k = 0; k < sizeof ext / sizeof ext[0]; k++) {
			char path[PATH_MAX + 80];
			snprintf(path, sizeof path, "%s%s", p.base[i], ext[k]);
			unlink(path);
		}
	}
	flock(lock, LOCK_UN);
	close(lock);
	free(p.base);
	git_odb *odb;
	if (!rc && git_repository_odb(&odb, s->repo) == 0) {
		git_odb_refresh(odb);
		git_odb_free(odb);
	}
	return rc;
}
