#ifndef PFTLS_CCURSESSHIM_H
#define PFTLS_CCURSESSHIM_H
/* Functions for ncurses macros that Swift cannot import. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/ncurses.h>

int pftls_attr_bold(void);
int pftls_attr_reverse(void);
int pftls_attr_underline(void);
int pftls_attr_dim(void);
int pftls_color_pair(int pair);
int pftls_key_f(int n);
/* stdscr is a global variable, which Swift 6 treats as shared mutable state. */
WINDOW *pftls_stdscr(void);

/* Signal handling for the terminal session: SIGHUP, SIGTERM and SIGINT only
   set a flag (async-signal-safe); the UI loop sees it, finishes any commit in
   progress, and restores the terminal. Returns the signal number seen, or 0. */
void pftls_watch_exit_signals(void);
int pftls_exit_signal(void);

/* Saves the terminal settings and, on SIGSEGV, SIGBUS, SIGILL (a Swift trap), SIGTRAP,
   SIGABRT or SIGFPE, restores them before the signal takes its course. Call before curses starts. */
void pftls_watch_fatal_signals(void);

/* 1 when TERM names a terminal curses can drive (known, with cursor addressing); 0 for
   dumb or unknown terminals, where initscr would exit with its own message. */
int pftls_terminal_usable(void);
#endif
