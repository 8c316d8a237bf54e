/* ui_term.c — terminal checks, curses start and restore, and stop signals (ui_term.h). */
#include "tui/ui.h"
#include "core/i18n.h"
#include "tui/ui_term.h"
#include "tui/draw.h"
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop_signal;
static SCREEN *screen;

static void on_stop(int sig)
{
	stop_signal = sig;
}

int term_signalled(void)
{
	return (int)stop_signal;
}

static int locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int ui_preflight(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("bangfu: the terminal UI needs a terminal on stdin and stdout; in "
		        "scripts use a verb such as `bangfu list` (bangfu --help lists them)\n"));
		return EXIT_FAIL;
	}
	if (!locale_is_utf8()) {
		const char *was = setlocale(LC_CTYPE, NULL);
		char old[64];
		snprintf(old, sizeof old, "%s", was ? was : "C");
		if (!setlocale(LC_ALL, "C.UTF-8") || !locale_is_utf8()) {
			fprintf(stderr, _("bangfu: the terminal UI needs a UTF-8 locale for Chinese text "
			        "(the locale is \"%s\" and C.UTF-8 is not installed): set LANG=zh_CN.UTF-8 "
			        "or LANG=C.UTF-8\n"), old);
			return EXIT_FAIL;
		}
	}
	return EXIT_OK;
}

/* newterm reading only the system's terminal descriptions when bangfu runs setgid
 * (store_shared): ncurses trusts $TERMINFO, $TERMINFO_DIRS, $TERMCAP and ~/.terminfo
 * unless the real and effective groups differ, and userfiles_setup makes them the same,
 * so a caller could have a file of their own parsed with the bangfu group held. */
static SCREEN *newterm_system_only(void)
{
	if (!store_shared())
		return newterm(NULL, stdout, stdin);
	unsetenv("TERMINFO");
	unsetenv("TERMINFO_DIRS");
	unsetenv("TERMCAP");
	char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	unsetenv("HOME");
	SCREEN *s = newterm(NULL, stdout, stdin);
	if (home)
		setenv("HOME", home, 1);
	free(home);
	return s;
}

int term_start(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;    /* no SA_RESTART: a blocked get_wch returns ERR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	const char *term = getenv("TERM");
	screen = newterm_system_only();
	if (!screen) {
		fprintf(stderr, _("bangfu: cannot start the terminal UI on TERM=%s (unknown terminal "
		        "type?)\n"), term ? term : "(unset)");
		return -1;
	}
	atexit(term_end);
	/* ncurses 6.4 keeps a screen made by newterm in its initial state until the first
	 * endwin and refresh, and in that state flushes its output at every cursor movement
	 * (for programs that use only its terminfo level): each screen update went out as
	 * one write() per changed span, 70 or more of a few bytes for a screen of rows, each
	 * waking the terminal (tmux: on 2 cores it and the UI took turns). One cycle, before
	 * anything is drawn, makes updates one write (docs/performance.md, "Search and the
	 * first screens"). */
	endwin();
	refresh();
	set_escdelay(25);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	define_key("\033[200~", KEY_MAX + 1);      /* KEY_PASTE_BEGIN_ */
	define_key("\033[201~", KEY_MAX + 2);      /* KEY_PASTE_END_ */
	term_paste(1);
	intrflush(stdscr, FALSE);
	mousemask(0, NULL);
	curs_set(0);
	const char *no_colour = getenv("NO_COLOR");
	draw_init(!(no_colour && no_colour[0]));
	return 0;
}

void term_paste(int on)
{
	fputs(on ? "\033[?2004h" : "\033[?2004l", stdout);
	fflush(stdout);
}

void term_end(void)
{
	if (!screen)
		return;
	term_paste(0);
	endwin();
	delscreen(screen);
	screen = NULL;
	fflush(stdout);
}
