/* audit_packw.c — objects streamed into pack files on disk, for a large event (an
 * import, the demo): each object is hashed (git_odb_hash, as libgit2 names objects),
 * deflated once and appended to a pack under a temporary name; its index (version 2) is
 * written from the offsets and CRCs kept, with no second read of the objects and no
 * delta search (libgit2's packbuilder searched deltas on every core and its indexer
 * inflated and hashed every object again: most of the flush's time). Every PACKW_CHUNK
 * objects the pack is finished and a new one begun, so memory stays bounded. The
 * compression and the writing run on a thread of their own, a batch of objects behind
 * the caller (hashing stays with the caller, which needs the id at once): zlib's cost is
 * some 9 µs an object whatever its level, a sixth of an import's time. A
 * finished pack and its index are synced under temporary names and named only by
 * packw_end, every pack of the writer then (pack-<checksum>.pack, then .idx), and the
 * directory synced: both files are on disk before the branch can point at what they
 * hold, and a writer freed before its end (an import refused or rolled back) leaves no
 * pack at all: packw_free removes what it wrote. A crash leaves tmp_pack_ files
 * (audit_stale.c removes them) or packs no branch names (harmless; `audit repack` drops
 * them). */
#include "store/fd_write.h"
#include "store/internal.h"
#include "core/grow.h"
#include <errno.h>
#include <fcntl.h>
#include "store/crypto_lazy.h"
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define PACKW_CHUNK 200000      /* objects a pack (~7 MB of offsets and ids held) */
#define PACKW_BUF (256 << 10)   /* bytes written at a time */
#define PACKW_LEVEL 1           /* zlib level: the texts are small, speed matters more */
#define PACKW_MEMLEVEL 4        /* a 4 KB hash, cleared for every object (8: 64 KB) */
#define PACKW_JOB (1 << 20)     /* bytes of objects handed to the thread at a time */

struct packw_entry {
	git_oid id;             /* set by the caller */
	uint32_t crc;           /* these two by the thread */
	uint64_t off;
};

/* A batch of objects for the thread: records of type (1 byte), size (8), the bytes. */
struct job {
	unsigned char *p;
	size_t len, cap;
	size_t first;           /* the entry of its first object */
};

/* The thread that compresses and writes; the caller fills `fill` while it works on
 * `todo` (busy), and waits for it to go idle before it touches the file itself. */
struct packw_worker {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct job jobs[2], *fill, *todo;
	int busy, stop, err;    /* err: the errno of a failed write, or EIO */
};

static void *worker(void *arg);
static int submit(struct packw *w);
static int drain(struct packw *w);

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int fail_errno(struct packw *w, const char *what)
{
	char where[sizeof w->tmp + 64];
	int e = errno;
	snprintf(where, sizeof where, "%s: %s", w->tmp, what);
	errno = e;
	return store_errnofail(w->s, where);
}


/* Write out what w->buf holds: 0, or -1 with errno set. */
static int flush_buf(struct packw *w)
{
	if (w->blen && fd_write_all(w->fd, w->buf, w->blen))
		return -1;
	w->blen = 0;
	return 0;
}

/* Append to the file through w->buf: 0, or -1 with errno set. */
static int put(struct packw *w, const void *p, size_t n)
{
	const unsigned char *c = p;
	while (n) {
		if (w->blen == PACKW_BUF && flush_buf(w))
			return -1;
		size_t k = PACKW_BUF - w->blen < n ? PACKW_BUF - w->blen : n;
		memcpy(w->buf + w->blen, c, k);
		w->blen += k;
		w->off += k;
		c += k;
		n -= k;
	}
	return 0;
}

