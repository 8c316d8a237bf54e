/* drafts.h — forms that could not be saved, kept on disk so nothing typed is lost: when
 * the store refuses a save (someone else changed the household first, or the disk is
 * full) and when the session ends in the middle of a form (SSH hang-up, SIGTERM). On the
 * next start the UI offers them (the drafts view, `w`). One mechanism for every form: a
 * field edit (E), a visit (V), a measure (M), a new case (C); a draft names its form, the
 * household, and keeps the form's answers by key.
 *
 * One file a draft, mode 0600, in $XDG_DATA_HOME/bangfu/drafts (else
 * ~/.local/share/bangfu/drafts, else DIR/drafts), named after the user, the data
 * directory, the household and the form (for an edit: member and field), so a newer draft
 * of the same form replaces the older. The text is `key: value` lines escaped as the
 * audit records are. */
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

/* One answer of a form, by the key the form asks it under (date, findings, why...). */
#define DRAFT_ANSWERS 16
struct draft_answer { char key[24]; char value[1024]; };

#define DRAFT_EDIT "edit"     /* the form of a field edit (E) */
struct draft {
	char form[16];        /* DRAFT_EDIT, "visit", "measure", "case-open" */
	struct edit e;        /* household (all forms); member, field, version, value, why (edit) */
	struct draft_answer a[DRAFT_ANSWERS];   /* the other forms' answers, in asking order */
	int n;
	char file[4096];      /* where it is kept */
	char problem[512];    /* why it is a draft */
	long saved;           /* unix time */
};

/* Keep d (form, e.household, and e or the answers) as a draft, saying why; 0 or -1
 * (status set). */
int drafts_keep(struct ui *ui, const struct draft *d, const char *problem);
/* Forget the draft of d's form and household (member and field for an edit), if any. */
void drafts_drop(struct ui *ui, const struct draft *d);
/* The answer to key in d, or NULL. */
const char *draft_answer(const struct draft *d, const char *key);
/* Add an answer to d; -1 when it is full. */
int draft_add(struct draft *d, const char *key, const char *value);
/* The field edit e as a draft (drafts_keep) and forgetting it (drafts_drop). */
int drafts_save(struct ui *ui, const struct edit *e, const char *problem);
void drafts_forget(struct ui *ui, const struct edit *e);
/* The drafts of this user on this data directory, newest first (free with free()). */
int drafts_list(struct ui *ui, struct draft **out, int *n);

#endif
