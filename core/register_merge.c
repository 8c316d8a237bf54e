/* register_merge.c — a household read again from a register file, merged into the one
 * bangfu keeps (register_merge in register.h). The file is the register's truth for what
 * it carries; bangfu's is the truth for everything else, above all the casework. */
#include "core/register.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>

/* One member of the file, completed from bangfu's member with the same ID number. */
static int merge_member(struct member *out, const struct member *in, const struct member *was,
                        const char present[FIELD_COUNT])
{
	for (int f = MF_FIRST; f < MF_FIRST + MF_COUNT; f++) {
		const struct member *from = present[f] || !was ? in : was;
		if (member_set(out, (enum field_id)f, member_get(from, (enum field_id)f)))
			return -1;
	}
	const char *original = in->id_original ? in->id_original : was ? was->id_original : NULL;
	const char *birth = in->birth ? in->birth : was ? was->birth : NULL;
	return model_strset(&out->id_original, original) || model_strset(&out->birth, birth) ? -1 : 0;
}

static const struct member *member_with_id(const struct household *h, const char *id)
{
	for (int m = 0; m < h->nmembers; m++)
		if (strcmp(member_get(&h->members[m], MF_ID), id) == 0)
			return &h->members[m];
	return NULL;
}

/* The file's members, each completed from bangfu's; replaces kept's members. */
static int merge_members(struct household *kept, const struct household *in,
                         const char present[FIELD_COUNT])
{
	struct household fresh = {0}, old = {0};
	for (int m = 0; m < in->nmembers; m++) {
		struct member *out = household_add_member(&fresh);
		if (!out || merge_member(out, &in->members[m],
		                         member_with_id(kept, member_get(&in->members[m], MF_ID)), present)) {
			household_free(&fresh);
			return -1;
		}
	}
	old.members = kept->members;
	old.nmembers = kept->nmembers;
	kept->members = fresh.members;
	kept->nmembers = fresh.nmembers;
	household_free(&old);
	return 0;
}

static int copy_case(struct household *kept, const struct hcase *in)
{
	struct hcase *c = household_add_case(kept);
	if (!c)
		return -1;
	snprintf(c->id, sizeof c->id, "%s", in->id);
	for (int f = CF_FIRST; f < CF_FIRST + CF_COUNT; f++)
		if (case_set(c, (enum field_id)f, case_get(in, (enum field_id)f)))
			return -1;
	return model_strset(&c->state, in->state);
}

/* The file's case columns against bangfu's latest case: each difference is reported,
 * none applied. */
static void compare_case(const struct hcase *kept, const struct hcase *in,
                         const char present[FIELD_COUNT], register_note_fn note, void *ctx)
{
	for (int f = CF_FIRST; f < CF_FIRST + CF_COUNT; f++) {
		const char *a = case_get(kept, (enum field_id)f), *b = case_get(in, (enum field_id)f);
		if (!present[f] || strcmp(a, b) == 0 || !note)
			continue;
		char msg[512];
		text_errorf(msg, sizeof msg, "%s (%s) is \"%s\" in the file but \"%s\" in case %s: not "
		         "applied, a case changes through its procedure (bangfu case move)",
		         model_fields[f].zh, model_fields[f].key, b, a, kept->id);
		note(ctx, model_fields[f].zh, msg);
	}
}

int register_merge(struct household *kept, const struct household *in,
                   const char present[FIELD_COUNT], register_note_fn note, void *ctx)
{
	for (int f = HF_FIRST; f < HF_FIRST + HF_COUNT; f++)
		if (present[f] && household_set(kept, (enum field_id)f, household_get(in, (enum field_id)f)))
			return -1;
	if (merge_members(kept, in, present))
		return -1;
	if (in->ncases == 0)
		return 0;
	if (kept->ncases == 0)
		return copy_case(kept, &in->cases[0]);
	compare_case(&kept->cases[kept->ncases - 1], &in->cases[0], present, note, ctx);
	return 0;
}