int packw_begin(struct store *s, git_repository *repo, struct packw *w)
{
	memset(w, 0, sizeof *w);
	w->s = s;
	w->repo = repo;
	w->fd = -1;
	char why[256];
	if (crypto_lazy_load(why, sizeof why))   /* its SHA-1, before any file is made */
		return store_fail(s, STORE_EFAIL, "the pack writer cannot load libcrypto: %s", why);
	snprintf(w->dir, sizeof w->dir, "%s/audit.git/objects/pack", s->dir);
	/* the entries never move while the thread fills in offsets: a pack's worth at once */
	w->chunk = PACKW_CHUNK;
#ifdef BANGFU_TEST_HOOKS
	const char *chunk = getenv("BANGFU_TEST_PACK_CHUNK");   /* packs of a few objects */
	if (chunk && atoi(chunk) > 0)
		w->chunk = (size_t)atoi(chunk);
#endif
	if (!(w->buf = malloc(PACKW_BUF)) || !(w->e = calloc(w->chunk, sizeof *w->e)) ||
	    !(w->wk = calloc(1, sizeof *w->wk)))
		return store_fail(s, STORE_EFAIL, "out of memory");
	if (!(w->z = calloc(1, sizeof *w->z)) || deflateInit2(w->z, PACKW_LEVEL, Z_DEFLATED, 15, PACKW_MEMLEVEL,
	                                                 Z_DEFAULT_STRATEGY) != Z_OK) {
		free(w->z);
		w->z = NULL;
		return store_fail(s, STORE_EFAIL, "out of memory (zlib)");
	}
	struct packw_worker *k = w->wk;
	k->fill = &k->jobs[0];
	pthread_mutex_init(&k->mu, NULL);
	pthread_cond_init(&k->work, NULL);
	pthread_cond_init(&k->done, NULL);
	/* the thread takes no signal: SIGINT and the like go to the caller, which holds
	 * them off while the history is written (write_hold_signals) */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	int started = pthread_create(&k->th, NULL, worker, w) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!started) {
		pthread_cond_destroy(&k->done);
		pthread_cond_destroy(&k->work);
		pthread_mutex_destroy(&k->mu);
		free(k);
		w->wk = NULL;
		return store_fail(s, STORE_EFAIL, "cannot start the pack writer's thread");
	}
	return 0;
}

/* A new file under a temporary name, read-only once named as libgit2 writes packs: the
 * group's, nothing for others (the repository is 02770). */
static int tmp_open(struct packw *w)
{
	snprintf(w->tmp, sizeof w->tmp, "%s/tmp_pack_XXXXXX", w->dir);
	if ((w->fd = mkstemp(w->tmp)) < 0) {
		w->tmp[0] = 0;
		return store_fail(w->s, STORE_EFAIL, "%s: cannot create a pack: %s", w->dir, strerror(errno));
	}
	fchmod(w->fd, 0440);
	w->off = 0;
	return 0;
}

/* A new pack under a temporary name: its header's count is written when it ends. */
static int pack_open(struct packw *w)
{
	if (tmp_open(w))
		return STORE_EFAIL;
	w->n = 0;
	w->wk->fill->first = 0;   /* the thread is idle: the last pack was drained */
	if (w->slots)
		memset(w->slots, 0, w->nslots * sizeof *w->slots);
	static const unsigned char head[12] = {'P', 'A', 'C', 'K', 0, 0, 0, 2, 0, 0, 0, 0};
	return put(w, head, sizeof head) ? fail_errno(w, "cannot write it") : 0;
}

/* The open-addressed set of the pack's ids (an object is written once a pack). */
static size_t slot_of(const struct packw *w, const git_oid *id)
{
	size_t mask = w->nslots - 1, i;
	memcpy(&i, id->id, sizeof i);
	for (i &= mask; w->slots[i] && !git_oid_equal(&w->e[w->slots[i] - 1].id, id); i = (i + 1) & mask)
		;
	return i;
}

static int seen(struct packw *w, const git_oid *id, size_t *slot)
{
	if ((w->n + 1) * 2 > w->nslots) {   /* rehash at half full */
		size_t n = w->nslots ? w->nslots * 2 : 1024;
		uint32_t *old = w->slots;
		size_t oldn = w->nslots;
		if (!(w->slots = calloc(n, sizeof *w->slots))) {
			w->slots = old;
			return store_fail(w->s, STORE_EFAIL, "out of memory");
		}
		w->nslots = n;
		for (size_t i = 0; i < oldn; i++)
			if (old[i])
				w->slots[slot_of(w, &w->e[old[i] - 1].id)] = old[i];
		free(old);
	}
	*slot = slot_of(w, id);
	return w->slots[*slot] != 0;
}

static int sha1(const unsigned char *p, size_t n, EVP_MD_CTX *c)
{
	return EVP_DigestUpdate(c, p, n) == 1 ? 0 : -1;
}

