/* out.c — stdout and stderr through the output sanitiser (out.h), with glibc's
 * fopencookie: the cookie holds the file descriptor and the stream state that keeps a
 * UTF-8 sequence split between two writes together. */
#define _GNU_SOURCE
#include "store/fd_write.h"
#include "tui/out.h"
#include "core/text.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

struct out_cookie {
	int fd;
	struct text_stream st;
};

/* Whether out_status's line is on the terminal (erased before anything else is printed). */
static int status_shown;

void out_status(const char *text)
{
	if (text) {
		fd_write_all(STDERR_FILENO, "\r", 1);
		fd_write_all(STDERR_FILENO, text, strlen(text));
	} else if (!status_shown) {
		return;
	}
	fd_write_all(STDERR_FILENO, text ? "\033[K" : "\r\033[K", text ? 3 : 4);
	status_shown = text != NULL;
}

static int emit_fd(void *ctx, const char *p, size_t n)
{
	return fd_write_all(*(int *)ctx, p, n);
}

static ssize_t cookie_write(void *cookie, const char *buf, size_t n)
{
	struct out_cookie *c = cookie;
	out_status(NULL);
	if (text_stream_write(&c->st, buf, n, emit_fd, &c->fd))
		return -1;
	return (ssize_t)n;
}

static int cookie_close(void *cookie)
{
	struct out_cookie *c = cookie;
	int rc = text_stream_finish(&c->st, emit_fd, &c->fd);
	free(c);
	return rc ? EOF : 0;
}

static FILE *sanitising(int fd, int mode)
{
	struct out_cookie *c = calloc(1, sizeof *c);
	cookie_io_functions_t io = {NULL, cookie_write, NULL, cookie_close};
	FILE *f = c ? fopencookie(c, "w", io) : NULL;
	if (!f) {
		free(c);
		return NULL;
	}
	c->fd = fd;
	setvbuf(f, NULL, mode, mode == _IONBF ? 0 : mode == _IOFBF ? 65536 : BUFSIZ);
	return f;
}

int out_setup(struct out_saved *saved, int with_stdout)
{
	saved->out = stdout;
	saved->err = stderr;
	FILE *err = sanitising(STDERR_FILENO, _IONBF);
	FILE *out = with_stdout ? sanitising(STDOUT_FILENO, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF)
	                        : NULL;
	if (!err || (with_stdout && !out)) {
		if (err)
			fclose(err);
		if (out)
			fclose(out);
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	stderr = err;
	if (out)
		stdout = out;
	return 0;
}

int out_finish(struct out_saved *saved)
{
	int rc = 0;
	if (stdout != saved->out) {
		rc |= fclose(stdout);
		stdout = saved->out;
	}
	if (stderr != saved->err) {
		rc |= fclose(stderr);
		stderr = saved->err;
	}
	return rc ? -1 : 0;
}

int out_write_data(const void *p, size_t n)
{
	if (isatty(STDOUT_FILENO))
		return fwrite(p, 1, n, stdout) == n ? 0 : -1;
	if (fflush(stdout))
		return -1;
	return fd_write_all(STDOUT_FILENO, p, n);
}
