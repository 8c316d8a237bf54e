/* drafts.h — edits that could not be saved, kept on disk so nothing typed is lost: when
 * the store refuses a save (someone else changed the household first, or the disk is
 * full) and when the session ends in the middle of a form (SSH hang-up, SIGTERM). On the
 * next start the UI offers them (the drafts view, `w`).
 *
 * One file a draft, mode 0600, in $XDG_DATA_HOME/bangfu/drafts (else
 * ~/.local/share/bangfu/drafts, else DIR/drafts), named after the user, the data
 * directory, the household, member and field, so a newer draft of the same field replaces
 * the older. The text is `key: value` lines escaped as the audit records are. */
#ifndef TUI_DRAFTS_H
#define TUI_DRAFTS_H
#include "tui/ui_view.h"

/* struct edit.field of an income assessment's draft (tui/income_form.c): value holds the
 * form's answers, kept under the field name "income". */
#define DRAFT_INCOME FIELD_COUNT

/* An edit of one field, as a form collects it and a draft keeps it. */
struct edit {
	char household[20];
	int member;           /* 0: the household itself; N: its Nth member */
	int field;            /* enum field_id, -1 not chosen yet */
	long version;         /* the household version the edit was based on (0: current) */
	char value[1024];
	char why[512];
};

struct draft {
	struct edit e;
	char file[4096];      /* where it is kept */
	char problem[512];    /* why it is a draft */
	long saved;           /* unix time */
};

/* Keep e as a draft, saying why; 0 or -1 (status set). */
int drafts_save(struct ui *ui, const struct edit *e, const char *problem);
/* The drafts of this user on this data directory, newest first (free with free()). */
int drafts_list(struct ui *ui, struct draft **out, int *n);
/* The field name a draft keeps ("income" for DRAFT_INCOME), "" when none. */
const char *drafts_field_key(int field);
/* Forget the draft of e's household, member and field, if any. */
void drafts_forget(struct ui *ui, const struct edit *e);

#endif