/* The pack's trailer: the SHA-1 of all it holds, read back from the file. */
static int pack_trailer(struct packw *w, unsigned char out[20])
{
	unsigned char head[4];
	put32(head, (uint32_t)w->n);
	if (flush_buf(w) || pwrite(w->fd, head, 4, 8) != 4)
		return fail_errno(w, "cannot write it");
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	int rc = !c || EVP_DigestInit_ex(c, EVP_sha1(), NULL) != 1;
	for (uint64_t at = 0; !rc && at < w->off;) {
		ssize_t k = pread(w->fd, w->buf, PACKW_BUF, (off_t)at);
		if (k <= 0 || sha1(w->buf, (size_t)k, c))
			rc = -1;
		at += k > 0 ? (uint64_t)k : 0;
	}
	unsigned int len = 0;
	rc = rc || EVP_DigestFinal_ex(c, out, &len) != 1;
	EVP_MD_CTX_free(c);
	if (rc)
		return fail_errno(w, "cannot read it back");
	return put(w, out, 20) || flush_buf(w) ? fail_errno(w, "cannot write it") : 0;
}

static int cmp_entry(const void *a, const void *b)
{
	return git_oid_cmp(&((const struct packw_entry *)a)->id, &((const struct packw_entry *)b)->id);
}

/* Append to the index being written, hashing what is appended. */
static int idx_put(struct packw *w, EVP_MD_CTX *c, const void *p, size_t n)
{
	if (sha1(p, n, c))
		return store_fail(w->s, STORE_EFAIL, "hashing the pack index");
	return put(w, p, n) ? fail_errno(w, "cannot write it") : 0;
}

/* The index (version 2) of the pack whose trailer is sum, into w->fd. */
static int write_index(struct packw *w, const unsigned char sum[20])
{
	unsigned char b[8];
	uint32_t fan[256] = {0};
	size_t large = 0;
	qsort(w->e, w->n, sizeof *w->e, cmp_entry);
	for (size_t i = 0; i < w->n; i++)
		fan[w->e[i].id.id[0]]++;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	int rc = !c || EVP_DigestInit_ex(c, EVP_sha1(), NULL) != 1 ? STORE_EFAIL : 0;
	static const unsigned char head[8] = {0xff, 't', 'O', 'c', 0, 0, 0, 2};
	if (!rc)
		rc = idx_put(w, c, head, sizeof head);
	for (uint32_t i = 0, sum_n = 0; i < 256 && !rc; i++) {
		sum_n += fan[i];
		put32(b, sum_n);
		rc = idx_put(w, c, b, 4);
	}
	for (size_t i = 0; i < w->n && !rc; i++)
		rc = idx_put(w, c, w->e[i].id.id, GIT_OID_RAWSZ);
	for (size_t i = 0; i < w->n && !rc; i++) {
		put32(b, w->e[i].crc);
		rc = idx_put(w, c, b, 4);
	}
	for (size_t i = 0; i < w->n && !rc; i++) {
		uint64_t off = w->e[i].off;
		put32(b, off < 0x80000000u ? (uint32_t)off : 0x80000000u | (uint32_t)large++);
		rc = idx_put(w, c, b, 4);
	}
	for (size_t i = 0; i < w->n && !rc; i++)
		if (w->e[i].off >= 0x80000000u) {
			put32(b, (uint32_t)(w->e[i].off >> 32));
			put32(b + 4, (uint32_t)w->e[i].off);
			rc = idx_put(w, c, b, 8);
		}
	unsigned char own[20];
	unsigned int len = 0;
	if (!rc)
		rc = idx_put(w, c, sum, 20);
	if (!rc && EVP_DigestFinal_ex(c, own, &len) != 1)
		rc = store_fail(w->s, STORE_EFAIL, "hashing the pack index");
	EVP_MD_CTX_free(c);
	if (!rc && (put(w, own, 20) || flush_buf(w)))
		rc = fail_errno(w, "cannot write it");
	return rc;
}

/* Sync the file and close it, keeping its temporary name in kept (named by packw_end). */
static int sync_keep(struct packw *w, char *kept, size_t n)
{
	int rc = fsync(w->fd);
	close(w->fd);
	w->fd = -1;
	if (rc)
		return fail_errno(w, "cannot sync it");
	const char *base = strrchr(w->tmp, '/');   /* tmp_pack_XXXXXX (tmp_open) */
	base = base ? base + 1 : w->tmp;
	if (strlen(base) >= n) {
		errno = ENAMETOOLONG;
		return fail_errno(w, "cannot keep its name");
	}
	memcpy(kept, base, strlen(base) + 1);
	w->tmp[0] = 0;
	return 0;
}

