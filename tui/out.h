/* out.h — the one way out for text the command-line verbs print: stdout and stderr are
 * replaced at start by streams that pass every byte through core/text_stream.c, so no
 * value (old history written before the input rule included) reaches the terminal with
 * a control, bidi or invisible character raw (docs/text.md). The exceptions write
 * around it on purpose: `export households` to a file or pipe (CSV for a spreadsheet and
 * for re-import, byte for byte: out_write_data) and the terminal UI (ncurses draws through text_fit). */
#ifndef TUI_OUT_H
#define TUI_OUT_H
#include <stdio.h>

/* The streams in effect before out_setup, put back by out_finish. */
struct out_saved { FILE *out, *err; };

/* Put stderr, and stdout too when `with_stdout` (not for the terminal UI, which needs
 * the real stdout for ncurses), through the sanitiser. Returns 0, or -1 (nothing
 * replaced) when a stream cannot be made. */
int out_setup(struct out_saved *saved, int with_stdout);
/* Flush and close the sanitising streams (a UTF-8 sequence cut short at the very end is
 * shown as <XX>), and put the saved ones back. Returns -1 if a write failed. */
int out_finish(struct out_saved *saved);
/* Data for a file (the export's CSV): written to standard output unchanged, after what
 * was printed before; but when standard output is a terminal it is shown through the
 * sanitiser like everything else (line ends then show as ^M). Returns 0 or -1. */
int out_write_data(const void *p, size_t n);
/* A status line on the terminal's stderr (tui/progress.c, our own words and numbers only):
 * "\r<text>" and erase to the end of the line; NULL erases it. Whatever else is printed
 * on stdout or stderr erases it first. */
void out_status(const char *text);

#endif
