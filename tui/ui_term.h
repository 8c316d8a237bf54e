/* ui_term.h — the terminal itself: checks before starting, curses set-up with the
 * settings the design measured (ncursesw, escdelay 25 ms, mouse off, raw keys), the
 * signals that must end the program cleanly (hang-up, SIGTERM: a flag, never curses
 * calls in a handler) and the restore on every way out (atexit as the last resort). */
#ifndef TUI_UI_TERM_H
#define TUI_UI_TERM_H

/* Start curses on the terminal; 0, or -1 with a message on stderr. */
int term_start(void);
/* Ask the terminal to mark pasted text (bracketed paste, keys.h KEY_PASTE_*), or to stop:
 * on at start and after a suspend, off at the end and before one. */
void term_paste(int on);
/* Restore the terminal (idempotent; also registered with atexit). */
void term_end(void);
/* The signal that asked bangfu to stop (SIGHUP, SIGTERM, ...), 0 if none. */
int term_signalled(void);

#endif
