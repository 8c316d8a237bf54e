/* list_rows.c — reading the households list's rows with keyset queries (list_rows.h).
 * Backwards: store_household_seek_back names the household k places before the first row
 * in plain register order, and a forward read from there (with the list's query) keeps
 * the matching rows before it; k grows until enough rows match. */
#include "tui/list_rows.h"
#include "core/codes.h"
#include "core/i18n.h"
#include "core/regions.h"
#include "core/workflow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lrow_from(const struct code_lists *lists, struct lrow *r, const struct household *h)
{
	memset(r, 0, sizeof *r);
	snprintf(r->id, sizeof r->id, "%s", h->id);
	snprintf(r->key, sizeof r->key, "%s\1%s\1%s\1%s", household_get(h, HF_COUNTY),
	         household_get(h, HF_TOWNCODE), household_get(h, HF_VILLCODE), household_get(h, HF_NO));
	r->version = h->version;
	r->size = h->nmembers;
	for (int m = 0; m < h->nmembers; m++)
		if (strcmp(member_get(&h->members[m], MF_RELATION), "head") == 0 || !r->head[0])
			snprintf(r->head, sizeof r->head, "%s", member_get(&h->members[m], MF_NAME));
	snprintf(r->village, sizeof r->village, "%s", household_get(h, HF_VILLAGE));
	const char *county = regions_county_name(household_get(h, HF_COUNTY));
	snprintf(r->place, sizeof r->place, "%s %s", county ? county : household_get(h, HF_COUNTY),
	         household_get(h, HF_TOWN));
	snprintf(r->no, sizeof r->no, "%s", household_get(h, HF_NO));
	model_value_onscreen(lists, HF_TYPE, household_get(h, HF_TYPE), r->type, sizeof r->type);
	snprintf(r->income, sizeof r->income, "%s", household_get(h, HF_INCOME));
	if (h->ncases > 0) {
		const struct hcase *c = &h->cases[h->ncases - 1];
		enum wf_state st;
		model_value_onscreen(lists, CF_CATEGORY, case_get(c, CF_CATEGORY), r->category, sizeof r->category);
		model_value_onscreen(lists, CF_RISKS, case_get(c, CF_RISKS), r->risks, sizeof r->risks);
		snprintf(r->state, sizeof r->state, "%s", c->state && workflow_state_parse(c->state, &st) == 0
		         ? codes_shown(workflow_state_label(st)) : (c->state ? c->state : ""));
	}
}

/* Does member m match text term t: its name holds t, or its ID number (as handed out,
 * masked) ends in t's digits. */
static int member_matches(const struct member *m, const char *t)
{
	const char *name = member_get(m, MF_NAME), *id = member_get(m, MF_ID);
	size_t tl = strlen(t), il = strlen(id);
	return strstr(name, t) || (tl && tl <= il && strcmp(id + il - tl, t) == 0);
}

void lrow_match(struct lrow *r, const struct household *h, const struct query *q)
{
	r->matched[0] = '\0';
	for (int i = 0; q && i < q->n; i++) {
		const char *t = q->terms[i].value;
		if (q->terms[i].kind != Q_TEXT || strstr(r->head, t))
			continue;
		for (int m = 0; m < h->nmembers; m++)
			if (strcmp(member_get(&h->members[m], MF_RELATION), "head") != 0 &&
			    member_matches(&h->members[m], t)) {
				snprintf(r->matched, sizeof r->matched, "%s", member_get(&h->members[m], MF_NAME));
				return;
			}
	}
}

/* A forward read that keeps the last `want` rows (a ring) and stops at the first row at
 * or after `stop` in register order. */
struct collect {
	struct lrow *ring;
	long want, count;
	const char *stop;
	int stopped;
	const struct code_lists *lists;
};

static int collect_row(void *ctx, const struct household *h)
{
	struct collect *c = ctx;
	struct lrow r;
	lrow_from(c->lists, &r, h);
	if (c->stop && strcmp(r.key, c->stop) >= 0) {
		c->stopped = 1;
		return 1;
	}
	c->ring[c->count % c->want] = r;
	c->count++;
	return 0;
}

/* The ring's rows in order into out (room for c->want); returns how many. */
static long ring_rows(const struct collect *c, struct lrow *out)
{
	long n = c->count < c->want ? c->count : c->want;
	long start = c->count <= c->want ? 0 : c->count % c->want;
	for (long i = 0; i < n; i++)
		out[i] = c->ring[(start + i) % c->want];
	return n;
}

/* Each round reads forwards from k households back (plain order) and keeps the matches
 * before `before`; a round costs one scan for its query, so there are at most three: a
 * near one (dense queries end here), a far one (skipped for one row: a search), then
 * from the start. */
long lrow_read_before(struct ui *ui, const struct query *q, const struct lrow *before,
                        long want, struct lrow *out, int *at_start)
{
	long k = 2 * (want < LIST_CHUNK ? LIST_CHUNK : want);
	struct lrow *ring = malloc((size_t)want * sizeof *ring);
	if (!ring) {
		ui_status(ui, 1, _("out of memory"));
		return -1;
	}
	for (int round = 0;; round++) {
		char anchor[32] = "";
		int rc = 0;
		if (round < 2 && !(round == 1 && want == 1))   /* a search goes to the start at once */
			rc = store_household_seek_back(ui->s, &ui->me, before ? before->id : NULL, k + 1,
			                               anchor, sizeof anchor);
		struct collect c = {ring, want, 0, before ? before->key : NULL, 0,
		                    store_code_lists(ui->s)};
		if (!rc)
			rc = store_household_rows(ui->s, &ui->me, q, anchor[0] ? anchor : NULL,
			                          anchor[0] ? k + 1 : 0, 0, collect_row, &c);
		if (rc) {
			free(ring);
			return ui_store_error(ui, rc);
		}
		if (c.count >= want || !anchor[0]) {
			*at_start = !anchor[0] && c.count <= want;
			long n = ring_rows(&c, out);
			free(ring);
			return n;
		}
		k *= 32;
	}
}

long lrow_read_after(struct ui *ui, const struct query *q, const char *after, long want,
                       struct lrow *out)
{
	struct collect c = {out, want, 0, NULL, 0, store_code_lists(ui->s)};
	int rc = store_household_rows(ui->s, &ui->me, q, after, want, 0, collect_row, &c);
	return rc ? ui_store_error(ui, rc) : c.count;
}
