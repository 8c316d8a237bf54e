/* form.c — the edit form over prompt.c (see form.h). */
#include "tui/form.h"
#include "core/i18n.h"
#include "tui/prompt.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>

/* Fields of a level that `set` may change, by Chinese name, for Tab. */
static void settable_names(enum field_level level, const char **out, int max)
{
	int n = 0;
	for (int f = 0; f < FIELD_COUNT && n < max - 1; f++)
		if (model_fields[f].level == level &&
		    model_field_editable((enum field_id)f, level == LEVEL_MEMBER) == FIELD_EDITABLE)
			out[n++] = model_fields[f].zh;
	out[n] = NULL;
}

/* Why field f cannot be edited at this level, or NULL if it can. */
static const char *not_editable(int f, int member)
{
	switch (model_field_editable((enum field_id)f, member)) {
	case FIELD_EDIT_CASE:
		return _("belongs to a monitoring case: it changes through the case procedure");
	case FIELD_EDIT_READONLY:
		return _("is derived or an identity: it cannot be changed here");
	case FIELD_EDIT_ON_HOUSEHOLD:
		return _("is a household field, not a member's");
	case FIELD_EDIT_ON_MEMBER:
		return _("is a member's field: edit it on the member");
	case FIELD_EDITABLE:
		break;
	}
	return NULL;
}

static int choose_field(struct ui *ui, int member, int *field)
{
	const char *names[FIELD_COUNT + 1];
	char name[128] = "";
	settable_names(member > 0 ? LEVEL_MEMBER : LEVEL_HOUSEHOLD, names, FIELD_COUNT + 1);
	for (;;) {
		int rc = prompt_line(ui, _("field (Tab lists them): "), name, sizeof name, names);
		if (rc != PROMPT_OK)
			return rc;
		text_trim(name);
		int f = model_field_find(name);
		const char *why = f < 0 ? NULL : not_editable(f, member);
		if (f >= 0 && !why) {
			*field = f;
			return PROMPT_OK;
		}
		if (f < 0)
			ui_status(ui, 1, _("unknown field \"%s\": Tab offers the fields"), name);
		else
			ui_status(ui, 1, "%s %s", model_fields[f].zh, why);
	}
}

/* The labels of a coded field in the tables in effect, for Tab; buf holds CHOICES_MAX. */
#define CHOICES_MAX (CODE_LISTS_MAX + 1)
static const char *const *code_choices(struct ui *ui, const struct field *fd, const char **buf)
{
	if (!fd->codes)
		return NULL;
	const struct code_table *t = code_lists_table(store_code_lists(ui->s), fd->codes);
	int n = 0;
	for (int i = 0; i < t->count && n < CHOICES_MAX - 1; i++)
		buf[n++] = t->items[i].label;
	buf[n] = NULL;
	return buf;
}

/* A prompt did not give a value: cancelled, or the session is ending. */
static int stopped(struct ui *ui, const struct edit *e, int rc)
{
	if (rc == PROMPT_END) {
		if (e && e->field >= 0)
			drafts_save(ui, e, _("the session ended while this was being edited"));
		return FORM_END;   /* the prompt has set ui->quit */
	}
	ui_status(ui, 0, _("cancelled: nothing was changed"));
	return FORM_CANCELLED;
}

/* Ask the reason until one is given. */
static int ask_why(struct ui *ui, char *why, size_t n)
{
	return prompt_reason(ui, _("reason for the change (kept in the history): "), why, n);
}

static void value_label(const struct edit *e, char *out, size_t n)
{
	const struct field *fd = &model_fields[e->field];
	if (e->member > 0)
		snprintf(out, n, _("%s (%s) of member %d: "), fd->zh, fd->key, e->member);
	else
		snprintf(out, n, _("%s (%s): "), fd->zh, fd->key);
}

