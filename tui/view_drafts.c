/* view_drafts.c — the edits kept as drafts (tui/drafts.h), newest first: which household
 * and field, the value, the reason and why it was not saved. Enter resumes one (the
 * household opens and the form comes back filled in, against the data now on screen);
 * X discards one after asking. Offered at start-up when there are any. */
#include "tui/ui_view.h"
#include "core/i18n.h"
#include "tui/drafts.h"
#include "tui/prompt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct drafts_view { struct draft *d; int n; };

static int drafts_open(struct ui *ui, struct view *v)
{
	struct drafts_view *D = v->priv;
	free(D->d);
	drafts_list(ui, &D->d, &D->n);
	v->lines = D->n;
	v->at_start = v->at_end = 1;
	v->dirty = 1;
	return 0;
}

static void describe(const struct draft *d, char *out, size_t n)
{
	char when[32];
	time_t t = (time_t)d->saved;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%m-%d %H:%M", &tm);
	if (strcmp(d->form, DRAFT_EDIT) != 0) {      /* a visit, measure, case: its answers */
		size_t used = (size_t)snprintf(out, n, "%s  %s %s:", when, d->e.household, d->form);
		for (int i = 0; i < d->n && used < n; i++)
			if (d->a[i].value[0] && strcmp(d->a[i].key, "why") != 0)
				used += (size_t)snprintf(out + used, n - used, " %s=\"%s\"", d->a[i].key,
				                         d->a[i].value);
		const char *why = draft_answer(d, "why");
		if (used < n)
			snprintf(out + used, n - used, _("  why: %s  [not saved: %s]"), why ? why : "",
			         d->problem);
		return;
	}
	const char *field = d->e.field >= 0 ? model_fields[d->e.field].zh : "?";
	char member[24] = "";
	if (d->e.member)
		snprintf(member, sizeof member, _(" member %d"), d->e.member);
	snprintf(out, n, _("%s  %s%s %s = \"%s\"  why: %s  [%s: %s]"), when, d->e.household, member,
	         field, d->e.value, d->e.why, _("not saved"), d->problem);
}

static void drafts_draw(struct ui *ui, struct view *v, long line, int y, int selected)
{
	char text[3000];
	describe(&((struct drafts_view *)v->priv)->d[line], text, sizeof text);
	draw_text(y, 0, COLS, text, selected ? draw_style(ST_CURSOR) : A_NORMAL, 0);
}

static int drafts_text(struct view *v, long line, char *out, size_t n)
{
	describe(&((struct drafts_view *)v->priv)->d[line], out, n);
	return 0;
}

static void drafts_title(struct ui *ui, struct view *v, char *out, size_t n)
{
	snprintf(out, n, ngettext("Drafts  (%ld unsaved edit: %s resumes, %s discards)",
	                          "Drafts  (%ld unsaved edits: %s resumes, %s discards)", (unsigned long)v->lines),
	         v->lines, ui_key(ui, "drafts", ACT_OPEN), ui_key(ui, "drafts", ACT_DISCARD));
}

static int drafts_request(struct ui *ui, struct view *v, enum action a)
{
	struct drafts_view *D = v->priv;
	if (a == ACT_OPEN) {
		struct draft d = D->d[v->pos];
		return view_household_resume(ui, &d);
	}
	if (a == ACT_DISCARD) {
		int yes = prompt_yesno(ui, _("discard this draft? what it holds is lost"));
		if (yes != 1)
			return REQ_DONE;
		if (unlink(D->d[v->pos].file) != 0)
			ui_status(ui, 1, _("cannot remove %s"), D->d[v->pos].file);
		else
			ui_status(ui, 0, _("draft discarded"));
		return drafts_open(ui, v);
	}
	return REQ_PASS;
}

static void drafts_close(struct view *v)
{
	struct drafts_view *D = v->priv;
	free(D->d);
}

const struct view_ops view_drafts_ops = {
	.name = "drafts",
	.priv_size = sizeof(struct drafts_view),
	.open = drafts_open,
	.draw = drafts_draw,
	.request = drafts_request,
	.title = drafts_title,
	.text = drafts_text,
	.close = drafts_close,
};

int view_drafts_push(struct ui *ui)
{
	return ui_push(ui, &view_drafts_ops, NULL);
}
