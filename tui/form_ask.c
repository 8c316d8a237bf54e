/* form_ask.c — the several-answer forms of the household view, asked in turn, resumed
 * from and kept as drafts (see form_ask.h). */
#include "tui/form_ask.h"
#include "core/i18n.h"
#include "tui/view_util.h"
#include "tui/prompt.h"
#include <stdio.h>
#include <string.h>

/* The form's answers so far as a draft. */
static void as_draft(const struct form_ask *f, struct draft *d)
{
	memset(d, 0, sizeof *d);
	snprintf(d->form, sizeof d->form, "%s", f->form);
	snprintf(d->e.household, sizeof d->e.household, "%s", f->household);
	d->e.field = -1;
	for (int i = 0; i < f->n; i++)
		draft_add(d, f->q[i].key, f->q[i].buf);
}

static int keep(struct ui *ui, const struct form_ask *f, const char *problem)
{
	struct draft d;
	as_draft(f, &d);
	return drafts_keep(ui, &d, problem);
}

void form_ask_resume(struct form_ask *f, const struct draft *d)
{
	for (int i = 0; d && i < f->n; i++) {
		const char *v = draft_answer(d, f->q[i].key);
		if (v)
			snprintf(f->q[i].buf, f->q[i].n, "%s", v);
	}
}

static int ask_one(struct ui *ui, struct ask *q)
{
	switch (q->kind) {
	case ASK_CODE:
	case ASK_CODE_OPTIONAL:
		return view_ask_code(ui, q->label, q->codes, q->kind == ASK_CODE_OPTIONAL, q->buf, q->n);
	case ASK_CODES:
		return view_ask_codes(ui, q->label, q->codes, q->buf, q->n);
	case ASK_REASON:
		return view_ask_reason(ui, q->label, q->buf, q->n);
	default:
		return view_ask_text(ui, q->label, q->kind == ASK_OPTIONAL, q->buf, q->n);
	}
}

int form_ask_run(struct ui *ui, struct form_ask *f)
{
	for (int i = 0; i < f->n; i++) {
		if (f->q[i].skip)
			continue;
		int rc = ask_one(ui, &f->q[i]);
		if (rc == PROMPT_END)
			keep(ui, f, _("the session ended while this was being entered"));
		if (rc != PROMPT_OK)
			return rc;
		if (f->after && f->after(ui, f, i))
			i--;                     /* refused: the same question again */
	}
	return PROMPT_OK;
}

int form_ask_done(struct ui *ui, struct form_ask *f, int rc)
{
	struct draft d;
	if (rc == 0) {
		as_draft(f, &d);
		drafts_drop(ui, &d);
		return 0;
	}
	if (rc == STORE_EFAIL || rc == STORE_ESTALE) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s", store_error(ui->s));
		if (keep(ui, f, msg) == 0) {
			ui_status(ui, 1, _("not saved, kept as a draft (%s): %s"), ui_key(ui, "generic", ACT_DRAFTS), msg);
			return rc;
		}
	}
	return ui_store_error(ui, rc);
}