/* Finish the open pack: trailer and index, each synced under its temporary name. */
static int pack_close(struct packw *w)
{
	unsigned char sum[20];
	git_oid sid;
	if (GROW(w->done, w->cap_done, w->ndone + 1, 8))
		return store_fail(w->s, STORE_EFAIL, "out of memory");
	struct packw_done *d = &w->done[w->ndone];
	memset(d, 0, sizeof *d);
	if (submit(w) || drain(w) || pack_trailer(w, sum))
		return STORE_EFAIL;
	git_oid_fromraw(&sid, sum);
	git_oid_tostr(d->hex, sizeof d->hex, &sid);
	w->ndone++;   /* from here packw_free removes what is kept of it */
	if (sync_keep(w, d->pack, sizeof d->pack) || tmp_open(w) || write_index(w, sum) ||
	    sync_keep(w, d->idx, sizeof d->idx))
		return STORE_EFAIL;
	w->packs++;
	w->n = 0;
	return 0;
}

/* Name every finished pack (the pack, then its index: libgit2 finds a pack through its
 * index) and sync the directory. */
static int name_packs(struct packw *w)
{
	char from[PATH_MAX + 64], to[PATH_MAX + 96];
	for (size_t i = 0; i < w->ndone; i++) {
		struct packw_done *d = &w->done[i];
		const char *kept[2] = {d->pack, d->idx}, *ext[2] = {"pack", "idx"};
		for (int k = 0; k < 2; k++) {
			snprintf(from, sizeof from, "%s/%s", w->dir, kept[k]);
			snprintf(to, sizeof to, "%s/pack-%s.%s", w->dir, d->hex, ext[k]);
			if (rename(from, to))
				return fail_errno(w, "cannot name it");
			((char *)kept[k])[0] = 0;   /* named: no longer packw_free's to remove */
		}
	}
	w->ndone = 0;
	int dfd = open(w->dir, O_RDONLY | O_CLOEXEC);
	int rc = dfd < 0 || fsync(dfd) != 0;
	if (dfd >= 0)
		close(dfd);
	if (rc)
		return store_fail(w->s, STORE_EFAIL, "%s: cannot sync it: %s", w->dir, strerror(errno));
	return 0;
}

/* The pack entry's header: type and inflated size, 7 bits a byte after the first 4. */
static size_t entry_head(unsigned char *h, git_object_t type, size_t len)
{
	size_t i = 0;
	unsigned char c = (unsigned char)(((unsigned)type << 4) | (len & 15));
	for (len >>= 4; len; len >>= 7) {
		h[i++] = c | 0x80;
		c = len & 0x7f;
	}
	h[i++] = c;
	return i;
}

/* The thread's work: compress and append each object of a job, noting its offset and
 * CRC. 0, or an errno. */
static int write_job(struct packw *w, const struct job *jb)
{
	unsigned char head[16], z[16384];
	size_t idx = jb->first;
	for (size_t at = 0; at < jb->len; idx++) {
		git_object_t type = (git_object_t)jb->p[at];
		uint64_t len;
		memcpy(&len, jb->p + at + 1, sizeof len);
		const unsigned char *data = jb->p + at + 9;
		at += 9 + len;
		struct packw_entry *e = &w->e[idx];
		e->off = w->off;
		size_t hn = entry_head(head, type, (size_t)len);
		uLong crc = crc32(0L, head, (uInt)hn);
		if (put(w, head, hn))
			return errno;
		if (deflateReset(w->z) != Z_OK)
			return EIO;
		w->z->next_in = (Bytef *)(uintptr_t)data;
		w->z->avail_in = (uInt)len;
		int zr;
		do {
			w->z->next_out = z;
			w->z->avail_out = sizeof z;
			zr = deflate(w->z, Z_FINISH);
			if (zr == Z_STREAM_ERROR)
				return EIO;
			size_t k = sizeof z - w->z->avail_out;
			crc = crc32(crc, z, (uInt)k);
			if (put(w, z, k))
				return errno;
		} while (zr != Z_STREAM_END);
		e->crc = (uint32_t)crc;
	}
	return 0;
}

