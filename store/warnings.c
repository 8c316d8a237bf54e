/* warnings.c — department warnings (部门筛查预警) matched to the register by ID number:
 * on a household with an open case the warning is attached to that case; on another
 * household it opens a lead (the 15-day clock starts on the warning's date); a row that
 * matches nobody is returned for follow-up. A warning already imported (same ID number,
 * kind, date, department and amount) is skipped, so importing a file twice adds nothing
 * the second time. All changes of one file are one audit event. */
#include "store/kinds.h"
#include "core/grow.h"
#include "core/strmap.h"
#include "core/warning_file.h"
#include "core/workflow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The risk a lead opened from a warning of this kind records: the shipped kinds map to
 * their risk, an added kind to the risk with the same code if the lists have one. */
static const char *risk_of(const struct code_lists *lists, const char *kind)
{
	static const struct { const char *kind, *risk; } map[] = {
		{"medical", "illness"}, {"disaster", "disaster"}, {"disability", "disability"},
		{"unemployment", "employment"}, {"dropout", "schooling"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i].kind, kind) == 0)
			return map[i].risk;
	return code_lists_label(lists, &codes_risk, kind) ? kind : "other";
}

/* 1 if found, 0 if not, -1 on error. */
static int already_imported(struct store *s, const char *fingerprint)
{
	int rc = db_lookup(s, NULL, 0, "SELECT 1 FROM warnings WHERE fingerprint = ?", fingerprint, NULL);
	return rc == 0 ? 1 : rc == STORE_ENOTFOUND ? 0 : -1;
}

static int in_memory(const struct household *h, const char *fingerprint)
{
	for (int i = 0; i < h->nsub[SUB_WARNING]; i++)
		if (strcmp(subrec_get(&h->sub[SUB_WARNING][i], SUB_WARNING, "fingerprint"), fingerprint) == 0)
			return 1;
	return 0;
}

/* 1 if found (household id in hid), 0 if not, -1 on error. */
static int owner_of(struct store *s, const char *id_number, char *hid, size_t n)
{
	int rc = db_lookup(s, hid, n, "SELECT household_id FROM members WHERE id_number = ?",
	                   id_number, NULL);
	return rc == 0 ? 1 : rc == STORE_ENOTFOUND ? 0 : -1;
}

struct batch {
	struct household *h;
	int n, cap;
	struct strmap index;   /* household id → h[] */
	long next_warning;     /* numeric part of the next W id */
};

/* The household `hid` loaded into the batch (once). */
static struct household *batch_household(struct store *s, struct batch *b, const char *hid)
{
	long i;
	if (strmap_get(&b->index, hid, &i))
		return &b->h[i];
	if (GROW(b->h, b->cap, b->n + 1, 16))
		return NULL;
	if (household_load(s, hid, &b->h[b->n]) || strmap_put(&b->index, hid, b->n))
		return NULL;
	return &b->h[b->n++];
}

static int attach(struct store *s, struct batch *b, struct household *h, const struct warning_row *w,
                  const char *case_id, const char *outcome)
{
	char id[16];
	snprintf(id, sizeof id, "W%07ld", b->next_warning++);
	struct subrec *r = household_add_subrec(h, SUB_WARNING);
	if (!r || subrec_set(r, SUB_WARNING, "id", id) || subrec_set(r, SUB_WARNING, "case_id", case_id) ||
	    subrec_set(r, SUB_WARNING, "fingerprint", w->fingerprint) ||
	    subrec_set(r, SUB_WARNING, "id_number", w->id_number) ||
	    subrec_set(r, SUB_WARNING, "name", w->name) || subrec_set(r, SUB_WARNING, "kind", w->kind) ||
	    subrec_set(r, SUB_WARNING, "amount", w->amount) || subrec_set(r, SUB_WARNING, "date", w->date) ||
	    subrec_set(r, SUB_WARNING, "department", w->department) ||
	    subrec_set(r, SUB_WARNING, "note", w->note) || subrec_set(r, SUB_WARNING, "outcome", outcome))
		return store_fail(s, STORE_EFAIL, "out of memory");
	return 0;
}

