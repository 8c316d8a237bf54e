/* prompt.h — input on the status row: a line editor for Chinese and other wide text
 * (read with get_wch, measured in cells, scrolled sideways when long), a yes/no question
 * and a single key. Esc, ^G or ^C cancel; Enter accepts; Tab completes from a list. */
#ifndef TUI_PROMPT_H
#define TUI_PROMPT_H
#include "tui/ui_view.h"

enum { PROMPT_OK = 0, PROMPT_CANCEL = 1, PROMPT_END = -1 };

/* Edit buf (n bytes, UTF-8, holding the initial text) after label. choices (may be NULL,
 * NULL-terminated) are offered in turn by Tab among those starting with what was typed.
 * Returns PROMPT_OK, PROMPT_CANCEL, or PROMPT_END when input ended (hang-up, signal):
 * buf then holds what was typed so far, for a draft. Every prompt here sets ui->quit
 * when it returns PROMPT_END, so a caller only stops what it was doing. */
/* Ask a reason: prompt_line until something other than spaces is typed (an empty
 * reason is refused in the status line). Returns as prompt_line does. */
int prompt_reason(struct ui *ui, const char *label, char *buf, size_t n);
int prompt_line(struct ui *ui, const char *label, char *buf, size_t n,
                const char *const *choices);
/* Ask a question; 1 for y/Y, 0 for anything else, PROMPT_END. */
int prompt_yesno(struct ui *ui, const char *question);
/* Show label and read one key into *key: PROMPT_OK, PROMPT_CANCEL (Esc) or PROMPT_END. */
int prompt_key(struct ui *ui, const char *label, int *key);

#endif
