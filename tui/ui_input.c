/* ui_input.c — reading the keyboard: one key at a time, normalised (keys.h), ending on
 * input EOF or a stop signal, and pasted text outside a prompt skipped. Apart from ui.c
 * (the dispatch, which opens views) so that the prompt, which every view uses, does not
 * lead back to ui.c. */
#include "tui/ui_view.h"
#include "core/i18n.h"
#include "tui/ui_term.h"
#include <errno.h>
#include <time.h>

/* One input as a key (keys.h): Enter, Backspace and keypad keys made the same. */
static int normalise(int r, wint_t wc)
{
	if (r == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			return KEY_ENTER_;
		if (wc == KEY_BACKSPACE)
			return KEY_BS_;
		return KEY_FN((int)wc);
	}
	if (wc == '\r' || wc == '\n')
		return KEY_ENTER_;
	if (wc == 8)
		return KEY_BS_;
	return (int)wc;
}

int ui_wait_key(struct ui *ui, int *key, int idle_ms)
{
	/* A blocking get_wch returns ERR only at end of input, on an error, or when a
	 * signal interrupted it: after an SSH hang-up the terminal reads EOF forever, so
	 * any ERR that is not a harmless interruption (or the idle wait running out) ends
	 * the program (no busy loop). */
	for (int interrupted = 0; interrupted < 8; interrupted++) {
		if (term_signalled())
			return -1;
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		wint_t wc;
		errno = 0;
		timeout(idle_ms > 0 ? idle_ms : -1);
		int r = get_wch(&wc);
		timeout(-1);
		if (r != ERR) {
			*key = normalise(r, wc);
			return 0;
		}
		if (errno == EINTR)
			continue;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		long ms = (long)(t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
		if (idle_ms > 0 && ms >= idle_ms - idle_ms / 10)
			return 1;
		return -1;
	}
	(void)ui;
	return -1;
}

int ui_read_key(struct ui *ui, int *key)
{
	return ui_wait_key(ui, key, 0);
}

int ui_skip_paste(struct ui *ui)
{
	int key;
	long n = 0;
	while (ui_read_key(ui, &key) == 0) {
		if (key == KEY_PASTE_END_) {
			ui_status(ui, 1, ngettext("pasted text is not keys: %ld character ignored (paste into a "
			                          "prompt)", "pasted text is not keys: %ld characters ignored "
			                          "(paste into a prompt)", (unsigned long)n), n);
			return 0;
		}
		n++;
	}
	return -1;
}