static void *worker(void *arg)
{
	struct packw *w = arg;
	struct packw_worker *k = w->wk;
	pthread_mutex_lock(&k->mu);
	for (;;) {
		while (!k->busy && !k->stop)
			pthread_cond_wait(&k->work, &k->mu);
		if (!k->busy)
			break;
		struct job *jb = k->todo;
		int err = k->err;
		pthread_mutex_unlock(&k->mu);
		if (!err)   /* after a failure the rest is dropped: the pack is abandoned */
			err = write_job(w, jb);
		pthread_mutex_lock(&k->mu);
		jb->len = 0;
		k->err = err;
		k->busy = 0;
		pthread_cond_signal(&k->done);
	}
	pthread_mutex_unlock(&k->mu);
	return NULL;
}

/* Wait for the thread to be idle; 0, or its failure reported. */
static int drain(struct packw *w)
{
	struct packw_worker *k = w->wk;
	pthread_mutex_lock(&k->mu);
	while (k->busy)
		pthread_cond_wait(&k->done, &k->mu);
	int err = k->err;
	pthread_mutex_unlock(&k->mu);
	if (!err)
		return 0;
	errno = err;
	return fail_errno(w, "cannot write it");
}

/* Hand the filled job to the thread (once it is done with the other). */
static int submit(struct packw *w)
{
	struct packw_worker *k = w->wk;
	if (k->fill->len == 0)
		return 0;
	if (drain(w))
		return STORE_EFAIL;
	pthread_mutex_lock(&k->mu);
	k->todo = k->fill;
	k->fill = k->fill == &k->jobs[0] ? &k->jobs[1] : &k->jobs[0];
	k->fill->first = w->n;
	k->busy = 1;
	pthread_cond_signal(&k->work);
	pthread_mutex_unlock(&k->mu);
	return 0;
}

int packw_add(struct packw *w, git_object_t type, const void *data, size_t len, git_oid *out)
{
	size_t slot = 0;
	if (git_odb_hash(out, data, len, type) < 0)
		return store_gitfail(w->s, "hashing an object");
	if (w->fd < 0 && pack_open(w))
		return STORE_EFAIL;
	if (seen(w, out, &slot))
		return 0;
	struct job *jb = w->wk->fill;
	if (GROW(jb->p, jb->cap, jb->len + 9 + len, PACKW_JOB))
		return store_fail(w->s, STORE_EFAIL, "out of memory");
	uint64_t len64 = len;
	jb->p[jb->len] = (unsigned char)type;
	memcpy(jb->p + jb->len + 1, &len64, sizeof len64);
	memcpy(jb->p + jb->len + 9, data, len);
	jb->len += 9 + len;
	w->e[w->n].id = *out;
	w->slots[slot] = (uint32_t)++w->n;
	if (jb->len >= PACKW_JOB && submit(w))
		return STORE_EFAIL;
	return w->n >= w->chunk ? pack_close(w) : 0;
}

int packw_end(struct packw *w)
{
	if ((w->fd >= 0 && pack_close(w)) || name_packs(w))
		return STORE_EFAIL;
	git_odb *odb;   /* let the handle see the packs just written */
	if (w->packs && w->repo && git_repository_odb(&odb, w->repo) == 0) {
		git_odb_refresh(odb);
		git_odb_free(odb);
	}
	return 0;
}

void packw_free(struct packw *w)
{
	struct packw_worker *k = w->wk;
	if (k) {   /* the thread ends once it has finished what it holds */
		pthread_mutex_lock(&k->mu);
		k->stop = 1;
		pthread_cond_signal(&k->work);
		pthread_mutex_unlock(&k->mu);
		pthread_join(k->th, NULL);
		pthread_cond_destroy(&k->done);
		pthread_cond_destroy(&k->work);
		pthread_mutex_destroy(&k->mu);
		free(k->jobs[0].p);
		free(k->jobs[1].p);
		free(k);
	}
	if (w->fd >= 0)
		close(w->fd);
	if (w->tmp[0])
		unlink(w->tmp);   /* an unfinished pack or index */
	char path[PATH_MAX + 64];
	for (size_t i = 0; i < w->ndone; i++)   /* finished, never named: not wanted */
		for (int j = 0; j < 2; j++) {
			const char *kept = j ? w->done[i].idx : w->done[i].pack;
			snprintf(path, sizeof path, "%s/%s", w->dir, kept);
			if (kept[0])
				unlink(path);
		}
	free(w->done);
	if (w->z)
		deflateEnd(w->z);
	free(w->z);
	free(w->buf);
	free(w->e);
	free(w->slots);
	memset(w, 0, sizeof *w);
	w->fd = -1;
}
