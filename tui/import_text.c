/* import_text.c — a register file's text for the two passes of an import (see
 * import_text.h). */
#include "tui/import_text.h"
#include "tui/cli.h"
#include "tui/userfiles.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK_STEP (16u << 20)   /* validated, then dropped, 16 MiB at a time */

/* 1 if the mapped text is UTF-8 throughout: checked in steps that end before a lead
 * byte, each dropped once checked, so that the check does not hold the file either. */
static int mapped_utf8(struct import_text *t, const char *p, size_t n)
{
	size_t at = 0;
	while (at < n) {
		size_t end = n - at > CHECK_STEP ? at + CHECK_STEP : n;
		while (end < n && ((unsigned char)p[end] & 0xC0) == 0x80)
			end++;
		if (!text_valid_utf8(p + at, end - at))
			return 0;
		at = end;
		import_text_past(t, at);
	}
	return 1;
}

/* Map a regular UTF-8 file; 1 when done, 0 when it must be read whole instead. */
static int map_file(struct import_text *t, const char *file, const char *encoding)
{
	struct stat st;
	if (strcmp(file, "-") == 0 || (encoding && strcasecmp(encoding, "auto") != 0 &&
	                               strcasecmp(encoding, "UTF-8") != 0 && strcasecmp(encoding, "UTF8") != 0))
		return 0;
	FILE *f = userfiles_fopen(file, "rb");
	if (!f)
		return 0;   /* reported by the whole read */
	void *map = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0
	          ? mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fileno(f), 0) : MAP_FAILED;
	t->fd = map == MAP_FAILED ? -1 : dup(fileno(f));
	fclose(f);
	if (map == MAP_FAILED || t->fd < 0) {
		if (map != MAP_FAILED)
			munmap(map, (size_t)st.st_size);
		return 0;
	}
	t->size = (long long)st.st_size;
	t->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
	t->map = map;
	t->maplen = (size_t)st.st_size;
	const char *p = map;
	size_t n = t->maplen;
	if (!mapped_utf8(t, p, n)) {
		import_text_close(t);
		return 0;
	}
	while (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3, n -= 3;   /* a BOM, or one added twice by two tools */
	t->utf8 = p;
	t->len = n;
	t->used = "UTF-8";
	return 1;
}

int import_text_open(struct import_text *t, const char *file, const char *encoding)
{
	memset(t, 0, sizeof *t);
	t->fd = -1;
	if (map_file(t, file, encoding))
		return 0;
	if (cli_read_utf8(file, encoding, &t->owned, &t->len, &t->used))
		return -1;
	t->utf8 = t->owned;
	return 0;
}

void import_text_past(void *ctx, size_t offset)
{
	struct import_text *t = ctx;
	if (!t->map)
		return;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t upto = ((size_t)(t->utf8 ? t->utf8 - (const char *)t->map : 0) + offset) / page * page;
	if (upto > t->maplen)
		upto = t->maplen / page * page;
	if (upto)
		madvise(t->map, upto, MADV_DONTNEED);   /* read again, it comes back from the file */
}

int import_text_changed(const struct import_text *t)
{
	struct stat st;
	if (t->fd < 0)
		return 0;   /* read whole: the passes read one copy */
	return fstat(t->fd, &st) != 0 || (long long)st.st_size != t->size ||
	       (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec != t->mtime_ns;
}

void import_text_close(struct import_text *t)
{
	if (t->map)
		munmap(t->map, t->maplen);
	if (t->fd >= 0)
		close(t->fd);
	free(t->owned);
	memset(t, 0, sizeof *t);
	t->fd = -1;
}
