#ifndef PFTLS_CSYSTEMSHIM_H
#define PFTLS_CSYSTEMSHIM_H
/* POSIX calls that Swift's Glibc module does not show: the pseudo-terminal
   functions are declared only under _XOPEN_SOURCE, which the module is not built with. */
#include <stddef.h>

/* Opens a pseudo-terminal pair: the master (close-on-exec) and the slave, both
   read-write, neither becoming the controlling terminal. Returns 0, or -1 with errno. */
int pftls_open_pseudo_terminal(int *master, int *slave);

/* A pipe with both ends close-on-exec (pipe2 is declared only under _GNU_SOURCE).
   Returns 0, or -1 with errno. */
int pftls_pipe_cloexec(int ends[2]);

/* A descriptor that becomes readable when process `pid` ends (pidfd_open, Linux 5.3),
   close-on-exec; -1 with errno where the kernel lacks it. */
int pftls_pidfd_open(int pid);

/* Opens `path` relative to `directory` (AT_FDCWD for the working directory) as a
   location only (O_PATH, declared only under _GNU_SOURCE), with `flags` added: enough to
   fstat it and to open what lies under it, without the right to read it. -1 with errno. */
int pftls_open_location(int directory, const char *path, int flags);

#endif
