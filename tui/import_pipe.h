/* import_pipe.h — the pieces of a register file read on a thread of its own while the
 * caller checks the one before against the database and writes it (import households):
 * parsing and checking the rows is pure work on the file, a sixth of an import's time,
 * and the machine has a second core. The reports of a piece (its defects, by line) are
 * given to the caller's report function on the caller's thread when it takes the piece,
 * so they come out in the file's order as before, between those of the pieces before and
 * after it. The stream's code lists must not change meanwhile (an import holds the write
 * lock: no other connection commits settings). */
#ifndef TUI_IMPORT_PIPE_H
#define TUI_IMPORT_PIPE_H
#include "core/register.h"

struct import_pipe;

/* A pipe reporting to report(ctx); its report function and context are what
 * register_stream_open is given (import_pipe_report, p), and what the open reported is
 * given on at once. Returns 0, or -1 out of memory (*p NULL). */
int import_pipe_new(struct import_pipe **p, register_report_fn report, void *ctx);
void import_pipe_report(void *p, long line, const char *column, const char *msg);
/* Start reading st's pieces of `want` households ahead of the caller (st opened with the
 * pipe's report; it belongs to the thread until import_pipe_free). On failure to start
 * a thread the pieces are read by import_pipe_next itself. */
void import_pipe_start(struct import_pipe *p, struct register_stream *st, int want);
/* The next piece into b, as register_stream_next returns (1, 0 at the end, -1), after
 * its reports were given on; the file's households once known (else 0) into *households. */
int import_pipe_next(struct import_pipe *p, struct register_batch *b, int *households);
/* Stop the thread (after the piece it is reading) and free the pipe; st is the
 * caller's again. */
void import_pipe_free(struct import_pipe *p);

#endif