/* Match one row; *out says what happened to it. */
static int match_row(struct store *s, const struct user *u, struct batch *b,
                     const struct warning_row *w, const char *why, struct warning_result *out)
{
	char hid[32];
	int found = owner_of(s, w->id_number, hid, sizeof hid);
	if (found < 0)
		return STORE_EFAIL;
	if (!found) {
		out->what = WARNING_UNMATCHED;
		return 0;
	}
	struct household *h = batch_household(s, b, hid);
	if (!h)
		return store_fail(s, STORE_EFAIL, "reading household %s: %s", hid, s->err);
	if (!access_in_scope(u, household_get(h, HF_VILLCODE))) {
		out->what = WARNING_UNMATCHED;   /* the same: no oracle */
		return 0;
	}
	int dup = already_imported(s, w->fingerprint);
	if (dup < 0)
		return STORE_EFAIL;
	if (dup || in_memory(h, w->fingerprint)) {
		out->what = WARNING_ALREADY;
		snprintf(out->household, sizeof out->household, "%s", hid);
		return 0;
	}
	int open = case_open_index(h);
	if (open >= 0) {
		out->what = WARNING_ATTACHED;
		snprintf(out->household, sizeof out->household, "%s", h->id);
		snprintf(out->case_id, sizeof out->case_id, "%s", h->cases[open].id);
		return attach(s, b, h, w, h->cases[open].id, "attached");
	}
	const char *category = strcmp(household_get(h, HF_TYPE), "lifted") == 0 ? "unstable"
	                     : strcmp(w->kind, "medical") == 0 || strcmp(w->kind, "disaster") == 0 ? "sudden"
	                     : "marginal";
	char note[600], case_id[16];
	const char *kind = code_lists_label(&s->lists, &codes_warning_kind, w->kind);
	snprintf(note, sizeof note, "部门预警 %s %s", kind ? kind : w->kind, w->note);
	struct case_open o = {.category = category, .source = "department", .risks = risk_of(&s->lists, w->kind),
	                      .disaster = strcmp(w->kind, "disaster") == 0 ? "other" : NULL,
	                      .note = note, .date = w->date};
	int rc = cases_open_in(s, u, h, &o, why, case_id, sizeof case_id);
	if (rc)
		return rc;
	out->what = WARNING_OPENED;
	snprintf(out->household, sizeof out->household, "%s", h->id);
	snprintf(out->case_id, sizeof out->case_id, "%s", case_id);
	return attach(s, b, h, w, case_id, "opened lead");
}

int store_import_warnings(struct store *s, const struct user *u, const struct warning_row *rows,
                          int n, const char *why,
                          void (*result)(void *ctx, const struct warning_row *w,
                                         const struct warning_result *r),
                          void *ctx, int *changed)
{
	struct batch b = {0};
	char first[16];
	int rc = 0;
	*changed = 0;
	if (!access_may_write(u))
		return store_fail(s, STORE_EDENIED, "an %s may not import", access_role_code(u->role));
	if (store_next_id(s, "warnings", "W", 7, first, sizeof first))
		return STORE_EFAIL;
	b.next_warning = atol(first + 1);
	long before = b.next_warning;
	struct warning_result *outcomes = calloc((size_t)n + 1, sizeof *outcomes);
	if (!outcomes)
		return store_fail(s, STORE_EFAIL, "out of memory");
	for (int i = 0; i < n && !rc; i++)
		rc = match_row(s, u, &b, &rows[i], why, &outcomes[i]);
	if (!rc && b.next_warning > before) {
		char subject[64];
		snprintf(subject, sizeof subject, "%ld warnings", b.next_warning - before);
		rc = write_begin(s, u, "import warnings", subject, why);
		for (int i = 0; !rc && i < b.n; i++)
			if (b.h[i].nsub[SUB_WARNING] && !(rc = household_save(s, &b.h[i], b.h[i].version)))
				rc = household_text_file(s, &b.h[i]);
		if (rc)
			write_rollback(s);
		else
			rc = write_commit(s);
		*changed = (int)(b.next_warning - before);
	}
	for (int i = 0; !rc && i < n; i++)
		result(ctx, &rows[i], &outcomes[i]);
	for (int i = 0; i < b.n; i++)
		household_free(&b.h[i]);
	free(b.h);
	free(outcomes);
	strmap_free(&b.index);
	return rc;
}
