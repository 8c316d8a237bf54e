/* form_ask.h — a form of several answers asked in turn on the status line (the visit V,
 * measure M and new-case C forms of the household view): each answer prefilled from a
 * draft when the form is resumed, kept as a draft (tui/drafts.h) when the session ends
 * in the middle of the form (hang-up, SIGTERM) or the store cannot save it. */
#ifndef TUI_FORM_ASK_H
#define TUI_FORM_ASK_H
#include "tui/drafts.h"
#include "core/codes.h"

enum ask_kind { ASK_TEXT, ASK_OPTIONAL, ASK_CODE, ASK_CODE_OPTIONAL, ASK_CODES, ASK_REASON };

struct ask {
	const char *key;                 /* the answer's name in a draft: date, findings, why */
	const char *label;
	enum ask_kind kind;
	const struct code_table *codes;  /* ASK_CODE*: the shipped table (Tab offers its labels) */
	char *buf;                       /* the answer (its initial text: the default) */
	size_t n;
	int skip;                        /* not asked (set by the form's `after`) */
};

struct form_ask {
	const char *form;                /* the draft's form: "visit", "measure", "case-open" */
	const char *household;
	struct ask *q;
	int n;
	/* called after answer i is given, to skip later questions an answer made moot, or to
	 * refuse it (a non-zero return: the status says why, answer i is asked again); NULL:
	 * every question is asked */
	int (*after)(struct ui *ui, struct form_ask *f, int i);
	const void *ctx;                 /* for `after` */
};

/* Fill the answers from draft d (NULL: keep the defaults). */
void form_ask_resume(struct form_ask *f, const struct draft *d);
/* Ask each answer in turn. PROMPT_OK; PROMPT_CANCEL (nothing kept); PROMPT_END when the
 * session ended: what was typed so far is kept as a draft and the UI stops. */
int form_ask_run(struct ui *ui, struct form_ask *f);
/* After the store's answer rc: on success forget the form's draft (0); when the store
 * failed or the household changed meanwhile, keep the answers as a draft; otherwise the
 * store's refusal in the status line. Returns rc. */
int form_ask_done(struct ui *ui, struct form_ask *f, int rc);

#endif
