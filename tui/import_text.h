/* import_text.h — the text of a register file for `import households`, read twice (a
 * check pass, then a write pass) without holding it all in memory: a UTF-8 file is
 * mapped and the pages the reader has passed are dropped again; any other (stdin, which
 * cannot be read twice, GBK/GB18030, UTF-16, a file that is not valid UTF-8) is read and
 * converted whole as before (cli_read_utf8), its text held while both passes run. */
#ifndef TUI_IMPORT_TEXT_H
#define TUI_IMPORT_TEXT_H
#include <stddef.h>

struct import_text {
	const char *utf8;
	size_t len;
	const char *used;     /* the encoding read */
	char *owned;          /* read whole: freed at close */
	void *map;            /* mapped: unmapped at close */
	size_t maplen;
	int fd;               /* the mapped file, kept open to see whether it changes */
	long long size, mtime_ns;
};

/* Open file (or "-") as UTF-8 text; errors are printed. Returns 0 or -1. */
int import_text_open(struct import_text *t, const char *file, const char *encoding);
/* The reader has passed offset (into utf8): drop the mapped pages before it. */
void import_text_past(void *t, size_t offset);
/* 1 if the mapped file was written to since it was opened (the write pass would not
 * read what the check pass read: a truncated file even ends the process, SIGBUS, before
 * the COMMIT, which leaves nothing written). */
int import_text_changed(const struct import_text *t);
void import_text_close(struct import_text *t);

#endif
