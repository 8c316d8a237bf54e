/* demo.c — `bangfu demo`: the synthetic register of core/demo.c written as one audit
 * event through the import's bulk path (defer.c). Into a register that held no household
 * when the event began, every generated household is new (its 户编号 carries the run's
 * count), so each is written without the lookups an import needs for a file: no search
 * for a household with its 户编号, its town and village resolved only the first time
 * the run names the village (the rest are the edition's names, which demo_next already
 * gave), and its ids (H…, C…, M…, V…) counted on from the largest in the table, asked
 * once per prefix (household_save asked once per id: the same ids, since nothing else
 * writes inside the event). Into a register with households, each goes through the
 * import's write (import_synthetic: one already there keeps its casework). The
 * households are generated on a thread of their own, a piece ahead of their write. */
#include "store/internal.h"
#include "core/demo.h"
#include "core/register_ahead.h"
#include "core/strmap.h"
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a run into an empty register remembers between households. */
struct demo_run {
	struct strmap next;     /* id prefix → the next number to give */
	struct strmap places;   /* village codes resolved in this run */
};

/* The next id of `table` with `prefix` (7 digits) into out. */
static int next_id(struct store *s, struct demo_run *r, const char *table, const char *prefix,
                   char *out, size_t n)
{
	long v;
	if (!strmap_get(&r->next, prefix, &v)) {
		if (store_next_id(s, table, prefix, 7, out, n))
			return STORE_EFAIL;
		v = atol(out + strlen(prefix));
	}
	snprintf(out, n, "%s%07ld", prefix, v);
	return strmap_put(&r->next, prefix, v + 1) ? store_fail(s, STORE_EFAIL, "out of memory") : 0;
}

/* The ids household_save would give h, in its order (measures, visits, then cases). */
static int give_ids(struct store *s, struct demo_run *r, struct household *h)
{
	static const struct { enum subrec_kind k; const char *prefix; } subs[] = {
		{SUB_MEASURE, "M"}, {SUB_VISIT, "V"}};
	char id[20], prefix[16];
	for (size_t k = 0; k < sizeof subs / sizeof subs[0]; k++)
		for (int i = 0; i < h->nsub[subs[k].k]; i++) {
			if (next_id(s, r, subrec_info(subs[k].k)->table, subs[k].prefix, id, sizeof id))
				return STORE_EFAIL;
			if (model_strset(&h->sub[subs[k].k][i].v[0], id))
				return store_fail(s, STORE_EFAIL, "out of memory");
		}
	snprintf(prefix, sizeof prefix, "H%s", household_get(h, HF_COUNTY));
	if (next_id(s, r, "households", prefix, h->id, sizeof h->id))
		return STORE_EFAIL;
	for (int c = 0; c < h->ncases; c++)
		if (next_id(s, r, "cases", "C", h->cases[c].id, sizeof h->cases[c].id))
			return STORE_EFAIL;
	return 0;
}

/* One generated household into a register that held none when the event began. */
static int write_new(struct store *s, struct demo_run *r, struct household *h,
                     struct import_result *res)
{
	int rc;
	long seen;
	const char *village = household_get(h, HF_VILLCODE);
	/* the demo's households carry no income year (import_income_year: ""), so no income
	 * row is added, as import_one's import_income leaves none */
	if (!strmap_get(&r->places, village, &seen)) {
		if ((rc = regions_resolve(s, h, 1)))
			return rc;
		if (strmap_put(&r->places, village, 1))
			return store_fail(s, STORE_EFAIL, "out of memory");
	}
	if ((rc = give_ids(s, r, h)) || (rc = household_save(s, h, 0)) ||
	    (rc = household_text_file(s, h)))
		return rc;
	res->households_new++;
	res->members += h->nmembers;
	return 0;
}

/* Households generated a piece at a time on a thread of their own (core/register_ahead.c),
 * ahead of their write: the generator's draws in the same order as one thread made them. */
#define DEMO_PIECE 500

struct demo_make {
	struct demo d;
	long n, made;
};

/* The next piece of the run (the making thread's); 1: the last. A household that could
 * not be made ends the piece (p->rc): those before it are written, as one thread did. */
static int make_piece(void *ctx, struct ahead_piece *p)
{
	struct demo_make *m = ctx;
	long want = m->n - m->made < DEMO_PIECE ? m->n - m->made : DEMO_PIECE;
	if (want <= 0)
		return 1;
	if (!(p->b.households = calloc((size_t)want, sizeof *p->b.households)))
		return p->rc = -1, 1;
	p->got = 1;
	for (long i = 0; i < want; i++, m->made++) {
		if (demo_next(&m->d, &p->b.households[i])) {
			household_free(&p->b.households[i]);
			return p->rc = -1, 1;
		}
		p->b.nhouseholds++;
	}
	return m->made >= m->n;
}

/* Write every household of the run as it comes from the making thread. */
static int write_run(struct store *s, struct demo_make *m, struct import_result *res)
{
	struct ahead *a;
	struct demo_run run = {{0}, {0}};
	int empty = store_import_fresh(s), rc = 0;
	long i = 0;
	if (ahead_start(&a, make_piece, m, NULL, NULL))
		return store_fail(s, STORE_EFAIL, "out of memory");
	struct ahead_piece *p;
	while (!rc && (p = ahead_next(a, NULL, NULL))) {
		for (int k = 0; k < p->b.nhouseholds && !rc; k++) {
			struct household *h = &p->b.households[k];
			store_progress(s, N_("households"), ++i, m->n);
			rc = empty ? write_new(s, &run, h, res) : import_synthetic(s, h, res);
		}
		if (!rc && p->rc)
			rc = store_fail(s, STORE_EFAIL, "out of memory");
	}
	ahead_free(a);   /* the households are freed on the thread that made them */
	strmap_free(&run.next);
	strmap_free(&run.places);
	return rc;
}

int store_demo(struct store *s, const struct user *u, long n, unsigned long seed,
               struct import_result *res)
{
	struct demo_make m = {.n = n};
	char why[96];
	memset(res, 0, sizeof *res);
	if (!access_is_admin(u))
		return store_fail(s, STORE_EDENIED, "only an administrator may load demo data");
	if (confine_root_only(s, "bangfu demo"))
		return STORE_EDENIED;
	/* bulk path: keep some freed memory instead of trimming the heap after every
	 * household (64/128 MiB kept up to 128 MiB of freed memory in the peak) */
	mallopt(M_TOP_PAD, 8 << 20);
	mallopt(M_TRIM_THRESHOLD, 16 << 20);
	snprintf(why, sizeof why, "synthetic demo register: %ld households, seed %lu", n, seed);
	char subject[64];
	snprintf(subject, sizeof subject, "%ld synthetic households", n);
	if (write_begin(s, u, "demo", subject, why))
		return STORE_EFAIL;
	if (write_close(s, defer_begin(s)))
		return STORE_EFAIL;
	demo_init(&m.d, seed, s->today);
	int rc = write_run(s, &m, res);
	demo_free(&m.d);
	store_progress(s, NULL, 0, 0);
	if (rc || (rc = defer_end(s))) {
		write_rollback(s);
		return rc;
	}
	return write_commit(s);
}
