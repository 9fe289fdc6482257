#ifndef PFTLS_CNCURSES_SHIM_H
#define PFTLS_CNCURSES_SHIM_H
/* SwiftPM drops the -D flags from ncursesw's pkg-config output, so the wide
   character API has to be switched on here, before the header is read. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/ncurses.h>
#endif
