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
#endif