int form_edit(struct ui *ui, struct edit *e)
{
	int rc;
	if (e->field < 0 && (rc = choose_field(ui, e->member, &e->field)) != PROMPT_OK)
		return stopped(ui, NULL, rc);
	const char *why_not = not_editable(e->field, e->member);
	if (why_not) {
		ui_status(ui, 1, "%s %s", model_fields[e->field].zh, why_not);
		return FORM_REFUSED;
	}
	const struct field *fd = &model_fields[e->field];
	const char *buf[CHOICES_MAX];
	const char *const *choices = code_choices(ui, fd, buf);
	char label[256];
	value_label(e, label, sizeof label);
	for (;;) {
		if ((rc = prompt_line(ui, label, e->value, sizeof e->value, choices)) != PROMPT_OK ||
		    (rc = ask_why(ui, e->why, sizeof e->why)) != PROMPT_OK)
			return stopped(ui, e, rc);
		rc = store_household_set(ui->s, &ui->me, e->household, e->member, fd->key, e->value,
		                         e->version, e->why);
		if (rc == 0) {
			drafts_forget(ui, e);
			ui_changed(ui);
			ui_status(ui, 0, e->member ? _("saved: %s of %s (member) is now \"%s\"")
			                           : _("saved: %s of %s is now \"%s\""), fd->zh, e->household,
			          e->value);
			return FORM_SAVED;
		}
		if (rc == STORE_EINVAL) {          /* the value: fix it and try again */
			ui_status(ui, 1, "%s", store_error(ui->s));
			continue;
		}
		char msg[1024];
		snprintf(msg, sizeof msg, "%s", store_error(ui->s));
		if (rc == STORE_ESTALE || rc == STORE_EFAIL) {
			int kept = drafts_save(ui, e, msg) == 0;
			ui_changed(ui);     /* show what the other save changed */
			if (kept)
				ui_status(ui, 1, _("not saved, kept as a draft (%s): %s"), ui_key(ui, "generic", ACT_DRAFTS), msg);
			else
				ui_status(ui, 1, _("not saved: %s"), msg);
			return FORM_DRAFTED;
		}
		ui_status(ui, 1, "%s", msg);
		return FORM_REFUSED;
	}
}

int form_edit_many(struct ui *ui, char (*ids)[20], long n)
{
	struct edit e;
	memset(&e, 0, sizeof e);
	int rc = choose_field(ui, 0, &e.field);
	if (rc != PROMPT_OK)
		return stopped(ui, NULL, rc);
	const struct field *fd = &model_fields[e.field];
	const char *buf[CHOICES_MAX];
	char label[400], question[1400];
	snprintf(label, sizeof label, _("%s (%s) for all %ld: "), fd->zh, fd->key, n);
	if ((rc = prompt_line(ui, label, e.value, sizeof e.value, code_choices(ui, fd, buf))) != PROMPT_OK ||
	    (rc = ask_why(ui, e.why, sizeof e.why)) != PROMPT_OK)
		return stopped(ui, NULL, rc);
	snprintf(question, sizeof question, ngettext("set %s to \"%s\" on %ld tagged household?",
	                                             "set %s to \"%s\" on %ld tagged households?",
	                                             (unsigned long)n), fd->zh, e.value, n);
	rc = prompt_yesno(ui, question);
	if (rc != 1)
		return stopped(ui, NULL, rc == PROMPT_END ? PROMPT_END : PROMPT_CANCEL);
	long done = 0, refused = 0;
	char first[600] = "";
	for (long i = 0; i < n; i++) {
		if (store_household_set(ui->s, &ui->me, ids[i], 0, fd->key, e.value, 0, e.why) == 0) {
			done++;
			continue;
		}
		refused++;
		ui_log(ui, "%s: %s", ids[i], store_error(ui->s));
		if (!first[0])
			snprintf(first, sizeof first, "%s: %s", ids[i], store_error(ui->s));
	}
	ui_changed(ui);
	if (refused)
		ui_status(ui, 1, _("set %s on %ld of %ld; %ld refused (%s shows why), first: %s"), fd->zh,
		          done, n, refused, ui_key(ui, NULL, ACT_MESSAGES), first);
	else
		ui_status(ui, 0, ngettext("set %s to \"%s\" on %ld household",
		                          "set %s to \"%s\" on %ld households", (unsigned long)done),
		          fd->zh, e.value, done);
	return refused ? FORM_REFUSED : FORM_SAVED;
}
