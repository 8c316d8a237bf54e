/* fd_write.h — writing a whole buffer to a file descriptor through short writes and
 * signals (the pack writer, tui/out.c's terminal output). */
#ifndef STORE_FD_WRITE_H
#define STORE_FD_WRITE_H
#include <stddef.h>

/* Write all n bytes of p to fd, again after EINTR or a short write: 0, or -1 with errno
 * set (0 from write(2) counts as a failure). */
int fd_write_all(int fd, const void *p, size_t n);

#endif
