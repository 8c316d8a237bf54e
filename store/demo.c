/* demo.c — `bangfu demo`: the synthetic register of core/demo.c written as one audit
 * event through the import's bulk path (defer.c). Into a register that held no household
 * when the event began, every generated household is new (its 户编号 carries the run's
 * count), so each is written without the lookups an import needs for a file: no search
 * for a household with its 户编号, its town and village resolved only the first time
 * the run names the village (the rest are the edition's names, which demo_next already
 * gave), and its ids (H…, C…, M…, V…) counted on from the largest in the table, asked
 * once per prefix (household_save asked once per id: the same ids, since nothing else
 * writes inside the event). Into a register with households, each goes through the
 * import's write (import_synthetic: one already there keeps its casework). */
#include "store/internal.h"
#include "core/demo.h"
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

int store_demo(struct store *s, const struct user *u, long n, unsigned long seed,
               struct import_result *res)
{
	struct demo d;
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
	int empty = store_import_fresh(s);
	struct demo_run run = {{0}, {0}};
	demo_init(&d, seed, s->today);
	int rc = 0;
	for (long i = 0; i < n && !rc; i++) {
		struct household h;
		store_progress(s, N_("households"), i + 1, n);
		if (demo_next(&d, &h))
			rc = store_fail(s, STORE_EFAIL, "out of memory");
		else
			rc = empty ? write_new(s, &run, &h, res) : import_synthetic(s, &h, res);
		household_free(&h);
	}
	demo_free(&d);
	strmap_free(&run.next);
	strmap_free(&run.places);
	store_progress(s, NULL, 0, 0);
	if (rc || (rc = defer_end(s))) {
		write_rollback(s);
		return rc;
	}
	return write_commit(s);
}
